/*
 * Opt-in clock-skew adjustment: spans recorded on different machines use different clocks, so a
 * server span can appear to start before the client span that called it. This moves such spans
 * (with their same-host subtrees) inside their parent.
 *
 * Rule, for every span whose host differs from its parent's host, evaluated top-down against
 * the parent's already adjusted position:
 * - it lies inside the parent (start >= parent start and end <= parent end): not moved;
 * - it is no longer than the parent: shifted by the smallest amount that puts it inside
 *   (forward when it starts too early, backward when it ends too late);
 * - it is longer than the parent (cannot fit): shifted so that it starts with the parent.
 * A span on the same host as its parent moves exactly as its parent (same clock), so a moved
 * span carries its same-host descendants along; a descendant on yet another host is then
 * evaluated against its own (moved) parent. Roots and orphans are never moved.
 *
 * (Jaeger's adjuster centres a fitting child in its parent, assuming equal network latency on
 * both sides; the minimal shift is used here because it keeps the recorded times whenever they
 * are plausible and makes the display change as small as possible.)
 *
 * The adjustment is a display correction: `Span.start` and `Span.skewShift` change, while the
 * received `startTimeUnixNano` / `endTimeUnixNano` of every span stay exactly as imported (so
 * exports and the span detail show real data). Durations never change.
 */

import { formatDuration } from './format';
import type { Attribute, Resource, Span, TopNode, Trace, TraceWarning } from './types';

/**
 * At most this many moved subtrees get a warning of their own; the others share one summary
 * warning (a badly skewed host in a large trace would otherwise bury the list under
 * thousands of near-identical messages).
 */
export const MAX_SKEW_WARNINGS = 100;

/** Resource attributes naming the host, most specific first. */
const HOST_KEYS = ['host.name', 'host.id', 'k8s.pod.name', 'service.instance.id'] as const;

function attributeText(attributes: readonly Attribute[], key: string): string | undefined {
  for (const attribute of attributes) {
    if (attribute.key !== key) continue;
    const value = attribute.value;
    if (value.type === 'string') return value.value === '' ? undefined : value.value;
    if (value.type === 'int') return String(value.value);
    return undefined;
  }
  return undefined;
}

function resourceHost(resource: Resource, serviceName: string): string {
  for (const key of HOST_KEYS) {
    const host = attributeText(resource.attributes, key);
    if (host !== undefined) return host;
  }
  return serviceName;
}

/**
 * The host (clock) a span was recorded on: the resource attribute `host.name`, else `host.id`,
 * else `k8s.pod.name`, else `service.instance.id`, else the service name.
 */
export function spanHost(span: Pick<Span, 'resource' | 'serviceName'>): string {
  return resourceHost(span.resource, span.serviceName);
}

function signed(ns: number): string {
  return ns > 0 ? `+${formatDuration(ns)}` : formatDuration(ns);
}

/**
 * Returns a new frozen trace with clock skew between hosts corrected (see the rule above);
 * the input is never modified. Every moved span gets its signed shift (ns) in `skewShift`;
 * each moved subtree adds one `clock-skew` warning naming its top span, e.g.
 * `Span "GET /users" on host h2 started 12.3 ms before its parent on host h1: shifted by +12.3 ms.`
 * (after {@link MAX_SKEW_WARNINGS} of them, one summary warning lists the rest), after the
 * warnings the trace already had. If the earliest start
 * moves, offsets are re-based so the trace start is the earliest adjusted span start, and the
 * trace's start, end and summary duration are recomputed; sibling order (and with it the
 * depth-first order and span indices) is re-sorted by adjusted start. The result always has
 * `skewAdjusted: true`; a trace that is already adjusted is returned as it is.
 */
