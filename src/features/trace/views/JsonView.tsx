/**
 * The trace as OTLP/JSON (lossless: hex IDs, int64 as strings, typed values), the same document
 * Download JSON saves; big traces show their first ~1 MB here.
 */
import { useMemo, useState } from 'react';
import type { TraceSubViewProps } from '../contracts';
import { jsonFileName, jsonPreview, PREVIEW_BYTES, traceJson } from './jsonText';
import './views.css';

export function JsonView({ trace }: TraceSubViewProps) {
  const preview = useMemo(() => jsonPreview(trace), [trace]);
  const [error, setError] = useState<string | null>(null);

  const download = () => {
    try {
      const blob = new Blob([traceJson(trace)], { type: 'application/json' });
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = jsonFileName(trace);
      document.body.appendChild(a);
      a.click();
      a.remove();
      // Revoked later: some browsers read the URL after click() returns.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setError(null);
    } catch (e) {
      // e.g. a string longer than the engine allows for a multi-million-span trace.
      setError(`Could not build the file: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  return (
    <section className="jv" aria-label="JSON">
      <div className="jv-bar">
        <button type="button" onClick={download}>
          Download JSON
        </button>
        <span className="muted">
          OTLP/JSON · {trace.spans.length.toLocaleString('en-US')} spans
          {preview.truncated && ` · showing the first ${Math.round(PREVIEW_BYTES / 1e6)} MB; the download has the whole trace`}
        </span>
        {error !== null && (
          <span role="alert" className="error-text">
            {error}
          </span>
        )}
      </div>
      <pre className="jv-pre" tabIndex={0} aria-label="Trace as OTLP JSON">
        {preview.text}
        {preview.truncated && '\n…'}
      </pre>
    </section>
  );
}
