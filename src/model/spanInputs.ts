/**
 * The first three passes of tree building over the input spans: their IDs, their times relative
 * to the trace start, and their parent links (buildTrace.ts runs the rest on typed arrays).
 *
 * An importer that already holds IDs and times as numbers (the skeleton decoder) passes them as
 * `PreparedInput`: then these passes read no ID strings and make no BigInts, so the spans can
 * compute `spanId`, `parentSpanId` and the two `…UnixNano` times lazily, and a million-span trace
 * allocates four million fewer objects. The answers are the same either way (tested).
 */
import { indexSpanIds, indexSpanIdWords, type SpanIdIndex, type SpanIdWords, type WordIdIndex } from './spanIdIndex';
import type { SpanData } from './types';

/** Times of the input spans in ns relative to `traceStart`, which is the earliest start. */
export interface PreparedTimes {
  readonly traceStart: bigint;
  /** Per input index: start − traceStart, exact (below 2^53). */
  readonly start: Float64Array;
  /** Per input index: end − traceStart (may be below `start`). */
  readonly end: Float64Array;
}

export interface PreparedInput {
  /** IDs as numbers (every span has an ID), parents included. */
  readonly words?: SpanIdWords & {
    /** Per input index: 1 when the span names a parent (its `parentSpanId` is not ''). */
    readonly hasParent: Uint8Array;
  };
  readonly times?: PreparedTimes;
}

export interface IdIndex {
  readonly traceStart: bigint;
  /** Span ID → input index of its first occurrence. */
  readonly byId: SpanIdIndex;
  readonly isDuplicate: Uint8Array;
  /** Duplicated IDs, in the order their second occurrences appear. */
  readonly duplicateIds: string[];
  /** Spans whose ID is duplicated, first occurrences included. */
  readonly duplicateSpanCount: number;
  readonly rootCount: number;
  /** IDs of spans whose trace ID differs from the trace's. */
  readonly foreign: string[];
  readonly foreignTraceIds: Set<string>;
}

function earliestStart(spans: readonly SpanData[]): bigint {
  let traceStart = spans.length === 0 ? 0n : (spans[0] as SpanData).startTimeUnixNano;
  for (let i = 1; i < spans.length; i++) {
    const s = (spans[i] as SpanData).startTimeUnixNano;
    if (s < traceStart) traceStart = s;
  }
  return traceStart;
}

/** Pass 1 over the input: span IDs (first occurrence wins), trace start, roots, trace IDs. */
export function indexIds(spans: readonly SpanData[], traceId: string, prepared: PreparedInput): IdIndex {
  const n = spans.length;
  const { words, times } = prepared;
  const firstOf = new Int32Array(n);
  const byId = (words && indexSpanIdWords(words, n, firstOf)) ?? indexSpanIds(spans, firstOf);
  const traceStart = times ? times.traceStart : earliestStart(spans);
  const isDuplicate = new Uint8Array(n);
  const duplicateIds: string[] = [];
  let duplicateSpanCount = 0;
  const foreign: string[] = [];
  const foreignTraceIds = new Set<string>();
  let rootCount = 0;
  for (let i = 0; i < n; i++) {
    const sd = spans[i] as SpanData;
    if (words ? words.hasParent[i] === 0 : sd.parentSpanId === '') rootCount++;
    if (sd.traceId !== traceId) {
      foreign.push(sd.spanId);
      foreignTraceIds.add(sd.traceId);
    }
    const first = firstOf[i] as number;
    if (first !== i) {
      if (isDuplicate[first] === 0) {
        isDuplicate[first] = 1;
        duplicateIds.push(sd.spanId);
        duplicateSpanCount++;
      }
      isDuplicate[i] = 1;
      duplicateSpanCount++;
    }
  }
  return { traceStart, byId, isDuplicate, duplicateIds, duplicateSpanCount, rootCount, foreign, foreignTraceIds };
}

export interface Times {
  /** End of the last span (a span ending before its start counts as ending at its start). */
  readonly traceEnd: bigint;
  /** ns from the trace start, per input index. */
  readonly start: Float64Array;
  /** ns, clamped at 0, per input index. */
  readonly duration: Float64Array;
  readonly negativeDuration: string[];
}

/**
 * Pass 2 over the input: times relative to the trace start (exact: bigint arithmetic, then
 * a number). Kept apart from the Map lookups of `linkParents`: in one loop, the BigInt
 * allocations and the lookups slow each other down about twofold at 1M spans (measured).
 */
