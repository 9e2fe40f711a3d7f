/** Operations (service, span name) in the window: sortable columns (aria-sort), a row opens the search. */
import { Link } from 'react-router';
import { formatDuration } from '../../model/format';
import type { DashboardRange } from './dashboardWindow';
import { operationSearchUrl } from './links';
import { sortOperations, type OperationRow, type OperationSort, type OperationSortKey } from './operations';
import { formatCompact, formatPercent } from './tiles';

const COLUMNS: { key: OperationSortKey; label: string; numeric: boolean }[] = [
  { key: 'service', label: 'Service', numeric: false },
  { key: 'operation', label: 'Operation', numeric: false },
  { key: 'rate', label: 'Rate', numeric: true },
  { key: 'errors', label: 'Errors', numeric: true },
  { key: 'p50', label: 'P50', numeric: true },
  { key: 'p99', label: 'P99', numeric: true },
];

const count = new Intl.NumberFormat('en-US');

function rateText(perSec: number): string {
  if (perSec >= 1) return `${formatCompact(perSec)}/s`;
  if (perSec * 60 >= 1) return `${formatCompact(perSec * 60)}/min`;
  return `${formatCompact(perSec * 3600)}/h`;
}

interface Props {
  rows: readonly OperationRow[];
  sort: OperationSort;
  onSort: (sort: OperationSort) => void;
  range: DashboardRange;
  sourceLink: (path: string) => string;
  caption: string;
}

export function OperationsTable({ rows, sort, onSort, range, sourceLink, caption }: Props) {
  const sorted = sortOperations(rows, sort);
  const toggle = (key: OperationSortKey, numeric: boolean) => {
    if (sort.key === key) onSort({ key, dir: sort.dir === 'ascending' ? 'descending' : 'ascending' });
    else onSort({ key, dir: numeric ? 'descending' : 'ascending' });
  };
  return (
    <table className="dash-ops" aria-label={caption}>
      <thead>
        <tr>
          {COLUMNS.map((c) => (
            <th key={c.key} scope="col" aria-sort={sort.key === c.key ? sort.dir : 'none'} className={c.numeric ? 'num' : undefined}>
              <button type="button" onClick={() => toggle(c.key, c.numeric)}>
                {c.label}
                <span aria-hidden="true" className="dash-sort-mark">
                  {sort.key === c.key ? (sort.dir === 'ascending' ? '▲' : '▼') : ''}
                </span>
              </button>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {sorted.map((r) => (
          <tr key={`${r.service}\u0000${r.operation}`}>
            <td>{r.service}</td>
            <td>
              <Link to={sourceLink(operationSearchUrl(r.service, r.operation, range))} title={`Search traces of ${r.service} · ${r.operation}`}>
                {r.operation || '(no name)'}
              </Link>
            </td>
            <td className="num" title={`${count.format(r.calls)} calls`}>
              {rateText(r.ratePerSec)}
            </td>
            <td className={r.errors > 0 ? 'num error-text' : 'num'} title={`${count.format(r.errors)} of ${count.format(r.calls)} calls`}>
              {r.errors > 0 ? `${count.format(r.errors)} (${formatPercent(r.errors / r.calls)}%)` : '0'}
            </td>
            <td className="num">{r.p50Ms === null ? '—' : formatDuration(r.p50Ms * 1e6)}</td>
            <td className="num">{r.p99Ms === null ? '—' : formatDuration(r.p99Ms * 1e6)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
