/**
 * Flame graph (icicle, top-down) layout over the span tree, in plain TS.
 *
 * Node ids: 0 is a virtual root for the whole trace, span `i` is node `i + 1`. Orphans (spans
 * whose parent never arrived) hang directly under the root, beside the real roots.
 *
 * Width is time: a node's value is `max(duration, Σ children values)`, so a span is as wide as
 * its duration unless its children ran in parallel (then it is as wide as the time they add up
 * to, and never hides them). d3's partition places children left to right in start order.
 */
import { hierarchy, partition } from 'd3-hierarchy';
import type { Trace } from '../../../model/types';

export interface FlameLayout {
  /** Number of nodes: spans + 1 (the root). */
  readonly count: number;
  /** Left / right edge of each node as a fraction of the root's width. */
  readonly x0: Float64Array;
  readonly x1: Float64Array;
  /** Row of each node: 0 for the root, 1 for top-level spans. */
  readonly row: Int32Array;
  /** Parent node id (-1 for the root). */
  readonly parent: Int32Array;
  /** Time (ns) each node's width stands for. */
  readonly value: Float64Array;
  /** Child node ids of each node in x order: `childIds[childStart[n] .. childStart[n + 1])`. */
  readonly childStart: Int32Array;
  readonly childIds: Int32Array;
  /** Number of rows (deepest row + 1). */
  readonly rows: number;
}

export const ROOT = 0;
export const nodeOfSpan = (index: number): number => index + 1;
/** The span index of a node, or -1 for the root. */
export const spanOfNode = (node: number): number => node - 1;

/** The nodes of a trace, children in start order (children lists are sorted by start). */
function childNodes(trace: Trace, node: number): number[] {
  if (node !== ROOT) return trace.spans[spanOfNode(node)]!.children.map(nodeOfSpan);
  const out: number[] = [];
  for (const top of trace.topLevel) {
    if (top.kind === 'span') out.push(nodeOfSpan(top.span));
    else for (const orphan of top.children) out.push(nodeOfSpan(orphan));
  }
  return out;
}

export function layoutFlame(trace: Trace): FlameLayout {
  const count = trace.spans.length + 1;
  const root = hierarchy<number>(ROOT, (node) => childNodes(trace, node));
  // Width is time: set each value bottom-up rather than summing (see the file comment).
  root.eachAfter((n) => {
    const own = n.data === ROOT ? 0 : trace.spans[spanOfNode(n.data)]!.duration;
    let sum = 0;
    if (n.children) for (const c of n.children) sum += c.value ?? 0;
    (n as { value?: number }).value = Math.max(own, sum);
  });
  const rows = root.height + 1;
  const laid = partition<number>().size([1, rows]).round(false)(root);

  const x0 = new Float64Array(count);
  const x1 = new Float64Array(count);
  const row = new Int32Array(count);
  const parent = new Int32Array(count).fill(-1);
  const value = new Float64Array(count);
  const childStart = new Int32Array(count + 1);
  const childIds = new Int32Array(count - 1);
  // Children stored per node id (CSR), in the x order partition gave them.
  const byId: (typeof laid)[] = new Array(count);
  laid.each((n) => {
    byId[n.data] = n;
  });
  let next = 0;
  for (let id = 0; id < count; id++) {
    const n = byId[id];
    childStart[id] = next;
    if (n === undefined) continue; // unreachable span (not in the tree): stays zero-width
    x0[id] = n.x0;
    x1[id] = n.x1;
    row[id] = n.depth;
    value[id] = n.value ?? 0;
    if (n.parent) parent[id] = n.parent.data;
    if (n.children) for (const c of n.children) childIds[next++] = c.data;
  }
  childStart[count] = next;
  return { count, x0, x1, row, parent, value, childStart, childIds, rows };
}

/** Ancestors of a node, nearest first (the root last), excluding the node itself. */
export function ancestors(layout: FlameLayout, node: number): number[] {
  const out: number[] = [];
  for (let p = layout.parent[node]!; p >= 0; p = layout.parent[p]!) out.push(p);
  return out;
}

/** A rectangle to draw, in CSS px horizontally and rows vertically. */
export interface FlameBar {
  /** Node id, or -1 for an aggregate of nodes too narrow to draw alone. */
  readonly node: number;
  readonly row: number;
  readonly x: number;
  readonly width: number;
  /** Nodes merged into an aggregate (1 for a plain bar). */
  readonly merged: number;
  /** An ancestor of the zoom focus, drawn full width. */
  readonly ancestor: boolean;
}

