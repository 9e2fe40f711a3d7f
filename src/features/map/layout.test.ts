import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { acyclicOrder, countCrossings, layoutGraph, NODE_H, NODE_W } from './layout';

const e = (parent: string, child: string) => ({ parent, child });

describe('layoutGraph', () => {
  it('puts callers in columns left of their callees (longest path)', () => {
    const layout = layoutGraph([], [e('web', 'api'), e('api', 'db'), e('web', 'db'), e('api', 'cache')], { direction: 'LR' });
    const layerOf = (name: string) => layout.nodes[layout.index.get(name)!]!.layer;
    expect(layerOf('web')).toBe(0);
    expect(layerOf('api')).toBe(1);
    expect(layerOf('db')).toBe(2);
    expect(layerOf('cache')).toBe(2);
    expect(layout.nodes[layout.index.get('web')!]!.x).toBeLessThan(layout.nodes[layout.index.get('api')!]!.x);
    expect(layout.edges.every((edge) => !edge.reversed)).toBe(true);
  });

  it('lays a deep, narrow graph out top to bottom (it reads larger on a wide screen), callers above', () => {
    const chain = Array.from({ length: 12 }, (_, i) => e(`s${i}`, `s${i + 1}`));
    const layout = layoutGraph([], chain);
    expect(layout.direction).toBe('TB');
    const y = (name: string) => layout.nodes[layout.index.get(name)!]!.y;
    for (let i = 0; i < 12; i++) expect(y(`s${i}`)).toBeLessThan(y(`s${i + 1}`));
    assertNoOverlap(layout.nodes);
    // A wide, shallow one stays left to right.
    expect(layoutGraph([], Array.from({ length: 30 }, (_, i) => e('root', `leaf${i}`))).direction).toBe('LR');
  });

  it('keeps isolated services and ignores self-calls and duplicate pairs', () => {
    const layout = layoutGraph(['lonely'], [e('a', 'a'), e('a', 'b'), e('a', 'b')]);
    expect(layout.nodes.map((n) => n.name)).toEqual(['a', 'b', 'lonely']);
    expect(layout.edges).toEqual([{ from: 0, to: 1, reversed: false }]);
  });

  it('breaks a cycle by reversing one edge, and every edge keeps its direction', () => {
    const layout = layoutGraph([], [e('a', 'b'), e('b', 'c'), e('c', 'a'), e('x', 'a')]);
    expect(layout.edges.filter((edge) => edge.reversed)).toHaveLength(1);
    for (const edge of layout.edges) {
      const from = layout.nodes[edge.from]!;
      const to = layout.nodes[edge.to]!;
      // Forward edges point right; the reversed one points left (or stays in place).
      expect(edge.reversed ? to.layer < from.layer : to.layer > from.layer).toBe(true);
    }
  });

  it('acyclicOrder ranks a DAG topologically', () => {
    const rank = acyclicOrder(4, [[0, 1], [1, 2], [0, 3], [3, 2]]);
    expect(rank[0]).toBeLessThan(rank[1]!);
    expect(rank[1]).toBeLessThan(rank[2]!);
    expect(rank[3]).toBeLessThan(rank[2]!);
  });

  it('pulls a pure caller next to its callee instead of the first column', () => {
    const layout = layoutGraph([], [e('a', 'b'), e('b', 'c'), e('c', 'd'), e('cron', 'd')]);
    expect(layout.nodes[layout.index.get('cron')!]!.layer).toBe(layout.nodes[layout.index.get('d')!]!.layer - 1);
  });

  it('orders layers to remove avoidable crossings', () => {
    // Two independent chains, listed so that alphabetical order crosses them.
    const edges = [e('a1', 'z2'), e('a2', 'z1'), e('z1', 'm1'), e('z2', 'm2')];
    const unordered = layoutGraph([], edges, { sweeps: 0 });
    const ordered = layoutGraph([], edges);
    expect(countCrossings(unordered)).toBeGreaterThan(0);
    expect(countCrossings(ordered)).toBe(0);
  });

  it('never overlaps two nodes, and wraps a wide layer into sub-columns', () => {
    const edges = Array.from({ length: 50 }, (_, i) => e('root', `leaf${i}`));
    const layout = layoutGraph([], edges, { maxRows: 10, direction: "LR" });
    const leaves = layout.nodes.filter((n) => n.name.startsWith('leaf'));
    expect(new Set(leaves.map((n) => n.x)).size).toBe(5);
    assertNoOverlap(layout.nodes);
    expect(layout.height).toBeLessThan(12 * (NODE_H + 12) + NODE_H);
  });

  it('lays out the 1238-service Jaeger fixture readably and fast', () => {
    const path = fileURLToPath(new URL('../../sources/__fixtures__/jaeger/v1-dependencies-data-large-1238services.json', import.meta.url));
    const links = JSON.parse(readFileSync(path, 'utf8')) as { parent: string; child: string }[];
    const t0 = performance.now();
    const layout = layoutGraph([], links);
    const ms = performance.now() - t0;
    expect(layout.nodes).toHaveLength(1238);
    assertNoOverlap(layout.nodes);
    // Few reversed edges, a bounded number of columns, and a canvas no more than ~4:1.
    expect(layout.edges.filter((edge) => edge.reversed).length).toBeLessThan(layout.edges.length * 0.1);
    expect(layout.layers.length).toBeLessThan(40);
    expect(Math.max(layout.width / layout.height, layout.height / layout.width)).toBeLessThan(6);
    expect(ms).toBeLessThan(1500);
  });
});

function assertNoOverlap(nodes: readonly { x: number; y: number; name: string }[]): void {
  const sorted = [...nodes].sort((a, b) => a.x - b.x || a.y - b.y);
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length && sorted[j]!.x < sorted[i]!.x + NODE_W; j++) {
      const a = sorted[i]!;
      const b = sorted[j]!;
      const overlap = Math.abs(a.x - b.x) < NODE_W && Math.abs(a.y - b.y) < NODE_H;
      if (overlap) throw new Error(`${a.name} overlaps ${b.name}`);
    }
  }
}
