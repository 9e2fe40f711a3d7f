/**
 * The dashboard at `/`: a row of tiles over a time window (`window=` in the URL), the
 * whole-trace latency histogram and the operations table (`sort=`).
 */
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useCurrentSource, useSourceLink } from '../../app/data/useSources';
import { ErrorState } from '../../app/states/ErrorState';
import { SkeletonRows } from '../../app/states/Skeleton';
import { LOCAL_SOURCE } from '../../sources/clients';
import { DemoHint } from './DemoHint';
import { LatencyHistogram } from './LatencyHistogram';
import { OperationsTable } from './OperationsTable';
import { Tile, TileSkeleton } from './Tile';
import { parseWindow, WINDOW_IDS, WINDOWS, windowRange, type WindowId } from './dashboardWindow';
import { slowTracesUrl } from './links';
import { formatSort, parseSort, type OperationSort } from './operations';
import { buildTiles } from './tiles';
import type { DashboardFigures } from './figures';
import { dashboardMode, useDashboardData, type OperationsBasis } from './useDashboardData';
import './dashboard.css';

const TILE_TITLES = ['Traces/day', 'Avg spans', 'P99 latency', 'Services', 'Error rate', 'Sampled'];
/** The clock, read in event handlers only (a refresh or a new window moves the range). */
const clock = (): number => Date.now();

const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'short' });

function operationsNote(basis: OperationsBasis | undefined, figures: DashboardFigures | undefined, windowLabel: string): string {
  switch (basis) {
    case undefined:
      return '';
    case 'metrics':
      return ` — every span in the last ${windowLabel}`;
    case 'jaeger-spm':
      return " — server spans, from Jaeger's SPM metrics (calls and errors estimated from rates)";
    case 'sampled':
      return ` — root spans of ${figures?.basis.kind === 'sampled' ? figures.basis.sampleSize : 'the'} sampled traces`;
  }
}

export function DashboardPage() {
  const [params, setParams] = useSearchParams();
  const win = parseWindow(params.get('window'));
  const sort = parseSort(params.get('sort'));
  const source = useCurrentSource();
  const sourceLink = useSourceLink();
  const [nowMs, setNowMs] = useState(clock);
  const range = useMemo(() => windowRange(win, nowMs), [win, nowMs]);
  const mode = useMemo(() => (source.info && source.client ? dashboardMode(source.info, source.client) : undefined), [source.info, source.client]);
  const data = useDashboardData(source.name ?? '', mode, range);
  const local = source.info?.name === LOCAL_SOURCE;

  const setParam = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    next.set(name, value);
    setParams(next);
  };
  const setWindow = (id: WindowId) => {
    setNowMs(clock());
    setParam('window', id);
  };
  const setSort = (s: OperationSort) => setParam('sort', formatSort(s));
  const queryClient = useQueryClient();
  // Within the same step the range does not move, so a refresh also refetches what is shown.
  const refresh = () => {
    setNowMs(clock());
    void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
  };

  const header = (
    <header className="dash-header">
      <h1>Dashboard</h1>
      <div className="dash-windows" role="group" aria-label="Time window">
        {WINDOW_IDS.map((id) => (
          <button key={id} type="button" aria-pressed={id === win} onClick={() => setWindow(id)}>
            {id}
          </button>
        ))}
      </div>
      <span className="muted dash-range">
        {source.name && <>source {source.name} · </>}
        {time.format(range.startMs)} – {time.format(range.endMs)}
      </span>
      <button type="button" onClick={refresh}>
        Refresh
      </button>
    </header>
  );

  if (source.list.error) {
    return (
      <div className="dash-page">
        {header}
        <ErrorState title="Could not load the sources" error={source.list.error} onRetry={() => void source.list.refetch()} />
      </div>
    );
  }
  if (source.unknown) {
    return (
      <div className="dash-page">
        {header}
        <ErrorState title={`Unknown source "${source.name ?? ''}"`} error={new Error(`The server has no source named "${source.name ?? ''}". Pick one in the source picker.`)} />
      </div>
    );
  }

  const figuresError = data.sample.error ?? data.figures.error;
  const figures = data.figures.data;
  const tiles = figures && mode ? buildTiles(figures, range, { storesEverything: local }) : null;
  const empty = figures !== undefined && figures.traceCount === 0;
  const widerId = WINDOW_IDS[WINDOW_IDS.indexOf(win) + 1];
  const wider = widerId ? { label: WINDOWS[widerId].label, go: () => setWindow(widerId) } : undefined;
  const sampledNote = figures?.basis.kind === 'sampled' ? ` — from ${figures.basis.sampleSize} sampled traces (search results)` : '';

  return (
    <div className="dash-page">
      {header}
      {figuresError ? (
        <ErrorState title="Could not load the dashboard figures" error={figuresError} onRetry={() => void (data.sample.error ? data.sample.refetch() : data.figures.refetch())} />
      ) : (
        <div className="dash-tiles">
          {tiles
            ? tiles.map((t) => {
                if (t.id === 'p99' && figures?.p99Ms != null) {
                  return <Tile key={t.id} tile={t} href={sourceLink(slowTracesUrl(figures.p99Ms, range))} linkLabel={`P99 latency ${t.value} ${t.unit}: search traces slower than it`} />;
                }
                if (t.id === 'services') {
                  return <Tile key={t.id} tile={t} href={sourceLink(`/map?window=${encodeURIComponent(win)}`)} linkLabel={`${t.value} ${t.unit}: open the service map`} />;
                }
                return <Tile key={t.id} tile={t} />;
              })
            : TILE_TITLES.map((title) => <TileSkeleton key={title} title={title} />)}
        </div>
      )}
      {empty && local && <DemoHint windowLabel={WINDOWS[win].label} wider={wider} />}
      {empty && !local && <p className="muted">No traces in the last {WINDOWS[win].label} on {source.name}.</p>}

      {!empty && !figuresError && (
        <div className="dash-lower">
          <section className="dash-panel" aria-labelledby="dash-hist-title">
            <h2 id="dash-hist-title">
              Trace latency<span className="muted dash-panel-note">{sampledNote}</span>
            </h2>
            {data.histogram.error ? (
              <ErrorState title="Could not load the latency histogram" error={data.histogram.error} onRetry={() => void data.histogram.refetch()} />
            ) : data.histogram.data ? (
              <LatencyHistogram buckets={data.histogram.data} range={range} p99Ms={figures?.p99Ms ?? null} sourceLink={sourceLink} />
            ) : (
              <SkeletonRows rows={5} label="Loading the latency histogram" />
            )}
          </section>
          <section className="dash-panel dash-panel-ops" aria-labelledby="dash-ops-title">
            <h2 id="dash-ops-title">
              Operations
              <span className="muted dash-panel-note">{operationsNote(data.operations.data?.basis, figures, WINDOWS[win].label)}</span>
            </h2>
            {data.operations.error ? (
              <ErrorState title="Could not load the operations" error={data.operations.error} onRetry={() => void data.operations.refetch()} />
            ) : data.operations.data ? (
              <OperationsTable rows={data.operations.data.rows} sort={sort} onSort={setSort} range={range} sourceLink={sourceLink} caption={`Operations in the last ${WINDOWS[win].label}`} />
            ) : (
              <SkeletonRows rows={8} label="Loading the operations" />
            )}
          </section>
        </div>
      )}
    </div>
  );
}
