import { describe, expect, it } from 'vitest';
import { buildTrace } from './buildTrace';
import { selfTimes } from './selfTime';
import { makeSpan } from './testing/makeSpan';
import type { Trace } from './types';

const MS = 1_000_000;

function indexOf(trace: Trace, spanId: string): number {
  const i = trace.spans.findIndex((s) => s.spanId === spanId);
  if (i === -1) throw new Error(`no span ${spanId}`);
  return i;
}

describe('selfTimes', () => {
  it('subtracts the union of children clipped to the span', () => {
    const trace = buildTrace([
      makeSpan({ spanId: 'p', start: 10, duration: 100 }), // 10–110
      makeSpan({ spanId: 'a', parentSpanId: 'p', start: 20, duration: 20 }), // 20–40
      makeSpan({ spanId: 'b', parentSpanId: 'p', start: 30, duration: 30 }), // 30–60, overlaps a
      makeSpan({ spanId: 'c', parentSpanId: 'p', start: 100, duration: 30 }), // 100–130 → 100–110
      makeSpan({ spanId: 'd', parentSpanId: 'p', start: 5, duration: 10 }), // 5–15 → 10–15
      makeSpan({ spanId: 'e', parentSpanId: 'p', start: 200, duration: 10 }), // outside
      makeSpan({ spanId: 'g', parentSpanId: 'a', start: 25, duration: 10 }), // 25–35 inside a
    ]);
    const self = selfTimes(trace);
    expect(self).toBeInstanceOf(Float64Array);
    expect(self.length).toBe(7);
    // covered: 10–15 (d) + 20–60 (a ∪ b) + 100–110 (c) = 55 ms
    expect(self[indexOf(trace, 'p')]).toBe(45 * MS);
    expect(self[indexOf(trace, 'a')]).toBe(10 * MS);
    expect(self[indexOf(trace, 'b')]).toBe(30 * MS);
    expect(self[indexOf(trace, 'c')]).toBe(30 * MS);
    expect(self[indexOf(trace, 'e')]).toBe(10 * MS);
    expect(self[indexOf(trace, 'g')]).toBe(10 * MS);
  });

  it('counts nested and identical children once and never goes negative', () => {
    const trace = buildTrace([
      makeSpan({ spanId: 'p', start: 0, duration: 10 }),
      makeSpan({ spanId: 'a', parentSpanId: 'p', start: 0, duration: 10 }),
      makeSpan({ spanId: 'b', parentSpanId: 'p', start: 2, duration: 3 }),
      makeSpan({ spanId: 'c', parentSpanId: 'p', start: 0, duration: 10 }),
      makeSpan({ spanId: 'z', parentSpanId: 'a', start: 4, duration: 0 }),
    ]);
    const self = selfTimes(trace);
    expect(self[indexOf(trace, 'p')]).toBe(0);
    expect(self[indexOf(trace, 'a')]).toBe(10 * MS);
    expect(self[indexOf(trace, 'z')]).toBe(0);
  });

  it('handles disjoint children in start order', () => {
    const trace = buildTrace([
      makeSpan({ spanId: 'p', start: 0, duration: 100 }),
      makeSpan({ spanId: 'a', parentSpanId: 'p', start: 10, duration: 10 }),
      makeSpan({ spanId: 'b', parentSpanId: 'p', start: 30, duration: 10 }),
      makeSpan({ spanId: 'c', parentSpanId: 'p', start: 35, duration: 15 }),
    ]);
    expect(selfTimes(trace)[0]).toBe(70 * MS);
  });

  it('is empty for an empty trace', () => {
    expect(selfTimes(buildTrace([])).length).toBe(0);
  });
});
