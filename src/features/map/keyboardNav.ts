/** Keyboard movement between map nodes: within a column (up/down) and across columns (left/right). */
import type { GraphLayout } from './layout';

export type NavKey = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight' | 'Home' | 'End';

/** The node the key moves to from `current` (itself when there is nowhere to go). */
export function moveFrom(layout: GraphLayout, current: number, key: NavKey): number {
  const node = layout.nodes[current];
  if (!node) return current;
  const layer = layout.layers[node.layer] ?? [];
  switch (key) {
    case 'ArrowUp':
      return layer[node.order - 1] ?? current;
    case 'ArrowDown':
      return layer[node.order + 1] ?? current;
    case 'Home':
      return firstNode(layout) ?? current;
    case 'End': {
      for (let l = layout.layers.length - 1; l >= 0; l--) {
        const last = layout.layers[l]!;
        if (last.length > 0) return last[last.length - 1]!;
      }
      return current;
    }
    case 'ArrowLeft':
    case 'ArrowRight': {
      const step = key === 'ArrowLeft' ? -1 : 1;
      for (let l = node.layer + step; l >= 0 && l < layout.layers.length; l += step) {
        const next = layout.layers[l]!;
        if (next.length === 0) continue;
        // The node of that column closest in height.
        let best = next[0]!;
        for (const v of next) if (Math.abs(layout.nodes[v]!.y - node.y) < Math.abs(layout.nodes[best]!.y - node.y)) best = v;
        return best;
      }
      return current;
    }
  }
}

export function firstNode(layout: GraphLayout): number | undefined {
  for (const layer of layout.layers) if (layer.length > 0) return layer[0];
  return undefined;
}

/**
 * Type-ahead: the next node (after `current`, wrapping, in column order) whose name starts with
 * `prefix` (case-insensitive); names containing it come second. -1 when none matches.
 */
export function findByPrefix(layout: GraphLayout, prefix: string, current: number): number {
  const order = layout.layers.flat();
  const needle = prefix.toLowerCase();
  const at = Math.max(0, order.indexOf(current));
  // A repeated single letter cycles; a longer prefix may match the current node itself.
  const offset = needle.length > 1 ? 0 : 1;
  for (const test of [(s: string) => s.startsWith(needle), (s: string) => s.includes(needle)]) {
    for (let i = 0; i < order.length; i++) {
      const v = order[(at + offset + i) % order.length]!;
      if (test(layout.nodes[v]!.name.toLowerCase())) return v;
    }
  }
  return -1;
}
