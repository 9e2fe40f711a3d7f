import { describe, expect, it } from 'vitest';
import { buildTrace } from './buildTrace';
import { criticalPath, criticalPathSpans } from './criticalPath';
import { makeSpan } from './testing/makeSpan';
import type { SpanData, Trace } from './types';

const MS = 1_000_000;

/** Segments as [spanId, startMs, endMs] for readable expectations. */
function path(trace: Trace): [string, number, number][] {
  return criticalPath(trace).map((s) => [trace.spans[s.span]!.spanId, s.start / MS, s.end / MS]);
}

function pathSpans(trace: Trace): string[] {
  return criticalPathSpans(trace).map((i) => trace.spans[i]!.spanId);
}

describe('criticalPath', () => {
  it('follows a sequential chain of back-to-back children', () => {
    const trace = buildTrace([
      makeSpan({ spanId: 'r', start: 0, duration: 100 }),
      makeSpan({ spanId: 'a', parentSpanId: 'r', start: 10, duration: 30 }),
      makeSpan({ spanId: 'b', parentSpanId: 'r', start: 40, duration: 30 }),
      makeSpan({ spanId: 'c', parentSpanId: 'r', start: 70, duration: 20 }),
    ]);
    expect(path(trace)).toEqual([
      ['r', 0, 10],
      ['a', 10, 40],
      ['b', 40, 70],
      ['c', 70, 90],
      ['r', 90, 100],
    ]);
    expect(pathSpans(trace)).toEqual(['r', 'c', 'b', 'a']);
  });

  it('descends through nested spans', () => {
    const trace = buildTrace([
      makeSpan({ spanId: 'r', start: 0, duration: 100 }),
      makeSpan({ spanId: 'a', parentSpanId: 'r', start: 10, duration: 80 }),
      makeSpan({ spanId: 'b', parentSpanId: 'a', start: 20, duration: 50 }),
    ]);
    expect(path(trace)).toEqual([
      ['r', 0, 10],
      ['a', 10, 20],
      ['b', 20, 70],
      ['a', 70, 90],
      ['r', 90, 100],
    ]);
    expect(pathSpans(trace)).toEqual(['r', 'a', 'b']);
  });

  it('takes only the last-finishing of parallel children and what ended before it started', () => {
    const trace = buildTrace([
      makeSpan({ spanId: 'r', start: 0, duration: 100 }),
      makeSpan({ spanId: 'd', parentSpanId: 'r', start: 0, duration: 20 }),
      makeSpan({ spanId: 'a', parentSpanId: 'r', start: 10, duration: 70 }),
      makeSpan({ spanId: 'b', parentSpanId: 'r', start: 20, duration: 40 }),
      makeSpan({ spanId: 'c', parentSpanId: 'r', start: 30, duration: 60 }),
    ]);
    expect(path(trace)).toEqual([
      ['d', 0, 20],
      ['r', 20, 30],
      ['c', 30, 90],
      ['r', 90, 100],
    ]);
    expect(pathSpans(trace)).toEqual(['r', 'c', 'd']);
  });

  it('clips children that start before or end after their parent, transitively', () => {
    const trace = buildTrace([
      makeSpan({ spanId: 'r', start: 10, duration: 100 }), // 10–110
      makeSpan({ spanId: 'b', parentSpanId: 'r', start: 0, duration: 30 }), // 0–30 → 10–30
      makeSpan({ spanId: 'a', parentSpanId: 'r', start: 60, duration: 100 }), // 60–160 → 60–110
      makeSpan({ spanId: 'g', parentSpanId: 'a', start: 100, duration: 30 }), // 100–130 → 100–110
      makeSpan({ spanId: 'x', parentSpanId: 'a', start: 120, duration: 50 }), // after clipped a: dropped
    ]);
    expect(path(trace)).toEqual([
      ['b', 10, 30],
      ['r', 30, 60],
      ['a', 60, 100],
      ['g', 100, 110],
    ]);
    expect(pathSpans(trace)).toEqual(['r', 'a', 'g', 'b']);
  });

  it('gives the gaps between children to the parent', () => {
    const trace = buildTrace([
      makeSpan({ spanId: 'r', start: 0, duration: 100 }),
      makeSpan({ spanId: 'a', parentSpanId: 'r', start: 20, duration: 20 }),
      makeSpan({ spanId: 'b', parentSpanId: 'r', start: 60, duration: 20 }),
    ]);
    expect(path(trace)).toEqual([
      ['r', 0, 20],
      ['a', 20, 40],
      ['r', 40, 60],
      ['b', 60, 80],
      ['r', 80, 100],
    ]);
  });

  it('starts at the top-level span that ends last', () => {
    const trace = buildTrace([
      makeSpan({ spanId: 'r1', start: 0, duration: 50 }),
      makeSpan({ spanId: 'r2', start: 10, duration: 110 }),
      makeSpan({ spanId: 'k', parentSpanId: 'r2', start: 20, duration: 10 }),
      makeSpan({ spanId: 'r3', start: 100, duration: 10 }),
    ]);
    expect(path(trace)).toEqual([
      ['r2', 10, 20],
      ['k', 20, 30],
      ['r2', 30, 120],
    ]);
    expect(pathSpans(trace)).toEqual(['r2', 'k']);
  });

  it('uses the children of a missing-parent group as top-level spans', () => {
    const trace = buildTrace([
      makeSpan({ spanId: 'r', start: 0, duration: 60 }),
      makeSpan({ spanId: 'x', parentSpanId: 'gone', start: 0, duration: 80 }),
      makeSpan({ spanId: 'y', parentSpanId: 'gone', start: 20, duration: 70 }),
      makeSpan({ spanId: 'z', parentSpanId: 'y', start: 30, duration: 20 }),
    ]);
    expect(trace.topLevel.map((t) => t.kind)).toEqual(['span', 'missing-parent']);
    expect(path(trace)).toEqual([
      ['y', 20, 30],
      ['z', 30, 50],
      ['y', 50, 90],
    ]);
    expect(pathSpans(trace)).toEqual(['y', 'z']);
  });

  it('walks through zero-length children without looping and merges adjacent parts', () => {
    const trace = buildTrace([
      makeSpan({ spanId: 'r', start: 0, duration: 10 }),
      makeSpan({ spanId: 'z1', parentSpanId: 'r', start: 5, duration: 0 }),
      makeSpan({ spanId: 'z2', parentSpanId: 'r', start: 5, duration: 0 }),
    ]);
    expect(path(trace)).toEqual([['r', 0, 10]]);
    expect(pathSpans(trace)).toEqual(['r', 'z1', 'z2']);
  });

  it('is empty for an empty trace and the root alone for a lone zero-length span', () => {
    expect(criticalPath(buildTrace([]))).toEqual([]);
    expect(criticalPathSpans(buildTrace([]))).toEqual([]);
    const lone = buildTrace([makeSpan({ spanId: 'r', duration: 0 })]);
    expect(criticalPath(lone)).toEqual([]);
    expect(criticalPathSpans(lone)).toEqual([0]);
  });

  it('handles a 100k-deep chain without recursion', () => {
    const n = 100_000;
    const data: SpanData[] = [];
    // Span i runs from i µs to (2n - i) µs: each nested in the previous one.
    for (let i = 0; i < n; i++) {
      data.push(
        makeSpan({
          spanId: `s${i}`,
          parentSpanId: i === 0 ? '' : `s${i - 1}`,
          start: i / 1000,
          duration: (2 * (n - i)) / 1000,
        }),
      );
    }
    const trace = buildTrace(data);
    const spans = criticalPathSpans(trace);
    expect(spans.length).toBe(n);
    expect(spans[0]).toBe(0);
    expect(spans[n - 1]).toBe(n - 1);
    const segments = criticalPath(trace);
    // Every span but the leaf owns 1 µs at each end; the leaf owns its 2 µs.
    expect(segments.length).toBe(2 * n - 1);
    expect(segments[0]).toEqual({ span: 0, start: 0, end: 1000 });
    expect(segments[n - 1]).toEqual({ span: n - 1, start: (n - 1) * 1000, end: (n + 1) * 1000 });
    expect(segments[2 * n - 2]).toEqual({ span: 0, start: (2 * n - 1) * 1000, end: 2 * n * 1000 });
    let gaps = 0;
    for (let k = 1; k < segments.length; k++) if (segments[k]!.start !== segments[k - 1]!.end) gaps++;
    expect(gaps).toBe(0);
  });
});
