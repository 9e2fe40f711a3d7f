import { describe, expect, it } from 'vitest';
import { buildTrace } from './buildTrace';
import { makeSpan } from './testing/makeSpan';
import { ancestors, descendantCount, spanById, subtreeEnd } from './traceTree';

// Display order: r, a, a1, a1x, a2, b, | orphan o, o1 | root r2
const trace = buildTrace([
  makeSpan({ spanId: 'r', start: 0 }),
  makeSpan({ spanId: 'a', parentSpanId: 'r', start: 1 }),
  makeSpan({ spanId: 'a1', parentSpanId: 'a', start: 2 }),
  makeSpan({ spanId: 'a1x', parentSpanId: 'a1', start: 3 }),
  makeSpan({ spanId: 'a2', parentSpanId: 'a', start: 4 }),
  makeSpan({ spanId: 'b', parentSpanId: 'r', start: 5 }),
  makeSpan({ spanId: 'o', parentSpanId: 'missing', start: 6 }),
  makeSpan({ spanId: 'o1', parentSpanId: 'o', start: 7 }),
  makeSpan({ spanId: 'r2', start: 8, name: 'second root' }),
  makeSpan({ spanId: 'r2', start: 9, name: 'duplicate' }),
]);

describe('traceTree helpers', () => {
  it('has the expected layout', () => {
    expect(trace.spans.map((s) => s.spanId)).toEqual(['r', 'a', 'a1', 'a1x', 'a2', 'b', 'o', 'o1', 'r2', 'r2']);
  });

  it('lists ancestors nearest first', () => {
    expect(ancestors(trace, 3)).toEqual([2, 1, 0]);
    expect(ancestors(trace, 5)).toEqual([0]);
    expect(ancestors(trace, 0)).toEqual([]);
    expect(ancestors(trace, 7)).toEqual([6]);
    expect(ancestors(trace, 6)).toEqual([]);
    expect(() => ancestors(trace, 10)).toThrow(RangeError);
    expect(() => ancestors(trace, -1)).toThrow(RangeError);
  });

  it('counts descendants', () => {
    expect([...trace.spans.keys()].map((i) => descendantCount(trace, i))).toEqual([5, 3, 1, 0, 0, 0, 1, 0, 0, 0]);
    expect(subtreeEnd(trace, 1)).toBe(5);
    expect(subtreeEnd(trace, 9)).toBe(10);
  });

  it('counts descendants of a 100k chain iteratively', () => {
    const n = 100_000;
    const chain = buildTrace(
      Array.from({ length: n }, (_, i) => makeSpan({ spanId: `s${i}`, parentSpanId: i === 0 ? '' : `s${i - 1}` })),
    );
    expect(descendantCount(chain, 0)).toBe(n - 1);
    expect(ancestors(chain, n - 1)).toHaveLength(n - 1);
  });

  it('finds spans by ID (first in display order for duplicates)', () => {
    expect(spanById(trace, 'a1x')?.index).toBe(3);
    expect(spanById(trace, 'r2')?.name).toBe('second root');
    expect(spanById(trace, 'missing')).toBeUndefined();
  });
});
