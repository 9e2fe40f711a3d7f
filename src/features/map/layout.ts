/**
 * Layered (Sugiyama-style) layout of a service graph, in plain TS so it is unit-tested and can
 * run on 1,200+ services in a few milliseconds:
 * 1. cycles are broken by reversing a small set of edges (Eades–Lin–Smyth greedy order);
 * 2. layers by longest path from the sources, then each pure caller moved next to its nearest
 *    callee so that edges stay short;
 * 3. order within each layer by barycentre sweeps (down and up) to reduce crossings;
 * 4. coordinates: layers are columns left → right (callers left of callees) or rows top →
 *    bottom, whichever fits a laptop screen at the larger zoom; a layer longer than `maxRows`
 *    wraps into several sub-lines, so a 400-service layer stays on screen.
 */

export interface LayoutInputEdge {
  readonly parent: string;
  readonly child: string;
}

export interface LayoutNode {
  readonly name: string;
  readonly layer: number;
  /** Position in its layer after ordering. */
  readonly order: number;
  /** Top-left corner and size, layout units (px at zoom 1). */
  readonly x: number;
  readonly y: number;
}

export interface LayoutEdge {
  /** Indices into `nodes`. */
  readonly from: number;
  readonly to: number;
  /** Reversed to break a cycle (it points right to left). */
  readonly reversed: boolean;
}

export interface GraphLayout {
  readonly nodes: readonly LayoutNode[];
  readonly edges: readonly LayoutEdge[];
  readonly index: ReadonlyMap<string, number>;
  /** Node indices per layer, in order. */
  readonly layers: readonly (readonly number[])[];
  readonly direction: Direction;
  readonly width: number;
  readonly height: number;
}

export const NODE_W = 168;
export const NODE_H = 24;
export const ROW_GAP = 12;
export const SUBCOLUMN_GAP = 20;
export const LAYER_GAP = 110;
export const TB_LAYER_GAP = 48;

export interface LayoutOptions {
  /** Rows before a layer wraps into another sub-column (default grows with √n). */
  readonly maxRows?: number;
  readonly sweeps?: number;
  /** Default: whichever a typical laptop screen shows larger. */
  readonly direction?: Direction;
}

export function layoutGraph(services: readonly string[], edges: readonly LayoutInputEdge[], options: LayoutOptions = {}): GraphLayout {
  const names = [...new Set([...services, ...edges.flatMap((e) => [e.parent, e.child])])].sort();
  const index = new Map(names.map((n, i) => [n, i]));
  const n = names.length;
  const pairs = dedupePairs(edges, index);
  const rank = acyclicOrder(n, pairs);
  const dag = pairs.map(([a, b]) => (rank[a]! < rank[b]! ? { from: a, to: b, reversed: false } : { from: b, to: a, reversed: true }));
  const layerOf = assignLayers(n, dag, rank);
  const layers = orderLayers(n, dag, layerOf, options.sweeps ?? 8);
  const placed = placeBest(names, layers, options.maxRows, options.direction);
  return {
    nodes: placed.nodes,
    edges: pairs.map(([a, b], i) => ({ from: a, to: b, reversed: dag[i]!.reversed })),
    index,
    layers,
    direction: placed.direction,
    width: placed.width,
    height: placed.height,
  };
}

/** Distinct (parent, child) index pairs without self-calls, in input order. */
function dedupePairs(edges: readonly LayoutInputEdge[], index: ReadonlyMap<string, number>): [number, number][] {
  const seen = new Set<string>();
  const pairs: [number, number][] = [];
  for (const e of edges) {
    const a = index.get(e.parent)!;
    const b = index.get(e.child)!;
    const key = `${a},${b}`;
    if (a === b || seen.has(key)) continue;
    seen.add(key);
    pairs.push([a, b]);
  }
  return pairs;
}

/**
 * A rank per node such that few edges go from a higher to a lower rank (Eades, Lin & Smyth
 * 1993): sinks go to the end, sources to the front, otherwise the node with the largest
 * out-degree minus in-degree goes to the front. Edges against the order are the ones reversed.
 */
