/**
 * Every span in a sortable table. Virtualized: only the rows in the viewport (plus a few) are in
 * the DOM, so 100k+ spans scroll smoothly. Click a row or move with ↑/↓ to select a span.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { formatDuration } from '../../../model/format';
import { selfTimes } from '../../../model/selfTime';
import { serviceColor } from '../../../app/theme/serviceColor';
import type { TraceSubViewProps } from '../contracts';
import { exactNs } from '../details/attributeFormat';
import { useElementSize } from '../timeline/useElementSize';
import { SortHeader } from './SortHeader';
import { SPAN_COLUMNS, scrollToRow, sortSpans, visibleWindow, type SpanColumn } from './spanTableModel';
import { nextSort, type SortState } from './tableSort';
import { formatSort, parseSort, useViewParam } from './viewParams';
import './views.css';

const ROW = 24;
const DEFAULT_SORT: SortState<SpanColumn> = { key: 'start', direction: 'ascending' };
const SPAN_COLUMN_KEYS = SPAN_COLUMNS.map((c) => c.key);
const TEMPLATE = SPAN_COLUMNS.map((c) => c.width).join(' ');

export function SpanTable({ trace, selected, onSelect }: TraceSubViewProps) {
  const [sortParam, setSortParam] = useViewParam('tsort');
  const sort = parseSort<SpanColumn>(sortParam, SPAN_COLUMN_KEYS, DEFAULT_SORT);
  const setSort = (next: SortState<SpanColumn>) => setSortParam(formatSort(next) === formatSort(DEFAULT_SORT) ? null : formatSort(next));
  const self = useMemo(() => selfTimes(trace), [trace]);
  const order = useMemo(() => sortSpans(trace.spans, self, sort), [trace, self, sort]);
  const positionOf = useMemo(() => {
    const pos = new Int32Array(order.length);
    order.forEach((index, p) => (pos[index] = p));
    return pos;
  }, [order]);
  const scroller = useRef<HTMLDivElement>(null);
  const { height } = useElementSize(scroller);
  const [scrollTop, setScrollTop] = useState(0);
  const idPrefix = useId();
  const count = order.length;
  const bodyHeight = Math.max(0, height - ROW); // minus the sticky header row
  const [first, last] = visibleWindow(scrollTop, bodyHeight, ROW, count);
  const selectedPos = selected === null ? -1 : (positionOf[selected] ?? -1);

  // Keep the selected row in view when it changes (keyboard, or selected in another view).
  useEffect(() => {
    const el = scroller.current;
    if (el === null || selectedPos < 0) return;
    const next = scrollToRow(selectedPos, el.scrollTop, el.clientHeight - ROW, ROW);
    if (next !== el.scrollTop) el.scrollTop = next;
  }, [selectedPos]);

  const onKeyDown = (event: React.KeyboardEvent) => {
    const page = Math.max(1, Math.floor(bodyHeight / ROW) - 1);
    const steps: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page, Home: -Infinity, End: Infinity };
    const step = steps[event.key];
    if (step === undefined || count === 0) return;
    event.preventDefault();
    const from = selectedPos < 0 ? (step > 0 ? -1 : count) : selectedPos;
    const to = Math.min(count - 1, Math.max(0, from + step));
    onSelect(order[to]!);
  };

  const rows: React.ReactNode[] = [];
  for (let pos = first; pos < last; pos++) {
    const span = trace.spans[order[pos]!]!;
    const isSelected = pos === selectedPos;
    rows.push(
      <div
        key={span.index}
        id={`${idPrefix}-${pos}`}
        role="row"
        aria-rowindex={pos + 2}
        aria-selected={isSelected}
        style={{ position: 'absolute', top: pos * ROW, left: 0, right: 0, gridTemplateColumns: TEMPLATE }}
        onClick={() => onSelect(span.index)}
      >
        <div role="gridcell" className="num" title={`${exactNs(span.start)} after the trace start`}>
          {formatDuration(span.start)}
        </div>
        <div role="gridcell" title={span.serviceName}>
          <span className="tv-swatch" style={{ background: serviceColor(span.serviceName) }} aria-hidden="true" />
          {span.serviceName}
        </div>
        <div role="gridcell" title={span.name}>
          {span.name}
        </div>
        <div role="gridcell" className="num" title={exactNs(span.duration)}>
          {formatDuration(span.duration)}
        </div>
        <div role="gridcell" className="num" title={exactNs(self[span.index] ?? 0)}>
          {formatDuration(self[span.index] ?? 0)}
        </div>
        <div role="gridcell">{span.kind}</div>
        <div role="gridcell" className={span.isError ? 'st-error' : undefined} title={span.status.message || undefined}>
          {span.isError ? '⚠ ' : ''}
          {span.status.code}
        </div>
      </div>,
    );
  }

  return (
    <section className="st" aria-label="Spans">
      <div
        className="st-scroll"
        ref={scroller}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        tabIndex={0}
        role="grid"
        aria-label={`Spans, ${count.toLocaleString('en-US')} rows. Arrows move the selection.`}
        aria-rowcount={count + 1}
        aria-colcount={SPAN_COLUMNS.length}
        aria-activedescendant={selectedPos >= first && selectedPos < last ? `${idPrefix}-${selectedPos}` : undefined}
        onKeyDown={onKeyDown}
        style={{ '--st-columns': TEMPLATE } as React.CSSProperties}
      >
        <div className="st-grid">
          <div role="rowgroup" className="st-head">
            <div role="row" aria-rowindex={1}>
              {SPAN_COLUMNS.map((c) => (
                <SortHeader
                  key={c.key}
                  as="div"
                  label={c.label}
                  numeric={c.numeric}
                  active={sort.key === c.key}
                  direction={sort.direction}
                  onSort={() => setSort(nextSort(sort, c.key, c.numeric))}
                />
              ))}
            </div>
          </div>
          <div role="rowgroup" className="st-body" style={{ position: 'relative', height: count * ROW }}>
            {rows}
          </div>
        </div>
      </div>
    </section>
  );
}
