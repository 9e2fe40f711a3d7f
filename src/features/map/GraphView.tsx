/**
 * The map's drawing: an SVG that holds only what is on screen (plus a margin), panned by drag
 * and zoomed by the wheel. The view transform is applied to the DOM directly on each animation
 * frame; React re-renders only when the view leaves the drawn area or the level of detail changes,
 * so panning a 1,200-service map stays smooth. Far out, edges are drawn as a few batched paths.
 *
 * Nodes are buttons named by their service (roving tabindex: Tab enters the map, arrow keys
 * move, typing jumps by name, Enter opens the panel). Edges are clickable when zoomed in and
 * reachable by keyboard from the node panel.
 */
import { useCallback, useEffect, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent, PointerEvent as ReactPointerEvent, Ref } from 'react';
import { BatchedEdges, Edges, Nodes, type Emphasis } from './GraphLayers';
import type { NavKey } from './keyboardNav';
import { findByPrefix, firstNode, moveFrom } from './keyboardNav';
import type { Direction } from './layout';
import { NODE_H, NODE_W } from './layout';
import type { GraphModel } from './useServiceGraph';

export type { Emphasis } from './GraphLayers';
import type { Rect, Size, View } from './viewport';
import { centreOn, contains, cull, fitView, visibleRect, zoomAt } from './viewport';

export interface GraphControls {
  zoomBy(factor: number): void;
  fit(): void;
  /** Brings a node into view (zooming in enough to read it). */
  reveal(node: number): void;
  focusNode(node: number): void;
}

interface GraphViewProps {
  readonly model: GraphModel;
  readonly emphasis: Emphasis | null;
  readonly onSelectNode: (node: number) => void;
  readonly onSelectEdge: (edge: number) => void;
  readonly onClear: () => void;
  readonly controls: Ref<GraphControls>;
  /** For the benchmark and tests: called after each drawn frame with its cost. */
  readonly label: string;
}

/** Below this zoom, labels are hidden and edges batched (too small to read or click). */
const DETAIL_ZOOM = 0.45;
/** Edge labels (calls, error rate) from this zoom on. */
const EDGE_LABEL_ZOOM = 0.8;
/**
 * More edges than this on screen are drawn batched even zoomed in (a hairball: one element per
 * edge costs seconds to draw in software, and clicking one strand of it means nothing); select a
 * service to get its edges as single, clickable ones.
 */
const MAX_SINGLE_EDGES = 400;
const DRAG_THRESHOLD = 4;
const TYPEAHEAD_MS = 800;
/** Re-draw sharp this long after the last pan/zoom step. */
const REDRAW_IDLE_MS = 140;
/** Drawn beyond the view on each side, as a share of its longer side: covers ordinary pans. */
const MARGIN = 0.3;

interface Drawn {
  readonly rect: Rect;
  readonly k: number;
  /** The view when drawn (later pans are applied to the DOM directly). */
  readonly view: View;
}

