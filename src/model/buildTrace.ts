/**
 * Tree building: turns the flat `SpanData` an importer produced into a `Trace` — spans linked
 * to their parents, laid out in depth-first display order, with warnings for everything odd
 * about the data (orphans, duplicate IDs, cycles, no root, negative durations, mixed traces).
 *
 * Built for large traces (target: 1M spans in about a second in Node): no recursion (a chain of
 * 100k spans is fine), per-span data in typed arrays indexed by input position, a few passes
 * over the input, O(n) apart from sorting sibling lists, which are checked and only sorted
 * when out of order. Span IDs go through `spanIdIndex` (a hex table, not string hashing).
 * The result is frozen (every `Span`, every array the tree owns, the summary, the trace); the
 * importer-owned objects spans point at (attributes, resource, scope, events, links) are not.
 * Freezing costs about 15% of the build at 1M spans, mostly the children arrays.
 */
import { isUnbuilt } from './unbuiltSpan';
import { preparedFromSpans } from './columnInputs';
import { ColumnSpan } from './columnSpan';
import { PLACED_CYCLE_BROKEN, PLACED_DUPLICATE, PLACED_ERROR, PLACED_ORPHAN } from './spanColumns';
import { indexIds, linkParents, relativeTimes, type IdIndex, type ParentLinks, type PreparedInput, type Times } from './spanInputs';
import type { Resource, Span, SpanData, TopNode, Trace, TraceSummary, TraceWarning } from './types';

/** Shared by every leaf span: one frozen empty array instead of a million. */
const NO_CHILDREN: readonly number[] = Object.freeze([]);

const NO_ROOT_MESSAGE = 'No root span: the trace is incomplete or its root has not arrived yet.';

/** `count` followed by the singular or plural noun. */
function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** A top-level row before display indices are known: a span, or a group of orphans. */
interface PendingTop {
  readonly start: number;
  /** Input index used to break start ties (the span, or the group's first child). */
  readonly tie: number;
  /** Input index of the span, or -1 for a missing-parent group. */
  readonly span: number;
  readonly missingParentId: string;
  readonly orphans: Int32Array | null;
}

/**
 * Builds one trace from its spans. Spans are expected to share a trace ID; when they do not,
 * the first span's ID is used for all of them and a 'mixed-trace-ids' warning is added.
 * An empty input gives an empty trace (trace ID '', no warnings).
 * Options, for importers that can help (the skeleton decoder does both):
 * - `words` and `times` (see spanInputs.ts): IDs and times as numbers, so tree building reads
 *   no ID strings and makes no BigInts; the spans' own fields may then be computed lazily.
 * - `adopt`: the input objects are fresh `SpanRecord`s (see unbuiltSpan.ts) that nothing else
 *   holds; they are completed and frozen in place instead of copied into new `Span`s — at 1M
 *   spans that copy and its garbage were a fifth of the build.
 */
export interface BuildOptions extends PreparedInput {
  readonly adopt?: boolean;
}

