/** Sorting the results table (pure, so the order is tested and stable). */
import type { SearchHit } from '../../sources/clients';
import type { SortKey } from './searchUrl';

export type SortColumn = 'start' | 'duration' | 'spans' | 'errors';

const VALUE: Record<SortColumn, (hit: SearchHit) => number | bigint> = {
  start: (h) => h.startTimeUnixNano,
  duration: (h) => h.durationMs,
  spans: (h) => h.spanCount ?? 0,
  errors: (h) => h.errorCount ?? 0,
};

export function sortHits(hits: readonly SearchHit[], key: SortKey): SearchHit[] {
  const [column, direction] = key.split('-') as [SortColumn, 'asc' | 'desc'];
  const value = VALUE[column];
  const sign = direction === 'asc' ? 1 : -1;
  // Ties keep the newest first, then trace ID, so the order never depends on the response order.
  return [...hits].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va !== vb) return va < vb ? -sign : sign;
    if (a.startTimeUnixNano !== b.startTimeUnixNano) return a.startTimeUnixNano > b.startTimeUnixNano ? -1 : 1;
    return a.traceId < b.traceId ? -1 : a.traceId > b.traceId ? 1 : 0;
  });
}

/** Clicking a column: sort by it (biggest/newest first), or flip it when it is the current one. */
export function nextSort(current: SortKey, column: SortColumn): SortKey {
  const [col, dir] = current.split('-');
  if (col === column) return `${column}-${dir === 'desc' ? 'asc' : 'desc'}`;
  return `${column}-desc`;
}

export function ariaSort(current: SortKey, column: SortColumn): 'ascending' | 'descending' | 'none' {
  const [col, dir] = current.split('-');
  if (col !== column) return 'none';
  return dir === 'asc' ? 'ascending' : 'descending';
}
