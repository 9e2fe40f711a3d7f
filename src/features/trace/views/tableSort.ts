/** Sorting shared by the statistics and span tables: header-click cycling and a stable sort. */

export type SortDirection = 'ascending' | 'descending';

export interface SortState<K extends string> {
  readonly key: K;
  readonly direction: SortDirection;
}

/**
 * The sort after clicking the header of `key`: the same column flips direction; another column
 * starts in its natural direction (largest first for numbers, A→Z for text).
 */
export function nextSort<K extends string>(current: SortState<K>, key: K, numeric: boolean): SortState<K> {
  if (current.key === key) return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  return { key, direction: numeric ? 'descending' : 'ascending' };
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

export function compareValues(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') {
    // NaN (unknown) sorts after every number in both directions' base order.
    if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) ? (Number.isNaN(b) ? 0 : 1) : -1;
    return a - b;
  }
  return collator.compare(String(a), String(b));
}

/**
 * Positions 0..count-1 ordered by `valueOf` in `direction`; ties keep their original order
 * (stable in both directions, so a secondary order shows through).
 */
export function sortedOrder(count: number, valueOf: (i: number) => string | number, direction: SortDirection): Int32Array {
  const values = new Array<string | number>(count);
  for (let i = 0; i < count; i++) values[i] = valueOf(i);
  const order = Array.from({ length: count }, (_, i) => i);
  const sign = direction === 'ascending' ? 1 : -1;
  order.sort((a, b) => sign * compareValues(values[a]!, values[b]!) || a - b);
  return Int32Array.from(order);
}
