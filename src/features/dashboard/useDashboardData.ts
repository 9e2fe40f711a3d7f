/**
 * Server data of the dashboard (react-query): the tiles' figures, the latency histogram and the
 * operations table, each from TraceQL metrics when the source has them, else from a sample of
 * search results.
 */
import { useQuery } from '@tanstack/react-query';
import type { SourceInfo } from '../../app/data/sourceInfo';
import { LOCAL_SOURCE, SourceError, sourceRoot, type TraceSource } from '../../sources/clients';
import { TraceQLMetricsClient } from '../../sources/clients/metrics';
import { JaegerMetricsClient } from '../../sources/clients/metricsJaeger';
import type { DashboardRange } from './dashboardWindow';
import { figuresFromMetrics, figuresFromSample, type DashboardFigures } from './figures';
import { histogramFromDurations, histogramFromMetrics, type HistogramBucket } from './histogram';
import { operationsFromJaeger, operationsFromMetrics, operationsFromSample, type OperationRow } from './operations';
import { sampleTraces, type Sample } from './sample';
import { dashboardQueries, type DashboardQueries } from '../../sources/clients/metricsQueries';

/** How many traces the sampled fallback asks the search for. */
export const SAMPLE_LIMIT = 1000;

export type DashboardMode =
  | { kind: 'metrics'; exact: boolean; client: TraceQLMetricsClient; dialect: 'embedded' | 'tempo' }
  | { kind: 'sample'; client: TraceSource; info: SourceInfo };

export function dashboardMode(info: SourceInfo, client: TraceSource): DashboardMode {
  if (info.kind === 'tempo' && info.capabilities.metrics) {
    const local = info.name === LOCAL_SOURCE;
    return {
      kind: 'metrics',
      exact: local,
      dialect: local ? 'embedded' : 'tempo',
      client: new TraceQLMetricsClient({ name: info.name, root: sourceRoot(info.name, info.kind) }),
    };
  }
  return { kind: 'sample', client, info };
}

/** Where the operations table's rows come from (its caption says so). */
export type OperationsBasis = 'metrics' | 'jaeger-spm' | 'sampled';

export interface OperationsResult {
  readonly rows: OperationRow[];
  readonly basis: OperationsBasis;
}

async function jaegerOperations(info: SourceInfo, client: TraceSource, range: DashboardRange, signal: AbortSignal): Promise<OperationRow[]> {
  const spm = new JaegerMetricsClient({ name: info.name, root: sourceRoot(info.name, info.kind) });
  const services = await client.services({ signal });
  const windowMs = range.endMs - range.startMs;
  const request = { services, endMs: range.endMs, lookbackMs: windowMs, stepMs: range.stepMs };
  const [calls, errors, p50, p99] = await Promise.all([
    spm.query('calls', request, { signal }),
    spm.query('errors', request, { signal }),
    spm.query('latencies', { ...request, quantile: 0.5 }, { signal }),
    spm.query('latencies', { ...request, quantile: 0.99 }, { signal }),
  ]);
  return operationsFromJaeger(calls, errors, p50, p99, windowMs);
}

/**
 * The queries in the source's dialect. A `tempo` source that rejects `nestedSetParent` with a
 * 400 (an older Tempo, or another Tracescope behind the proxy) gets the embedded form, which
 * states the same root condition without it. Decided once per client.
 */
const dialectOf = new WeakMap<TraceQLMetricsClient, Promise<DashboardQueries>>();
function rootDialectQueries(mode: Extract<DashboardMode, { kind: 'metrics' }>, range: DashboardRange, signal: AbortSignal): Promise<DashboardQueries> {
  if (mode.dialect === 'embedded') return Promise.resolve(dashboardQueries('embedded'));
  let decided = dialectOf.get(mode.client);
  if (decided === undefined) {
    const tempo = dashboardQueries('tempo');
    decided = mode.client.queryInstant(tempo.traces, range, { signal }).then(
      () => tempo,
      (err: unknown) => {
        if (err instanceof SourceError && err.status === 400) return dashboardQueries('embedded');
        dialectOf.delete(mode.client);
        throw err;
      },
    );
    dialectOf.set(mode.client, decided);
  }
  return decided;
}

