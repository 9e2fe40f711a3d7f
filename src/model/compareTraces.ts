/**
 * Structural comparison of two traces. Spans are aligned by their path: the chain of
 * `service:name` from the top-level span down to the span. Every path seen in either trace is
 * one node of a merged tree; the node says how often the path occurs in A and in B and how long
 * those spans took in total, so "added", "removed", "slower" and "faster" fall out directly.
 *
 * Why paths and not span IDs: two runs of the same request never share span IDs, but they do
 * share the shape of the call tree, and repeated calls (N+1 queries, retries) show up as a
 * change in the occurrence count of one path.
 */
import type { Span, Trace } from './types';

export type CompareStatus = 'added' | 'removed' | 'slower' | 'faster' | 'same';

/** What one trace holds at a path. */
export interface CompareSide {
  /** Spans at this path. */
  readonly count: number;
  /** Sum of their durations, ns. */
  readonly totalNs: number;
  /** Span IDs at this path, in display order (the first is the click-through target). */
  readonly spanIds: readonly string[];
  readonly errorCount: number;
}

export interface CompareNode {
  /** The path's segments joined by ' > ' (unique per node). */
  readonly key: string;
  readonly service: string;
  readonly name: string;
  /** 0 for top-level spans. */
  readonly depth: number;
  readonly a: CompareSide | null;
  readonly b: CompareSide | null;
  readonly status: CompareStatus;
  /** `b.totalNs - a.totalNs` (missing side counts as 0). */
  readonly deltaNs: number;
  readonly children: readonly CompareNode[];
}

export interface CompareSummary {
  readonly added: number;
  readonly removed: number;
  readonly slower: number;
  readonly faster: number;
  readonly same: number;
  /** Trace durations, ns. */
  readonly durationA: number;
  readonly durationB: number;
}

export interface CompareResult {
  readonly roots: readonly CompareNode[];
  /** Every node in depth-first order (roots first, children by first appearance). */
  readonly nodes: readonly CompareNode[];
  readonly summary: CompareSummary;
}

export interface CompareOptions {
  /**
   * A path counts as slower or faster only when the totals differ by at least this fraction of
   * the larger total AND by `minDeltaNs`: small jitter is not a finding. Default 0.1 (10 %).
   */
  readonly minRelative?: number;
  /** Default 100 µs. */
  readonly minDeltaNs?: number;
}

const SEPARATOR = ' > ';

interface Bucket {
  readonly segments: readonly { service: string; name: string }[];
  readonly spans: Span[];
}

/** Path key of every span (memoised; parents are resolved first whatever the order). */
function groupByPath(trace: Trace): Map<string, Bucket> {
  const keys: (string | undefined)[] = new Array(trace.spans.length);
  const segmentsOf = new Map<string, { service: string; name: string }[]>();
  const keyOf = (index: number): string => {
    const known = keys[index];
    if (known !== undefined) return known;
    // Walk up to the first span whose key is known (or the top), then resolve downwards.
    const chain: number[] = [];
    let cursor = index;
    while (cursor >= 0 && keys[cursor] === undefined && !chain.includes(cursor)) {
      chain.push(cursor);
      cursor = trace.spans[cursor]?.parent ?? -1;
    }
    let parentKey = cursor >= 0 ? keys[cursor] : undefined;
    for (let i = chain.length - 1; i >= 0; i--) {
      const span = trace.spans[chain[i]!]!;
      const segment = `${span.serviceName}:${span.name}`;
      const key = parentKey === undefined ? segment : parentKey + SEPARATOR + segment;
      if (!segmentsOf.has(key)) {
        const parentSegments = parentKey === undefined ? [] : (segmentsOf.get(parentKey) ?? []);
        segmentsOf.set(key, [...parentSegments, { service: span.serviceName, name: span.name }]);
      }
      keys[chain[i]!] = key;
      parentKey = key;
    }
    return keys[index]!;
  };
  const buckets = new Map<string, Bucket>();
  for (const span of trace.spans) {
    const key = keyOf(span.index);
    let bucket = buckets.get(key);
    if (!bucket) {
      bucket = { segments: segmentsOf.get(key) ?? [], spans: [] };
      buckets.set(key, bucket);
    }
    bucket.spans.push(span);
  }
  return buckets;
}

function side(bucket: Bucket | undefined): CompareSide | null {
  if (!bucket) return null;
  return {
    count: bucket.spans.length,
    totalNs: bucket.spans.reduce((sum, s) => sum + s.duration, 0),
    spanIds: bucket.spans.map((s) => s.spanId),
    errorCount: bucket.spans.filter((s) => s.isError).length,
  };
}

export function classify(a: CompareSide | null, b: CompareSide | null, options: CompareOptions = {}): CompareStatus {
  if (a === null) return 'added';
  if (b === null) return 'removed';
  const minRelative = options.minRelative ?? 0.1;
  const minDeltaNs = options.minDeltaNs ?? 100_000;
  const delta = b.totalNs - a.totalNs;
  const larger = Math.max(a.totalNs, b.totalNs);
  if (delta === 0 || Math.abs(delta) < minDeltaNs || larger === 0 || Math.abs(delta) / larger < minRelative) return 'same';
  return delta > 0 ? 'slower' : 'faster';
}

export function compareTraces(a: Trace, b: Trace, options: CompareOptions = {}): CompareResult {
  const byPathA = groupByPath(a);
  const byPathB = groupByPath(b);
  // Order: A's paths in A's display order, then B-only paths in B's order.
  const order: string[] = [...byPathA.keys()];
  for (const key of byPathB.keys()) if (!byPathA.has(key)) order.push(key);

  interface Mutable {
    node: Omit<CompareNode, 'children'>;
    children: Mutable[];
  }
  const made = new Map<string, Mutable>();
  const roots: Mutable[] = [];
  const summary = { added: 0, removed: 0, slower: 0, faster: 0, same: 0 };
  for (const key of order) {
    const bucketA = byPathA.get(key);
    const bucketB = byPathB.get(key);
    const segments = (bucketA ?? bucketB)!.segments;
    const last = segments[segments.length - 1] ?? { service: '', name: '' };
    const sideA = side(bucketA);
    const sideB = side(bucketB);
    const status = classify(sideA, sideB, options);
    summary[status]++;
    const entry: Mutable = {
      node: {
        key,
        service: last.service,
        name: last.name,
        depth: segments.length - 1,
        a: sideA,
        b: sideB,
        status,
        deltaNs: (sideB?.totalNs ?? 0) - (sideA?.totalNs ?? 0),
      },
      children: [],
    };
    made.set(key, entry);
    const parentKey = key.includes(SEPARATOR) ? key.slice(0, key.lastIndexOf(SEPARATOR)) : undefined;
    const parent = parentKey === undefined ? undefined : made.get(parentKey);
    if (parent) parent.children.push(entry);
    else roots.push(entry);
  }

  const nodes: CompareNode[] = [];
  const freeze = (entry: Mutable): CompareNode => {
    const children: CompareNode[] = [];
    const node: CompareNode = { ...entry.node, children };
    nodes.push(node);
    for (const child of entry.children) children.push(freeze(child));
    return node;
  };
  const frozenRoots = roots.map(freeze);
  return {
    roots: frozenRoots,
    nodes,
    summary: { ...summary, durationA: a.summary.duration, durationB: b.summary.duration },
  };
}