export function buildTrace(spans: readonly SpanData[], options: BuildOptions = {}): Trace {
  const { adopt = false } = options;
  const n = spans.length;
  const traceId = n === 0 ? '' : (spans[0] as SpanData).traceId;
  // Importers that kept IDs and times as numbers pass them, or their spans point at them.
  const prepared = options.words !== undefined || options.times !== undefined ? options : preparedFromSpans(spans);
  const ids = indexIds(spans, traceId, prepared);
  const times = relativeTimes(spans, ids.traceStart, prepared.times);
  const links = linkParents(spans, ids.byId, prepared);
  const cycles = breakCycles(spans, links.parentOf, times.start);
  const { childStart, childBuf } = childLists(links.parentOf, times.start);
  const pending = pendingTopLevel(links, times.start);
  const layout = depthFirst(pending, links.parentOf, childStart, childBuf);
  const built = makeSpans(spans, times, links, ids.isDuplicate, cycles.cycleBroken, childStart, childBuf, layout, adopt);
  const { displayIndex } = layout;

  const topLevel: TopNode[] = pending.map((top): TopNode => {
    if (top.orphans === null) return Object.freeze({ kind: 'span', span: displayIndex[top.span] as number });
    const children = Object.freeze(Array.from(top.orphans, (o) => displayIndex[o] as number));
    return Object.freeze({ kind: 'missing-parent', parentSpanId: top.missingParentId, children, start: top.start });
  });

  const out = built.spans;
  let rootSpan: Span | undefined;
  for (const top of topLevel) {
    if (top.kind === 'span' && (out[top.span] as Span).parentSpanId === '') {
      rootSpan = out[top.span];
      break;
    }
  }
  rootSpan ??= out[0];
  const summary: TraceSummary = Object.freeze({
    traceId,
    spanCount: n,
    services: Object.freeze([...built.services].sort()),
    hasRoot: ids.rootCount > 0,
    rootService: rootSpan === undefined ? '' : rootSpan.serviceName,
    rootName: rootSpan === undefined ? '' : rootSpan.name,
    startTimeUnixNano: ids.traceStart,
    duration: Number(times.traceEnd - ids.traceStart),
    errorCount: built.errorCount,
    orphanCount: links.orphanCount,
    depth: layout.maxDepth + 1,
  });

  return Object.freeze({
    traceId,
    startTimeUnixNano: ids.traceStart,
    endTimeUnixNano: times.traceEnd,
    spans: Object.freeze(out),
    topLevel: Object.freeze(topLevel),
    summary,
    warnings: makeWarnings(spans, traceId, ids, times, links, cycles.warnings),
    skewAdjusted: false,
  });
}

/**
 * Follows parent links from every span; a walk that meets itself has found a cycle. Each span
 * has one parent, so every span that does not reach the top level leads into exactly one
 * cycle. Each cycle is cut at its earliest-starting span (input order breaks ties), which
 * becomes top-level: `parentOf` is updated in place.
 */
function breakCycles(
  spans: readonly SpanData[],
  parentOf: Int32Array,
  start: Float64Array,
): { cycleBroken: Uint8Array; warnings: TraceWarning[] } {
  const n = parentOf.length;
  const cycleBroken = new Uint8Array(n);
  const warnings: TraceWarning[] = [];
  const state = new Uint8Array(n); // 0 = unseen, 1 = on the current walk, 2 = reaches the top
  const path = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (state[i] !== 0) continue;
    let len = 0;
    let x = i;
    while (x !== -1 && state[x] !== 2) {
      if (state[x] === 1) {
        let k = len - 1;
        while (path[k] !== x) k--;
        // path[k..len): path[j + 1] is the parent of path[j], and path[k] that of the last.
        const cyc = path.subarray(k, len);
        const size = len - k;
        let at = 0;
        for (let j = 1; j < size; j++) {
          const a = cyc[j] as number;
          const b = cyc[at] as number;
          if ((start[a] as number) < (start[b] as number) || (start[a] === start[b] && a < b)) at = j;
        }
        const cut = cyc[at] as number;
        parentOf[cut] = -1;
        cycleBroken[cut] = 1;
        // IDs in the order the tree now shows them: the cut span, then its child in the cycle, …
        const ids: string[] = [];
        for (let j = 0; j < size; j++) ids.push((spans[cyc[(at - j + size) % size] as number] as SpanData).spanId);
        warnings.push({ kind: 'cycle', message: cycleMessage(ids), spanIds: ids });
        break;
      }
      state[x] = 1;
      path[len++] = x;
      x = parentOf[x] as number;
    }
    for (let k = 0; k < len; k++) state[path[k] as number] = 2;
  }
  return { cycleBroken, warnings };
}

function cycleMessage(ids: readonly string[]): string {
  return ids.length === 1
    ? `Span ${ids[0]} names itself as its parent; it is shown at the top level.`
    : `${ids.length} spans name each other as parents in a cycle; it was cut at the earliest-starting one (${ids[0]}), which is shown at the top level.`;
}

/** Orders input indices by start, then input order. */
function byStartOf(start: Float64Array): (a: number, b: number) => number {
  return (a, b) => (start[a] as number) - (start[b] as number) || a - b;
}

/**
 * Children of every span as one CSR structure: the children of input span `i` are
 * `childBuf[childStart[i] .. childStart[i + 1])`, sorted by start, then input order.
 */
