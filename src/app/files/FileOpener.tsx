import { useState } from 'react';
import { useOpenedFiles } from './openedFilesStore';

/** Drop or pick trace files (Jaeger, OTLP, Tempo or Zipkin JSON); nothing leaves the browser. */
export function FileOpener() {
  const open = useOpenedFiles((state) => state.open);
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
        setDragging(false);
        void open([...event.dataTransfer.files]);
      }}
    >
      <label className="file-button">
        Open trace file
        <input
          type="file"
          accept=".json,application/json"
          multiple
          className="sr-only"
          onChange={(event) => {
            void open([...(event.target.files ?? [])]);
            event.target.value = '';
          }}
        />
      </label>
      <span className="muted">or drop Jaeger, OTLP, Tempo or Zipkin JSON here. Files are read in your browser only.</span>
    </div>
  );
}
