import { useState } from 'react';
import { TraceFileInput } from './TraceFileInput';
import { useOpenFiles } from './useOpenFiles';

/**
 * Drop or pick trace files (Jaeger, OTLP, Tempo or Zipkin JSON); nothing leaves the browser.
 * One trace opens in the trace view; several are listed on the files page.
 */
export function FileOpener() {
  const open = useOpenFiles();
  const [dragging, setDragging] = useState(false);
  return (
    <div
      className={dragging ? 'drop-zone dragging' : 'drop-zone'}
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(event) => {
        event.preventDefault();
        // The app-wide drop target (OpenFileButton) must not open the same files again.
        event.stopPropagation();
        setDragging(false);
        void open([...event.dataTransfer.files]);
      }}
    >
      <label className="file-button">
        Open trace file
        <TraceFileInput onFiles={(files) => void open(files)} />
      </label>
      <span className="muted">or drop Jaeger, OTLP, Tempo or Zipkin JSON here. Files are read in your browser only.</span>
    </div>
  );
}
