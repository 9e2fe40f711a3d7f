import { describe, expect, it } from 'vitest';
import type { SearchHit } from '../../sources/clients';
import { MARGIN, brushToRange, crossPath, layoutScatter, timeTick } from './scatter';

const T0 = 1_700_000_000_000;
const hit = (i: number, atMs: number, durationMs: number, errorCount = 0): SearchHit => ({
  traceId: String(i).padStart(32, '0'),
  rootService: 'svc',
  rootName: 'op',
  startTimeUnixNano: BigInt(atMs) * 1_000_000n,
  durationMs,
  errorCount,
});

describe('layoutScatter', () => {
  const size = { width: 600, height: 200 };
  const window = [T0, T0 + 60_000] as const;
  const layout = layoutScatter([hit(1, T0, 0), hit(2, T0 + 30_000, 50, 1), hit(3, T0 + 60_000, 100)], size, window, true);

  it('maps start time to x across the searched window and duration to y from 0', () => {
    const [a, b, c] = layout.points;
    expect(a!.x).toBe(MARGIN.left);
    expect(c!.x).toBe(size.width - MARGIN.right);
    expect(b!.x).toBeCloseTo((a!.x + c!.x) / 2, 6);
    expect(a!.y).toBe(size.height - MARGIN.bottom);
    expect(c!.y).toBe(MARGIN.top);
    expect(b!.y).toBeCloseTo((a!.y + c!.y) / 2, 6);
  });

  it('marks traces with errors', () => {
    expect(layout.points.map((p) => p.error)).toEqual([false, true, false]);
  });

  it('labels the axes with durations and clock times', () => {
    expect(layout.yTicks.map((t) => t.label)).toEqual(['0', '20 ms', '40 ms', '60 ms', '80 ms', '100 ms']);
    expect(layout.xTicks[0]!.label).toBe('22:13:30'); // ticks fall on round times
  });

  it('zooms to the hits rather than the whole searched window', () => {
    const late = layoutScatter([hit(1, T0 + 3_540_000, 5), hit(2, T0 + 3_600_000, 5)], size, [T0, T0 + 3_600_000], false);
    expect(late.domainMs[0]).toBe(T0 + 3_540_000 - 2_400);
    expect(late.domainMs[1]).toBe(T0 + 3_600_000); // clamped to the window's end
    expect(late.points[0]!.x).toBeGreaterThan(MARGIN.left);
  });

  it('copes with no hits and with one', () => {
    expect(layoutScatter([], size, window, false).domainMs).toEqual(window);
    expect(layoutScatter([], size, null, false).points).toEqual([]);
    const one = layoutScatter([hit(1, T0, 5)], size, null, false);
    expect(one.points[0]!.x).toBeCloseTo(300 + (MARGIN.left - MARGIN.right) / 2, 6);
  });
});

describe('brushToRange', () => {
  const layout = { plot: { left: 100, right: 300, top: 0, bottom: 100 }, domainMs: [T0, T0 + 200_000] as const };
  it('converts a drag to a time window, in either direction, clamped to the plot', () => {
    expect(brushToRange(150, 200, layout)).toEqual({ startMs: T0 + 50_000, endMs: T0 + 100_000 });
    expect(brushToRange(200, 150, layout)).toEqual({ startMs: T0 + 50_000, endMs: T0 + 100_000 });
    expect(brushToRange(0, 1000, layout)).toEqual({ startMs: T0, endMs: T0 + 200_000 });
  });
  it('treats a tiny drag as a click', () => {
    expect(brushToRange(150, 152, layout)).toBeNull();
  });
});

describe('ticks and shapes', () => {
  it('shows dates for windows over a day', () => {
    expect(timeTick(T0, 2 * 86_400_000, true)).toBe('Nov 14 22:13');
    expect(timeTick(T0, 3_600_000, true)).toBe('22:13');
  });
  it('draws a cross', () => {
    expect(crossPath(10, 10, 2)).toBe('M8,8L12,12M8,12L12,8');
  });
});
