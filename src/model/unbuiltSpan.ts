/**
 * A span record an importer creates with the whole `Span` shape, derived fields unset, so
 * `buildTrace(…, { adopt: true })` can complete it in place rather than copy every field into a
 * new object (one object per span instead of two: at a million spans, ~250 MB less garbage).
 * Create them only through `unbuiltSpan`, so every record has one hidden class (same fields,
 * same order) and the completion writes stay monomorphic.
 */
import type { Span, SpanData } from './types';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A span before tree building: the data, and placeholders where `buildTrace` writes. */
export type SpanRecord = Mutable<Span>;

const NO_CHILDREN: readonly number[] = Object.freeze([]);

/** Marks records as unbuilt: `index` is -1 until `buildTrace` places the span. */
const UNPLACED = -1;

export function unbuiltSpan(data: SpanData): SpanRecord {
  return {
    traceId: data.traceId,
    spanId: data.spanId,
    parentSpanId: data.parentSpanId,
    traceState: data.traceState,
    name: data.name,
    kind: data.kind,
    startTimeUnixNano: data.startTimeUnixNano,
    endTimeUnixNano: data.endTimeUnixNano,
    attributes: data.attributes,
    droppedAttributesCount: data.droppedAttributesCount,
    events: data.events,
    droppedEventsCount: data.droppedEventsCount,
    links: data.links,
    droppedLinksCount: data.droppedLinksCount,
    status: data.status,
    flags: data.flags,
    resource: data.resource,
    scope: data.scope,
    index: UNPLACED,
    serviceName: data.resource.serviceName,
    // NaN, not 0: V8 then stores these fields as doubles from the start. Starting as small
    // integers, the first large ns value would change every record's hidden class.
    start: Number.NaN,
    duration: Number.NaN,
    parent: -1,
    children: NO_CHILDREN,
    depth: 0,
    isOrphan: false,
    isDuplicate: false,
    cycleBroken: false,
    skewShift: 0,
    isError: false,
  };
}

/** Whether buildTrace may complete this object in place: an unplaced, unfrozen record. */
export function isUnbuilt(data: SpanData): data is SpanRecord {
  return (data as Partial<Span>).index === UNPLACED && !Object.isFrozen(data);
}
