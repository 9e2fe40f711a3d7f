import { useEffect, useRef, useState } from 'react';
import { TraceFileInput } from './TraceFileInput';
import { useOpenFiles } from './useOpenFiles';
import './files.css';

const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') === true;

/**
 * The top bar's "Open file" button, and the app-wide drop target: trace files dropped
 * anywhere on the page are opened (in the browser only; nothing is uploaded).
 */
export function OpenFileButton() {
  const openFiles = useOpenFiles();
  const [dragging, setDragging] = useState(false);
  const depth = useRef(0);
  // The latest callback, so the window listeners are attached once.
  const openRef = useRef(openFiles);
  useEffect(() => {
    openRef.current = openFiles;
  });

  useEffect(() => {
    const enter = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      depth.current++;
      setDragging(true);
    };
    const leave = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setDragging(false);
    };
    const over = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const drop = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      depth.current = 0;
      setDragging(false);
      void openRef.current([...(event.dataTransfer?.files ?? [])]);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, []);

  return (
    <>
      <label className="topbar-open-file" title="Open a Jaeger, OTLP, Tempo or Zipkin JSON file (or drop it anywhere)">
        Open file
        <TraceFileInput onFiles={(files) => void openFiles(files)} />
      </label>
      {dragging && (
        <div className="drop-overlay" role="status">
          <p>Drop trace files to open them</p>
          <p className="muted">Jaeger, OTLP, Tempo or Zipkin JSON · read in your browser only</p>
        </div>
      )}
    </>
  );
}