export function useDashboardData(source: string, mode: DashboardMode | undefined, range: DashboardRange) {
  const key = ['dashboard', source, mode?.kind ?? 'none', range.startMs, range.endMs, range.stepMs] as const;
  const enabled = mode !== undefined;

  // The sampled fallback shares one search between the tiles, histogram and table.
  const sample = useQuery<Sample>({
    queryKey: [...key, 'sample'],
    enabled: mode?.kind === 'sample',
    queryFn: ({ signal }) => sampleTraces((mode as Extract<DashboardMode, { kind: 'sample' }>).client, range, SAMPLE_LIMIT, signal),
  });

  const figures = useQuery<DashboardFigures>({
    queryKey: [...key, 'figures', sample.dataUpdatedAt],
    enabled: enabled && (mode.kind === 'metrics' || sample.data !== undefined),
    queryFn: async ({ signal }) => {
      if (mode?.kind !== 'metrics') return figuresFromSample(range, sample.data?.hits ?? [], sample.data?.capped ?? false);
      const q = await rootDialectQueries(mode, range, signal);
      const c = mode.client;
      const [traces, errorTraces, spansByService, latencyRange, latency] = await Promise.all([
        c.queryRange(q.traces, range, { signal }),
        c.queryRange(q.errorTraces, range, { signal }),
        c.queryRange(q.spansByService, range, { signal }),
        c.queryRange(q.traceLatency, range, { signal }),
        c.queryInstant(q.traceLatency, range, { signal }),
      ]);
      return figuresFromMetrics(range, { traces, errorTraces, spansByService, latencyRange, latency }, mode.exact);
    },
  });

  // The histogram and the table wait for the tiles: their queries would compete for the same
  // CPU, and the tiles are what an on-call engineer reads first.
  const afterTiles = enabled && (mode.kind === 'metrics' ? figures.isFetched : sample.data !== undefined);

  const histogram = useQuery<HistogramBucket[]>({
    queryKey: [...key, 'histogram', sample.dataUpdatedAt],
    enabled: afterTiles,
    queryFn: async ({ signal }) => {
      if (mode?.kind !== 'metrics') return histogramFromDurations((sample.data?.hits ?? []).map((h) => h.durationMs));
      const q = await rootDialectQueries(mode, range, signal);
      return histogramFromMetrics(await mode.client.queryInstant(q.traceHistogram, range, { signal }));
    },
  });

  const operations = useQuery<OperationsResult>({
    queryKey: [...key, 'operations', sample.dataUpdatedAt],
    enabled: afterTiles,
    queryFn: async ({ signal }) => {
      const windowMs = range.endMs - range.startMs;
      if (mode?.kind !== 'metrics') {
        if (mode?.kind === 'sample' && mode.info.kind === 'jaeger' && mode.info.capabilities.metrics) {
          // SPM may be switched off on the Jaeger side: then the sample still gives root operations.
          const rows = await jaegerOperations(mode.info, mode.client, range, signal).catch(() => null);
          if (rows !== null && rows.length > 0) return { rows, basis: 'jaeger-spm' };
        }
        return { rows: operationsFromSample(sample.data?.hits ?? [], windowMs), basis: 'sampled' };
      }
      const q = dashboardQueries(mode.dialect);
      const c = mode.client;
      const [counts, errors, latency] = await Promise.all([
        c.queryInstant(q.operationCounts, range, { signal }),
        c.queryInstant(q.operationErrors, range, { signal }),
        c.queryInstant(q.operationLatency, range, { signal }),
      ]);
      return { rows: operationsFromMetrics(counts, errors, latency, windowMs), basis: 'metrics' };
    },
  });

  return { sample, figures, histogram, operations };
}
