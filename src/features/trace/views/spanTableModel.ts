/** The span table's columns, sort keys and virtual window, in plain TS. */
import type { Span } from '../../../model/types';
import { sortedOrder, type SortState } from './tableSort';

export type SpanColumn = 'start' | 'service' | 'name' | 'duration' | 'self' | 'kind' | 'status';

export const SPAN_COLUMNS: readonly { key: SpanColumn; label: string; numeric: boolean; width: string }[] = [
  { key: 'start', label: 'Start', numeric: true, width: '84px' },
  { key: 'service', label: 'Service', numeric: false, width: 'minmax(150px, 1fr)' },
  { key: 'name', label: 'Operation', numeric: false, width: 'minmax(160px, 2fr)' },
  { key: 'duration', label: 'Duration', numeric: true, width: '84px' },
  { key: 'self', label: 'Self time', numeric: true, width: '84px' },
  { key: 'kind', label: 'Kind', numeric: false, width: '72px' },
  { key: 'status', label: 'Status', numeric: false, width: '96px' },
];

/** Status order for sorting: errors first when descending. */
const STATUS_RANK = { unset: 0, ok: 1, error: 2 } as const;

export function spanSortValue(span: Span, self: Float64Array, key: SpanColumn): string | number {
  switch (key) {
    case 'start':
      return span.start;
    case 'service':
      return span.serviceName;
    case 'name':
      return span.name;
    case 'duration':
      return span.duration;
    case 'self':
      return self[span.index] ?? 0;
    case 'kind':
      return span.kind;
    case 'status':
      return STATUS_RANK[span.status.code] + (span.isError ? 3 : 0);
  }
}

/** Span indices in display order. Ties keep the depth-first (tree) order. */
export function sortSpans(spans: readonly Span[], self: Float64Array, sort: SortState<SpanColumn>): Int32Array {
  return sortedOrder(spans.length, (i) => spanSortValue(spans[i]!, self, sort.key), sort.direction);
}

/** Rows [first, last) to render for a viewport, with `overscan` extra rows on each side. */
export function visibleWindow(scrollTop: number, viewportHeight: number, rowHeight: number, count: number, overscan = 8): [number, number] {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((scrollTop + viewportHeight) / rowHeight) + overscan);
  return [first, Math.max(first, last)];
}

/** The scrollTop that brings row `pos` into view (unchanged when it is already visible). */
export function scrollToRow(pos: number, scrollTop: number, viewportHeight: number, rowHeight: number): number {
  const top = pos * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + viewportHeight) return top + rowHeight - viewportHeight;
  return scrollTop;
}
