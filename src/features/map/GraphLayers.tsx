/**
 * The map's SVG layers: edges (one path each with optional labels when zoomed in, or a few
 * batched paths far out) and nodes (buttons named by their service). Memoized, so a pan that
 * stays inside the drawn area re-renders neither.
 */
import { memo } from 'react';
import { serviceColor } from '../../app/theme/serviceColor';
import type { ErrorBand } from './edgeStyle';
import { edgeWidth, errorBand, formatCompact, formatRate } from './edgeStyle';
import { NODE_H, NODE_W } from './layout';
import type { GraphModel } from './useServiceGraph';
import { edgeEnds, edgePath } from './viewport';

/** More edge labels than this on screen is clutter: then only a selection's edges are labelled. */
const MAX_EDGE_LABELS = 60;
/** A map with more edges than this draws unselected edges fainter, so the nodes stand out. */
const CROWDED_EDGES = 600;

/** What to emphasise: the selected element and its neighbourhood; the rest is dimmed. */
export interface Emphasis {
  readonly nodes: ReadonlySet<number>;
  readonly edges: ReadonlySet<number>;
  readonly selectedNode: number;
  readonly selectedEdge: number;
}

/** Edge width; in a crowded map a third as wide (still ordered by calls), so strands stay apart. */
function strokeOf(calls: number, maxCalls: number, crowded: boolean): number {
  const width = edgeWidth(calls, maxCalls);
  return crowded ? 0.75 + (width - 1) / 3 : width;
}

function edgeClass(band: ErrorBand, dim: boolean, selected: boolean, crowded = false): string {
  return `map-edge band-${band}${dim ? ' dim' : ''}${selected ? ' selected' : ''}${crowded && !dim ? ' crowded' : ''}`;
}

interface EdgesProps {
  readonly model: GraphModel;
  readonly indices: readonly number[];
  readonly emphasis: Emphasis | null;
  readonly onClick: (edge: number) => void;
}

export const Edges = memo(function Edges({ model, indices, emphasis, labels, onClick }: EdgesProps & { labels: boolean }) {
  const { layout } = model;
  // Emphasised edges last, so they are drawn on top.
  const sorted = emphasis ? [...indices].sort((a, b) => Number(emphasis.edges.has(a)) - Number(emphasis.edges.has(b))) : indices;
  return (
    <g className="map-edges">
      {sorted.map((i) => {
        const e = layout.edges[i]!;
        const f = model.edgeFigures[i]!;
        const band = errorBand(f.errorCount, f.callCount);
        const d = edgePath(layout, e.from, e.to);
        const dim = emphasis !== null && !emphasis.edges.has(i);
        const crowded = emphasis === null && layout.edges.length > CROWDED_EDGES;
        const a = layout.nodes[e.from]!;
        const b = layout.nodes[e.to]!;
        const [x1, y1, x2, y2] = edgeEnds(layout, e.from, e.to);
        const mx = (x1 + x2) / 2;
        const my = (y1 + y2) / 2;
        const name = `${a.name} → ${b.name}`;
        return (
          <g key={i} className="map-edge-group" data-edge={`${a.name}>${b.name}`} onClick={() => onClick(i)}>
            <title>{`${name}: ${f.callCount} calls, ${formatRate(f.errorCount, f.callCount)} errors`}</title>
            <path d={d} className="map-edge-hit" />
            <path d={d} className={edgeClass(band, dim, emphasis?.selectedEdge === i, crowded)} strokeWidth={strokeOf(f.callCount, model.maxCalls, crowded)} markerEnd={`url(#map-arrow-${band})`} />
            {labels && !dim && (indices.length <= MAX_EDGE_LABELS || emphasis !== null) && (
              <text x={mx} y={my - 4} className="map-edge-label" textAnchor="middle">
                {formatCompact(f.callCount)}
                {f.errorCount !== undefined && f.errorCount > 0 ? ` · ${formatRate(f.errorCount, f.callCount)}` : ''}
              </text>
            )}
          </g>
        );
      })}
    </g>
  );
});

/** Far out or crowded: one path per (band, width, dim) instead of one element per edge; emphasised edges stay separate. */
export const BatchedEdges = memo(function BatchedEdges({ model, indices, emphasis, onClick, detail }: EdgesProps & { detail: boolean }) {
  const { layout } = model;
  const groups = new Map<string, { band: ErrorBand; width: number; dim: boolean; d: string[] }>();
  const single: number[] = [];
  for (const i of indices) {
    if (emphasis?.edges.has(i)) {
      single.push(i);
      continue;
    }
    const e = layout.edges[i]!;
    const f = model.edgeFigures[i]!;
    const band = errorBand(f.errorCount, f.callCount);
    const width = Math.round(strokeOf(f.callCount, model.maxCalls, layout.edges.length > CROWDED_EDGES) * 2) / 2;
    const dim = emphasis !== null;
    const key = `${band}/${width}/${dim}`;
    const group = groups.get(key) ?? { band, width, dim, d: [] };
    group.d.push(edgePath(layout, e.from, e.to));
    groups.set(key, group);
  }
  return (
    <g className={`map-edges batched${detail ? ' detail' : ''}`}>
      {[...groups.entries()].map(([key, g]) => (
        <path key={key} d={g.d.join(' ')} className={edgeClass(g.band, g.dim, false)} strokeWidth={g.width} />
      ))}
      <Edges model={model} indices={single} emphasis={emphasis} onClick={onClick} labels={false} />
    </g>
  );
});

interface NodesProps {
  readonly model: GraphModel;
  readonly indices: readonly number[];
  readonly emphasis: Emphasis | null;
  readonly detail: boolean;
  readonly active: number;
  readonly onClick: (node: number) => void;
}

export const Nodes = memo(function Nodes({ model, indices, emphasis, detail, active, onClick }: NodesProps) {
  return (
    <g className="map-nodes">
      {indices.map((i) => {
        const n = model.layout.nodes[i]!;
        const f = model.nodeFigures[i]!;
        const band = errorBand(f.errorCount, f.callCount ?? 0);
        const dim = emphasis !== null && !emphasis.nodes.has(i);
        const selected = emphasis?.selectedNode === i;
        const className = `map-node${dim ? ' dim' : ''}${selected ? ' selected' : ''}${band === 'high' ? ' failing' : ''}`;
        return (
          <g
            key={i}
            data-node={i}
            className={className}
            transform={`translate(${n.x},${n.y})`}
            role="button"
            tabIndex={i === active ? 0 : -1}
            aria-label={n.name}
            aria-pressed={selected}
            onClick={() => onClick(i)}
          >
            <rect className="map-node-box" width={NODE_W} height={NODE_H} rx={4} />
            <rect className="map-node-swatch" width={5} height={NODE_H} rx={2} fill={serviceColor(n.name)} />
            {detail && (
              <>
                <text x={11} y={16} className="map-node-name">
                  {truncate(n.name, f.callCount === undefined ? 24 : band === 'high' ? 14 : 18)}
                </text>
                {f.callCount !== undefined && (
                  <text x={NODE_W - 6} y={16} textAnchor="end" className={`map-node-figure${band === 'high' ? ' failing' : ''}`}>
                    {band === 'high' ? `⚠ ${formatRate(f.errorCount, f.callCount)}` : formatCompact(f.callCount)}
                  </text>
                )}
              </>
            )}
          </g>
        );
      })}
    </g>
  );
});

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