export function relativeTimes(spans: readonly SpanData[], traceStart: bigint, prepared?: PreparedTimes): Times {
  if (prepared) return preparedTimes(spans, prepared);
  const n = spans.length;
  let traceEnd = traceStart;
  const start = new Float64Array(n);
  const duration = new Float64Array(n);
  const negativeDuration: string[] = [];
  for (let i = 0; i < n; i++) {
    const sd = spans[i] as SpanData;
    const s = sd.startTimeUnixNano;
    const e = sd.endTimeUnixNano;
    start[i] = Number(s - traceStart);
    if (e < s) {
      negativeDuration.push(sd.spanId);
      if (s > traceEnd) traceEnd = s;
    } else {
      duration[i] = Number(e - s);
      if (e > traceEnd) traceEnd = e;
    }
  }
  return { traceEnd, start, duration, negativeDuration };
}

/** `relativeTimes` from times already relative: plain number arithmetic, exact below 2^53. */
function preparedTimes(spans: readonly SpanData[], { traceStart, start, end }: PreparedTimes): Times {
  const n = spans.length;
  const duration = new Float64Array(n);
  const negativeDuration: string[] = [];
  let last = 0;
  for (let i = 0; i < n; i++) {
    const s = start[i] as number;
    const e = end[i] as number;
    if (e < s) {
      negativeDuration.push((spans[i] as SpanData).spanId);
      if (s > last) last = s;
    } else {
      duration[i] = e - s;
      if (e > last) last = e;
    }
  }
  return { traceEnd: traceStart + BigInt(last), start, duration, negativeDuration };
}

export interface ParentLinks {
  /** Input index of the parent; -1 for roots and orphans; the span itself when self-parented. */
  readonly parentOf: Int32Array;
  readonly isOrphan: Uint8Array;
  /** Missing parent ID → orphan input indices, in input order. */
  readonly orphanGroups: Map<string, number[]>;
  readonly orphanCount: number;
}

const isWordIndex = (index: SpanIdIndex): index is WordIdIndex => 'parentOf' in index;

/** Orphans by the parent ID they name, as linkParents finds them. */
class OrphanGroups {
  readonly groups = new Map<string, number[]>();
  count = 0;

  add(i: number, parentSpanId: string): void {
    this.count++;
    const group = this.groups.get(parentSpanId);
    if (group === undefined) this.groups.set(parentSpanId, [i]);
    else group.push(i);
  }
}

/** Pass 3 over the input: parent links. */
export function linkParents(spans: readonly SpanData[], byId: SpanIdIndex, prepared: PreparedInput): ParentLinks {
  const words = prepared.words;
  // The word index exists only when `words` were given and usable; else the strings are read.
  if (words && isWordIndex(byId)) return linkParentWords(spans, byId, words, words.hasParent);
  const n = spans.length;
  const parentOf = new Int32Array(n);
  const isOrphan = new Uint8Array(n);
  const orphans = new OrphanGroups();
  // Siblings usually follow each other and name the same parent (importers often share the
  // very string): one lookup serves the run.
  let lastPid = '';
  let lastP = -1;
  for (let i = 0; i < n; i++) {
    const sd = spans[i] as SpanData;
    const pid = sd.parentSpanId;
    if (pid === '') {
      parentOf[i] = -1;
    } else if (pid === sd.spanId) {
      parentOf[i] = i; // names itself: a cycle of one, even for a duplicate
    } else {
      const p = pid === lastPid ? lastP : byId.indexOf(pid);
      lastPid = pid;
      lastP = p;
      parentOf[i] = p;
      if (p === -1) {
        isOrphan[i] = 1;
        orphans.add(i, pid);
      }
    }
  }
  return { parentOf, isOrphan, orphanGroups: orphans.groups, orphanCount: orphans.count };
}

/** `linkParents` from ID words: strings only for orphans (their missing parent's ID). */
function linkParentWords(spans: readonly SpanData[], byId: WordIdIndex, words: SpanIdWords, hasParent: Uint8Array): ParentLinks {
  const n = spans.length;
  const { idHi, idLo, parentHi, parentLo } = words;
  const parentOf = new Int32Array(n);
  const isOrphan = new Uint8Array(n);
  const orphans = new OrphanGroups();
  for (let i = 0; i < n; i++) {
    if (hasParent[i] === 0) {
      parentOf[i] = -1;
    } else if (parentHi[i] === idHi[i] && parentLo[i] === idLo[i]) {
      parentOf[i] = i; // names itself: a cycle of one, even for a duplicate
    } else {
      const p = byId.parentOf(i);
      parentOf[i] = p;
      if (p === -1) {
        isOrphan[i] = 1;
        orphans.add(i, (spans[i] as SpanData).parentSpanId);
      }
    }
  }
  return { parentOf, isOrphan, orphanGroups: orphans.groups, orphanCount: orphans.count };
}
