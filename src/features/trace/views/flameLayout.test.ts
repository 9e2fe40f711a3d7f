import { describe, expect, it } from 'vitest';
import { buildTrace } from '../../../model/buildTrace';
import { makeSpan } from '../../../model/testing/makeSpan';
import type { Trace } from '../../../model/types';
import { ROOT, ancestors, hitTest, layoutFlame, neighbour, nodeOfSpan, visibleBars } from './flameLayout';

/**
 * root 0–100 ms
 *   a 0–40   (child a1 0–10)
 *   b 50–90
 * orphan o (parent missing) 10–20
 */
function sample(): Trace {
  return buildTrace([
    makeSpan({ spanId: 'r', start: 0, duration: 100, name: 'root' }),
    makeSpan({ spanId: 'a', parentSpanId: 'r', start: 0, duration: 40, name: 'a' }),
    makeSpan({ spanId: 'a1', parentSpanId: 'a', start: 0, duration: 10, name: 'a1' }),
    makeSpan({ spanId: 'b', parentSpanId: 'r', start: 50, duration: 40, name: 'b' }),
    makeSpan({ spanId: 'o', parentSpanId: 'gone', start: 10, duration: 20, name: 'o' }),
  ]);
}

const nodeNamed = (trace: Trace, name: string): number => nodeOfSpan(trace.spans.findIndex((s) => s.name === name));

describe('layoutFlame', () => {
  const trace = sample();
  const layout = layoutFlame(trace);
  const n = (name: string) => nodeNamed(trace, name);

  it('makes width proportional to time, root and orphans at the top', () => {
    expect(layout.count).toBe(6);
    expect(layout.rows).toBe(4);
    // Root value: root span 100 ms + orphan 20 ms.
    expect(layout.value[ROOT]).toBe(120e6);
    expect(layout.x1[n('root')]! - layout.x0[n('root')]!).toBeCloseTo(100 / 120);
    expect(layout.x1[n('o')]! - layout.x0[n('o')]!).toBeCloseTo(20 / 120);
    expect(layout.row[n('root')]).toBe(1);
    expect(layout.row[n('o')]).toBe(1);
    expect(layout.row[n('a1')]).toBe(3);
  });

  it('packs children left to right in start order inside their parent', () => {
    expect(layout.x0[n('a')]).toBeCloseTo(layout.x0[n('root')]!);
    expect(layout.x0[n('b')]).toBeCloseTo(layout.x1[n('a')]!);
    expect(layout.x1[n('b')]! - layout.x0[n('a')]!).toBeCloseTo(80 / 120);
    expect(ancestors(layout, n('a1'))).toEqual([n('a'), n('root'), ROOT]);
  });

  it('widens a parent whose children ran in parallel so none is hidden', () => {
    const t = buildTrace([
      makeSpan({ spanId: 'p', start: 0, duration: 10 }),
      makeSpan({ spanId: 'c1', parentSpanId: 'p', start: 0, duration: 10 }),
      makeSpan({ spanId: 'c2', parentSpanId: 'p', start: 0, duration: 10 }),
    ]);
    const l = layoutFlame(t);
    expect(l.value[nodeOfSpan(0)]).toBe(20e6);
    expect(l.x1[nodeOfSpan(2)]).toBeCloseTo(1);
  });
});

