import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { SourceError } from '../../sources/clients';
import { useCurrentSource, useSourceLink } from '../../app/data/useSources';
import { ErrorState } from '../../app/states/ErrorState';
import { SkeletonRows } from '../../app/states/Skeleton';
import { ResultsScatter } from './ResultsScatter';
import { ResultsTable } from './ResultsTable';
import { SearchForm } from './SearchForm';
import { localQueryError, serverQueryError } from './queryError';
import { MAX_LIMIT, describeFilters, parseSearchParams, toSearchParams, toSearchQuery, validateSearch, widerLookback, type SearchState } from './searchUrl';
import './search.css';

/**
 * `/search`: filters on the left, the scatter and the table on the right. The URL holds the
 * search; the page runs whatever the URL says, so a link or a reload shows the same search.
 */
export function SearchPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const source = useCurrentSource();
  const link = useSourceLink();
  const { state, problems } = useMemo(() => parseSearchParams(params), [params]);
  const traceqlAvailable = source.info?.capabilities.traceql ?? false;
  const searchable = source.info?.capabilities.search ?? true;
  const effective: SearchState = !traceqlAvailable && state.tab === 'traceql' ? { ...state, tab: 'form' } : state;
  const requireService = source.info?.kind === 'jaeger';
  const invalid = validateSearch(effective, { requireService });
  const runnable = Object.keys(invalid).length === 0 && (effective.tab === 'form' || localQueryError(effective.traceql) === null);
  const [selected, setSelected] = useState<string[]>([]);

  // What the request depends on (not sort or time zone, which only change the display).
  const fetchKey = toSearchParams({ ...effective, sort: 'start-desc', utc: false }, null).toString();
  const search = useQuery({
    queryKey: ['tracescope', 'search', source.name, fetchKey],
    queryFn: async ({ signal }) => {
      const now = Date.now();
      const query = toSearchQuery(effective, now);
      const hits = await source.client!.search(query, { signal });
      return { hits, windowMs: [(query.startSec ?? 0) * 1000, (query.endSec ?? now / 1000) * 1000] as const };
    },
    enabled: source.client !== undefined && runnable && searchable,
    placeholderData: keepPreviousData,
    retry: false,
  });

  const go = (next: SearchState, replace = false) => navigate(`/search?${toSearchParams(next, params.get('source')).toString()}`, { replace });
  const submit = (next: SearchState) => {
    const url = toSearchParams(next, params.get('source')).toString();
    // The same search again (e.g. "last 1h" a minute later): fetch fresh results.
    if (url === params.toString()) void search.refetch();
    else go(next);
  };
  const traceLink = (traceId: string) => link(`/trace/${traceId}`);
  const serverError =
    search.error instanceof SourceError && search.error.status === 400 && effective.tab === 'traceql' && search.error.serverMessage
      ? serverQueryError(effective.traceql, search.error.serverMessage)
      : null;

  const hits = search.data?.hits ?? [];
  const stale = search.isPlaceholderData || search.isFetching;
  return (
    <div className="search-page">
      <aside className="search-filters" aria-label="Search filters">
        <h1>Search</h1>
        <SearchForm
          key={`${source.name}|${fetchKey}|${traceqlAvailable}`}
          initial={effective}
          onSubmit={submit}
          onUtcChange={(utc) => go({ ...effective, utc }, true)}
          client={source.client}
          sourceName={source.name}
          traceqlAvailable={traceqlAvailable}
          requireService={requireService}
          serverError={serverError}
        />
      </aside>
      <section className="search-results" aria-labelledby="results-title" aria-busy={stale}>
        <div className="results-head">
          <h2 id="results-title">
            {search.data ? `${hits.length} trace${hits.length === 1 ? '' : 's'}` : 'Results'}
            {hits.length >= effective.limit && <span className="muted"> (limit reached)</span>}
          </h2>
          <span className="muted results-filters">{describeFilters(effective).join(' · ')}</span>
          {stale && search.data && (
            <span className="muted" role="status">
              Searching…
            </span>
          )}
          {selected.length > 0 && (
            <span className="compare-selection">
              <button type="button" disabled={selected.length !== 2} onClick={() => navigate(link(`/trace/${selected[0]}...${selected[1]}`))}>
                Compare selected ({selected.length}/2)
              </button>
              <button type="button" onClick={() => setSelected([])}>
                Clear
              </button>
            </span>
          )}
        </div>
        {problems.length > 0 && (
          <div className="warn-text" role="status">
            Some parameters of this link could not be read: {problems.join('; ')}.
          </div>
        )}
        {source.info && !traceqlAvailable && state.tab === 'traceql' && (
          <div className="warn-text" role="status">
            The source {source.name} does not support TraceQL, so the query in this link was not run; the filters are used instead.
          </div>
        )}
        {!searchable ? (
          <p>
            The source <strong>{source.name}</strong> cannot search. Open a trace by its ID in the box above.
          </p>
        ) : source.list.isError ? (
          <ErrorState title="Could not load the sources" error={source.list.error} onRetry={() => void source.list.refetch()} />
        ) : source.unknown ? (
          <p className="error-text" role="alert">
            There is no source named “{source.name}”. Pick one in the source menu.
          </p>
        ) : search.isError && !serverError ? (
          <ErrorState title="Search failed" error={search.error} onRetry={() => void search.refetch()}>
            {effective.range.kind === 'lookback' && widerLookback(effective.range) && (
              <button type="button" onClick={() => go({ ...effective, range: { kind: 'lookback', lookback: widerLookback(effective.range)! } })}>
                Search the last {widerLookback(effective.range)}
              </button>
            )}
          </ErrorState>
        ) : search.isError && serverError ? (
          <p className="error-text">The source rejected the TraceQL query; the error is marked in the editor.</p>
        ) : !runnable ? (
          <p className="muted">{invalid.service ?? 'Fix the marked fields to run the search.'}</p>
        ) : !search.data ? (
          <>
            <div className="scatter-skeleton" aria-hidden="true" />
            <SkeletonRows rows={10} label="Searching" />
          </>
        ) : hits.length === 0 ? (
          <EmptyResults state={effective} onWiden={(lookback) => go({ ...effective, range: { kind: 'lookback', lookback } })} />
        ) : (
          <div className={stale ? 'results-body stale' : 'results-body'}>
            <ResultsScatter
              hits={hits}
              windowMs={search.data.windowMs}
              utc={effective.utc}
              traceLink={traceLink}
              onBrush={({ startMs, endMs }) => go({ ...effective, range: { kind: 'absolute', startMs, endMs } })}
            />
            <ResultsTable
              hits={hits}
              sort={effective.sort}
              onSort={(sort) => go({ ...effective, sort }, true)}
              utc={effective.utc}
              traceLink={traceLink}
              selected={selected}
              onToggleSelected={(id) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id].slice(-2)))}
            />
            {hits.length >= effective.limit && effective.limit < MAX_LIMIT && (
              <button type="button" className="load-more" onClick={() => go({ ...effective, limit: Math.min(MAX_LIMIT, effective.limit * 2) }, true)}>
                Load more (up to {Math.min(MAX_LIMIT, effective.limit * 2)} traces)
              </button>
            )}
          </div>
        )}
      </section>
    </div>
  );
}

function EmptyResults({ state, onWiden }: { state: SearchState; onWiden: (lookback: string) => void }) {
  const wider = widerLookback(state.range);
  return (
    <div className="empty-results" role="status">
      <h3>No traces matched</h3>
      <p>Filters applied:</p>
      <ul>
        {describeFilters(state).map((f) => (
          <li key={f} className="mono">
            {f}
          </li>
        ))}
      </ul>
      <p>
        Try widening the time range or removing a filter.{' '}
        {wider && (
          <button type="button" onClick={() => onWiden(wider)}>
            Search the last {wider}
          </button>
        )}
      </p>
      <p className="muted">
        No data at all? Send traces to the embedded store's OTLP endpoints, or <Link to="/files">open a trace file</Link>.
      </p>
    </div>
  );
}
