/**
 * Which rows the waterfall shows, given the collapsed set. Pure and O(visible rows + collapsed)
 * over typed arrays: a collapsed span skips its whole subtree in one step, because spans are in
 * depth-first order and a subtree is a contiguous index range (see columns.ts).
 *
 * A row is encoded as a number: `i >= 0` is span `i`; `-(g + 1)` is the missing-parent
 * placeholder at `trace.topLevel[g]`.
 */
import type { Trace } from '../../../model/types';
import type { RowKey } from '../contracts';
import { FLAG_HAS_CHILDREN, traceColumns } from './columns';

export type Row = number;

export function isGroupRow(row: Row): boolean {
  return row < 0;
}

export function groupIndex(row: Row): number {
  return -row - 1;
}

export function groupRow(topIndex: number): Row {
  return -(topIndex + 1);
}

export function groupKey(parentSpanId: string): RowKey {
  return `mp:${parentSpanId}`;
}

/** The collapsible key of a row. */
export function rowKey(trace: Trace, row: Row): RowKey {
  if (row >= 0) return row;
  const top = trace.topLevel[groupIndex(row)];
  if (top === undefined || top.kind !== 'missing-parent') throw new Error(`Row ${row} is not a missing-parent group`);
  return groupKey(top.parentSpanId);
}

/** Whether the row has rows beneath it (it can be collapsed). */
export function rowHasChildren(trace: Trace, row: Row): boolean {
  if (row < 0) return true;
  return (traceColumns(trace).flags[row]! & FLAG_HAS_CHILDREN) !== 0;
}

/** aria-level style depth: 0 for top rows. */
export function rowDepth(trace: Trace, row: Row): number {
  return row < 0 ? 0 : traceColumns(trace).depth[row]!;
}

/** The parent row of a row (a span, or the missing-parent group), or null at the top. */
export function parentRow(trace: Trace, row: Row): Row | null {
  if (row < 0) return null;
  const columns = traceColumns(trace);
  const p = columns.parent[row]!;
  if (p >= 0) return p;
  const g = columns.group[row]!;
  return g >= 0 ? groupRow(g) : null;
}

/** The rows shown, in display order. */
export function visibleRows(trace: Trace, collapsed: ReadonlySet<RowKey>): Int32Array {
  const columns = traceColumns(trace);
  const n = columns.count;
  const isCollapsed = new Uint8Array(n);
  for (const key of collapsed) if (typeof key === 'number' && key >= 0 && key < n) isCollapsed[key] = 1;
  const out = new Int32Array(n + trace.topLevel.length);
  let count = 0;
  const end = columns.subtreeEnd;
  const walk = (head: number): void => {
    const stop = end[head]!;
    let i = head;
    while (i < stop) {
      out[count++] = i;
      i = isCollapsed[i] === 1 ? end[i]! : i + 1;
    }
  };
  trace.topLevel.forEach((top, g) => {
    if (top.kind === 'span') {
      walk(top.span);
      return;
    }
    out[count++] = groupRow(g);
    if (collapsed.has(groupKey(top.parentSpanId))) return;
    for (const head of top.children) walk(head);
  });
  return out.slice(0, count);
}

/** `visibleRows` recorded as a User Timing measure (DevTools, bench/ui/traceView.ts). */
export function measuredVisibleRows(trace: Trace, collapsed: ReadonlySet<RowKey>): Int32Array {
  const started = performance.now();
  const rows = visibleRows(trace, collapsed);
  performance.measure('tracescope:timeline visible rows', { start: started });
  return rows;
}

/** Every collapsible row collapsed: only the top rows stay visible. */
export function collapseAll(trace: Trace): Set<RowKey> {
  const { flags, count } = traceColumns(trace);
  const result = new Set<RowKey>();
  for (const top of trace.topLevel) if (top.kind === 'missing-parent') result.add(groupKey(top.parentSpanId));
  for (let i = 0; i < count; i++) if ((flags[i]! & FLAG_HAS_CHILDREN) !== 0) result.add(i);
  return result;
}

/**
 * Reveals one more level: expands the shallowest visible collapsed rows (as Jaeger's "expand +1"),
 * so repeated presses open the tree level by level.
 */
export function expandOneLevel(trace: Trace, collapsed: ReadonlySet<RowKey>): Set<RowKey> {
  const rows = visibleRows(trace, collapsed);
  let shallowest = Infinity;
  const frontier: { key: RowKey; depth: number }[] = [];
  for (const row of rows) {
    const key = rowKey(trace, row);
    if (!collapsed.has(key) || !rowHasChildren(trace, row)) continue;
    const depth = rowDepth(trace, row);
    frontier.push({ key, depth });
    if (depth < shallowest) shallowest = depth;
  }
  const next = new Set(collapsed);
  for (const { key, depth } of frontier) if (depth === shallowest) next.delete(key);
  return next;
}

/** The rows to expand so span `index` becomes visible: its ancestors and missing-parent group. */
export function ancestorsOf(trace: Trace, index: number): RowKey[] {
  const result: RowKey[] = [];
  let row: Row | null = parentRow(trace, index);
  while (row !== null) {
    result.push(rowKey(trace, row));
    row = parentRow(trace, row);
  }
  return result;
}

/** Position of a span's row in `rows`, or -1 when hidden. Linear, fine for one-off lookups. */
export function rowPosition(rows: Int32Array, row: Row): number {
  return rows.indexOf(row);
}
