/**
 * The trace as OTLP/JSON (lossless: hex IDs, int64 as strings, typed values), the same document
 * Download JSON saves; big traces show their first ~1 MB here.
 */
import { useMemo, useState } from 'react';
import type { TraceSubViewProps } from '../contracts';
import { jsonFileName, jsonPreview, PREVIEW_BYTES, traceJson } from './jsonText';
import { useFullTraceJson } from './useFullTraceJson';
import './views.css';

export function JsonView({ trace, details }: TraceSubViewProps) {
  // A trace loaded without attributes: the document comes from the backend instead of the model.
  const full = useFullTraceJson(details);
  const preview = useMemo(() => (details === undefined ? jsonPreview(trace) : full.data?.preview), [trace, details, full.data]);
  const [error, setError] = useState<string | null>(null);

  const download = () => {
    try {
      const blob = full.data?.blob ?? new Blob([traceJson(trace)], { type: 'application/json' });
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
        <button type="button" onClick={download} disabled={preview === undefined}>
          Download JSON
        </button>
        <span className="muted">
          OTLP/JSON · {trace.spans.length.toLocaleString('en-US')} spans
          {preview?.truncated && ` · showing the first ${Math.round(PREVIEW_BYTES / 1e6)} MB; the download has the whole trace`}
        </span>
        {error !== null && (
          <span role="alert" className="error-text">
            {error}
          </span>
        )}
        {full.isError && (
          <span role="alert" className="error-text">
            Could not load the trace JSON: {full.error.message} <button type="button" onClick={() => void full.refetch()}>Retry</button>
          </span>
        )}
      </div>
      {preview === undefined ? (
        <p className="muted" role="status">
          {full.isError ? 'No JSON to show.' : 'Loading the trace JSON…'}
        </p>
      ) : (
        <pre className="jv-pre" tabIndex={0} aria-label="Trace as OTLP JSON">
          {preview.text}
          {preview.truncated && '\n…'}
        </pre>
      )}
    </section>
  );
}