export function adjustClockSkew(trace: Trace): Trace {
  if (trace.skewAdjusted) return trace;
  const spans = trace.spans;
  const n = spans.length;

  // Hosts: resources are shared by the spans of a batch, so resolve each one once.
  const hostByResource = new Map<Resource, string>();
  const hosts: string[] = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const span = spans[i]!;
    let host = hostByResource.get(span.resource);
    if (host === undefined) {
      host = resourceHost(span.resource, span.serviceName);
      hostByResource.set(span.resource, host);
    }
    hosts[i] = host;
  }

  // Top-down (depth-first order puts every parent before its children).
  const shift = new Float64Array(n);
  const added: TraceWarning[] = [];
  // Beyond MAX_SKEW_WARNINGS moved subtrees, one summary warning lists the rest.
  const moreIds: string[] = [];
  let moreMin = Infinity;
  let moreMax = -Infinity;
  for (let i = 0; i < n; i++) {
    const span = spans[i]!;
    const p = span.parent;
    if (p < 0 || p >= i) continue;
    if (hosts[i] === hosts[p]) {
      shift[i] = shift[p]!;
      continue;
    }
    const parent = spans[p]!;
    const parentStart = parent.start + shift[p]!;
    const parentEnd = parentStart + parent.duration;
    const start = span.start;
    const end = start + span.duration;
    if (start >= parentStart && end <= parentEnd) continue;
    let delta: number;
    if (span.duration <= parent.duration) delta = start < parentStart ? parentStart - start : parentEnd - end;
    else delta = parentStart - start;
    if (delta === 0) continue;
    shift[i] = delta;
    if (added.length >= MAX_SKEW_WARNINGS) {
      moreIds.push(span.spanId);
      if (delta < moreMin) moreMin = delta;
      if (delta > moreMax) moreMax = delta;
      continue;
    }
    const where =
      start < parentStart
        ? `started ${formatDuration(parentStart - start)} before`
        : `ended ${formatDuration(end - parentEnd)} after`;
    added.push(
      Object.freeze({
        kind: 'clock-skew' as const,
        message: `Span "${span.name}" on host ${hosts[i]} ${where} its parent on host ${hosts[p]}: shifted by ${signed(delta)}.`,
        spanIds: Object.freeze([span.spanId]),
      }),
    );
  }

  if (added.length === 0) return Object.freeze({ ...trace, skewAdjusted: true });
  if (moreIds.length > 0) {
    const range = moreMin === moreMax ? signed(moreMin) : `${signed(moreMin)} to ${signed(moreMax)}`;
    added.push(
      Object.freeze({
        kind: 'clock-skew' as const,
        message:
          moreIds.length === 1
            ? `1 more span on another host than its parent was moved inside it (shift of ${range}), with its same-host descendants.`
            : `${moreIds.length} more spans on other hosts than their parents were moved inside them (shifts of ${range}), each with its same-host descendants.`,
        spanIds: Object.freeze(moreIds),
      }),
    );
  }
  return rebuild(trace, shift, added);
}

/** A copy of `span` at a new position (one object literal: the same shape as buildTrace's). */
function placed(
  span: Span,
  index: number,
  start: number,
  parent: number,
  children: readonly number[],
  skewShift: number,
): Span {
  return Object.freeze({
    traceId: span.traceId,
    spanId: span.spanId,
    parentSpanId: span.parentSpanId,
    traceState: span.traceState,
    name: span.name,
    kind: span.kind,
    startTimeUnixNano: span.startTimeUnixNano,
    endTimeUnixNano: span.endTimeUnixNano,
    attributes: span.attributes,
    droppedAttributesCount: span.droppedAttributesCount,
    events: span.events,
    droppedEventsCount: span.droppedEventsCount,
    links: span.links,
    droppedLinksCount: span.droppedLinksCount,
    status: span.status,
    flags: span.flags,
    resource: span.resource,
    scope: span.scope,
    index,
    serviceName: span.serviceName,
    start,
    duration: span.duration,
    parent,
    children,
    depth: span.depth,
    isOrphan: span.isOrphan,
    isDuplicate: span.isDuplicate,
    cycleBroken: span.cycleBroken,
    skewShift,
    isError: span.isError,
  });
}

