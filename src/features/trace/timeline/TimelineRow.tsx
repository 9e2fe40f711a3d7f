/**
 * One row of the waterfall's DOM (the bars are on the canvas): a span's service and operation,
 * indented by depth, with its chevron, error mark and accessible name; or a missing-parent
 * group row. Memoized: scrolling re-renders only rows whose props changed.
 */
import { memo } from 'react';
import { formatDuration } from '../../../model/format';
import type { WaterfallProps } from '../contracts';
import { FLAG_ERROR, traceColumns } from './columns';
import { groupIndex, type Row } from './rows';
import { ROW_HEIGHT } from './viewport';

/** Indent per depth level, px. */
const INDENT = 14;

export interface RowHandlers {
  toggle(row: Row): void;
  click(row: Row): void;
  open(row: Row): void;
}

export interface RowProps {
  readonly id: string;
  readonly trace: WaterfallProps['trace'];
  readonly row: Row;
  readonly position: number;
  readonly nameWidth: number;
  /** null when the row has no children. */
  readonly collapsed: boolean | null;
  readonly selected: boolean;
  readonly active: boolean;
  readonly match: boolean;
  readonly currentMatch: boolean;
  readonly onPath: boolean;
  readonly serviceColor: string;
  /** Spans under a missing-parent group row. */
  readonly groupSize: number;
  readonly handlers: RowHandlers;
}

export const TimelineRow = memo(function TimelineRow(p: RowProps) {
  const { trace, row } = p;
  const top = p.position * ROW_HEIGHT;
  const classes = ['ts-wf-row'];
  if (p.selected) classes.push('ts-selected');
  if (p.active) classes.push('ts-active');
  if (p.match) classes.push('ts-match');
  if (p.currentMatch) classes.push('ts-current-match');
  const chevron =
    p.collapsed === null ? (
      <span className="ts-wf-chevron-space" />
    ) : (
      <button
        type="button"
        tabIndex={-1}
        className="ts-wf-chevron"
        aria-label={p.collapsed ? 'Expand' : 'Collapse'}
        onClick={(e) => {
          e.stopPropagation();
          p.handlers.toggle(row);
        }}
      >
        <svg width="10" height="10" viewBox="0 0 10 10" aria-hidden="true" style={{ transform: p.collapsed ? 'none' : 'rotate(90deg)' }}>
          <path d="M3 1.5 7 5 3 8.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
        </svg>
      </button>
    );

  if (row < 0) {
    const node = trace.topLevel[groupIndex(row)];
    const parentId = node !== undefined && node.kind === 'missing-parent' ? node.parentSpanId : '';
    const size = p.groupSize;
    const label = `missing parent ${parentId}, ${size.toLocaleString('en-US')} ${size === 1 ? 'span' : 'spans'}`;
    return (
      <div
        id={p.id}
        role="row"
        aria-level={1}
        aria-expanded={!p.collapsed}
        aria-selected={false}
        aria-rowindex={p.position + 1}
        aria-label={label}
        className={`${classes.join(' ')} ts-group`}
        style={{ top }}
        onClick={() => p.handlers.click(row)}
      >
        <div role="gridcell" className="ts-wf-name" style={{ width: p.nameWidth, paddingLeft: 4 }}>
          {chevron}
          <span className="ts-wf-warn-icon" aria-hidden="true">⚠</span>
          <span className="ts-wf-op">
            missing parent <code>{parentId}</code>
          </span>
          <span className="ts-wf-dim">{size.toLocaleString('en-US')} {size === 1 ? 'span' : 'spans'}</span>
        </div>
        <div role="gridcell" className="ts-wf-bar-cell" />
      </div>
    );
  }

  const columns = traceColumns(trace);
  const span = trace.spans[row]!;
  const depth = columns.depth[row]!;
  const isError = (columns.flags[row]! & FLAG_ERROR) !== 0;
  const indent = Math.min(depth * INDENT, p.nameWidth * 0.55);
  let label = `${span.serviceName} ${span.name}, ${formatDuration(span.duration)}`;
  if (isError) label += ', error';
  if (p.onPath) label += ', on critical path';
  if (p.match) label += ', matches find';
  return (
    <div
      id={p.id}
      role="row"
      aria-level={depth + 1}
      aria-expanded={p.collapsed === null ? undefined : !p.collapsed}
      aria-selected={p.selected}
      aria-rowindex={p.position + 1}
      aria-label={label}
      className={classes.join(' ')}
      style={{ top }}
      data-span={row}
      onClick={() => p.handlers.click(row)}
      onDoubleClick={() => p.handlers.open(row)}
    >
      <div role="gridcell" className="ts-wf-name" style={{ width: p.nameWidth, paddingLeft: 4 + indent }}>
        {chevron}
        <span className="ts-wf-swatch" style={{ background: p.serviceColor }} aria-hidden="true" />
        <span className="ts-wf-service">{span.serviceName}</span>
        <span className="ts-wf-op">{span.name}</span>
        {isError && (
          <span className="ts-wf-error-icon" role="img" aria-label="error" title={span.status.message || 'Error'}>
            !
          </span>
        )}
        {depth * INDENT > indent && <span className="ts-wf-dim">L{depth + 1}</span>}
      </div>
      <div role="gridcell" className="ts-wf-bar-cell" />
    </div>
  );
});
