/**
 * The header strip: what the trace is (root service and operation), its figures, the services
 * legend, the model's warnings with explanations, the display toggles and the view switcher.
 */
import { useEffect, useMemo, useState } from 'react';
import { formatDuration } from '../../model/format';
import type { Trace, TraceWarningKind } from '../../model/types';
import type { TraceResult } from '../../sources/clients';
import { serviceColor } from '../../app/theme/serviceColor';
import type { TraceViewId } from './contracts';
import { formatStartTime, nanosToMs, relativeTime, serviceLegend, warningGroups } from './headerFigures';

const VIEW_LABELS: Record<TraceViewId, string> = {
  timeline: 'Timeline',
  flame: 'Flame graph',
  stats: 'Statistics',
  spans: 'Spans',
  json: 'JSON',
};

const WARNING_LABELS: Record<TraceWarningKind, string> = {
  'missing-parent': 'Missing parent spans',
  'duplicate-span-id': 'Duplicate span IDs',
  cycle: 'Parent cycle',
  'no-root': 'No root span',
  'clock-skew': 'Clock skew',
  'mixed-trace-ids': 'Mixed trace IDs',
  'negative-duration': 'Negative durations',
};

/** The current time, refreshed every 30 s so "3 min ago" stays true while the page is open. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

interface TraceHeaderProps {
  readonly trace: Trace;
  readonly fromFile: boolean;
  readonly result: TraceResult | null;
  readonly sourceName: string | null;
  readonly utc: boolean;
  readonly onUtc: (utc: boolean) => void;
  readonly criticalPath: boolean;
  readonly onCriticalPath: (on: boolean) => void;
  readonly skew: boolean;
  readonly onSkew: (on: boolean) => void;
  readonly view: TraceViewId;
  readonly onView: (view: TraceViewId) => void;
  /** The find bar, placed in the toolbar row. */
  readonly children: React.ReactNode;
  readonly errorsOnly: boolean;
  readonly onErrorsOnly: (on: boolean) => void;
  /** Buttons at the right of the title row (Copy link). */
  readonly actions: React.ReactNode;
}

