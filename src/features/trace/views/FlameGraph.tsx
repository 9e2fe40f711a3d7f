/**
 * Flame graph: the span tree as an icicle (top-down), width = time, colour = service. Drawn on a
 * canvas; nodes under a pixel are merged (see `visibleBars`), so 100k+ spans stay fast.
 * Click a bar: select the span and zoom it to full width; the breadcrumb zooms back out.
 * Keys: arrows move between spans, Enter zooms to the selected span, Backspace zooms out one level.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { formatDuration } from '../../../model/format';
import { selfTimes } from '../../../model/selfTime';
import type { TraceSubViewProps } from '../contracts';
import { prepareCanvas, useElementSize } from '../timeline/useElementSize';
import { useThemeColors } from '../timeline/useThemeColors';
import { drawFlame, FLAME_ROW } from './flameDraw';
import { ROOT, ancestors, hitTest, layoutFlame, neighbour, nodeOfSpan, spanOfNode, visibleBars, type FlameBar } from './flameLayout';
import { useViewParam } from './viewParams';
import './views.css';

/** Deep zooms list the first and the last levels only, so the breadcrumb stays one line. */
const MAX_CRUMBS = 5;
const GAP = -1;

function shownCrumbs(crumbs: readonly number[]): number[] {
  if (crumbs.length <= MAX_CRUMBS + 1) return [...crumbs];
  return [crumbs[0]!, GAP, ...crumbs.slice(crumbs.length - (MAX_CRUMBS - 1))];
}

interface Hover {
  readonly bar: FlameBar;
  readonly x: number;
  readonly y: number;
}

