import { Link } from 'react-router';
import type { SearchHit } from '../../sources/clients';
import { formatDuration } from '../../model/format';
import { serviceColor } from '../../app/theme/serviceColor';
import type { SortKey } from './searchUrl';
import { ariaSort, nextSort, sortHits, type SortColumn } from './sortHits';
import { startMs } from './scatter';
import { clockTime, relativeTime } from './timeInput';
import { useNow } from './useNow';

interface ResultsTableProps {
  readonly hits: readonly SearchHit[];
  readonly sort: SortKey;
  readonly onSort: (sort: SortKey) => void;
  readonly utc: boolean;
  readonly traceLink: (traceId: string) => string;
  /** Trace IDs ticked for comparison (at most two). */
  readonly selected: readonly string[];
  readonly onToggleSelected: (traceId: string) => void;
}

function SortHeader({ column, label, sort, onSort, numeric }: { column: SortColumn; label: string; sort: SortKey; onSort: (s: SortKey) => void; numeric?: boolean }) {
  const state = ariaSort(sort, column);
  return (
    <th scope="col" aria-sort={state} className={numeric ? 'num' : undefined}>
      <button type="button" className="sort-button" onClick={() => onSort(nextSort(sort, column))}>
        {label}
        <span aria-hidden="true" className="sort-mark">
          {state === 'ascending' ? '▲' : state === 'descending' ? '▼' : ''}
        </span>
      </button>
    </th>
  );
}

/** One row per trace found: when, what, how long, how big, which services, errors. */
export function ResultsTable({ hits, sort, onSort, utc, traceLink, selected, onToggleSelected }: ResultsTableProps) {
  const now = useNow();
  const rows = sortHits(hits, sort);
  return (
    <div className="results-scroll">
      <table className="data-table results-table" aria-label="Search results">
        <thead>
          <tr>
            <th scope="col">
              <span className="sr-only">Compare</span>
            </th>
            <SortHeader column="start" label={`Start (${utc ? 'UTC' : 'local'})`} sort={sort} onSort={onSort} />
            <th scope="col">Root service: operation</th>
            <SortHeader column="duration" label="Duration" sort={sort} onSort={onSort} numeric />
            <SortHeader column="spans" label="Spans" sort={sort} onSort={onSort} numeric />
            <SortHeader column="errors" label="Errors" sort={sort} onSort={onSort} numeric />
            <th scope="col">Services</th>
            <th scope="col">Trace ID</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((hit) => {
            const at = startMs(hit);
            const errors = hit.errorCount ?? 0;
            const ticked = selected.includes(hit.traceId);
            return (
              <tr key={hit.traceId}>
                <td>
                  <input
                    type="checkbox"
                    checked={ticked}
                    disabled={!ticked && selected.length >= 2}
                    aria-label={`Select trace ${hit.traceId.slice(0, 8)} to compare`}
                    onChange={() => onToggleSelected(hit.traceId)}
                  />
                </td>
                <td className="nowrap" title={new Date(at).toISOString()}>
                  {clockTime(at, now, utc)} <span className="muted">{relativeTime(at, now)}</span>
                </td>
                <td className="root-cell">
                  <Link to={traceLink(hit.traceId)}>
                    {hit.rootService ? (
                      <>
                        <span className="service-dot" style={{ background: serviceColor(hit.rootService) }} aria-hidden="true" />
                        {hit.rootService}: {hit.rootName}
                      </>
                    ) : (
                      <span className="muted">root span not received</span>
                    )}
                  </Link>
                  {hit.rootMissing && (
                    <span className="badge warn" title="The root span has not been received: the trace is incomplete or still arriving">
                      incomplete
                    </span>
                  )}
                </td>
                <td className="num" title={`${hit.durationMs} ms`}>
                  {formatDuration(hit.durationMs * 1e6)}
                </td>
                <td className="num">{hit.spanCount ?? '—'}</td>
                <td className={errors > 0 ? 'num error-text' : 'num muted'}>
                  {errors > 0 ? (
                    <>
                      <span aria-hidden="true">✕ </span>
                      {errors}
                    </>
                  ) : hit.errorCount === undefined ? (
                    '—'
                  ) : (
                    0
                  )}
                </td>
                <td className="services-cell">
                  <ul className="service-pills" aria-label={`${hit.services?.length ?? 0} services`} title={(hit.services ?? []).map((s) => `${s.name} (${s.spanCount} spans)`).join(', ')}>
                  <li className="muted service-count" aria-hidden="true">
                    {hit.services?.length ?? '—'}
                  </li>
                  {(hit.services ?? []).map((s) => (
                    <li key={s.name} className="service-pill" title={`${s.name}: ${s.spanCount} spans${s.errorCount ? `, ${s.errorCount} errors` : ''}`}>
                      <span className="service-dot" style={{ background: serviceColor(s.name) }} aria-hidden="true" />
                      {s.name}
                      <span className="muted">{s.spanCount}</span>
                      {s.errorCount > 0 && <span className="error-text">✕{s.errorCount}</span>}
                    </li>
                  ))}
                </ul>
                </td>
                <td className="mono muted" title={hit.traceId}>
                  {hit.traceId.slice(0, 8)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