export function TraceHeader(props: TraceHeaderProps) {
  const { trace, fromFile, result, sourceName, utc, onUtc } = props;
  const { summary } = trace;
  const now = useNow();
  const startMs = nanosToMs(summary.startTimeUnixNano);
  // O(spans): computed once per trace, not on every keystroke in find.
  const legend = useMemo(() => serviceLegend(trace), [trace]);
  const groups = useMemo(() => warningGroups(trace.warnings), [trace]);
  const skewMoves = useMemo(() => trace.spans.reduce((n, s) => (s.skewShift !== 0 ? n + 1 : n), 0), [trace]);
  const issues = result?.issues.filter((i) => i.path !== 'status') ?? [];

  return (
    <header className="tp-header">
      <div className="tp-title-row">
        <h1 className="tp-title">
          <span className="service-dot" style={{ background: serviceColor(summary.rootService) }} aria-hidden="true" />
          <span>{summary.rootService}</span>
          <span className="tp-title-op">{summary.rootName}</span>
          {!summary.hasRoot && <span className="warn-text tp-small"> (root span missing)</span>}
        </h1>
        <span className="mono muted">
          <span className="sr-only">Trace ID </span>
          {trace.traceId}
        </span>
        <span className="tp-origin muted">{fromFile ? null : `from ${sourceName ?? 'the default source'}`}</span>
        {fromFile && (
          <span className="tp-badge" id="tp-from-file">
            From file — this link cannot be shared
          </span>
        )}
        {result?.partial && <span className="tp-badge tp-badge-warn">Partial: the source says some spans are not in this answer yet</span>}
        <div className="tp-actions">
          <button type="button" className="tp-toggle" aria-pressed={props.criticalPath} onClick={() => props.onCriticalPath(!props.criticalPath)} title="Overlay the critical path on the bars">
            Critical path
          </button>
          <button
            type="button"
            className="tp-toggle"
            aria-pressed={props.skew}
            onClick={() => props.onSkew(!props.skew)}
            title="Move spans that a skewed host clock put outside their parent back inside it (display only)"
          >
            Adjust clock skew{props.skew ? ` (${skewMoves} moved)` : ''}
          </button>
          {props.actions}
        </div>
      </div>

      <dl className="tp-figures" aria-label="Trace figures">
        <div>
          <dt>Start</dt>
          <dd>
            <time dateTime={new Date(startMs).toISOString()} title={`${summary.startTimeUnixNano} ns since the epoch`}>
              {formatStartTime(summary.startTimeUnixNano, utc)}
            </time>{' '}
            <span className="muted">{relativeTime(startMs, now)}</span>{' '}
            <button type="button" className="tp-mini" aria-pressed={utc} onClick={() => onUtc(!utc)} title="Show times in UTC">
              UTC
            </button>
          </dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd title={`${summary.duration.toLocaleString('en-US')} ns`}>{formatDuration(summary.duration)}</dd>
        </div>
        <div>
          <dt>Spans</dt>
          <dd>{summary.spanCount.toLocaleString('en-US')}</dd>
        </div>
        <div>
          <dt>Depth</dt>
          <dd>{summary.depth}</dd>
        </div>
        <div>
          <dt>Errors</dt>
          <dd className={summary.errorCount > 0 ? 'error-text' : undefined}>
            {summary.errorCount > 0 && <span aria-hidden="true">● </span>}
            {summary.errorCount.toLocaleString('en-US')}
            {summary.errorCount > 0 && (
              <>
                {' '}
                <button type="button" className="tp-mini" aria-pressed={props.errorsOnly} onClick={() => props.onErrorsOnly(!props.errorsOnly)}>
                  {props.errorsOnly ? 'Showing errors' : 'Find errors'}
                </button>
              </>
            )}
          </dd>
        </div>
        <div className="tp-services">
          <dt>Services ({legend.length})</dt>
          <dd>
            <ul className="tp-legend" aria-label="Services">
              {legend.map((s) => (
                <li key={s.name} title={`${s.spans} spans${s.errors > 0 ? `, ${s.errors} with errors` : ''}`}>
                  <span className="service-dot" style={{ background: serviceColor(s.name) }} aria-hidden="true" />
                  {s.name} <span className="muted">{s.spans}</span>
                  {s.errors > 0 && <span className="error-text"> ● {s.errors}</span>}
                </li>
              ))}
            </ul>
          </dd>
        </div>
      </dl>

      {(groups.length > 0 || issues.length > 0) && (
        <details className="tp-warnings">
          <summary className="warn-text">
            <span aria-hidden="true">⚠ </span>
            {trace.warnings.length + issues.length} warning{trace.warnings.length + issues.length === 1 ? '' : 's'}:{' '}
            {[...groups.map((g) => `${WARNING_LABELS[g.kind]} (${g.warnings.length})`), ...(issues.length > 0 ? [`Import issues (${issues.length})`] : [])].join(', ')}
          </summary>
          <ul>
            {groups.map((g) => (
              <li key={g.kind}>
                <strong>{WARNING_LABELS[g.kind]}</strong> — {g.explanation}
                <ul className="tp-warning-list">
                  {g.warnings.slice(0, 20).map((w, i) => (
                    <li key={i}>{w.message}</li>
                  ))}
                  {g.warnings.length > 20 && <li className="muted">and {g.warnings.length - 20} more</li>}
                </ul>
              </li>
            ))}
            {issues.length > 0 && (
              <li>
                <strong>Import issues</strong> — parts of the answer could not be read and were left out:
                <ul className="tp-warning-list">
                  {issues.slice(0, 20).map((issue, i) => (
                    <li key={i}>
                      <span className="mono">{issue.path}</span>: {issue.message}
                    </li>
                  ))}
                </ul>
              </li>
            )}
          </ul>
        </details>
      )}

      <div className="tp-toolbar">
        <div className="tp-views" role="group" aria-label="View">
          {(Object.keys(VIEW_LABELS) as TraceViewId[]).map((id) => (
            <button key={id} type="button" aria-pressed={props.view === id} onClick={() => props.onView(id)}>
              {VIEW_LABELS[id]}
            </button>
          ))}
        </div>
        {props.children}
      </div>
    </header>
  );
}
