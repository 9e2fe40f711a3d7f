/**
 * The span timeline: a virtualized treegrid of rows (service + operation, indented by depth)
 * with the bars painted on one canvas. Only the rows in the viewport exist in the DOM; the
 * canvas is redrawn at most once per frame, and synchronously on scroll so it moves with the
 * natively scrolled rows. All heavy maths runs over the typed arrays of columns.ts.
 */
import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { serviceColor } from '../../../app/theme/serviceColor';
import { selfTimes } from '../../../model/selfTime';
import type { WaterfallProps } from '../contracts';
import { FLAG_HAS_CHILDREN, traceColumns } from './columns';
import { BAR_FONT, drawBars, textOn } from './drawBars';
import { Ruler } from './Ruler';
import { collapseAll, expandOneLevel, groupIndex, measuredVisibleRows, parentRow, rowKey, type Row } from './rows';
import { SpanTooltip, type TooltipHandle } from './SpanTooltip';
import { TimelineRow, type RowHandlers } from './TimelineRow';
import { isZoomed, minRangeWidth, FULL_RANGE, zoomAround } from './timeScale';
import { useElementSize, prepareCanvas } from './useElementSize';
import { useThemeColors } from './useThemeColors';
import { offsetToReveal, ROW_HEIGHT, rowWindow, scrollSpace } from './viewport';
import './timeline.css';

const OVERSCAN = 12;
const MIN_NAME = 140;