function childLists(parentOf: Int32Array, start: Float64Array): { childStart: Int32Array; childBuf: Int32Array } {
  const n = parentOf.length;
  const childStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const p = parentOf[i] as number;
    if (p !== -1) childStart[p + 1] = (childStart[p + 1] as number) + 1;
  }
  for (let i = 0; i < n; i++) childStart[i + 1] = (childStart[i + 1] as number) + (childStart[i] as number);
  const childBuf = new Int32Array(n);
  const fill = childStart.slice(0, n);
  for (let i = 0; i < n; i++) {
    const p = parentOf[i] as number;
    if (p !== -1) {
      const at = fill[p] as number;
      childBuf[at] = i;
      fill[p] = at + 1;
    }
  }
  const byStart = byStartOf(start);
  for (let p = 0; p < n; p++) {
    const from = childStart[p] as number;
    const to = childStart[p + 1] as number;
    if (to - from > 1 && !isSortedByStart(childBuf, from, to, start)) childBuf.subarray(from, to).sort(byStart);
  }
  return { childStart, childBuf };
}

/** Top-level rows (roots, cut cycle spans, missing-parent groups) sorted by start. */
function pendingTopLevel(links: ParentLinks, start: Float64Array): PendingTop[] {
  const { parentOf, isOrphan } = links;
  const pending: PendingTop[] = [];
  for (let i = 0; i < parentOf.length; i++) {
    if (parentOf[i] === -1 && isOrphan[i] === 0) {
      pending.push({ start: start[i] as number, tie: i, span: i, missingParentId: '', orphans: null });
    }
  }
  const byStart = byStartOf(start);
  for (const [missingParentId, list] of links.orphanGroups) {
    const orphans = Int32Array.from(list);
    if (!isSortedByStart(orphans, 0, orphans.length, start)) orphans.sort(byStart);
    const head = orphans[0] as number;
    pending.push({ start: start[head] as number, tie: head, span: -1, missingParentId, orphans });
  }
  return pending.sort((a, b) => a.start - b.start || a.tie - b.tie);
}

interface Layout {
  /** Input index → display index. */
  readonly displayIndex: Int32Array;
  /** Per input index. */
  readonly depth: Int32Array;
  readonly maxDepth: number;
}

/** Depth-first pre-order of the top-level rows, with an explicit stack. */
function depthFirst(pending: readonly PendingTop[], parentOf: Int32Array, childStart: Int32Array, childBuf: Int32Array): Layout {
  const n = parentOf.length;
  const displayIndex = new Int32Array(n);
  const depth = new Int32Array(n);
  const stack = new Int32Array(n);
  let placed = 0;
  let maxDepth = -1;
  for (const top of pending) {
    const heads = top.orphans ?? [top.span];
    for (let h = 0; h < heads.length; h++) {
      let sp = 0;
      stack[sp++] = heads[h] as number;
      while (sp > 0) {
        const x = stack[--sp] as number;
        const p = parentOf[x] as number;
        const d = p === -1 ? 0 : (depth[p] as number) + 1;
        depth[x] = d;
        if (d > maxDepth) maxDepth = d;
        displayIndex[x] = placed++;
        for (let c = (childStart[x + 1] as number) - 1, end = childStart[x] as number; c >= end; c--) {
          stack[sp++] = childBuf[c] as number;
        }
      }
    }
  }
  return { displayIndex, depth, maxDepth };
}