/** Builds the adjusted trace from per-span shifts (at least one non-zero). */
function rebuild(trace: Trace, shift: Float64Array, added: readonly TraceWarning[]): Trace {
  const spans = trace.spans;
  const n = spans.length;

  const adjusted = new Float64Array(n);
  let base = Infinity;
  for (let i = 0; i < n; i++) {
    const start = spans[i]!.start + shift[i]!;
    adjusted[i] = start;
    if (start < base) base = start;
  }
  let maxEnd = 0;
  for (let i = 0; i < n; i++) {
    adjusted[i] = adjusted[i]! - base;
    const end = adjusted[i]! + spans[i]!.duration;
    if (end > maxEnd) maxEnd = end;
  }

  // Children re-sorted by adjusted start (stable: ties keep their previous order).
  const childLists: (readonly number[])[] = new Array<readonly number[]>(n);
  let reordered = false;
  for (let i = 0; i < n; i++) {
    const children = spans[i]!.children;
    let sorted = true;
    for (let c = 1; c < children.length && sorted; c++) {
      if (adjusted[children[c]!]! < adjusted[children[c - 1]!]!) sorted = false;
    }
    if (sorted) {
      childLists[i] = children;
    } else {
      reordered = true;
      childLists[i] = children
        .map((child, position) => ({ child, position }))
        .sort((a, b) => adjusted[a.child]! - adjusted[b.child]! || a.position - b.position)
        .map((entry) => entry.child);
    }
  }

  // New depth-first order: top-level spans keep their order (they are never shifted).
  const order = new Int32Array(n);
  const newIndex = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = newIndex[i] = i;
  if (reordered) {
    newIndex.fill(-1);
    let k = 0;
    const stack: number[] = [];
    for (let r = 0; r < n; r++) {
      if (spans[r]!.parent !== -1) continue;
      stack.push(r);
      while (stack.length > 0) {
        const x = stack.pop()!;
        if (newIndex[x] !== -1) continue;
        newIndex[x] = k;
        order[k++] = x;
        const children = childLists[x]!;
        for (let c = children.length - 1; c >= 0; c--) stack.push(children[c]!);
      }
    }
    if (k !== n) {
      // Not a forest reachable from its roots (cannot come from buildTrace): keep the old order.
      reordered = false;
      for (let i = 0; i < n; i++) {
        order[i] = newIndex[i] = i;
        childLists[i] = spans[i]!.children;
      }
    }
  }

  const newSpans: Span[] = new Array<Span>(n);
  for (let j = 0; j < n; j++) {
    const x = order[j]!;
    const span = spans[x]!;
    const list = childLists[x]!;
    let children = span.children;
    if (reordered) {
      let changed = list !== span.children;
      const mapped = new Array<number>(list.length);
      for (let c = 0; c < list.length; c++) {
        const m = newIndex[list[c]!]!;
        if (m !== span.children[c]) changed = true;
        mapped[c] = m;
      }
      if (changed) children = Object.freeze(mapped);
    }
    const parent = span.parent === -1 ? -1 : newIndex[span.parent]!;
    const start = adjusted[x]!;
    const skewShift = shift[x]!;
    newSpans[j] =
      j === span.index &&
      parent === span.parent &&
      start === span.start &&
      skewShift === span.skewShift &&
      children === span.children
        ? span
        : placed(span, j, start, parent, children, skewShift);
  }

  const topLevel: TopNode[] = trace.topLevel.map((node): TopNode => {
    if (node.kind === 'span') {
      const span = newIndex[node.span]!;
      return span === node.span ? node : Object.freeze({ kind: 'span', span });
    }
    const children = node.children.map((c) => newIndex[c]!);
    let start = Infinity;
    for (const c of children) start = Math.min(start, newSpans[c]!.start);
    return Object.freeze({ ...node, children: Object.freeze(children), start: children.length > 0 ? start : 0 });
  });

  const startTimeUnixNano = trace.startTimeUnixNano + BigInt(Math.round(base));
  return Object.freeze({
    ...trace,
    startTimeUnixNano,
    endTimeUnixNano: startTimeUnixNano + BigInt(Math.round(maxEnd)),
    spans: Object.freeze(newSpans),
    topLevel: Object.freeze(topLevel),
    summary: Object.freeze({ ...trace.summary, startTimeUnixNano, duration: maxEnd }),
    warnings: Object.freeze([...trace.warnings, ...added]),
    skewAdjusted: true,
  });
}
