/**
 * Whole-trace latency histogram in log2 buckets, as TraceQL `histogram_over_time` returns it:
 * a duration d (ns, ≥ 2) falls in the bucket whose upper bound is 2^ceil(log2 d) ns.
 */
import type { InstantSeries } from '../../sources/clients/metrics';

export interface HistogramBucket {
  /** Exclusive lower bound, ms. */
  readonly lowerMs: number;
  /** Inclusive upper bound, ms. */
  readonly upperMs: number;
  readonly count: number;
}

/** From a histogram_over_time instant query (`__bucket` = upper bound in seconds). */
export function histogramFromMetrics(series: readonly InstantSeries[]): HistogramBucket[] {
  const byUpper = new Map<number, number>();
  for (const s of series) {
    const upper = s.labels.__bucket;
    if (typeof upper !== 'number' || !(upper > 0) || !Number.isFinite(s.value)) continue;
    byUpper.set(upper, (byUpper.get(upper) ?? 0) + s.value);
  }
  return fillGaps([...byUpper].map(([upperSec, n]) => ({ lowerMs: (upperSec * 1000) / 2, upperMs: upperSec * 1000, count: n })));
}

/** The same buckets for durations in ms (a sample of search results). */
export function histogramFromDurations(durationsMs: readonly number[]): HistogramBucket[] {
  const byExp = new Map<number, number>();
  for (const ms of durationsMs) {
    const ns = Math.round(ms * 1e6);
    if (ns < 2) continue;
    const exp = Math.ceil(Math.log2(ns));
    byExp.set(exp, (byExp.get(exp) ?? 0) + 1);
  }
  return fillGaps([...byExp].map(([exp, n]) => ({ lowerMs: 2 ** (exp - 1) / 1e6, upperMs: 2 ** exp / 1e6, count: n })));
}

/** Sorted, with empty buckets between the first and last so the axis is continuous. */
function fillGaps(buckets: HistogramBucket[]): HistogramBucket[] {
  if (buckets.length === 0) return [];
  const sorted = [...buckets].sort((a, b) => a.upperMs - b.upperMs);
  const out: HistogramBucket[] = [];
  for (const b of sorted) {
    let prev = out[out.length - 1];
    while (prev !== undefined && b.lowerMs > prev.upperMs * 1.000001) {
      prev = { lowerMs: prev.upperMs, upperMs: prev.upperMs * 2, count: 0 };
      out.push(prev);
    }
    out.push(b);
  }
  return out;
}
