import { Link } from 'react-router';
import type { Trace } from '../../model/types';
import { formatDuration } from '../../model/format';
import { serviceColor } from '../theme/serviceColor';

/** One row per trace: what `tracescope inspect` prints, as a table. */
export function TraceSummaryTable({ traces }: { traces: readonly Trace[] }) {
  return (
    <table className="data-table" aria-label="Traces">
      <thead>
        <tr>
          <th scope="col">Trace ID</th>
          <th scope="col">Root</th>
          <th scope="col">Start (UTC)</th>
          <th scope="col" className="num">Duration</th>
          <th scope="col" className="num">Spans</th>
          <th scope="col" className="num">Depth</th>
          <th scope="col" className="num">Errors</th>
          <th scope="col">Services</th>
          <th scope="col">Warnings</th>
        </tr>
      </thead>
      <tbody>
        {traces.map((trace) => {
          const s = trace.summary;
          return (
            <tr key={trace.traceId}>
              <td className="mono">
                <Link to={`/trace/${trace.traceId}`}>{trace.traceId}</Link>
              </td>
              <td className="nowrap">
                <span className="service-dot" style={{ background: serviceColor(s.rootService) }} aria-hidden="true" />
                {s.rootService}: {s.rootName}
                {!s.hasRoot && <span className="warn-text"> (no root)</span>}
              </td>
              <td className="mono">{new Date(Number(s.startTimeUnixNano / 1_000_000n)).toISOString()}</td>
              <td className="num" title={`${s.duration} ns`}>
                {formatDuration(s.duration)}
              </td>
              <td className="num">{s.spanCount}</td>
              <td className="num">{s.depth}</td>
              <td className={s.errorCount > 0 ? 'num error-text' : 'num'}>{s.errorCount}</td>
              <td>{s.services.join(', ')}</td>
              <td>
                {trace.warnings.length === 0 ? (
                  <span className="muted">none</span>
                ) : (
                  <ul className="plain-list">
                    {trace.warnings.map((w) => (
                      <li key={w.kind + w.message} className="warn-text">
                        {w.message}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