/**
 * The bars to draw at `width` px with `focus` zoomed to full width. Nodes narrower than
 * `minWidth` px are not drawn alone: neighbours in a row merge into one aggregate bar (drawn when
 * it reaches `minWidth`) and their descendants are skipped, so the work is bounded by the pixels,
 * not by the span count. Bars come out grouped by row, left to right within a row.
 */
export function visibleBars(layout: FlameLayout, focus: number, width: number, minWidth = 1): FlameBar[][] {
  const byRow: FlameBar[][] = Array.from({ length: layout.rows }, () => []);
  const f0 = layout.x0[focus]!;
  const span = layout.x1[focus]! - f0;
  if (!(span > 0) || width <= 0) {
    byRow[layout.row[focus]!]!.push({ node: focus, row: layout.row[focus]!, x: 0, width, merged: 1, ancestor: false });
    return byRow;
  }
  const scale = width / span;
  for (const a of ancestors(layout, focus)) byRow[layout.row[a]!]!.push({ node: a, row: layout.row[a]!, x: 0, width, merged: 1, ancestor: true });

  // Pending aggregate per row: [x, right, merged count].
  const pending = new Map<number, [number, number, number]>();
  const flush = (row: number): void => {
    const agg = pending.get(row);
    if (agg === undefined) return;
    pending.delete(row);
    if (agg[1] - agg[0] >= minWidth) byRow[row]!.push({ node: -1, row, x: agg[0], width: agg[1] - agg[0], merged: agg[2], ancestor: false });
  };

  // Depth-first, children in x order, so each row sees its nodes left to right.
  const stack = [focus];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const row = layout.row[node]!;
    const x = (layout.x0[node]! - f0) * scale;
    const w = (layout.x1[node]! - layout.x0[node]!) * scale;
    if (w <= 0) continue;
    if (w < minWidth) {
      const agg = pending.get(row);
      // Merge with the pending aggregate when touching it (within a pixel); else start anew.
      if (agg !== undefined && x - agg[1] <= 1) {
        agg[1] = Math.max(agg[1], x + w);
        agg[2]++;
      } else {
        flush(row);
        pending.set(row, [x, x + w, 1]);
      }
      continue;
    }
    flush(row);
    byRow[row]!.push({ node, row, x, width: w, merged: 1, ancestor: false });
    for (let c = layout.childStart[node + 1]! - 1; c >= layout.childStart[node]!; c--) stack.push(layout.childIds[c]!);
  }
  for (const row of [...pending.keys()]) flush(row);
  for (const bars of byRow) bars.sort((a, b) => a.x - b.x);
  return byRow;
}

/** The bar under `x` (px) in `row`, or null. Bars of a row are sorted by x. */
export function hitTest(byRow: readonly (readonly FlameBar[])[], row: number, x: number): FlameBar | null {
  const bars = byRow[row];
  if (bars === undefined) return null;
  let lo = 0;
  let hi = bars.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const bar = bars[mid]!;
    if (x < bar.x) hi = mid - 1;
    else if (x >= bar.x + bar.width) lo = mid + 1;
    else return bar;
  }
  return null;
}

/** Keyboard navigation between nodes: parent, first child, previous/next node in the same row. */
export function neighbour(layout: FlameLayout, node: number, direction: 'up' | 'down' | 'left' | 'right'): number {
  if (direction === 'up') return layout.parent[node]! >= 0 ? layout.parent[node]! : node;
  if (direction === 'down') {
    const first = layout.childStart[node]!;
    return first < layout.childStart[node + 1]! ? layout.childIds[first]! : node;
  }
  // Siblings first; at the edge of the siblings, the nearest node in the same row.
  const p = layout.parent[node]!;
  if (p < 0) return node;
  const from = layout.childStart[p]!;
  const to = layout.childStart[p + 1]!;
  for (let c = from; c < to; c++) {
    if (layout.childIds[c] !== node) continue;
    const target = direction === 'left' ? c - 1 : c + 1;
    if (target >= from && target < to) return layout.childIds[target]!;
    break;
  }
  const cousin = neighbour(layout, p, direction);
  if (cousin === p) return node;
  // The cousin row's nearest child on our side.
  const cf = layout.childStart[cousin]!;
  const ct = layout.childStart[cousin + 1]!;
  if (cf === ct) return node;
  return direction === 'left' ? layout.childIds[ct - 1]! : layout.childIds[cf]!;
}
