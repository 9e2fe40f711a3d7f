/** A sortable column header: a button inside a header cell that carries aria-sort. */
import type { SortDirection } from './tableSort';

interface SortHeaderProps {
  readonly label: string;
  readonly active: boolean;
  readonly direction: SortDirection;
  readonly onSort: () => void;
  readonly numeric?: boolean;
  readonly title?: string;
  /** `th` for a table, a grid `columnheader` div otherwise. */
  readonly as?: 'th' | 'div';
}

export function SortHeader({ label, active, direction, onSort, numeric = false, title, as = 'th' }: SortHeaderProps) {
  const arrow = active ? (direction === 'ascending' ? '▲' : '▼') : '';
  const content = (
    <button type="button" className="tv-sort" data-active={active || undefined} onClick={onSort} title={title}>
      {label}
      <span aria-hidden="true" className="tv-arrow">
        {arrow ? ` ${arrow}` : ''}
      </span>
    </button>
  );
  const sort = active ? direction : 'none';
  if (as === 'div') {
    return (
      <div role="columnheader" aria-sort={sort} className={numeric ? 'num' : undefined}>
        {content}
      </div>
    );
  }
  return (
    <th scope="col" aria-sort={sort} className={numeric ? 'num' : undefined}>
      {content}
    </th>
  );
}