export function acyclicOrder(n: number, pairs: readonly (readonly [number, number])[]): number[] {
  const out: number[][] = Array.from({ length: n }, () => []);
  const inn: number[][] = Array.from({ length: n }, () => []);
  for (const [a, b] of pairs) {
    out[a]!.push(b);
    inn[b]!.push(a);
  }
  const outDeg = out.map((l) => l.length);
  const inDeg = inn.map((l) => l.length);
  const alive = new Uint8Array(n).fill(1);
  const front: number[] = [];
  const back: number[] = [];
  let left = n;
  const remove = (v: number) => {
    alive[v] = 0;
    left -= 1;
    for (const w of out[v]!) if (alive[w]) inDeg[w]! -= 1;
    for (const w of inn[v]!) if (alive[w]) outDeg[w]! -= 1;
  };
  while (left > 0) {
    let changed = true;
    while (changed) {
      changed = false;
      for (let v = 0; v < n; v++) {
        if (alive[v] && outDeg[v] === 0) {
          back.push(v);
          remove(v);
          changed = true;
        }
      }
      for (let v = 0; v < n; v++) {
        if (alive[v] && inDeg[v] === 0) {
          front.push(v);
          remove(v);
          changed = true;
        }
      }
    }
    if (left === 0) break;
    let best = -1;
    for (let v = 0; v < n; v++) {
      if (alive[v] && (best < 0 || outDeg[v]! - inDeg[v]! > outDeg[best]! - inDeg[best]!)) best = v;
    }
    front.push(best);
    remove(best);
  }
  const order = [...front, ...back.reverse()];
  const rank = new Array<number>(n);
  order.forEach((v, i) => (rank[v] = i));
  return rank;
}

/** Longest-path layers over the acyclic edges; pure callers are then pulled next to their callees. */
export function assignLayers(n: number, dag: readonly { from: number; to: number }[], rank: readonly number[]): number[] {
  const layer = new Array<number>(n).fill(0);
  const succ: number[][] = Array.from({ length: n }, () => []);
  const hasPred = new Uint8Array(n);
  for (const e of dag) {
    succ[e.from]!.push(e.to);
    hasPred[e.to] = 1;
  }
  const byRank = Array.from({ length: n }, (_, v) => v).sort((a, b) => rank[a]! - rank[b]!);
  for (const v of byRank) for (const w of succ[v]!) layer[w] = Math.max(layer[w]!, layer[v]! + 1);
  for (const v of byRank) {
    if (hasPred[v] || succ[v]!.length === 0) continue;
    layer[v] = Math.min(...succ[v]!.map((w) => layer[w]!)) - 1;
  }
  const min = Math.min(0, ...layer);
  return layer.map((l) => l - min);
}

/** Layers in crossing-reducing order: barycentre sweeps over all neighbours in earlier/later layers. */
export function orderLayers(n: number, dag: readonly { from: number; to: number }[], layerOf: readonly number[], sweeps: number): number[][] {
  const depth = n === 0 ? 0 : Math.max(...layerOf) + 1;
  const layers: number[][] = Array.from({ length: depth }, () => []);
  for (let v = 0; v < n; v++) layers[layerOf[v]!]!.push(v);
  const preds: number[][] = Array.from({ length: n }, () => []);
  const succs: number[][] = Array.from({ length: n }, () => []);
  for (const e of dag) {
    preds[e.to]!.push(e.from);
    succs[e.from]!.push(e.to);
  }
  // Relative position in [0, 1] within the layer, so layers of different sizes compare.
  const pos = new Float64Array(n);
  const setPositions = (layer: readonly number[]) => layer.forEach((v, i) => (pos[v] = layer.length > 1 ? i / (layer.length - 1) : 0.5));
  layers.forEach(setPositions);
  const sweep = (l: number, neighbours: readonly number[][]) => {
    const layer = layers[l]!;
    const key = new Map<number, number>();
    for (const v of layer) {
      const ns = neighbours[v]!;
      key.set(v, ns.length === 0 ? pos[v]! : ns.reduce((s, w) => s + pos[w]!, 0) / ns.length);
    }
    layer.sort((a, b) => key.get(a)! - key.get(b)! || pos[a]! - pos[b]!);
    setPositions(layer);
  };
  for (let s = 0; s < sweeps; s++) {
    if (s % 2 === 0) for (let l = 1; l < depth; l++) sweep(l, preds);
    else for (let l = depth - 2; l >= 0; l--) sweep(l, succs);
  }
  return layers;
}