/** The frozen `Span` objects, placed in display order, all built by one object literal (one shape). */
function makeSpans(
  spans: readonly SpanData[],
  times: Times,
  links: ParentLinks,
  isDuplicate: Uint8Array,
  cycleBroken: Uint8Array,
  childStart: Int32Array,
  childBuf: Int32Array,
  layout: Layout,
  adopt: boolean,
): { spans: Span[]; services: Set<string>; errorCount: number } {
  const n = spans.length;
  const { start, duration } = times;
  const { parentOf, isOrphan } = links;
  const { displayIndex, depth } = layout;
  const out: Span[] = new Array<Span>(n);
  const services = new Set<string>();
  let lastResource: Resource | undefined;
  let errorCount = 0;
  // Input order, not display order: importers allocate spans in input order, so reading them
  // sequentially is much kinder to the CPU cache at 1M spans than hopping in tree order.
  for (let i = 0; i < n; i++) {
    const idx = displayIndex[i] as number;
    const sd = spans[i] as SpanData;
    const p = parentOf[i] as number;
    const from = childStart[i] as number;
    const to = childStart[i + 1] as number;
    let children = NO_CHILDREN;
    if (to > from) {
      const list = new Array<number>(to - from);
      for (let c = from; c < to; c++) list[c - from] = displayIndex[childBuf[c] as number] as number;
      children = Object.freeze(list);
    }
    const resource = sd.resource;
    const serviceName = resource.serviceName;
    if (resource !== lastResource) {
      services.add(serviceName); // spans of a batch share their resource: skip most Set lookups
      lastResource = resource;
    }
    const isError = sd.status.code === 'error';
    if (isError) errorCount++;
    if (adopt && sd instanceof ColumnSpan && isUnbuilt(sd)) {
      const placeFlags =
        (isOrphan[i] === 1 ? PLACED_ORPHAN : 0) | (isDuplicate[i] === 1 ? PLACED_DUPLICATE : 0) |
        (cycleBroken[i] === 1 ? PLACED_CYCLE_BROKEN : 0) | (isError ? PLACED_ERROR : 0);
      sd.place(idx, start[i] as number, duration[i] as number, p === -1 ? -1 : (displayIndex[p] as number), children, depth[i] as number, placeFlags);
      out[idx] = Object.freeze(sd);
      continue;
    }
    if (adopt && isUnbuilt(sd)) {
      sd.index = idx;
      sd.serviceName = serviceName;
      sd.start = start[i] as number;
      sd.duration = duration[i] as number;
      sd.parent = p === -1 ? -1 : (displayIndex[p] as number);
      sd.children = children;
      sd.depth = depth[i] as number;
      sd.isOrphan = isOrphan[i] === 1;
      sd.isDuplicate = isDuplicate[i] === 1;
      sd.cycleBroken = cycleBroken[i] === 1;
      sd.isError = isError;
      out[idx] = Object.freeze(sd);
      continue;
    }
    const span: Span = {
      traceId: sd.traceId,
      spanId: sd.spanId,
      parentSpanId: sd.parentSpanId,
      traceState: sd.traceState,
      name: sd.name,
      kind: sd.kind,
      startTimeUnixNano: sd.startTimeUnixNano,
      endTimeUnixNano: sd.endTimeUnixNano,
      attributes: sd.attributes,
      droppedAttributesCount: sd.droppedAttributesCount,
      events: sd.events,
      droppedEventsCount: sd.droppedEventsCount,
      links: sd.links,
      droppedLinksCount: sd.droppedLinksCount,
      status: sd.status,
      flags: sd.flags,
      resource,
      scope: sd.scope,
      index: idx,
      serviceName,
      start: start[i] as number,
      duration: duration[i] as number,
      parent: p === -1 ? -1 : (displayIndex[p] as number),
      children,
      depth: depth[i] as number,
      isOrphan: isOrphan[i] === 1,
      isDuplicate: isDuplicate[i] === 1,
      cycleBroken: cycleBroken[i] === 1,
      skewShift: 0,
      isError,
    };
    out[idx] = Object.freeze(span);
  }
  return { spans: out, services, errorCount };
}