export function Waterfall(props: WaterfallProps) {
  const { trace, collapsed, onToggleCollapsed, onSetCollapsed, selected, onSelect, onOpenDetails, criticalPath, matches, currentMatch, viewRange, onViewRange } = props;
  const uid = useId();
  const scrollerRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const tooltipRef = useRef<TooltipHandle>(null);
  const viewport = useElementSize(scrollerRef);
  const colors = useThemeColors();
  const [nameWidth, setNameWidth] = useState(320);

  const columns = useMemo(() => traceColumns(trace), [trace]);
  const rows = useMemo(() => measuredVisibleRows(trace, collapsed), [trace, collapsed]);
  // Self times are only needed once the user hovers: computed on first use, once per trace.
  const selfTimeOf = useMemo(() => {
    let cache: Float64Array | null = null;
    return (index: number): number => (cache ??= selfTimes(trace))[index] ?? 0;
  }, [trace]);
  const serviceColors = useMemo(() => columns.services.map(serviceColor), [columns]);
  const serviceText = useMemo(() => serviceColors.map(textOn), [serviceColors]);
  const { groupExtent, groupSize } = useMemo(() => {
    const extent = new Map<number, readonly [number, number]>();
    const size = new Map<number, number>();
    trace.topLevel.forEach((top, g) => {
      if (top.kind !== 'missing-parent') return;
      let lo = Infinity;
      let hi = -Infinity;
      let count = 0;
      for (const head of top.children) {
        for (let i = head; i < columns.subtreeEnd[head]!; i++) {
          lo = Math.min(lo, columns.start[i]!);
          hi = Math.max(hi, columns.end[i]!);
          count++;
        }
      }
      extent.set(g, [lo, hi]);
      size.set(g, count);
    });
    return { groupExtent: extent, groupSize: size };
  }, [trace, columns]);

  const nameColumn = Math.max(MIN_NAME, Math.min(nameWidth, viewport.width - 120));
  const timelineWidth = Math.max(0, viewport.width - nameColumn);
  const space = useMemo(() => scrollSpace(rows.length, viewport.height), [rows.length, viewport.height]);
  const minWidth = minRangeWidth(columns.duration);

  // Rows rendered in the DOM: the viewport plus overscan. `shift` is non-zero only when the
  // scroll range is compressed (huge traces), where rows are placed relative to scrollTop.
  const [scrollTop, setScrollTop] = useState(0);
  const contentOffset = space.contentOffset(scrollTop);
  const window_ = rowWindow(contentOffset, viewport.height, rows.length, OVERSCAN);
  const shift = scrollTop - contentOffset;
  const rowsRef = useRef<HTMLDivElement>(null);

  // Keyboard focus row: a span index, or a (negative) missing-parent group row.
  const [active, setActive] = useState<Row | null>(selected);
  const [seenSelected, setSeenSelected] = useState(selected);
  if (seenSelected !== selected) {
    // Selection changed from outside (or by us): keyboard focus follows it.
    setSeenSelected(selected);
    if (selected !== null) setActive(selected);
  }

  // --- canvas painting -----------------------------------------------------------------
  const measureCache = useRef(new Map<string, number>());
  const latest = useRef({ trace, columns, rows, groupExtent, serviceColors, serviceText, viewRange, criticalPath, colors, timelineWidth, space, height: viewport.height });
  useLayoutEffect(() => {
    latest.current = { trace, columns, rows, groupExtent, serviceColors, serviceText, viewRange, criticalPath, colors, timelineWidth, space, height: viewport.height };
  });

  const paint = useCallback(() => {
    const canvas = canvasRef.current;
    const scroller = scrollerRef.current;
    const l = latest.current;
    if (canvas === null || scroller === null || l.timelineWidth <= 0 || l.height <= 0) return;
    const ctx = prepareCanvas(canvas, l.timelineWidth, l.height);
    if (ctx === null) return;
    const cache = measureCache.current;
    ctx.font = BAR_FONT;
    const painted = drawBars({
      ctx,
      trace: l.trace,
      columns: l.columns,
      rows: l.rows,
      groupExtent: l.groupExtent,
      serviceColors: l.serviceColors,
      serviceText: l.serviceText,
      width: l.timelineWidth,
      height: l.height,
      contentOffset: l.space.contentOffset(scroller.scrollTop),
      viewRange: l.viewRange,
      criticalPath: l.criticalPath,
      colors: l.colors,
      measure: (text) => {
        let w = cache.get(text);
        if (w === undefined) {
          w = ctx.measureText(text).width;
          if (cache.size > 5000) cache.clear();
          cache.set(text, w);
        }
        return w;
      },
    });
    // The marker tests and the benchmark wait for: real rows are on screen.
    if (painted > 0 && scroller.dataset.painted !== 'true') scroller.dataset.painted = 'true';
  }, []);

  const frame = useRef(0);
  const invalidate = useCallback(() => {
    if (frame.current !== 0) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      paint();
    });
  }, [paint]);
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  useLayoutEffect(() => {
    const scroller = scrollerRef.current;
    if (scroller !== null) delete scroller.dataset.painted;
    measureCache.current.clear();
  }, [trace]);

  useLayoutEffect(() => {
    // The first paint of a trace happens before the browser shows the frame (no blank canvas
    // for one frame); later ones wait for the next animation frame, coalesced.
    if (scrollerRef.current?.dataset.painted !== 'true') paint();
    else invalidate();
  }, [paint, invalidate, trace, rows, viewRange, criticalPath, colors, timelineWidth, viewport.height, space]);

  const onScroll = (): void => {
    const scroller = scrollerRef.current;
    if (scroller === null) return;
    paint();
    tooltipRef.current?.hide();
    const top = scroller.scrollTop;
    // Re-render the rows only when the rendered window would change.
    const offset = space.contentOffset(top);
    // Compressed scrolling (huge traces) places the rows relative to scrollTop: move them in
    // this very frame, like the canvas, without a React render.
    if (rowsRef.current !== null) rowsRef.current.style.transform = `translateY(${top - offset}px)`;
    const next = rowWindow(offset, viewport.height, rows.length, OVERSCAN);
    if (next.first !== window_.first || next.last !== window_.last) setScrollTop(top);
  };

  // Ctrl/⌘ + wheel zooms around the pointer (a non-passive listener, so the page does not zoom).
  const zoomRef = useRef({ viewRange, onViewRange, minWidth, nameColumn, timelineWidth });
  useLayoutEffect(() => {
    zoomRef.current = { viewRange, onViewRange, minWidth, nameColumn, timelineWidth };
  });
  useEffect(() => {
    const scroller = scrollerRef.current;
    if (scroller === null) return;
    const onWheel = (e: WheelEvent): void => {
      if (!e.ctrlKey && !e.metaKey) return;
      const z = zoomRef.current;
      const x = e.clientX - scroller.getBoundingClientRect().left - z.nameColumn;
      if (x < 0 || z.timelineWidth <= 0) return;
      e.preventDefault();
      z.onViewRange(zoomAround(z.viewRange, Math.exp(e.deltaY * 0.002), x / z.timelineWidth, z.minWidth));
    };
    scroller.addEventListener('wheel', onWheel, { passive: false });
    return () => scroller.removeEventListener('wheel', onWheel);
  }, []);

  // --- revealing rows ------------------------------------------------------------------
  const reveal = useCallback(
    (position: number, align: 'nearest' | 'center') => {
      const scroller = scrollerRef.current;
      if (scroller === null || position < 0) return;
      const offset = space.contentOffset(scroller.scrollTop);
      const target = offsetToReveal(position, offset, scroller.clientHeight, align);
      if (target === offset) return;
      scroller.scrollTop = space.scrollTopFor(target);
      setScrollTop(scroller.scrollTop);
    },
    [space],
  );

  // The page expands the match's ancestors first, so retry until the row exists.
  const pendingMatch = useRef<number | null>(null);
  useEffect(() => {
    pendingMatch.current = currentMatch;
  }, [currentMatch]);
  useEffect(() => {
    const target = pendingMatch.current;
    if (target === null || viewport.height <= 0) return;
    const position = rows.indexOf(target);
    if (position < 0) return;
    pendingMatch.current = null;
    reveal(position, 'center');
  }, [rows, currentMatch, reveal, viewport.height]);

  // A selection made elsewhere (details panel, flame graph) scrolls into view too.
  const lastSelected = useRef<number | null>(null);
  useEffect(() => {
    if (selected === null || selected === lastSelected.current || viewport.height <= 0) return;
    const position = rows.indexOf(selected);
    if (position < 0) return;
    lastSelected.current = selected;
    reveal(position, 'nearest');
  }, [selected, rows, reveal, viewport.height]);

  // --- keyboard ------------------------------------------------------------------------
  const moveTo = (position: number): void => {
    if (rows.length === 0) return;
    const p = Math.max(0, Math.min(rows.length - 1, position));
    const row = rows[p]!;
    setActive(row);
    lastSelected.current = row >= 0 ? row : null;
    onSelect(row >= 0 ? row : null);
    reveal(p, 'nearest');
  };

  const isCollapsed = (row: Row): boolean => collapsed.has(rowKey(trace, row));
  const hasChildren = (row: Row): boolean => row < 0 || (columns.flags[row]! & FLAG_HAS_CHILDREN) !== 0;

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const current = active === null ? -1 : rows.indexOf(active);
    const pageRows = Math.max(1, Math.floor(viewport.height / ROW_HEIGHT) - 1);
    const row = active;
    switch (e.key) {
      case 'ArrowDown':
      case 'j':
        moveTo(current < 0 ? 0 : current + 1);
        break;
      case 'ArrowUp':
      case 'k':
        moveTo(current < 0 ? 0 : current - 1);
        break;
      case 'PageDown':
        moveTo(current + pageRows);
        break;
      case 'PageUp':
        moveTo(current - pageRows);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(rows.length - 1);
        break;
      case 'ArrowRight':
      case 'l':
        if (row === null || current < 0) moveTo(0);
        else if (hasChildren(row) && isCollapsed(row)) onToggleCollapsed(rowKey(trace, row));
        else if (hasChildren(row)) moveTo(current + 1);
        break;
      case 'ArrowLeft':
      case 'h': {
        if (row === null || current < 0) {
          moveTo(0);
          break;
        }
        if (hasChildren(row) && !isCollapsed(row)) {
          onToggleCollapsed(rowKey(trace, row));
          break;
        }
        const parent = parentRow(trace, row);
        if (parent !== null) moveTo(rows.indexOf(parent));
        break;
      }
      case 'Enter':
        if (row !== null && row >= 0) onOpenDetails(row);
        else if (row !== null) onToggleCollapsed(rowKey(trace, row));
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  // Stable row callbacks (reading the latest props through a ref), so memoized rows re-render
  // only when their own data changes, not on every scroll.
  const handlerProps = useRef({ trace, onToggleCollapsed, onSelect, onOpenDetails });
  useLayoutEffect(() => {
    handlerProps.current = { trace, onToggleCollapsed, onSelect, onOpenDetails };
  });
  const rowHandlers = useMemo<RowHandlers>(
    () => ({
      toggle: (row) => handlerProps.current.onToggleCollapsed(rowKey(handlerProps.current.trace, row)),
      click: (row) => {
        setActive(row);
        lastSelected.current = row >= 0 ? row : null;
        handlerProps.current.onSelect(row >= 0 ? row : null);
      },
      open: (row) => {
        if (row >= 0) handlerProps.current.onOpenDetails(row);
      },
    }),
    [],
  );

  // --- name column resizing ------------------------------------------------------------
  const resizeDrag = useRef<{ x0: number; w0: number } | null>(null);
  const maxName = Math.max(MIN_NAME, viewport.width - 160);

  // --- rendering -----------------------------------------------------------------------
  // Scan only the rendered window: rows.indexOf on every render would be O(n) at 1M rows.
  let activeRendered = false;
  for (let pos = window_.first; pos < window_.last && active !== null; pos++) {
    if (rows[pos] === active) {
      activeRendered = true;
      break;
    }
  }

  const renderedRows: ReactNode[] = [];
  for (let pos = window_.first; pos < window_.last; pos++) {
    const row = rows[pos]!;
    renderedRows.push(
      <TimelineRow
        key={row}
        id={`${uid}-r${row}`}
        trace={trace}
        row={row}
        position={pos}
        nameWidth={nameColumn}
        collapsed={hasChildren(row) ? isCollapsed(row) : null}
        selected={row >= 0 && row === selected}
        active={row === active}
        match={row >= 0 && matches !== null && matches.has(row)}
        currentMatch={row === currentMatch}
        onPath={row >= 0 && criticalPath !== null && criticalPath.has(row)}
        serviceColor={row >= 0 ? serviceColors[columns.service[row]!]! : ''}
        groupSize={row < 0 ? (groupSize.get(groupIndex(row)) ?? 0) : 0}
        handlers={rowHandlers}
      />,
    );
  }

  return (
    <div className="ts-wf" style={{ ['--ts-name-width' as string]: `${nameColumn}px` }}>
      <div className="ts-wf-header">
        <div className="ts-wf-header-name" style={{ width: nameColumn }}>
          <span>Service &amp; operation</span>
          <span className="ts-wf-count">
            {rows.length === trace.spans.length + groupSize.size
              ? `${rows.length.toLocaleString('en-US')} rows`
              : `${rows.length.toLocaleString('en-US')} of ${(trace.spans.length + groupSize.size).toLocaleString('en-US')}`}
          </span>
          <span className="ts-wf-tree-buttons">
            <button type="button" className="ts-wf-icon-button" aria-label="Collapse all" title="Collapse all" onClick={() => onSetCollapsed(collapseAll(trace))}>
              <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true"><path d="M3 5.5h8M3 8.5h8" stroke="currentColor" strokeWidth="1.4" /><path d="M4.5 2 7 4l2.5-2M4.5 12 7 10l2.5 2" fill="none" stroke="currentColor" strokeWidth="1.4" /></svg>
            </button>
            <button type="button" className="ts-wf-icon-button" aria-label="Expand one level" title="Expand one level" onClick={() => onSetCollapsed(expandOneLevel(trace, collapsed))}>
              <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true"><path d="M7 2.5v9M2.5 7h9" stroke="currentColor" strokeWidth="1.4" /></svg>
            </button>
            <button type="button" className="ts-wf-icon-button" aria-label="Expand all" title="Expand all" onClick={() => onSetCollapsed(new Set())}>
              <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true"><path d="M3 7h8" stroke="currentColor" strokeWidth="1.4" /><path d="M4.5 4.5 7 2l2.5 2.5M4.5 9.5 7 12l2.5-2.5" fill="none" stroke="currentColor" strokeWidth="1.4" /></svg>
            </button>
          </span>
        </div>
        <div
          className="ts-wf-resize"
          role="separator"
          aria-orientation="vertical"
          aria-label="Resize name column"
          aria-valuemin={MIN_NAME}
          aria-valuemax={maxName}
          aria-valuenow={nameColumn}
          tabIndex={0}
          style={{ left: nameColumn - 3 }}
          onKeyDown={(e) => {
            const step = e.shiftKey ? 64 : 16;
            if (e.key === 'ArrowLeft') setNameWidth(Math.max(MIN_NAME, nameColumn - step));
            else if (e.key === 'ArrowRight') setNameWidth(Math.min(maxName, nameColumn + step));
            else if (e.key === 'Home') setNameWidth(MIN_NAME);
            else if (e.key === 'End') setNameWidth(maxName);
            else return;
            e.preventDefault();
          }}
          onPointerDown={(e) => {
            e.preventDefault();
            e.currentTarget.setPointerCapture(e.pointerId);
            resizeDrag.current = { x0: e.clientX, w0: nameColumn };
          }}
          onPointerMove={(e) => {
            const d = resizeDrag.current;
            if (d !== null) setNameWidth(Math.max(MIN_NAME, Math.min(maxName, d.w0 + e.clientX - d.x0)));
          }}
          onPointerUp={() => {
            resizeDrag.current = null;
          }}
        />
        <div className="ts-wf-header-time">
          <Ruler duration={columns.duration} viewRange={viewRange} width={timelineWidth} minWidth={minWidth} onViewRange={onViewRange} />
          {isZoomed(viewRange) && (
            <button type="button" className="ts-wf-reset" onClick={() => onViewRange(FULL_RANGE)}>
              Reset zoom
            </button>
          )}
        </div>
      </div>
      <div
        ref={scrollerRef}
        className="ts-wf-scroller"
        role="treegrid"
        aria-label="Span timeline"
        aria-rowcount={rows.length}
        aria-multiselectable={false}
        aria-activedescendant={activeRendered && active !== null ? `${uid}-r${active}` : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onScroll={onScroll}
        onFocus={() => {
          if (active === null && rows.length > 0) setActive(rows[Math.min(rows.length - 1, Math.floor(contentOffset / ROW_HEIGHT))]!);
        }}
        onMouseMove={(e) => {
          const el = (e.target as HTMLElement).closest<HTMLElement>('[data-span]');
          if (el === null) tooltipRef.current?.hide();
          else tooltipRef.current?.show(Number(el.dataset.span), e.clientX, e.clientY);
        }}
        onMouseLeave={() => tooltipRef.current?.hide()}
      >
        <div className="ts-wf-spacer" style={{ height: space.spacerHeight }}>
          <div className="ts-wf-sticky" style={{ height: viewport.height, marginLeft: nameColumn, width: timelineWidth }}>
            <canvas ref={canvasRef} className="ts-wf-canvas" style={{ width: timelineWidth, height: viewport.height }} aria-hidden="true" />
          </div>
          <div ref={rowsRef} className="ts-wf-rows" style={{ transform: `translateY(${shift}px)` }}>
            {renderedRows}
          </div>
        </div>
        {rows.length === 0 && <p className="ts-wf-empty">This trace has no spans.</p>}
      </div>
      <SpanTooltip ref={tooltipRef} trace={trace} selfTimeOf={selfTimeOf} />
    </div>
  );
}
