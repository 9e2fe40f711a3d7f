import { describe, expect, it } from 'vitest';
import type { RangeSeries } from '../../sources/clients/metrics';
import type { SearchHit } from '../../sources/clients/types';
import { windowRange } from './dashboardWindow';
import { bucketSums, figuresFromMetrics, figuresFromSample } from './figures';

// 15 min window, 30 s buckets, starting at 0.
const range = windowRange('15m', 900_000);
const series = (labels: RangeSeries['labels'], points: [number, number][]): RangeSeries => ({ labels, points: points.map(([timeMs, value]) => ({ timeMs, value })) });

describe('bucketSums', () => {
  it('places samples by time, sums series, ignores NaN and points outside the range', () => {
    const out = bucketSums(range, [series({}, [[0, 2], [30_000, 3], [900_000, 99]]), series({}, [[30_000, 1], [60_000, NaN]])]);
    expect(out.slice(0, 3)).toEqual([2, 4, 0]);
    expect(out).toHaveLength(30);
  });
});

describe('figuresFromMetrics', () => {
  const f = figuresFromMetrics(
    range,
    {
      traces: [series({ __name__: 'count_over_time' }, [[0, 3], [60_000, 1]])],
      errorTraces: [series({ __name__: 'count_over_time' }, [[60_000, 1]])],
      spansByService: [
        series({ 'resource.service.name': 'web' }, [[0, 6], [60_000, 2]]),
        series({ 'resource.service.name': 'db' }, [[0, 4], [30_000, 0]]),
        series({ 'resource.service.name': 'idle' }, [[0, 0]]),
      ],
      latencyRange: [series({ p: 0.5 }, [[0, 0.01]]), series({ p: 0.99 }, [[0, 0.2], [60_000, 0.05]])],
      latency: [
        { labels: { p: 0.5 }, value: 0.012 },
        { labels: { p: 0.99 }, value: 0.1985 },
      ],
    },
    true,
  );

  it('totals the counts over the window', () => {
    expect(f.basis).toEqual({ kind: 'exact' });
    expect(f.traceCount).toBe(4);
    expect(f.spanCount).toBe(12);
    expect(f.errorTraceCount).toBe(1);
  });

  it('converts the instant quantiles from seconds to ms', () => {
    expect(f.p50Ms).toBeCloseTo(12, 9);
    expect(f.p99Ms).toBeCloseTo(198.5, 9);
  });

  it('lists services that had spans, and counts them per bucket', () => {
    expect(f.services).toEqual(['db', 'web']);
    expect(f.buckets.services.slice(0, 3)).toEqual([2, 0, 1]);
  });

  it('keeps per-bucket series for the sparklines', () => {
    expect(f.buckets.traces.slice(0, 3)).toEqual([3, 0, 1]);
    expect(f.buckets.p99Ms.slice(0, 3)).toEqual([200, null, 50]);
  });

  it('has no latency without traces', () => {
    const empty = figuresFromMetrics(range, { traces: [], errorTraces: [], spansByService: [], latencyRange: [], latency: [] }, false);
    expect(empty.basis).toEqual({ kind: 'metrics' });
    expect(empty.traceCount).toBe(0);
    expect(empty.p99Ms).toBeNull();
    expect(empty.services).toEqual([]);
  });
});

const hit = (startMs: number, durationMs: number, extra: Partial<SearchHit> = {}): SearchHit => ({
  traceId: startMs.toString(16).padStart(32, '0'),
  rootService: 'web',
  rootName: 'GET /',
  startTimeUnixNano: BigInt(startMs) * 1_000_000n,
  durationMs,
  ...extra,
});

describe('figuresFromSample', () => {
  it('computes every figure from the hits in the window', () => {
    const hits = [
      hit(1_000, 10, { spanCount: 4, errorCount: 0, services: [{ name: 'web', spanCount: 2, errorCount: 0 }, { name: 'db', spanCount: 2, errorCount: 0 }] }),
      hit(2_000, 30, { spanCount: 2, errorCount: 1, services: [{ name: 'web', spanCount: 2, errorCount: 1 }] }),
      hit(40_000, 20, { spanCount: 6, errorCount: 0, rootService: 'api', services: [] }),
      hit(5_000_000, 999, { spanCount: 1, errorCount: 1 }), // outside the window
    ];
    const f = figuresFromSample(range, hits, false);
    expect(f.basis).toEqual({ kind: 'sampled', sampleSize: 3, capped: false });
    expect(f.traceCount).toBe(3);
    expect(f.spanCount).toBe(12);
    expect(f.errorTraceCount).toBe(1);
    expect(f.p50Ms).toBe(20);
    expect(f.p99Ms).toBeCloseTo(20 + 10 * 0.98, 9);
    expect(f.services).toEqual(['api', 'db', 'web']);
    expect(f.buckets.traces.slice(0, 2)).toEqual([2, 1]);
    expect(f.buckets.services.slice(0, 2)).toEqual([2, 1]);
    expect(f.buckets.p99Ms[0]).toBeCloseTo(10 + 20 * 0.99, 9);
  });

  it('says when the search hit its limit and when counts are unknown', () => {
    const f = figuresFromSample(range, [hit(1_000, 5), hit(2_000, 6)], true);
    expect(f.basis).toEqual({ kind: 'sampled', sampleSize: 2, capped: true });
    expect(f.spanCount).toBeNull();
    expect(f.errorTraceCount).toBeNull();
    expect(f.buckets.spans).toBeNull();
  });
});