/** Columns left → right (`LR`) or rows top → bottom (`TB`). */
export type Direction = 'LR' | 'TB';

/** The screen box a fitted map usually gets (a laptop's map area), to pick the direction. */
const TYPICAL_VIEW = { width: 1200, height: 640 };

/** Both directions are placed; the one a typical screen shows at the larger zoom wins. */
function placeBest(names: readonly string[], layers: readonly (readonly number[])[], maxRows: number | undefined, direction: Direction | undefined) {
  const n = names.length;
  const lr = () => place(names, layers, maxRows ?? Math.max(12, Math.ceil(1.6 * Math.sqrt(n))), 'LR');
  const tb = () => place(names, layers, maxRows ?? Math.max(10, Math.ceil(1.2 * Math.sqrt(n))), 'TB');
  if (direction === 'LR') return lr();
  if (direction === 'TB') return tb();
  const a = lr();
  const b = tb();
  const zoom = (p: { width: number; height: number }) => Math.min(TYPICAL_VIEW.width / p.width, TYPICAL_VIEW.height / p.height);
  return zoom(b) > zoom(a) * 1.05 ? b : a;
}

/**
 * Coordinates. Along a layer, nodes step by `step`; a layer longer than `maxRows` wraps into
 * sub-lines, snaking so that position still grows with the order (neighbours stay close).
 */
function place(names: readonly string[], layers: readonly (readonly number[])[], maxRows: number, direction: Direction) {
  const lr = direction === 'LR';
  // Along the layer (order axis) and across it (layer axis), per node including its gap.
  const step = lr ? NODE_H + ROW_GAP : NODE_W + ROW_GAP;
  const thick = lr ? NODE_W + SUBCOLUMN_GAP : NODE_H + ROW_GAP;
  const gap = lr ? LAYER_GAP : TB_LAYER_GAP;
  const linesOf = (size: number) => Math.ceil(size / maxRows);
  const slotsOf = (size: number) => Math.ceil(size / linesOf(size));
  const longest = Math.max(1, ...layers.map((l) => (l.length === 0 ? 0 : slotsOf(l.length))));
  const nodes = new Array<LayoutNode>(names.length);
  let across = 0;
  layers.forEach((layer, l) => {
    if (layer.length === 0) return;
    const lines = linesOf(layer.length);
    const offset = ((longest - slotsOf(layer.length)) * step) / 2;
    layer.forEach((v, order) => {
      const line = order % lines;
      // Stagger sub-lines by a fraction of a step so that edges into them do not overlap.
      const along = offset + Math.floor(order / lines) * step + (lines > 1 ? (line / lines) * step : 0);
      const at = across + line * thick;
      nodes[v] = { name: names[v]!, layer: l, order, x: lr ? at : along, y: lr ? along : at };
    });
    across += lines * thick - (thick - (lr ? NODE_W : NODE_H)) + gap;
  });
  const acrossSize = Math.max(0, across - gap);
  const alongSize = longest * step - (step - (lr ? NODE_H : NODE_W)) + step;
  return { nodes, direction, width: lr ? Math.max(NODE_W, acrossSize) : alongSize, height: lr ? alongSize : Math.max(NODE_H, acrossSize) };
}

/** Crossings between two adjacent layers' edges (for tests and tuning), O(E²). */
export function countCrossings(layout: GraphLayout): number {
  const flat = layout.edges
    .map((e) => ({ a: layout.nodes[e.from]!, b: layout.nodes[e.to]! }))
    .map(({ a, b }) => (a.layer <= b.layer ? { l: a.layer, m: b.layer, p: a.order, q: b.order } : { l: b.layer, m: a.layer, p: b.order, q: a.order }))
    .filter((e) => e.m === e.l + 1);
  let crossings = 0;
  for (let i = 0; i < flat.length; i++) {
    for (let j = i + 1; j < flat.length; j++) {
      const e = flat[i]!;
      const f = flat[j]!;
      if (e.l === f.l && (e.p - f.p) * (e.q - f.q) < 0) crossings += 1;
    }
  }
  return crossings;
}
