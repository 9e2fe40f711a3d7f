/**
 * Navigation helpers over a built `Trace`. All iterative (chains can be 100k spans deep).
 *
 * They rely on `Trace.spans` being in depth-first pre-order: the descendants of span `i` are
 * exactly the spans `i + 1 … subtreeEnd(trace, i) - 1`.
 */
import type { Span, Trace } from './types';

function checkIndex(trace: Trace, index: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= trace.spans.length) {
    throw new RangeError(`span index ${index} is out of range (trace has ${trace.spans.length} spans)`);
  }
}

/**
 * Indices of the span ancestors of span `index`, nearest first: [parent, grandparent, …,
 * top-level span]. Empty for a top-level span (roots, orphans, cut cycle spans).
 * Throws `RangeError` for an index outside the trace.
 */
export function ancestors(trace: Trace, index: number): number[] {
  checkIndex(trace, index);
  const out: number[] = [];
  for (let p = (trace.spans[index] as Span).parent; p !== -1; p = (trace.spans[p] as Span).parent) out.push(p);
  return out;
}

/**
 * One past the last descendant of span `index` in `trace.spans` (so `index + 1` for a leaf).
 * Throws `RangeError` for an index outside the trace.
 */
export function subtreeEnd(trace: Trace, index: number): number {
  checkIndex(trace, index);
  const spans = trace.spans;
  const depth = (spans[index] as Span).depth;
  let end = index + 1;
  while (end < spans.length && (spans[end] as Span).depth > depth) end++;
  return end;
}

/** Number of spans below span `index` (children, grandchildren, …). */
export function descendantCount(trace: Trace, index: number): number {
  return subtreeEnd(trace, index) - index - 1;
}

const idIndexes = new WeakMap<Trace, Map<string, Span>>();

/**
 * The span with this ID, or undefined. With duplicate IDs, the first in display order
 * (`trace.spans`). The lookup table is built on first use per trace and cached.
 */
export function spanById(trace: Trace, spanId: string): Span | undefined {
  let index = idIndexes.get(trace);
  if (index === undefined) {
    index = new Map();
    for (const span of trace.spans) if (!index.has(span.spanId)) index.set(span.spanId, span);
    idIndexes.set(trace, index);
  }
  return index.get(spanId);
}
