/**
 * Pan and zoom maths for the map: a view transform (screen = world × k + (x, y)), zooming about
 * a point, fitting a box, and culling (which nodes and edges touch the visible area).
 */
import type { GraphLayout } from './layout';
import { NODE_H, NODE_W } from './layout';

export interface View {
  readonly x: number;
  readonly y: number;
  readonly k: number;
}

export interface Size {
  readonly width: number;
  readonly height: number;
}

export interface Rect {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

export const MIN_ZOOM = 0.05;
export const MAX_ZOOM = 2;

const clampZoom = (k: number) => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, k));

/** Zoom by `factor` keeping the world point under screen point (px, py) fixed. */
export function zoomAt(view: View, factor: number, px: number, py: number): View {
  const k = clampZoom(view.k * factor);
  const f = k / view.k;
  return { k, x: px - (px - view.x) * f, y: py - (py - view.y) * f };
}

export function panBy(view: View, dx: number, dy: number): View {
  return { ...view, x: view.x + dx, y: view.y + dy };
}

/** The view showing all of `width`×`height` world units inside `size`, with a margin, at most 1:1. */
export function fitView(width: number, height: number, size: Size, margin = 24): View {
  const k = clampZoom(Math.min(1, (size.width - 2 * margin) / Math.max(1, width), (size.height - 2 * margin) / Math.max(1, height)));
  return { k, x: (size.width - width * k) / 2, y: (size.height - height * k) / 2 };
}

/** The view centred on world point (wx, wy), keeping the zoom (or raising it to `minK`). */
export function centreOn(view: View, wx: number, wy: number, size: Size, minK = 0): View {
  const k = Math.max(view.k, minK);
  return { k, x: size.width / 2 - wx * k, y: size.height / 2 - wy * k };
}

/** The world rectangle visible in `size`, grown by `margin` screen px on each side. */
export function visibleRect(view: View, size: Size, margin = 0): Rect {
  return {
    x0: (-margin - view.x) / view.k,
    y0: (-margin - view.y) / view.k,
    x1: (size.width + margin - view.x) / view.k,
    y1: (size.height + margin - view.y) / view.k,
  };
}

export function contains(outer: Rect, inner: Rect): boolean {
  return inner.x0 >= outer.x0 && inner.y0 >= outer.y0 && inner.x1 <= outer.x1 && inner.y1 <= outer.y1;
}

/** Indices of nodes whose box meets `rect`, and of edges whose bounding box does. */
export function cull(layout: GraphLayout, rect: Rect): { nodes: number[]; edges: number[] } {
  const nodes: number[] = [];
  layout.nodes.forEach((n, i) => {
    if (n.x + NODE_W >= rect.x0 && n.x <= rect.x1 && n.y + NODE_H >= rect.y0 && n.y <= rect.y1) nodes.push(i);
  });
  const edges: number[] = [];
  layout.edges.forEach((e, i) => {
    const [ax, ay, bx, by] = edgeEnds(layout, e.from, e.to);
    if (Math.max(ax, bx) >= rect.x0 && Math.min(ax, bx) <= rect.x1 && Math.max(ay, by) >= rect.y0 && Math.min(ay, by) <= rect.y1) edges.push(i);
  });
  return { nodes, edges };
}

/** SVG path of an edge: a cubic from the caller's right side to the callee's left side. */
export function edgePath(layout: GraphLayout, from: number, to: number): string {
  const [x1, y1, x2, y2] = edgeEnds(layout, from, to);
  if (layout.direction === 'TB') {
    const bend = y2 > y1 ? Math.max(20, (y2 - y1) / 2) : 60 + Math.abs(x2 - x1) / 4;
    return `M${r(x1)},${r(y1)} C${r(x1)},${r(y1 + bend)} ${r(x2)},${r(y2 - bend)} ${r(x2)},${r(y2)}`;
  }
  // Backward calls (cycles) loop out and back so they do not hide under forward ones.
  const bend = x2 > x1 ? Math.max(30, (x2 - x1) / 2) : 80 + Math.abs(y2 - y1) / 4;
  return `M${r(x1)},${r(y1)} C${r(x1 + bend)},${r(y1)} ${r(x2 - bend)},${r(y2)} ${r(x2)},${r(y2)}`;
}

/** Where an edge leaves the caller and reaches the callee: right → left side, or bottom → top. */
export function edgeEnds(layout: GraphLayout, from: number, to: number): [number, number, number, number] {
  const a = layout.nodes[from]!;
  const b = layout.nodes[to]!;
  if (layout.direction === 'TB') return [a.x + NODE_W / 2, a.y + NODE_H, b.x + NODE_W / 2, b.y];
  return [a.x + NODE_W, a.y + NODE_H / 2, b.x, b.y + NODE_H / 2];
}

const r = (v: number) => Math.round(v * 10) / 10;
