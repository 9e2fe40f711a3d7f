/*
 * The critical path, computed as Jaeger UI's `computeCriticalPath` (also used by Grafana):
 *
 * 1. The root is the top-level span that ends last (ties: earliest start, then lowest index);
 *    the children of a missing-parent placeholder count as top-level spans. Other top-level
 *    trees are not on the path.
 * 2. Children are clipped to their parent's (already clipped) interval: a child that ends after
 *    its parent ends at the parent's end, one that starts before starts at the parent's start;
 *    a child entirely outside its parent (starting at or after its end, or ending at or before
 *    its start) is dropped with its subtree. Async / FOLLOWS_FROM children are treated the
 *    same way (clipped, not excluded).
 * 3. Walking back from the span's end, take the last-finishing child that ends at or before the
 *    current point; the time between that child's end and the point is the span's own critical
 *    time; descend into the child; then continue from the child's start. When no child is
 *    left, the rest of the span back to its start is its own time.
 *
 * One deliberate difference from Jaeger: a child qualifies when it ends *at or before* the
 * current point (Jaeger: strictly before), so back-to-back sequential children are all on the
 * path rather than the earlier ones being attributed to the parent. Each child is considered
 * at most once, so zero-length children cannot loop.
 *
 * Iterative (explicit stack): any depth works. O(n) plus sorting the children of path spans.
 */

import type { Trace } from './types';

/** A part of a span's own time that lies on the critical path, in ns from the trace start. */
export interface CriticalSegment {
  /** Index in `trace.spans`. */
  readonly span: number;
  readonly start: number;
  readonly end: number;
}

interface MutableSegment {
  span: number;
  start: number;
  end: number;
}

/** Result of the walk. */
interface Walk {
  /** Segments in walk order, which is latest first. */
  readonly segments: MutableSegment[];
  /** Spans in the order the walk reaches them: root first. */
  readonly spans: number[];
}

interface Frame {
  readonly span: number;
  /** Clipped start of the span. */
  readonly start: number;
  /** The point the walk goes back from: time after it is already accounted for. */
  bound: number;
  /** Remaining candidate children, sorted by clipped end descending. */
  readonly children: number[];
  /** Next candidate in `children`. */
  ptr: number;
}

function findRoot(trace: Trace): number {
  const spans = trace.spans;
  let best = -1;
  let bestEnd = -Infinity;
  let bestStart = Infinity;
  const consider = (i: number): void => {
    const span = spans[i];
    if (span === undefined) return;
    const end = span.start + span.duration;
    if (
      end > bestEnd ||
      (end === bestEnd && (span.start < bestStart || (span.start === bestStart && i < best)))
    ) {
      best = i;
      bestEnd = end;
      bestStart = span.start;
    }
  };
  for (const node of trace.topLevel) {
    if (node.kind === 'span') consider(node.span);
    else for (const child of node.children) consider(child);
  }
  if (best === -1) {
    // No top-level rows (should not happen): fall back to spans without a parent.
    for (let i = 0; i < spans.length; i++) if (spans[i]!.parent === -1) consider(i);
  }
  return best;
}

function walk(trace: Trace): Walk {
  const spans = trace.spans;
  const segments: MutableSegment[] = [];
  const order: number[] = [];
  const root = findRoot(trace);
  if (root === -1) return { segments, spans: order };

  // Clipped intervals, filled for the children of every span the walk enters.
  const clipStart = new Float64Array(spans.length);
  const clipEnd = new Float64Array(spans.length);

  const enter = (span: number, start: number, end: number): Frame => {
    const candidates: number[] = [];
    for (const c of spans[span]!.children) {
      const child = spans[c]!;
      const s = child.start;
      const e = s + child.duration;
      let cs: number;
      if (s >= start) {
        if (s >= end) continue; // entirely after the parent
        cs = s;
      } else {
        if (e <= start) continue; // entirely before the parent
        cs = start;
      }
      clipStart[c] = cs;
      clipEnd[c] = e < end ? e : end;
      candidates.push(c);
    }
    if (candidates.length > 1) {
      candidates.sort((a, b) => clipEnd[b]! - clipEnd[a]! || clipStart[a]! - clipStart[b]! || a - b);
    }
    order.push(span);
    return { span, start, bound: end, children: candidates, ptr: 0 };
  };

  /** Adds a span's own time [start, end); segments arrive latest first, so the previous
   * segment of the same span ending where this one ends is extended instead. */
  const emit = (span: number, start: number, end: number): void => {
    if (start >= end) return;
    const last = segments[segments.length - 1];
    if (last !== undefined && last.span === span && last.start === end) last.start = start;
    else segments.push({ span, start, end });
  };

  const rootSpan = spans[root]!;
  const stack: Frame[] = [enter(root, rootSpan.start, rootSpan.start + rootSpan.duration)];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    let next = -1;
    while (frame.ptr < frame.children.length) {
      const c = frame.children[frame.ptr++]!;
      // Sorted by end descending and the bound only decreases: a skipped child never qualifies later.
      if (clipEnd[c]! <= frame.bound) {
        next = c;
        break;
      }
    }
    if (next === -1) {
      emit(frame.span, frame.start, frame.bound);
      stack.pop();
      continue;
    }
    const childStart = clipStart[next]!;
    const childEnd = clipEnd[next]!;
    emit(frame.span, childEnd, frame.bound);
    frame.bound = childStart;
    stack.push(enter(next, childStart, childEnd));
  }
  return { segments, spans: order };
}

/**
 * The parts of spans on the critical path, in chronological order. They do not overlap and
 * together cover the root span's interval exactly; empty parts are omitted and adjacent parts
 * of the same span are merged. Empty for an empty trace.
 */
export function criticalPath(trace: Trace): CriticalSegment[] {
  return walk(trace).segments.reverse();
}

/**
 * The distinct spans on the critical path in path order: the root first, then each span in the
 * order the walk back from the end reaches it (the last-finishing child, its last-finishing
 * child, …, then earlier siblings). A span whose own time is entirely covered by its children
 * (or that has zero length) is still listed when the path goes through it.
 */
export function criticalPathSpans(trace: Trace): number[] {
  return walk(trace).spans;
}
