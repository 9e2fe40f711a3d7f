import { describe, expect, it } from 'vitest';
import { bucketOf, parseWindow, windowRange } from './dashboardWindow';

describe('parseWindow', () => {
  it('accepts the five windows and defaults to 1h', () => {
    expect(parseWindow('7d')).toBe('7d');
    expect(parseWindow('15m')).toBe('15m');
    expect(parseWindow(null)).toBe('1h');
    expect(parseWindow('2h')).toBe('1h');
  });
});

describe('windowRange', () => {
  it('ends at now rounded up to the step and spans exactly the window', () => {
    const r = windowRange('1h', 1_700_000_030_500);
    expect(r.endMs).toBe(1_700_000_040_000);
    expect(r.startMs).toBe(1_700_000_040_000 - 3_600_000);
    expect(r.stepMs).toBe(60_000);
    expect(r.buckets).toBe(60);
    expect(r.startMs % r.stepMs).toBe(0);
  });

  it('keeps now when it is already aligned', () => {
    expect(windowRange('15m', 1_700_000_010_000).endMs).toBe(1_700_000_010_000);
  });

  it('gives every window a whole number of buckets', () => {
    for (const w of ['15m', '1h', '6h', '24h', '7d'] as const) {
      const r = windowRange(w, 1_700_000_123_456);
      expect(Number.isInteger(r.buckets)).toBe(true);
      expect(r.buckets * r.stepMs).toBe(r.endMs - r.startMs);
    }
  });
});

describe('bucketOf', () => {
  it('maps [start, end) to bucket indices and everything else to -1', () => {
    const r = windowRange('15m', 900_000);
    expect(bucketOf(r, 0)).toBe(0);
    expect(bucketOf(r, 29_999)).toBe(0);
    expect(bucketOf(r, 30_000)).toBe(1);
    expect(bucketOf(r, 899_999)).toBe(29);
    expect(bucketOf(r, 900_000)).toBe(-1);
    expect(bucketOf(r, -1)).toBe(-1);
  });
});
