/**
 * `/trace/:traceId` (Jaeger's path): loads the trace from an opened file or the selected source
 * and shows it, or explains why it cannot.
 */
import { Link, useParams } from 'react-router';
import { ErrorState } from '../../app/states/ErrorState';
import { SourceError } from '../../sources/clients';
import { withSource } from '../../app/data/sourceInfo';
import type { CurrentSource } from '../../app/data/useSources';
import { TraceLoading } from './TraceLoading';
import { TraceView } from './TraceView';
import { useTraceLoad } from './useTraceLoad';
import './trace.css';

export function TracePage() {
  const { traceId = '' } = useParams();
  const { load, source } = useTraceLoad(traceId);
  switch (load.state) {
    case 'ready':
      return <TraceView key={load.trace.traceId} trace={load.trace} fromFile={load.fromFile} result={load.result} sourceName={source.name} />;
    case 'loading':
      return <TraceLoading traceId={traceId} sourceName={source.name} progress={load.progress} onCancel={load.cancel} />;
    case 'cancelled':
      return (
        <div className="tp-page">
          <div role="status" className="tp-notice">
            <p>
              Loading trace <span className="mono">{traceId}</span> was cancelled.
            </p>
            <button type="button" onClick={load.retry}>
              Load again
            </button>
          </div>
        </div>
      );
    case 'invalid-id':
      return (
        <div className="tp-page">
          <div role="alert" className="error-state">
            <h2>Not a trace ID</h2>
            <p>{load.message}</p>
            <p>
              <Link to="/search">Search for traces</Link> or paste an ID or a traceparent in the Trace ID box above.
            </p>
          </div>
        </div>
      );
    case 'error':
      return <TraceLoadError traceId={traceId} error={load.error} onRetry={load.retry} source={source} />;
  }
}

function TraceLoadError({ traceId, error, onRetry, source }: { traceId: string; error: unknown; onRetry: () => void; source: CurrentSource }) {
  const kind = error instanceof SourceError ? error.kind : null;
  const others = (source.list.data ?? []).filter((s) => s.name !== source.name);
  const title =
    kind === 'not-found'
      ? `Trace not found in ${source.name ?? 'this source'}`
      : kind === 'unreachable'
        ? `Source ${source.name ?? ''} is unreachable`
        : 'Could not load the trace';
  return (
    <div className="tp-page">
      <ErrorState title={title} error={error} onRetry={onRetry}>
        <Link to={withSource('/search', source.name)}>Search this source</Link>
      </ErrorState>
      {kind === 'not-found' && (
        <div className="tp-notice">
          <p>
            Trace <span className="mono">{traceId}</span> is not in {source.name ?? 'this source'} for the time range it keeps. It may be
            older than the retention, not flushed yet, or stored in another source.
          </p>
          {others.length > 0 && (
            <p>
              Try another source:{' '}
              {others.map((s, i) => (
                <span key={s.name}>
                  {i > 0 && ', '}
                  <Link to={withSource(`/trace/${traceId}`, s.name)}>{s.name}</Link>
                </span>
              ))}
            </p>
          )}
        </div>
      )}
      {kind === 'unreachable' && (
        <p className="tp-notice">No answer says nothing about the trace itself: it may well be there once the source is back.</p>
      )}
    </div>
  );
}
