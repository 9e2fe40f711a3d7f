/**
 * Columnar, typed-array views of a trace, derived once per trace (memoized on the Trace object)
 * so every per-frame loop (visible rows, canvas drawing, minimap density) touches flat memory
 * instead of 1M span objects.
 */
import type { Resource, Trace } from '../../../model/types';

export const FLAG_ERROR = 1;
export const FLAG_HAS_CHILDREN = 2;
export const FLAG_ORPHAN = 4;
export const FLAG_HAS_EVENTS = 8;

export interface TraceColumns {
  readonly count: number;
  /** Trace duration in ns (at least 1, so divisions are safe). */
  readonly duration: number;
  /** Start / end in ns from the trace start. */
  readonly start: Float64Array;
  readonly end: Float64Array;
  /** Display depth: span depth, +1 under a missing-parent placeholder. */
  readonly depth: Int32Array;
  readonly parent: Int32Array;
  /** One past the last descendant: spans are depth-first, so a subtree is [i, subtreeEnd[i]). */
  readonly subtreeEnd: Int32Array;
  readonly flags: Uint8Array;
  /** Index into `services`. */
  readonly service: Uint16Array;
  readonly services: readonly string[];
  /** For each span, the index in `trace.topLevel` of the missing-parent group holding it, or -1. */
  readonly group: Int32Array;
}

const cache = new WeakMap<Trace, TraceColumns>();

export function traceColumns(trace: Trace): TraceColumns {
  let columns = cache.get(trace);
  if (columns === undefined) {
    const started = performance.now();
    columns = buildColumns(trace);
    // User Timing entries: visible in DevTools and read by bench/ui/traceView.ts.
    performance.measure('tracescope:timeline columns', { start: started });
    cache.set(trace, columns);
  }
  return columns;
}

function buildColumns(trace: Trace): TraceColumns {
  const spans = trace.spans;
  const n = spans.length;
  const start = new Float64Array(n);
  const end = new Float64Array(n);
  const depth = new Int32Array(n);
  const parent = new Int32Array(n);
  const subtreeEnd = new Int32Array(n);
  const flags = new Uint8Array(n);
  const service = new Uint16Array(n);
  const group = new Int32Array(n).fill(-1);
  const serviceIds = new Map<string, number>();
  const services: string[] = [];
  let duration = Number(trace.endTimeUnixNano - trace.startTimeUnixNano);
  let lastResource: Resource | null = null;
  let lastName = '';
  let lastId = 0;
  for (let i = 0; i < n; i++) {
    const span = spans[i]!;
    start[i] = span.start;
    end[i] = span.start + span.duration;
    if (end[i]! > duration) duration = end[i]!;
    depth[i] = span.depth;
    parent[i] = span.parent;
    let f = 0;
    if (span.isError) f |= FLAG_ERROR;
    if (span.children.length > 0) f |= FLAG_HAS_CHILDREN;
    if (span.isOrphan) f |= FLAG_ORPHAN;
    if (span.events.length > 0) f |= FLAG_HAS_EVENTS;
    flags[i] = f;
    // Spans of a batch share one Resource object: skip the map lookup while it repeats.
    if (span.resource !== lastResource || span.serviceName !== lastName) {
      let id = serviceIds.get(span.serviceName);
      if (id === undefined) {
        id = services.length;
        services.push(span.serviceName);
        serviceIds.set(span.serviceName, id);
      }
      lastResource = span.resource;
      lastName = span.serviceName;
      lastId = Math.min(id, 0xffff);
    }
    service[i] = lastId;
  }
  // Children come after their parent in depth-first order: one backward pass sizes subtrees.
  for (let i = 0; i < n; i++) subtreeEnd[i] = i + 1;
  for (let i = n - 1; i >= 0; i--) {
    const p = parent[i]!;
    if (p >= 0 && subtreeEnd[i]! > subtreeEnd[p]!) subtreeEnd[p] = subtreeEnd[i]!;
  }
  trace.topLevel.forEach((top, g) => {
    if (top.kind !== 'missing-parent') return;
    for (const head of top.children) {
      for (let i = head; i < subtreeEnd[head]!; i++) {
        depth[i] = depth[i]! + 1;
        group[i] = g;
      }
    }
  });
  return { count: n, duration: Math.max(1, duration), start, end, depth, parent, subtreeEnd, flags, service, services, group };
}
