import { describe, expect, it } from 'vitest';
import { buildTrace } from '../../../model/buildTrace';
import { makeSpan } from '../../../model/testing/makeSpan';
import { traceColumns } from './columns';
import { densityGrid, densityPixels, parseColor, spanColumns, spanRow } from './minimapDensity';
import { textOn } from './drawBars';

describe('minimap density', () => {
  it('maps a span onto pixel columns, at least one wide', () => {
    expect(spanColumns(0, 100, 100, 10)).toEqual([0, 9]);
    expect(spanColumns(50, 50, 100, 10)).toEqual([5, 5]);
    expect(spanColumns(95, 100, 100, 10)).toEqual([9, 9]);
  });

  it('buckets spans into pixel rows in display order', () => {
    expect(spanRow(0, 100, 10)).toBe(0);
    expect(spanRow(99, 100, 10)).toBe(9);
    expect(spanRow(1, 2, 10)).toBe(5);
  });

  it('counts the spans covering each pixel, and errors apart', () => {
    const trace = buildTrace([
      makeSpan({ spanId: 'r', start: 0, duration: 10 }),
      makeSpan({ spanId: 'a', parentSpanId: 'r', start: 0, duration: 5, status: 'error' }),
      makeSpan({ spanId: 'b', parentSpanId: 'r', start: 5, duration: 5 }),
    ]);
    const grid = densityGrid(traceColumns(trace), 10, 1);
    expect(Array.from(grid.count)).toEqual([2, 2, 2, 2, 2, 2, 2, 2, 2, 2]);
    expect(Array.from(grid.errors)).toEqual([1, 1, 1, 1, 1, 0, 0, 0, 0, 0]);
    expect(grid.max).toBe(2);
    const two = densityGrid(traceColumns(trace), 10, 3);
    expect(Array.from(two.count.slice(10, 20))).toEqual([1, 1, 1, 1, 1, 0, 0, 0, 0, 0]);
    const pixels = densityPixels(two, '#000000', 'rgb(255, 0, 0)');
    expect(Array.from(pixels.slice(40, 44))).toEqual([255, 0, 0, 255]);
    expect(pixels[(20 + 9) * 4 + 3]).toBeGreaterThan(0);
    expect(pixels[(10 + 9) * 4 + 3]).toBe(0);
  });

  it('reads theme colours', () => {
    expect(parseColor('#2563eb')).toEqual([0x25, 0x63, 0xeb]);
    expect(parseColor('rgb(91, 157, 255)')).toEqual([91, 157, 255]);
  });

  it('picks readable label colours on bars', () => {
    expect(textOn('#edc948')).toBe('#000000');
    expect(textOn('#0072b2')).toBe('#ffffff');
  });
});
