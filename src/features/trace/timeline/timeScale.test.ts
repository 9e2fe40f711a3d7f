import { describe, expect, it } from 'vitest';
import { clampRange, dragWindow, isZoomed, labelPlacement, minRangeWidth, rangeFromDrag, rulerTicks, timeToX, xToFraction, zoomAround } from './timeScale';

describe('time ↔ pixel mapping', () => {
  it('maps the whole trace onto the width', () => {
    expect(timeToX(0, 1000, [0, 1], 500)).toBe(0);
    expect(timeToX(500, 1000, [0, 1], 500)).toBe(250);
    expect(timeToX(1000, 1000, [0, 1], 500)).toBe(500);
  });

  it('maps a zoomed range, with times outside falling off the edges', () => {
    expect(timeToX(250, 1000, [0.25, 0.75], 400)).toBe(0);
    expect(timeToX(500, 1000, [0.25, 0.75], 400)).toBe(200);
    expect(timeToX(0, 1000, [0.25, 0.75], 400)).toBe(-200);
    expect(xToFraction(200, [0.25, 0.75], 400)).toBe(0.5);
  });
});

describe('clampRange', () => {
  const min = 0.01;
  it('keeps a valid range', () => expect(clampRange([0.2, 0.4], min)).toEqual([0.2, 0.4]));
  it('orders reversed ends', () => expect(clampRange([0.4, 0.2], min)).toEqual([0.2, 0.4]));
  it('slides a range pushed past an end back inside, keeping its width', () => {
    const [a, b] = clampRange([-0.1, 0.2], min);
    expect(a).toBe(0);
    expect(b).toBeCloseTo(0.3);
    const [c, d] = clampRange([0.9, 1.2], min);
    expect(c).toBeCloseTo(0.7);
    expect(d).toBe(1);
  });
  it('widens a too-narrow range around its middle', () => {
    const [a, b] = clampRange([0.5, 0.5], min);
    expect(b - a).toBeCloseTo(min);
    expect((a + b) / 2).toBeCloseTo(0.5);
  });
  it('never exceeds the whole trace and survives NaN', () => {
    expect(clampRange([-5, 5], min)).toEqual([0, 1]);
    expect(clampRange([Number.NaN, 0.5], min)).toEqual([0, 0.5]);
  });
  it('limits zoom to 1 ns or a millionth of the trace', () => {
    expect(minRangeWidth(1000)).toBe(1e-3);
    expect(minRangeWidth(1e12)).toBe(1e-6);
    expect(minRangeWidth(0)).toBe(1);
  });
});

describe('zooming', () => {
  it('turns a ruler drag into a range of the current view, in either direction', () => {
    expect(rangeFromDrag(100, 300, 400, [0, 1], 1e-6)).toEqual([0.25, 0.75]);
    expect(rangeFromDrag(300, 100, 400, [0, 1], 1e-6)).toEqual([0.25, 0.75]);
    const [a, b] = rangeFromDrag(0, 200, 400, [0.5, 1], 1e-6);
    expect([a, b]).toEqual([0.5, 0.75]);
  });
  it('clips a drag that leaves the ruler', () => {
    expect(rangeFromDrag(-50, 1000, 400, [0.2, 0.6], 1e-6)).toEqual([0.2, 0.6]);
  });
  it('zooms around an anchor that stays put', () => {
    const next = zoomAround([0, 1], 0.5, 0.5, 1e-6);
    expect(next[0]).toBeCloseTo(0.25);
    expect(next[1]).toBeCloseTo(0.75);
    const left = zoomAround([0.2, 0.6], 0.5, 0, 1e-6);
    expect(left[0]).toBeCloseTo(0.2);
    expect(left[1]).toBeCloseTo(0.4);
    expect(zoomAround([0.2, 0.6], 10, 0.5, 1e-6)).toEqual([0, 1]);
  });
  it('knows when it is zoomed', () => {
    expect(isZoomed([0, 1])).toBe(false);
    expect(isZoomed([0, 0.5])).toBe(true);
  });
});

describe('minimap window drag', () => {
  const min = 0.05;
  it('pans keeping the width and stops at the ends', () => {
    const moved = dragWindow('pan', [0.2, 0.4], 0.1, min);
    expect(moved[0]).toBeCloseTo(0.3);
    expect(moved[1]).toBeCloseTo(0.5);
    const right = dragWindow('pan', [0.2, 0.4], 5, min);
    expect(right[0]).toBeCloseTo(0.8);
    expect(right[1]).toBeCloseTo(1);
    expect(dragWindow('pan', [0.2, 0.4], -5, min)).toEqual([0, 0.2]);
  });
  it('moves only the dragged edge, never past the other', () => {
    expect(dragWindow('start', [0.2, 0.4], -0.1, min)[0]).toBeCloseTo(0.1);
    expect(dragWindow('start', [0.2, 0.4], -0.1, min)[1]).toBe(0.4);
    expect(dragWindow('start', [0.2, 0.4], 0.5, min)[0]).toBeCloseTo(0.35);
    expect(dragWindow('end', [0.2, 0.4], 0.3, min)[1]).toBeCloseTo(0.7);
    expect(dragWindow('end', [0.2, 0.4], -1, min)[1]).toBeCloseTo(0.25);
    expect(dragWindow('end', [0.2, 0.4], 5, min)[1]).toBe(1);
  });
});

describe('rulerTicks', () => {
  it('gives round times with units, about every 100 px, inside the view', () => {
    const ticks = rulerTicks(215_000_000, [0, 1], 800);
    expect(ticks.map((t) => t.label)).toEqual(['0 ns', '20 ms', '40 ms', '60 ms', '80 ms', '100 ms', '120 ms', '140 ms', '160 ms', '180 ms', '200 ms']);
    for (const t of ticks) expect(t.x).toBeGreaterThanOrEqual(0);
    for (const t of ticks) expect(t.x).toBeLessThanOrEqual(800);
  });
  it('labels a deep zoom with fine units', () => {
    const ticks = rulerTicks(1e9, [0.5, 0.500002], 400);
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    expect(ticks[0]!.label).toMatch(/ms$/);
    expect(ticks[1]!.x - ticks[0]!.x).toBeGreaterThan(40);
  });
  it('is empty without room', () => expect(rulerTicks(1000, [0, 1], 0)).toEqual([]));
});

describe('labelPlacement', () => {
  it('puts the label inside a bar wide enough for it', () => expect(labelPlacement(10, 100, 40, 500)).toBe('inside'));
  it('puts it right of a narrow bar', () => expect(labelPlacement(10, 20, 40, 500)).toBe('right'));
  it('puts it left when the right has no room', () => expect(labelPlacement(450, 40, 40, 500)).toBe('left'));
  it('counts only the visible part of a bar that leaves the view', () => {
    expect(labelPlacement(-1000, 1020, 40, 500)).toBe('right');
    expect(labelPlacement(-1000, 2000, 40, 500)).toBe('inside');
  });
});