export function GraphView({ model, emphasis, onSelectNode, onSelectEdge, onClear, controls, label }: GraphViewProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const layerRef = useRef<HTMLDivElement>(null);
  const drawnRef = useRef<Drawn | null>(null);
  const idleRef = useRef(0);
  const viewRef = useRef<View>({ x: 0, y: 0, k: 1 });
  const sizeRef = useRef<Size>({ width: 800, height: 600 });
  const frameRef = useRef(0);
  const [drawn, setDrawn] = useState<Drawn | null>(null);
  const [active, setActive] = useState(() => firstNode(model.layout) ?? 0);
  const typed = useRef({ text: '', at: 0 });
  const dragRef = useRef<{ x: number; y: number; view: View; moved: boolean } | null>(null);
  const suppressClick = useRef(false);
  const pendingFocus = useRef<number | null>(null);
  const fittedFor = useRef<unknown>(null);
  const { layout } = model;

  /**
   * Re-draws (React) when the visible area is no longer inside what is drawn, or the zoom moved
   * far enough from the drawn one that the scaled picture blurs or the level of detail changes.
   */
  const syncDrawn = useCallback(() => {
    const view = viewRef.current;
    const size = sizeRef.current;
    setDrawn((prev) => {
      const visible = visibleRect(view, size);
      const sameDetail = prev !== null && prev.k >= DETAIL_ZOOM === view.k >= DETAIL_ZOOM && prev.k >= EDGE_LABEL_ZOOM === view.k >= EDGE_LABEL_ZOOM;
      if (prev && sameDetail && contains(prev.rect, visible) && view.k / prev.k < 1.25 && prev.k / view.k < 1.25) return prev;
      const margin = Math.max(size.width, size.height) * MARGIN;
      return { rect: visibleRect(view, size, margin), k: view.k, view };
    });
  }, []);

  /** Moves the drawn picture to the current view: a compositor transform, no repaint. */
  const placeLayer = useCallback(() => {
    const layer = layerRef.current;
    const d = drawnRef.current;
    if (!layer || !d) return;
    layer.style.transform = layerTransform(viewRef.current, d.view);
  }, []);

  const applyView = useCallback(
    (view: View) => {
      viewRef.current = view;
      if (frameRef.current) return;
      frameRef.current = requestAnimationFrame(() => {
        frameRef.current = 0;
        placeLayer();
        // Re-draw once the gesture pauses (until then the compositor moves and scales the
        // drawn picture; a margin around the view covers ordinary pans).
        window.clearTimeout(idleRef.current);
        if (drawnRef.current === null) syncDrawn();
        else idleRef.current = window.setTimeout(syncDrawn, REDRAW_IDLE_MS);
      });
    },
    [placeLayer, syncDrawn],
  );

  useLayoutEffect(() => {
    drawnRef.current = drawn;
    placeLayer();
  }, [drawn, placeLayer]);

  useEffect(
    () => () => {
      cancelAnimationFrame(frameRef.current);
      window.clearTimeout(idleRef.current);
    },
    [],
  );

  const fit = useCallback(() => applyView(fitView(layout.width, layout.height, sizeRef.current)), [applyView, layout]);

  const reveal = useCallback(
    (node: number) => {
      const n = layout.nodes[node];
      if (!n) return;
      const view = viewRef.current;
      const size = sizeRef.current;
      const sx = n.x * view.k + view.x;
      const sy = n.y * view.k + view.y;
      const inside = sx >= 0 && sy >= 0 && sx + NODE_W * view.k <= size.width && sy + NODE_H * view.k <= size.height;
      if (inside && view.k >= DETAIL_ZOOM) return;
      applyView(centreOn(view, n.x + NODE_W / 2, n.y + NODE_H / 2, size, 0.8));
    },
    [applyView, layout],
  );

  const focusNode = useCallback((node: number) => {
    setActive(node);
    pendingFocus.current = node;
  }, []);

  useImperativeHandle(
    controls,
    () => ({
      zoomBy: (factor: number) => applyView(zoomAt(viewRef.current, factor, sizeRef.current.width / 2, sizeRef.current.height / 2)),
      fit,
      reveal,
      focusNode,
    }),
    [applyView, fit, reveal, focusNode],
  );

  // Size tracking, and the first fit once the host has a size.
  useLayoutEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const measure = () => {
      const box = host.getBoundingClientRect();
      sizeRef.current = { width: Math.max(1, box.width), height: Math.max(1, box.height) };
      if (fittedFor.current !== layout) {
        fittedFor.current = layout;
        viewRef.current = fitView(layout.width, layout.height, sizeRef.current);
        placeLayer();
      }
      syncDrawn();
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(host);
    return () => observer.disconnect();
  }, [layout, syncDrawn, placeLayer]);

  // Wheel zoom needs a non-passive listener to keep the page from scrolling.
  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const box = host.getBoundingClientRect();
      const delta = event.deltaMode === 1 ? event.deltaY * 16 : event.deltaY;
      applyView(zoomAt(viewRef.current, Math.exp(-delta * 0.0015), event.clientX - box.left, event.clientY - box.top));
    };
    host.addEventListener('wheel', onWheel, { passive: false });
    return () => host.removeEventListener('wheel', onWheel);
  }, [applyView]);

  const onPointerDown = (event: ReactPointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    dragRef.current = { x: event.clientX, y: event.clientY, view: viewRef.current, moved: false };
    suppressClick.current = false;
    const move = (e: PointerEvent) => {
      const drag = dragRef.current;
      if (!drag) return;
      const dx = e.clientX - drag.x;
      const dy = e.clientY - drag.y;
      if (!drag.moved && Math.hypot(dx, dy) < DRAG_THRESHOLD) return;
      drag.moved = true;
      hostRef.current?.classList.add('dragging');
      applyView({ ...drag.view, x: drag.view.x + dx, y: drag.view.y + dy });
    };
    const up = () => {
      suppressClick.current = dragRef.current?.moved ?? false;
      dragRef.current = null;
      hostRef.current?.classList.remove('dragging');
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  };

  const clickNode = useCallback(
    (node: number) => {
      if (suppressClick.current) return;
      setActive(node);
      onSelectNode(node);
    },
    [onSelectNode],
  );
  const clickEdge = useCallback(
    (edge: number) => {
      if (!suppressClick.current) onSelectEdge(edge);
    },
    [onSelectEdge],
  );

  const onKeyDown = (event: KeyboardEvent<SVGSVGElement>) => {
    const key = event.key;
    if (key === 'ArrowUp' || key === 'ArrowDown' || key === 'ArrowLeft' || key === 'ArrowRight' || key === 'Home' || key === 'End') {
      event.preventDefault();
      const next = moveFrom(layout, active, navKey(key, layout.direction));
      focusNode(next);
      reveal(next);
    } else if (key === 'Enter' || key === ' ') {
      event.preventDefault();
      onSelectNode(active);
    } else if (key === 'Escape') {
      onClear();
    } else if (key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey && /\S/.test(key)) {
      const now = performance.now();
      const typing = now - typed.current.at < TYPEAHEAD_MS;
      // + and − zoom, unless they are part of a name being typed ("shop-payment").
      if (!typing && (key === '+' || key === '=' || key === '-' || key === '_')) {
        const factor = key === '+' || key === '=' ? 1.25 : 0.8;
        applyView(zoomAt(viewRef.current, factor, sizeRef.current.width / 2, sizeRef.current.height / 2));
        return;
      }
      typed.current = { text: typing ? typed.current.text + key : key, at: now };
      const found = findByPrefix(layout, typed.current.text, active);
      if (found >= 0) {
        focusNode(found);
        reveal(found);
      }
    }
  };

  // Move DOM focus to the active node once it is drawn (it always is: see `visible` below).
  useEffect(() => {
    if (pendingFocus.current === null) return;
    const el = hostRef.current?.querySelector<SVGGElement>(`[data-node="${pendingFocus.current}"]`);
    if (el) {
      el.focus();
      pendingFocus.current = null;
    }
  });

  const activeNode = active < layout.nodes.length ? active : (firstNode(layout) ?? 0);
  const k = drawn?.k ?? 1;
  const detail = k >= DETAIL_ZOOM;
  const visible = useMemo(() => {
    if (!drawn) return { nodes: [] as number[], edges: [] as number[] };
    const culled = cull(layout, drawn.rect);
    // The focusable node and the emphasised ones are always in the DOM.
    const nodes = new Set(culled.nodes);
    nodes.add(activeNode);
    if (emphasis && emphasis.selectedNode >= 0) nodes.add(emphasis.selectedNode);
    return { nodes: [...nodes], edges: culled.edges };
  }, [drawn, layout, activeNode, emphasis]);

  const box = drawn ? svgBox(drawn) : null;
  return (
    <div
      ref={hostRef}
      className="map-canvas"
      onPointerDown={onPointerDown}
      onClick={(event) => {
        if (event.target === event.currentTarget || (event.target as Element).tagName === 'svg') {
          if (!suppressClick.current) onClear();
        }
      }}
    >
      <div ref={layerRef} className="map-layer">
        <svg
          className="map-svg"
          role="group"
          aria-label={label}
          aria-roledescription="service map"
          onKeyDown={onKeyDown}
          viewBox={box ? box.viewBox : '0 0 1 1'}
          style={box ? { left: box.left, top: box.top, width: box.width, height: box.height } : undefined}
        >
          <defs>
            {(['unknown', 'ok', 'some', 'high'] as const).map((band) => (
              <marker key={band} id={`map-arrow-${band}`} viewBox="0 0 8 8" refX="7" refY="4" markerWidth="9" markerHeight="9" orient="auto-start-reverse" markerUnits="userSpaceOnUse">
                <path d="M0,0 L8,4 L0,8 z" className={`map-arrow band-${band}`} />
              </marker>
            ))}
          </defs>
          <g>
            {detail && visible.edges.length <= MAX_SINGLE_EDGES ? (
              <Edges model={model} indices={visible.edges} emphasis={emphasis} labels={k >= EDGE_LABEL_ZOOM} onClick={clickEdge} />
            ) : (
              <BatchedEdges model={model} indices={visible.edges} emphasis={emphasis} onClick={clickEdge} detail={detail} />
            )}
            <Nodes model={model} indices={visible.nodes} emphasis={emphasis} detail={detail} active={activeNode} onClick={clickNode} />
          </g>
        </svg>
      </div>
    </div>
  );
}

