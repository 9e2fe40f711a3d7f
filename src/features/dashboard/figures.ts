/**
 * The dashboard's figures, from TraceQL metrics results or from a sample of search results,
 * in one shape so the tiles do not care where they came from. Plain TS, unit-tested.
 */
import type { InstantSeries, RangeSeries } from '../../sources/clients/metrics';
import type { SearchHit } from '../../sources/clients/types';
import { bucketOf, type DashboardRange } from './dashboardWindow';
import { quantileCont } from './quantile';

export type FiguresBasis =
  /** Every trace in the window counted by the embedded store. */
  | { readonly kind: 'exact' }
  /** TraceQL metrics of a remote Tempo: counts exact, quantiles interpolated in log2 buckets. */
  | { readonly kind: 'metrics' }
  /** Computed from the traces a search returned; `capped` when the search hit its limit. */
  | { readonly kind: 'sampled'; readonly sampleSize: number; readonly capped: boolean };

export interface DashboardFigures {
  readonly basis: FiguresBasis;
  readonly traceCount: number;
  /** Spans started in the window; null when the source does not say. */
  readonly spanCount: number | null;
  /** Traces with at least one error span; null when the source does not say. */
  readonly errorTraceCount: number | null;
  /** Whole-trace duration quantiles, ms; null without traces. */
  readonly p50Ms: number | null;
  readonly p99Ms: number | null;
  /** Services seen in the window, sorted. */
  readonly services: readonly string[];
  /** Per step bucket, for sparklines (length = range.buckets). */
  readonly buckets: {
    readonly traces: readonly number[];
    readonly spans: readonly number[] | null;
    readonly errorTraces: readonly number[] | null;
    readonly p99Ms: readonly (number | null)[];
    readonly services: readonly number[];
  };
}

export interface MetricsResults {
  readonly traces: readonly RangeSeries[];
  readonly errorTraces: readonly RangeSeries[];
  readonly spansByService: readonly RangeSeries[];
  /** quantile_over_time(trace:duration, .5, .99) as a range query (sparkline). */
  readonly latencyRange: readonly RangeSeries[];
  /** The same over the whole window as an instant query (the tile's figure). */
  readonly latency: readonly InstantSeries[];
}

const SERVICE = 'resource.service.name';

/** Per-bucket values of the series (summed when several), 0 where a bucket has no sample. */
export function bucketSums(range: DashboardRange, series: readonly RangeSeries[]): number[] {
  const out = new Array<number>(range.buckets).fill(0);
  for (const s of series) {
    for (const p of s.points) {
      const i = bucketOf(range, p.timeMs);
      if (i >= 0 && Number.isFinite(p.value)) out[i] = (out[i] as number) + p.value;
    }
  }
  return out;
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function quantileSeries<T extends { labels: Readonly<Record<string, unknown>> }>(series: readonly T[], p: number): T | undefined {
  return series.find((s) => typeof s.labels.p === 'number' && Math.abs(s.labels.p - p) < 1e-9);
}

/** Figures from the TraceQL metrics queries of queries.ts. Durations arrive in seconds. */
export function figuresFromMetrics(range: DashboardRange, r: MetricsResults, exact: boolean): DashboardFigures {
  const traces = bucketSums(range, r.traces);
  const errorTraces = bucketSums(range, r.errorTraces);
  const spans = bucketSums(range, r.spansByService);

  const services: string[] = [];
  const servicesPerBucket = new Array<number>(range.buckets).fill(0);
  for (const s of r.spansByService) {
    const name = s.labels[SERVICE];
    const perBucket = bucketSums(range, [s]);
    if (perBucket.every((v) => v === 0)) continue;
    services.push(typeof name === 'string' ? name : '(no service name)');
    perBucket.forEach((v, i) => {
      if (v > 0) servicesPerBucket[i] = (servicesPerBucket[i] as number) + 1;
    });
  }
  services.sort();

  const p99Range = quantileSeries(r.latencyRange, 0.99);
  const p99Ms = new Array<number | null>(range.buckets).fill(null);
  for (const p of p99Range?.points ?? []) {
    const i = bucketOf(range, p.timeMs);
    if (i >= 0 && Number.isFinite(p.value)) p99Ms[i] = p.value * 1000;
  }
  const traceCount = sum(traces);
  const instant = (p: number): number | null => {
    const s = quantileSeries(r.latency, p);
    return traceCount > 0 && s !== undefined && Number.isFinite(s.value) ? s.value * 1000 : null;
  };

  return {
    basis: exact ? { kind: 'exact' } : { kind: 'metrics' },
    traceCount,
    spanCount: sum(spans),
    errorTraceCount: sum(errorTraces),
    p50Ms: instant(0.5),
    p99Ms: instant(0.99),
    services,
    buckets: { traces, spans, errorTraces, p99Ms, services: servicesPerBucket },
  };
}

/**
 * Figures from the traces a search returned for the window (hits outside it are ignored).
 * `capped`: the search reached its limit, so the sample is not the whole window.
 */
export function figuresFromSample(range: DashboardRange, hits: readonly SearchHit[], capped: boolean): DashboardFigures {
  const inWindow = hits.filter((h) => bucketOf(range, hitStartMs(h)) >= 0);
  const traces = new Array<number>(range.buckets).fill(0);
  const knowsSpans = inWindow.every((h) => h.spanCount !== undefined);
  const knowsErrors = inWindow.every((h) => h.errorCount !== undefined);
  const spans = new Array<number>(range.buckets).fill(0);
  const errorTraces = new Array<number>(range.buckets).fill(0);
  const durations: number[][] = Array.from({ length: range.buckets }, () => []);
  const servicesPerBucket: Set<string>[] = Array.from({ length: range.buckets }, () => new Set<string>());
  const services = new Set<string>();

  for (const h of inWindow) {
    const i = bucketOf(range, hitStartMs(h));
    traces[i] = (traces[i] as number) + 1;
    spans[i] = (spans[i] as number) + (h.spanCount ?? 0);
    if ((h.errorCount ?? 0) > 0) errorTraces[i] = (errorTraces[i] as number) + 1;
    (durations[i] as number[]).push(h.durationMs);
    const names = h.services && h.services.length > 0 ? h.services.map((s) => s.name) : h.rootService ? [h.rootService] : [];
    for (const n of names) {
      services.add(n);
      (servicesPerBucket[i] as Set<string>).add(n);
    }
  }
  const all = inWindow.map((h) => h.durationMs);
  return {
    basis: { kind: 'sampled', sampleSize: inWindow.length, capped },
    traceCount: inWindow.length,
    spanCount: knowsSpans ? sum(spans) : null,
    errorTraceCount: knowsErrors ? sum(errorTraces) : null,
    p50Ms: quantileCont(all, 0.5),
    p99Ms: quantileCont(all, 0.99),
    services: [...services].sort(),
    buckets: {
      traces,
      spans: knowsSpans ? spans : null,
      errorTraces: knowsErrors ? errorTraces : null,
      p99Ms: durations.map((d) => quantileCont(d, 0.99)),
      services: servicesPerBucket.map((s) => s.size),
    },
  };
}

function hitStartMs(h: SearchHit): number {
  return Number(h.startTimeUnixNano / 1_000_000n);
}
