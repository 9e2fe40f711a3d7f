/**
 * Timings per service or per operation: count, total, self, avg, min, max and the shares of the
 * trace, sortable by any column. "Slowest" selects the group's longest span.
 */
import { useMemo } from 'react';
import { formatDuration } from '../../../model/format';
import { selfTimes } from '../../../model/selfTime';
import { serviceColor } from '../../../app/theme/serviceColor';
import type { TraceSubViewProps } from '../contracts';
import { exactNs } from '../details/attributeFormat';
import { SortHeader } from './SortHeader';
import { formatShare, sortStatsRows, statsRows, TEXT_COLUMNS, type StatsColumn, type StatsGrouping } from './statisticsRows';
import { nextSort, type SortState } from './tableSort';
import { formatSort, parseSort, useViewParam } from './viewParams';
import './views.css';

interface Column {
  readonly key: StatsColumn;
  readonly label: string;
  readonly title?: string;
}

const COLUMNS: readonly Column[] = [
  { key: 'service', label: 'Service' },
  { key: 'operation', label: 'Operation' },
  { key: 'count', label: 'Count' },
  { key: 'total', label: 'Total', title: 'Sum of span durations' },
  { key: 'traceShare', label: '% of trace', title: 'Total over the trace duration; above 100% when spans of the group overlap' },
  { key: 'self', label: 'Self', title: 'Sum of self times: duration not covered by child spans' },
  { key: 'selfShare', label: 'Self %', title: 'Share of all self time in the trace (sums to 100%)' },
  { key: 'avg', label: 'Avg' },
  { key: 'min', label: 'Min' },
  { key: 'max', label: 'Max' },
  { key: 'errors', label: 'Errors' },
];

const DEFAULT_SORT: SortState<StatsColumn> = { key: 'total', direction: 'descending' };

const DURATION_COLUMNS: ReadonlySet<StatsColumn> = new Set(['total', 'self', 'avg', 'min', 'max']);

export function StatisticsView({ trace, onSelect }: TraceSubViewProps) {
  const [groupParam, setGroupParam] = useViewParam('stats');
  const grouping: StatsGrouping = groupParam === 'operation' ? 'operation' : 'service';
  const setGrouping = (next: StatsGrouping) => setGroupParam(next === 'service' ? null : next);
  const [sortParam, setSortParam] = useViewParam('ssort');
  const sort = parseSort<StatsColumn>(sortParam, COLUMNS.map((c) => c.key), DEFAULT_SORT);
  const setSort = (next: SortState<StatsColumn>) => setSortParam(formatSort(next) === formatSort(DEFAULT_SORT) ? null : formatSort(next));
  const self = useMemo(() => selfTimes(trace), [trace]);
  const rows = useMemo(() => statsRows(trace, grouping, self), [trace, grouping, self]);
  const columns = grouping === 'service' ? COLUMNS.filter((c) => c.key !== 'operation') : COLUMNS;
  // The operation column vanishes when grouping by service: fall back to the default sort.
  const activeSort: SortState<StatsColumn> = grouping === 'service' && sort.key === 'operation' ? { key: 'total', direction: 'descending' } : sort;
  const { key: sortKey, direction: sortDirection } = activeSort;
  // A few hundred groups at most: sorting on every render is cheaper than memo bookkeeping.
  const sorted = sortStatsRows(rows, { key: sortKey, direction: sortDirection });

  /** Longest span of a group, to jump to it. */
  const slowest = (service: string, operation: string | null): number => {
    let best = -1;
    for (const span of trace.spans) {
      if (span.serviceName !== service || (operation !== null && span.name !== operation)) continue;
      if (best < 0 || span.duration > trace.spans[best]!.duration) best = span.index;
    }
    return best;
  };

  return (
    <section className="sv" aria-label="Statistics">
      <div className="sv-bar">
        <div role="group" aria-label="Group by" className="tp-views">
          <button type="button" aria-pressed={grouping === 'service'} onClick={() => setGrouping('service')}>
            Per service
          </button>
          <button type="button" aria-pressed={grouping === 'operation'} onClick={() => setGrouping('operation')}>
            Per operation
          </button>
        </div>
        <span className="muted">
          {rows.length} {grouping === 'service' ? 'services' : 'operations'} · {trace.spans.length.toLocaleString('en-US')} spans · trace{' '}
          {formatDuration(trace.summary.duration)}
        </span>
      </div>
      <div className="st-scroll">
        <table className="tv-table" aria-label={grouping === 'service' ? 'Statistics per service' : 'Statistics per operation'}>
          <thead>
            <tr>
              {columns.map((c) => (
                <SortHeader
                  key={c.key}
                  label={c.label}
                  title={c.title}
                  numeric={!TEXT_COLUMNS.has(c.key)}
                  active={activeSort.key === c.key}
                  direction={activeSort.direction}
                  onSort={() => setSort(nextSort(activeSort, c.key, !TEXT_COLUMNS.has(c.key)))}
                />
              ))}
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((row) => (
              <tr key={row.key}>
                {columns.map((c) => (
                  <Cell key={c.key} column={c.key} row={row} />
                ))}
                <td>
                  <button
                    type="button"
                    className="tv-sort"
                    onClick={() => {
                      const index = slowest(row.service, row.operation);
                      if (index >= 0) onSelect(index);
                    }}
                    aria-label={`Select the slowest span of ${row.operation === null ? row.service : `${row.service} ${row.operation}`}`}
                  >
                    <span className="muted">slowest →</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Cell({ column, row }: { column: StatsColumn; row: ReturnType<typeof statsRows>[number] }) {
  switch (column) {
    case 'service':
      return (
        <th scope="row" className="tv-ellipsis" style={{ fontWeight: 400 }}>
          <span className="tv-swatch" style={{ background: serviceColor(row.service) }} aria-hidden="true" />
          {row.service}
        </th>
      );
    case 'operation':
      return (
        <td className="tv-ellipsis" title={row.operation ?? ''}>
          {row.operation}
        </td>
      );
    case 'traceShare':
    case 'selfShare': {
      const value = row[column];
      return (
        <td className="num">
          <span className="tv-pct">
            {formatShare(value)}
            <span className="tv-pct-bar" aria-hidden="true">
              <span style={{ width: `${Math.min(100, Math.max(0, value * 100 || 0))}%` }} />
            </span>
          </span>
        </td>
      );
    }
    case 'errors':
      return <td className={row.errors > 0 ? 'num error-text' : 'num muted'}>{row.errors}</td>;
    case 'count':
      return <td className="num">{row.count.toLocaleString('en-US')}</td>;
    default:
      if (!DURATION_COLUMNS.has(column)) return <td />;
      return (
        <td className="num" title={exactNs(row[column])}>
          {formatDuration(row[column])}
        </td>
      );
  }
}
