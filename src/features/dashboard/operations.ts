/** The operations table: per (service, span name) calls, errors and latency, and its sorting. */
import type { InstantSeries } from '../../sources/clients/metrics';
import type { JaegerMetricSeries } from '../../sources/clients/metricsJaeger';
import type { SearchHit } from '../../sources/clients/types';
import { quantileCont } from './quantile';

export interface OperationRow {
  readonly service: string;
  readonly operation: string;
  readonly calls: number;
  /** Calls per second over the window. */
  readonly ratePerSec: number;
  readonly errors: number;
  readonly p50Ms: number | null;
  readonly p99Ms: number | null;
}

export type OperationSortKey = 'service' | 'operation' | 'rate' | 'errors' | 'p50' | 'p99';
export interface OperationSort {
  readonly key: OperationSortKey;
  readonly dir: 'ascending' | 'descending';
}
export const DEFAULT_OPERATION_SORT: OperationSort = { key: 'rate', dir: 'descending' };

function serviceOf(labels: InstantSeries['labels']): string {
  const v = labels['resource.service.name'];
  return typeof v === 'string' ? v : '';
}

function nameOf(labels: InstantSeries['labels']): string {
  const v = labels.name ?? labels['span:name'];
  return typeof v === 'string' ? v : '';
}

const keyOf = (service: string, operation: string) => JSON.stringify([service, operation]);

/** Joins the three `by (resource.service.name, name)` instant queries (durations in seconds). */
export function operationsFromMetrics(
  counts: readonly InstantSeries[],
  errors: readonly InstantSeries[],
  latency: readonly InstantSeries[],
  windowMs: number,
): OperationRow[] {
  const errorsBy = new Map(errors.map((s) => [keyOf(serviceOf(s.labels), nameOf(s.labels)), s.value]));
  const q = (service: string, operation: string, p: number): number | null => {
    const s = latency.find((l) => serviceOf(l.labels) === service && nameOf(l.labels) === operation && typeof l.labels.p === 'number' && Math.abs(l.labels.p - p) < 1e-9);
    return s !== undefined && Number.isFinite(s.value) ? s.value * 1000 : null;
  };
  return counts
    .filter((s) => s.value > 0)
    .map((s) => {
      const service = serviceOf(s.labels);
      const operation = nameOf(s.labels);
      return {
        service,
        operation,
        calls: s.value,
        ratePerSec: s.value / (windowMs / 1000),
        errors: errorsBy.get(keyOf(service, operation)) ?? 0,
        p50Ms: q(service, operation, 0.5),
        p99Ms: q(service, operation, 0.99),
      };
    });
}

const mean = (points: readonly { value: number }[]): number | null => (points.length === 0 ? null : points.reduce((a, p) => a + p.value, 0) / points.length);

/**
 * From Jaeger's SPM series (calls/s, error fraction, latency ms at p50 / p99), averaged over
 * the window's points: calls and errors are therefore estimates (rate × window).
 */
export function operationsFromJaeger(
  calls: readonly JaegerMetricSeries[],
  errors: readonly JaegerMetricSeries[],
  p50: readonly JaegerMetricSeries[],
  p99: readonly JaegerMetricSeries[],
  windowMs: number,
): OperationRow[] {
  const key = (s: JaegerMetricSeries) => keyOf(s.labels.service_name ?? '', s.labels.operation ?? '');
  const index = (list: readonly JaegerMetricSeries[]) => new Map(list.map((s) => [key(s), mean(s.points)]));
  const errorsBy = index(errors);
  const p50By = index(p50);
  const p99By = index(p99);
  return calls.flatMap((s) => {
    const rate = mean(s.points);
    if (rate === null || rate <= 0) return [];
    const k = key(s);
    const n = Math.round(rate * (windowMs / 1000));
    return [
      {
        service: s.labels.service_name ?? '',
        operation: s.labels.operation ?? '',
        calls: n,
        ratePerSec: rate,
        errors: Math.round((errorsBy.get(k) ?? 0) * n),
        p50Ms: p50By.get(k) ?? null,
        p99Ms: p99By.get(k) ?? null,
      },
    ];
  });
}

/** Root operations of a search sample (search results name only the root span). */
export function operationsFromSample(hits: readonly SearchHit[], windowMs: number): OperationRow[] {
  const groups = new Map<string, { service: string; operation: string; durations: number[]; errors: number }>();
  for (const h of hits) {
    const k = keyOf(h.rootService, h.rootName);
    let g = groups.get(k);
    if (!g) {
      g = { service: h.rootService, operation: h.rootName, durations: [], errors: 0 };
      groups.set(k, g);
    }
    g.durations.push(h.durationMs);
    if ((h.errorCount ?? 0) > 0) g.errors++;
  }
  return [...groups.values()].map((g) => ({
    service: g.service,
    operation: g.operation,
    calls: g.durations.length,
    ratePerSec: g.durations.length / (windowMs / 1000),
    errors: g.errors,
    p50Ms: quantileCont(g.durations, 0.5),
    p99Ms: quantileCont(g.durations, 0.99),
  }));
}

const collator = new Intl.Collator('en', { numeric: true });

/** Sorted copy; ties by service then operation; missing latencies last in either direction. */
export function sortOperations(rows: readonly OperationRow[], sort: OperationSort): OperationRow[] {
  const sign = sort.dir === 'ascending' ? 1 : -1;
  const tie = (a: OperationRow, b: OperationRow) => collator.compare(a.service, b.service) || collator.compare(a.operation, b.operation);
  const num = (r: OperationRow): number | null => {
    switch (sort.key) {
      case 'rate':
        return r.calls;
      case 'errors':
        return r.errors;
      case 'p50':
        return r.p50Ms;
      case 'p99':
        return r.p99Ms;
      default:
        return null;
    }
  };
  return [...rows].sort((a, b) => {
    if (sort.key === 'service') return sign * tie(a, b);
    if (sort.key === 'operation') return sign * (collator.compare(a.operation, b.operation) || collator.compare(a.service, b.service));
    const x = num(a);
    const y = num(b);
    if (x === null || y === null) return x === y ? tie(a, b) : x === null ? 1 : -1;
    return sign * (x - y) || tie(a, b);
  });
}

export function parseSort(raw: string | null): OperationSort {
  const m = /^(service|operation|rate|errors|p50|p99):(asc|desc)$/.exec(raw ?? '');
  if (!m) return DEFAULT_OPERATION_SORT;
  return { key: m[1] as OperationSortKey, dir: m[2] === 'asc' ? 'ascending' : 'descending' };
}

export function formatSort(sort: OperationSort): string {
  return `${sort.key}:${sort.dir === 'ascending' ? 'asc' : 'desc'}`;
}
