import { useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { compareTraces } from '../../model/compareTraces';
import { formatDuration } from '../../model/format';
import type { Trace } from '../../model/types';
import { useCurrentSource, useSourceLink } from '../../app/data/useSources';
import { useOpenedFiles } from '../../app/files/openedFilesStore';
import { ErrorState } from '../../app/states/ErrorState';
import { usePendingValue } from '../../app/state/usePendingValue';
import { SkeletonRows } from '../../app/states/Skeleton';
import { serviceColor } from '../../app/theme/serviceColor';
import { CompareTable } from './CompareTable';
import { comparePath, readComparePair, type ComparePair } from './compareIds';
import { visibleNodes } from './visibleNodes';
import './compare.css';

type Loaded = { state: 'loading' } | { state: 'error'; error: unknown; retry: () => void } | { state: 'ready'; trace: Trace; fromFile: boolean } | { state: 'idle' };

/** One trace: from a file opened in this tab, else from the selected source. */
function useCompareTrace(id: string | null): Loaded {
  const fileTrace = useOpenedFiles((s) => (id === null ? undefined : s.traces.find((t) => t.traceId === id)));
  const source = useCurrentSource();
  const query = useQuery({
    // The trace page's key, so a trace opened there is not fetched again.
    queryKey: ['tracescope', 'trace', source.name ?? '', id ?? ''],
    queryFn: ({ signal }) => source.client!.getTrace(id!, { signal }),
    enabled: id !== null && fileTrace === undefined && source.client !== undefined,
    staleTime: 60_000,
    retry: false,
  });
  if (id === null) return { state: 'idle' };
  if (fileTrace) return { state: 'ready', trace: fileTrace, fromFile: true };
  if (source.list.isError) return { state: 'error', error: source.list.error, retry: () => void source.list.refetch() };
  if (query.isError) return { state: 'error', error: query.error, retry: () => void query.refetch() };
  if (query.data) return { state: 'ready', trace: query.data.trace, fromFile: false };
  return { state: 'loading' };
}

/**
 * `/trace/<a>...<b>` (Jaeger's compare path) and `/compare` (a form): two traces side by side as
 * one merged call tree, each path marked only-in-A, only-in-B, slower, faster or the same.
 */
export function ComparePage() {
  const { traceId } = useParams();
  const [params, setParams] = useSearchParams();
  const pair = readComparePair(traceId, params);
  const a = useCompareTrace(pair.a.id);
  const b = useCompareTrace(pair.b.id);
  const link = useSourceLink();
  const onlyDifferences = params.get('diff') === '1';
  // The box shows a click at once, before the link has it (see pendingValue.ts).
  const [shownDiff, setDiff] = usePendingValue(onlyDifferences, (on) => {
    const next = new URLSearchParams(params);
    if (on) next.set('diff', '1');
    else next.delete('diff');
    setParams(next, { replace: true, flushSync: true });
  });
  const traceA = a.state === 'ready' ? a.trace : null;
  const traceB = b.state === 'ready' ? b.trace : null;
  // Keyed on the traces themselves: the load wrappers are new objects on every render.
  const result = useMemo(() => (traceA && traceB ? compareTraces(traceA, traceB) : null), [traceA, traceB]);
  const rows = useMemo(() => (result ? visibleNodes(result.roots, onlyDifferences) : []), [result, onlyDifferences]);

  return (
    <section className="compare-page" aria-labelledby="compare-title">
      <h1 id="compare-title">Compare traces</h1>
      <CompareForm key={`${pair.a.raw}|${pair.b.raw}`} pair={pair} />
      {pair.a.id && pair.b.id && (
        <>
          <div className="compare-sides">
            <TraceSide label="A" loaded={a} id={pair.a.id} link={link} />
            <TraceSide label="B" loaded={b} id={pair.b.id} link={link} />
          </div>
          {result && a.state === 'ready' && b.state === 'ready' && (
            <>
              <div className="compare-summary" role="status">
                <strong>
                  B took {formatDuration(result.summary.durationB)} vs {formatDuration(result.summary.durationA)} for A (
                  {result.summary.durationB >= result.summary.durationA ? '+' : ''}
                  {formatDuration(result.summary.durationB - result.summary.durationA)}).
                </strong>{' '}
                <span className="compare-badge added">+ {result.summary.added} only in B</span>{' '}
                <span className="compare-badge removed">− {result.summary.removed} only in A</span>{' '}
                <span className="compare-badge slower">▲ {result.summary.slower} slower</span>{' '}
                <span className="compare-badge faster">▼ {result.summary.faster} faster</span>{' '}
                <span className="compare-badge same">= {result.summary.same} same</span>
              </div>
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={shownDiff}
                  onChange={(e) => setDiff(e.target.checked)}
                />
                Only paths that changed (and their parents)
              </label>
              <p className="muted compare-note">
                Spans are matched by their call path (service: operation from the root down). Times are the sum over all spans on the path; changes under 10 % or
                0.1 ms count as the same.
              </p>
              {rows.length === 0 ? (
                <p>The two traces have the same call paths and timings.</p>
              ) : (
                <CompareTable
                  nodes={rows}
                  spanLink={(side, spanId) => link(`/trace/${side === 'a' ? pair.a.id : pair.b.id}?span=${spanId}`)}
                />
              )}
            </>
          )}
        </>
      )}
    </section>
  );
}

function TraceSide({ label, loaded, id, link }: { label: string; loaded: Loaded; id: string; link: (path: string) => string }) {
  if (loaded.state === 'loading' || loaded.state === 'idle') {
    return (
      <div className="compare-side">
        <h2>Trace {label}</h2>
        <SkeletonRows rows={2} label={`Loading trace ${label}`} />
      </div>
    );
  }
  if (loaded.state === 'error') {
    return (
      <div className="compare-side">
        <ErrorState title={`Could not load trace ${label} (${id})`} error={loaded.error} onRetry={loaded.retry} />
      </div>
    );
  }
  const s = loaded.trace.summary;
  return (
    <div className="compare-side">
      <h2>
        Trace {label}{' '}
        <Link to={link(`/trace/${id}`)} className="mono">
          {id}
        </Link>
        {loaded.fromFile && <span className="from-file-badge">from file</span>}
      </h2>
      <p>
        <span className="service-dot" style={{ background: serviceColor(s.rootService) }} aria-hidden="true" />
        {s.rootService}: {s.rootName} · {formatDuration(s.duration)} · {s.spanCount} spans · {s.services.length} services
        {s.errorCount > 0 && <span className="error-text"> · ✕ {s.errorCount} errors</span>}
      </p>
    </div>
  );
}

function CompareForm({ pair }: { pair: ComparePair }) {
  const [a, setA] = useState(pair.a.raw);
  const [b, setB] = useState(pair.b.raw);
  const [errors, setErrors] = useState<{ a?: string | null; b?: string | null }>({ a: pair.a.message, b: pair.b.message });
  const navigate = useNavigate();
  const link = useSourceLink();
  const id = useId();
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const next = readComparePair(undefined, new URLSearchParams({ a, b }));
    const problem = (side: ComparePair['a']) => (side.raw.trim() === '' ? 'Enter a trace ID or traceparent' : side.message);
    setErrors({ a: problem(next.a), b: problem(next.b) });
    if (next.a.id && next.b.id) navigate(link(comparePath(next.a.id, next.b.id)));
  };
  const field = (side: 'a' | 'b', value: string, set: (v: string) => void) => (
    <div className="field">
      <label htmlFor={`${id}-${side}`} className="field-label">
        Trace {side.toUpperCase()}
      </label>
      <input
        id={`${id}-${side}`}
        type="text"
        className="mono"
        value={value}
        placeholder="Trace ID or traceparent"
        spellCheck={false}
        aria-invalid={Boolean(errors[side])}
        aria-describedby={errors[side] ? `${id}-${side}-error` : undefined}
        onChange={(e) => set(e.target.value)}
      />
      {errors[side] && (
        <p id={`${id}-${side}-error`} className="error-text field-help" role="alert">
          {errors[side]}
        </p>
      )}
    </div>
  );
  return (
    <form className="compare-form" onSubmit={submit} aria-label="Traces to compare" noValidate>
      {field('a', a, setA)}
      {field('b', b, setB)}
      <button type="submit" className="primary">
        Compare
      </button>
      <button
        type="button"
        onClick={() => {
          setA(b);
          setB(a);
        }}
      >
        Swap
      </button>
    </form>
  );
}
