import { Link, useParams, useSearchParams } from 'react-router';
import { useOpenedFiles } from '../files/openedFilesStore';
import { TraceSummaryTable } from '../files/TraceSummaryTable';

/**
 * `/trace/:traceId`. Traces opened from a file are shown from memory; fetching from a backend
 * comes with the query API.
 */
export function TracePage() {
  const { traceId = '' } = useParams();
  const [params] = useSearchParams();
  const span = params.get('span');
  const opened = useOpenedFiles((state) => state.traces.find((trace) => trace.traceId === traceId));
  return (
    <section aria-labelledby="trace-title">
      <h1 id="trace-title">
        Trace <span className="mono">{traceId}</span>
      </h1>
      {span && (
        <p className="muted">
          Span <span className="mono">{span}</span> selected.
        </p>
      )}
      {opened ? (
        <>
          <p className="muted">From file (this view cannot be shared as a link).</p>
          <TraceSummaryTable traces={[opened]} />
        </>
      ) : (
        <div role="status">
          <p>This trace is not among the opened files, and no query backend is configured in this build.</p>
          <p className="muted">
            <Link to="/">Open a trace file</Link> that contains it.
          </p>
        </div>
      )}
    </section>
  );
}