describe('visibleBars', () => {
  const trace = sample();
  const layout = layoutFlame(trace);
  const n = (name: string) => nodeNamed(trace, name);

  it('maps the whole trace onto the width', () => {
    const rows = visibleBars(layout, ROOT, 1200);
    expect(rows[0]).toEqual([{ node: ROOT, row: 0, x: 0, width: 1200, merged: 1, ancestor: false }]);
    const top = rows[1]!.map((b) => [b.node, Math.round(b.x), Math.round(b.width)]);
    expect(top).toEqual([
      [n('root'), 0, 1000],
      [n('o'), 1000, 200],
    ]);
  });

  it('zooms a node to full width and keeps its ancestors as full-width rows', () => {
    const rows = visibleBars(layout, n('a'), 400);
    expect(rows[0]![0]).toMatchObject({ node: ROOT, width: 400, ancestor: true });
    expect(rows[1]![0]).toMatchObject({ node: n('root'), width: 400, ancestor: true });
    expect(rows[2]).toEqual([{ node: n('a'), row: 2, x: 0, width: 400, merged: 1, ancestor: false }]);
    expect(rows[3]![0]).toMatchObject({ node: n('a1'), x: 0, width: 100 });
    // b is outside the zoomed node: not drawn.
    expect(rows.flat().some((bar) => bar.node === n('b'))).toBe(false);
  });

  it('merges nodes narrower than a pixel into aggregates and skips their subtrees', () => {
    // 10 000 children of 1 µs under a 10 ms root, each with a grandchild.
    const spans = [makeSpan({ spanId: 'root', start: 0, duration: 10 })];
    for (let i = 0; i < 10_000; i++) {
      spans.push(makeSpan({ spanId: `c${i}`, parentSpanId: 'root', start: i * 0.001, duration: 0.001 }));
      spans.push(makeSpan({ spanId: `g${i}`, parentSpanId: `c${i}`, start: i * 0.001, duration: 0.001 }));
    }
    const big = layoutFlame(buildTrace(spans));
    const rows = visibleBars(big, ROOT, 1000);
    // 10 000 children fill 1000 px: one contiguous aggregate, nothing drawn below it.
    expect(rows[2]).toHaveLength(1);
    expect(rows[2]![0]).toMatchObject({ node: -1, merged: 10_000 });
    expect(rows[2]![0]!.width).toBeCloseTo(1000);
    expect(rows[3]).toEqual([]);
    // Zoomed into one child, it is drawn with its grandchild.
    const child = nodeOfSpan(1);
    const zoomed = visibleBars(big, child, 1000);
    expect(zoomed[2]).toHaveLength(1);
    expect(zoomed[2]![0]).toMatchObject({ node: child, x: 0, ancestor: false });
    expect(zoomed[2]![0]!.width).toBeCloseTo(1000);
    expect(zoomed[3]![0]).toMatchObject({ node: child + 1 });
    expect(zoomed[3]![0]!.width).toBeCloseTo(1000);
  });

  it('drops aggregates that stay narrower than the minimum', () => {
    const t = buildTrace([
      makeSpan({ spanId: 'r', start: 0, duration: 1000 }),
      makeSpan({ spanId: 'c', parentSpanId: 'r', start: 0, duration: 0.1 }),
    ]);
    const rows = visibleBars(layoutFlame(t), ROOT, 1000);
    expect(rows[2]).toEqual([]);
  });
});

describe('hitTest and neighbour', () => {
  const trace = sample();
  const layout = layoutFlame(trace);
  const n = (name: string) => nodeNamed(trace, name);
  const rows = visibleBars(layout, ROOT, 1200);

  it('finds the bar under the pointer', () => {
    expect(hitTest(rows, 1, 10)?.node).toBe(n('root'));
    expect(hitTest(rows, 1, 1100)?.node).toBe(n('o'));
    expect(hitTest(rows, 3, 1100)).toBeNull();
    expect(hitTest(rows, 9, 10)).toBeNull();
  });

  it('moves between parent, children and siblings', () => {
    expect(neighbour(layout, n('a'), 'up')).toBe(n('root'));
    expect(neighbour(layout, n('root'), 'down')).toBe(n('a'));
    expect(neighbour(layout, n('a'), 'right')).toBe(n('b'));
    expect(neighbour(layout, n('b'), 'left')).toBe(n('a'));
    expect(neighbour(layout, n('root'), 'right')).toBe(n('o'));
    expect(neighbour(layout, ROOT, 'up')).toBe(ROOT);
    expect(neighbour(layout, n('a1'), 'down')).toBe(n('a1'));
  });
});
