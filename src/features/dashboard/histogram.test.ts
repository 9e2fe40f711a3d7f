import { describe, expect, it } from 'vitest';
import { histogramFromDurations, histogramFromMetrics } from './histogram';

describe('histogramFromMetrics', () => {
  it('reads __bucket upper bounds in seconds, sorts and fills empty buckets', () => {
    const buckets = histogramFromMetrics([
      { labels: { __name__: 'histogram_over_time', __bucket: 0.033554432 }, value: 2 },
      { labels: { __name__: 'histogram_over_time', __bucket: 0.008388608 }, value: 5 },
    ]);
    expect(buckets.map((b) => [Number(b.upperMs.toFixed(6)), b.count])).toEqual([
      [8.388608, 5],
      [16.777216, 0],
      [33.554432, 2],
    ]);
    expect(buckets[0]?.lowerMs).toBeCloseTo(4.194304, 9);
  });
});

describe('histogramFromDurations', () => {
  it('puts d in the bucket with upper bound 2^ceil(log2 d ns), as the backend does', () => {
    const buckets = histogramFromDurations([8.388608, 8.3887, 1, 0]);
    expect(buckets.map((b) => [b.upperMs, b.count])).toEqual([
      [1.048576, 1],
      [2.097152, 0],
      [4.194304, 0],
      [8.388608, 1],
      [16.777216, 1],
    ]);
  });
  it('is empty without durations', () => {
    expect(histogramFromDurations([])).toEqual([]);
  });
});
