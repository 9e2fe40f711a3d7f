import type { Trace } from './types';

/**
 * Self time of every span, indexed like `trace.spans`, in ns: the span's duration minus the time
 * covered by at least one of its direct children, with each child clipped to the span's own
 * interval (Jaeger / Grafana semantics):
 * - overlapping children count once (the union of their intervals is subtracted);
 * - a child that starts before or ends after its parent only counts inside the parent;
 * - a child entirely outside its parent (e.g. an async follower) takes nothing away.
 *
 * O(n) over all spans (children are sorted by start), no recursion.
 */
export function selfTimes(trace: Trace): Float64Array {
  const spans = trace.spans;
  const result = new Float64Array(spans.length);
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i]!;
    const start = span.start;
    const end = start + span.duration;
    const children = span.children;
    let covered = 0;
    // The merged interval being accumulated; empty while runEnd <= runStart.
    let runStart = start;
    let runEnd = start;
    for (let c = 0; c < children.length; c++) {
      const child = spans[children[c]!]!;
      const childStart = child.start > start ? child.start : start;
      const rawEnd = child.start + child.duration;
      const childEnd = rawEnd < end ? rawEnd : end;
      if (childEnd <= childStart) continue;
      if (childStart > runEnd) {
        covered += runEnd - runStart;
        runStart = childStart;
        runEnd = childEnd;
      } else if (childEnd > runEnd) {
        runEnd = childEnd;
      }
    }
    covered += runEnd - runStart;
    result[i] = span.duration - covered;
  }
  return result;
}