export function FlameGraph({ trace, selected, onSelect }: TraceSubViewProps) {
  const layout = useMemo(() => layoutFlame(trace), [trace]);
  const self = useMemo(() => selfTimes(trace), [trace]);
  // The zoomed node is in the URL as the span ID (`fz=`), so a zoomed flame graph is a link.
  const [zoomParam, setZoomParam] = useViewParam('fz');
  const zoomed = useMemo(() => {
    if (!zoomParam) return ROOT;
    const index = trace.spans.findIndex((s) => s.spanId === zoomParam);
    return index < 0 ? ROOT : nodeOfSpan(index);
  }, [trace, zoomParam]);
  const within = (node: number, of: number): boolean => node === of || ancestors(layout, node).includes(of);
  // A span selected elsewhere (details, keyboard) outside the zoomed node: show the flame zoomed
  // out just enough to include it (the nearest ancestor of the zoomed node that contains it).
  const selectedNode = selected === null ? null : nodeOfSpan(selected);
  let focus = zoomed;
  if (selectedNode !== null && selectedNode < layout.count && !within(selectedNode, focus)) {
    let shown = layout.parent[focus]!;
    while (shown > ROOT && !within(selectedNode, shown)) shown = layout.parent[shown]!;
    focus = Math.max(ROOT, shown);
  }
  const setFocus = useCallback(
    (node: number) => setZoomParam(node === ROOT ? null : (trace.spans[spanOfNode(node)]?.spanId ?? null)),
    [trace, setZoomParam],
  );
  const [hover, setHover] = useState<Hover | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const { width, height: viewHeight } = useElementSize(box);
  const [scrollTop, setScrollTop] = useState(0);
  const colors = useThemeColors();
  // The canvas covers the viewport only (a deep trace's full height would exceed canvas limits);
  // a spacer gives the scroll height and the canvas sticks to the top of the scroller.
  const contentHeight = layout.rows * FLAME_ROW;
  const height = Math.max(FLAME_ROW, Math.min(contentHeight, viewHeight || contentHeight));
  const rows = useMemo(() => visibleBars(layout, focus, width), [layout, focus, width]);

  useEffect(() => {
    const el = canvas.current;
    if (el === null || width === 0) return;
    const ctx = prepareCanvas(el, width, height);
    if (ctx === null) return;
    drawFlame({ ctx, trace, layout, rows, width, height, offsetY: scrollTop, selected, hovered: hover?.bar.node ?? null, colors });
  }, [trace, layout, rows, width, height, scrollTop, selected, hover, colors]);


  const barAt = (event: React.MouseEvent): { bar: FlameBar; x: number; y: number } | null => {
    const rect = event.currentTarget.getBoundingClientRect();
    const x = event.clientX - rect.left;
    const y = event.clientY - rect.top + scrollTop;
    const bar = hitTest(rows, Math.floor(y / FLAME_ROW), x);
    return bar === null ? null : { bar, x, y };
  };

  const onClick = (event: React.MouseEvent<HTMLCanvasElement>) => {
    const hit = barAt(event);
    if (hit === null) return;
    let node = hit.bar.node;
    if (node < 0) {
      // An aggregate: zoom into the bar above it, which holds those narrow spans.
      node = hitTest(rows, hit.bar.row - 1, hit.bar.x + hit.bar.width / 2)?.node ?? ROOT;
    }
    setFocus(node);
    if (node !== ROOT) onSelect(spanOfNode(node));
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLDivElement>) => {
    const current = selectedNode ?? focus;
    const moves: Record<string, 'up' | 'down' | 'left' | 'right'> = { ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' };
    const move = moves[event.key];
    if (move !== undefined) {
      event.preventDefault();
      const next = current === ROOT && move === 'down' ? neighbour(layout, ROOT, 'down') : neighbour(layout, current, move);
      if (next !== ROOT && next !== current) onSelect(spanOfNode(next));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      setFocus(current);
    } else if (event.key === 'Backspace') {
      event.preventDefault();
      setFocus(layout.parent[focus]! >= 0 ? layout.parent[focus]! : ROOT);
    }
  };

  const crumbs = [...ancestors(layout, focus)].reverse().concat(focus === ROOT ? [] : [focus]);
  const total = layout.value[ROOT] || 1;
  const selectedSpan = selected === null ? null : trace.spans[selected];

  return (
    <section className="fv" aria-label="Flame graph">
      <div className="fv-bar">
        <nav aria-label="Flame graph zoom" className="fv-crumbs">
          {crumbs.length === 0 ? (
            <span className="muted">Whole trace · click a bar to zoom and select it</span>
          ) : (
            <>
              {shownCrumbs(crumbs).map((node, i) => (
                <span key={node} className="fv-crumb">
                  {i > 0 && <span aria-hidden="true">›</span>}
                  {node === GAP ? (
                    <span className="muted" title={`${crumbs.length - MAX_CRUMBS} levels not listed: click their bars to zoom to them`}>
                      …
                    </span>
                  ) : node === focus ? (
                    <span aria-current="true">{crumbName(node)}</span>
                  ) : (
                    <button type="button" className="fv-crumb-button" onClick={() => setFocus(node)}>
                      {crumbName(node)}
                    </button>
                  )}
                </span>
              ))}
              <button type="button" onClick={() => setFocus(ROOT)}>
                Reset zoom
              </button>
            </>
          )}
        </nav>
      </div>
      <div
        className="fv-scroll"
        ref={box}
        tabIndex={0}
        role="application"
        aria-roledescription="flame graph"
        aria-label="Flame graph. Arrows move between spans, Enter zooms to the selected span, Backspace zooms out."
        aria-describedby="fv-current"
        onKeyDown={onKeyDown}
        onScroll={(event) => {
          setScrollTop(event.currentTarget.scrollTop);
          setHover(null);
        }}
      >
        <div className="fv-content" style={{ height: contentHeight }}>
          <canvas
            ref={canvas}
            style={{ width, height, display: 'block', position: 'sticky', top: 0 }}
            onClick={onClick}
            onMouseMove={(event) => setHover(barAt(event))}
            onMouseLeave={() => setHover(null)}
          />
          {hover !== null && tooltip(hover, width)}
        </div>
      </div>
      <p id="fv-current" className="sr-only" aria-live="polite">
        {selectedSpan ? `${selectedSpan.serviceName}: ${selectedSpan.name}, ${formatDuration(selectedSpan.duration)}` : 'No span selected'}
      </p>
    </section>
  );

  function crumbName(node: number): string {
    return node === ROOT ? 'All spans' : (trace.spans[spanOfNode(node)]?.name ?? '?');
  }

  function tooltip(h: Hover, w: number) {
    const { bar } = h;
    const style: React.CSSProperties = { top: (bar.row + 1) * FLAME_ROW + 4 };
    if (h.x > w - 280) style.right = Math.max(0, w - h.x);
    else style.left = h.x + 8;
    if (bar.node < 0) {
      return (
        <div className="fv-tip" style={style} role="tooltip">
          {bar.merged.toLocaleString('en-US')} spans too narrow to draw alone. Click to zoom into their parent.
        </div>
      );
    }
    if (bar.node === ROOT) {
      return (
        <div className="fv-tip" style={style} role="tooltip">
          <strong>All spans</strong> · {trace.spans.length.toLocaleString('en-US')} spans · {formatDuration(trace.summary.duration)}
        </div>
      );
    }
    const span = trace.spans[spanOfNode(bar.node)]!;
    const widthNs = layout.value[bar.node]!;
    return (
      <div className="fv-tip" style={style} role="tooltip">
        <div className="fv-tip-name">{span.name}</div>
        <div>
          <span className="fv-tip-service">{span.serviceName}</span>
          {span.isError && <span className="error-text"> · error</span>}
        </div>
        <div>
          Duration {formatDuration(span.duration)} · self {formatDuration(self[span.index] ?? 0)}
        </div>
        <div className="muted">
          {((widthNs / total) * 100).toFixed(1)}% of the graph
          {widthNs > span.duration ? ` (children in parallel: ${formatDuration(widthNs)} of work)` : ''}
        </div>
      </div>
    );
  }
}