/** The trace's warnings, frozen: one per kind, except one per cycle. */
function makeWarnings(
  spans: readonly SpanData[],
  traceId: string,
  ids: IdIndex,
  times: Times,
  links: ParentLinks,
  cycleWarnings: readonly TraceWarning[],
): readonly TraceWarning[] {
  const warnings: TraceWarning[] = [];
  const { foreign, duplicateIds } = ids;
  if (foreign.length > 0) {
    warnings.push({
      kind: 'mixed-trace-ids',
      message: `${plural(foreign.length, 'span belongs', 'spans belong')} to ${plural(ids.foreignTraceIds.size, 'other trace', 'other traces')}; ${foreign.length === 1 ? 'it is' : 'they are'} shown in trace ${traceId}.`,
      spanIds: foreign,
    });
  }
  if (spans.length > 0 && ids.rootCount === 0) warnings.push({ kind: 'no-root', message: NO_ROOT_MESSAGE, spanIds: [] });
  const { orphanCount, isOrphan } = links;
  if (orphanCount > 0) {
    const orphanIds: string[] = [];
    for (let i = 0; i < spans.length; i++) if (isOrphan[i] === 1) orphanIds.push((spans[i] as SpanData).spanId);
    warnings.push({
      kind: 'missing-parent',
      message: `${plural(orphanCount, 'span names', 'spans name')} a parent that is not in this trace (${plural(links.orphanGroups.size, 'missing span ID', 'missing span IDs')}); ${orphanCount === 1 ? 'it is' : 'they are'} shown under a “missing parent” placeholder.`,
      spanIds: orphanIds,
    });
  }
  if (duplicateIds.length > 0) {
    warnings.push({
      kind: 'duplicate-span-id',
      message:
        duplicateIds.length === 1
          ? `Span ID ${duplicateIds[0]} is used by ${ids.duplicateSpanCount} spans; all are shown, and children naming it are attached to the first one.`
          : `${duplicateIds.length} span IDs are each used by more than one span (${ids.duplicateSpanCount} spans in all); all are shown, and children naming such an ID are attached to its first occurrence.`,
      spanIds: duplicateIds,
    });
  }
  for (const w of cycleWarnings) warnings.push(w); // not push(...): there may be 100k+ of them
  const { negativeDuration } = times;
  if (negativeDuration.length > 0) {
    warnings.push({
      kind: 'negative-duration',
      message: `${plural(negativeDuration.length, 'span ends before it starts', 'spans end before they start')}; ${negativeDuration.length === 1 ? 'it is' : 'they are'} drawn with zero duration.`,
      spanIds: negativeDuration,
    });
  }
  for (const w of warnings) {
    Object.freeze(w.spanIds);
    Object.freeze(w);
  }
  return Object.freeze(warnings);
}

/** Whether `list[from..to)` is in non-decreasing start order (input order breaks ties). */
function isSortedByStart(list: Int32Array, from: number, to: number, start: Float64Array): boolean {
  for (let k = from + 1; k < to; k++) {
    const a = list[k - 1] as number;
    const b = list[k] as number;
    const sa = start[a] as number;
    const sb = start[b] as number;
    if (sa > sb || (sa === sb && a > b)) return false;
  }
  return true;
}

/** Spans grouped by trace ID, in order of first appearance (spans keep their input order). */
export function groupByTrace(spans: readonly SpanData[]): Map<string, SpanData[]> {
  const groups = new Map<string, SpanData[]>();
  for (const span of spans) {
    const group = groups.get(span.traceId);
    if (group === undefined) groups.set(span.traceId, [span]);
    else group.push(span);
  }
  return groups;
}

/** Whether every span has the first span's trace ID (importers share that string, so `===` is quick). */
function isOneTrace(spans: readonly SpanData[]): boolean {
  const traceId = (spans[0] as SpanData).traceId;
  for (let i = 1; i < spans.length; i++) if ((spans[i] as SpanData).traceId !== traceId) return false;
  return true;
}

/** Builds every trace in `spans`, sorted by start time (then trace ID). */
export function buildTraces(spans: readonly SpanData[], options: BuildOptions = {}): Trace[] {
  const { adopt } = options; // `words` index one input array, not its per-trace groups
  const each = adopt ? { adopt } : {};
  // A file usually holds one trace: then the input is the group, no million-entry copy.
  if (spans.length > 0 && isOneTrace(spans)) return [buildTrace(spans, each)];
  const traces: Trace[] = [];
  for (const group of groupByTrace(spans).values()) traces.push(buildTrace(group, each));
  return traces.sort((a, b) =>
    a.startTimeUnixNano < b.startTimeUnixNano
      ? -1
      : a.startTimeUnixNano > b.startTimeUnixNano
        ? 1
        : a.traceId < b.traceId
          ? -1
          : a.traceId > b.traceId
            ? 1
            : 0,
  );
}