/**
 * The SVG covers the drawn world rectangle at the drawn zoom, placed in drawn-screen pixels
 * (the viewBox maps world units to them).
 */
function svgBox(d: Drawn): { left: number; top: number; width: number; height: number; viewBox: string } {
  const { rect, view } = d;
  return {
    left: rect.x0 * view.k + view.x,
    top: rect.y0 * view.k + view.y,
    width: (rect.x1 - rect.x0) * view.k,
    height: (rect.y1 - rect.y0) * view.k,
    viewBox: `${rect.x0} ${rect.y0} ${rect.x1 - rect.x0} ${rect.y1 - rect.y0}`,
  };
}

/** The CSS transform taking what was drawn at view `drawn` to where view `now` shows it. */
export function layerTransform(now: View, drawn: View): string {
  const s = now.k / drawn.k;
  return `translate(${now.x - drawn.x * s}px, ${now.y - drawn.y * s}px) scale(${s})`;
}

/** Arrow keys follow the picture: across layers is left/right in columns, up/down in rows. */
function navKey(key: string, direction: Direction): NavKey {
  if (direction === 'LR') return key as NavKey;
  const swap: Record<string, NavKey> = { ArrowUp: 'ArrowLeft', ArrowDown: 'ArrowRight', ArrowLeft: 'ArrowUp', ArrowRight: 'ArrowDown' };
  return swap[key] ?? (key as NavKey);
}
