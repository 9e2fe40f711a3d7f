import { describe, expect, it } from 'vitest';
import { buildTrace } from '../../../model/buildTrace';
import { makeSpan } from '../../../model/testing/makeSpan';
import type { RowKey } from '../contracts';
import { traceColumns } from './columns';
import { ancestorsOf, collapseAll, expandOneLevel, groupRow, parentRow, rowDepth, rowKey, visibleRows } from './rows';

// Display order: 0 r, 1 a, 2 a1, 3 a1x, 4 a2, 5 b | group(mp:missing): 6 o, 7 o1, 8 o2 | 9 r2
const trace = buildTrace([
  makeSpan({ spanId: 'r', start: 0, duration: 10 }),
  makeSpan({ spanId: 'a', parentSpanId: 'r', start: 1 }),
  makeSpan({ spanId: 'a1', parentSpanId: 'a', start: 2 }),
  makeSpan({ spanId: 'a1x', parentSpanId: 'a1', start: 3 }),
  makeSpan({ spanId: 'a2', parentSpanId: 'a', start: 4 }),
  makeSpan({ spanId: 'b', parentSpanId: 'r', start: 5 }),
  makeSpan({ spanId: 'o', parentSpanId: 'missing', start: 6 }),
  makeSpan({ spanId: 'o1', parentSpanId: 'o', start: 7 }),
  makeSpan({ spanId: 'o2', parentSpanId: 'missing', start: 7.5 }),
  makeSpan({ spanId: 'r2', start: 8 }),
]);
const GROUP = groupRow(trace.topLevel.findIndex((t) => t.kind === 'missing-parent'));
const list = (collapsed: Iterable<RowKey>): number[] => Array.from(visibleRows(trace, new Set(collapsed)));

describe('trace layout under test', () => {
  it('is depth-first with the orphans under one placeholder', () => {
    expect(trace.spans.map((s) => s.spanId)).toEqual(['r', 'a', 'a1', 'a1x', 'a2', 'b', 'o', 'o1', 'o2', 'r2']);
    expect(trace.topLevel.map((t) => t.kind)).toEqual(['span', 'missing-parent', 'span']);
  });
});

describe('visibleRows', () => {
  it('shows every span and the placeholder row when nothing is collapsed', () => {
    expect(list([])).toEqual([0, 1, 2, 3, 4, 5, GROUP, 6, 7, 8, 9]);
  });

  it('hides a collapsed subtree but keeps the collapsed row', () => {
    expect(list([1])).toEqual([0, 1, 5, GROUP, 6, 7, 8, 9]);
    expect(list([2])).toEqual([0, 1, 2, 4, 5, GROUP, 6, 7, 8, 9]);
    expect(list([0])).toEqual([0, GROUP, 6, 7, 8, 9]);
  });

  it('collapses a missing-parent group by its mp: key', () => {
    expect(list(['mp:missing'])).toEqual([0, 1, 2, 3, 4, 5, GROUP, 9]);
    expect(list([6])).toEqual([0, 1, 2, 3, 4, 5, GROUP, 6, 8, 9]);
  });

  it('ignores collapsed keys of leaves and unknown keys', () => {
    expect(list([3, 999, -4, 'mp:nope'])).toEqual(list([]));
  });
});

describe('row helpers', () => {
  it('gives orphans one extra level below their placeholder', () => {
    expect(rowDepth(trace, GROUP)).toBe(0);
    expect(rowDepth(trace, 6)).toBe(1);
    expect(rowDepth(trace, 7)).toBe(2);
    expect(rowDepth(trace, 3)).toBe(3);
    expect(traceColumns(trace).subtreeEnd[1]).toBe(5);
  });

  it('finds parents, including the placeholder', () => {
    expect(parentRow(trace, 3)).toBe(2);
    expect(parentRow(trace, 6)).toBe(GROUP);
    expect(parentRow(trace, GROUP)).toBeNull();
    expect(parentRow(trace, 0)).toBeNull();
    expect(rowKey(trace, GROUP)).toBe('mp:missing');
  });

  it('lists the rows to expand to reveal a span, nearest first', () => {
    expect(ancestorsOf(trace, 3)).toEqual([2, 1, 0]);
    expect(ancestorsOf(trace, 7)).toEqual([6, 'mp:missing']);
    expect(ancestorsOf(trace, 8)).toEqual(['mp:missing']);
    expect(ancestorsOf(trace, 9)).toEqual([]);
  });

  it('reveals a span once its ancestors are expanded', () => {
    const collapsed = collapseAll(trace);
    expect(list(collapsed)).not.toContain(7);
    const next = new Set(collapsed);
    for (const key of ancestorsOf(trace, 7)) next.delete(key);
    expect(list(next)).toContain(7);
  });
});

describe('collapseAll / expandOneLevel', () => {
  it('collapses every row with children and every placeholder', () => {
    const all = collapseAll(trace);
    expect([...all].sort()).toEqual([0, 1, 2, 6, 'mp:missing'].sort());
    expect(list(all)).toEqual([0, GROUP, 9]);
  });

  it('opens the tree one level per call', () => {
    let collapsed: Set<RowKey> = collapseAll(trace);
    collapsed = expandOneLevel(trace, collapsed);
    expect(list(collapsed)).toEqual([0, 1, 5, GROUP, 6, 8, 9]);
    collapsed = expandOneLevel(trace, collapsed);
    expect(list(collapsed)).toEqual([0, 1, 2, 4, 5, GROUP, 6, 7, 8, 9]);
    collapsed = expandOneLevel(trace, collapsed);
    expect(list(collapsed)).toEqual(list([]));
    expect(collapsed.size).toBe(0);
  });

  it('is a no-op when nothing is collapsed', () => {
    expect(expandOneLevel(trace, new Set()).size).toBe(0);
  });
});

describe('visibleRows at scale', () => {
  it('lays out 200k spans quickly and skips collapsed subtrees', () => {
    const spans = [makeSpan({ spanId: 'root', duration: 1000 })];
    for (let i = 0; i < 1000; i++) {
      spans.push(makeSpan({ spanId: `p${i}`, parentSpanId: 'root', start: i }));
      for (let j = 0; j < 199; j++) spans.push(makeSpan({ spanId: `c${i}-${j}`, parentSpanId: `p${i}`, start: i + j / 1000 }));
    }
    const big = buildTrace(spans);
    const t0 = performance.now();
    expect(visibleRows(big, new Set()).length).toBe(200_001);
    const collapsed = collapseAll(big);
    collapsed.delete(0);
    expect(visibleRows(big, collapsed).length).toBe(1001);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});
