/**
 * Every field of a built span as a plain object, getters included: spans that compute some
 * fields when read (ColumnSpan, SkeletonSpan) then compare equal to plain ones.
 */
import type { Span, Trace } from '../types';

const SPAN_KEYS = [
  'traceId', 'spanId', 'parentSpanId', 'traceState', 'name', 'kind', 'startTimeUnixNano', 'endTimeUnixNano',
  'attributes', 'droppedAttributesCount', 'events', 'droppedEventsCount', 'links', 'droppedLinksCount',
  'status', 'flags', 'resource', 'scope', 'index', 'serviceName', 'start', 'duration', 'parent', 'children',
  'depth', 'isOrphan', 'isDuplicate', 'cycleBroken', 'skewShift', 'isError',
] as const satisfies readonly (keyof Span)[];

// Fails to compile when Span gains a field this list lacks.
type Missing = Exclude<keyof Span, (typeof SPAN_KEYS)[number]>;
const complete: Missing extends never ? true : false = true;
void complete;

export function plainSpan(span: Span): Record<string, unknown> {
  return Object.fromEntries(SPAN_KEYS.map((key) => [key, span[key]]));
}

/** A trace with its spans as `plainSpan`s (the rest as it is). */
export function plainTrace(trace: Trace): Record<string, unknown> {
  return { ...trace, spans: trace.spans.map(plainSpan) };
}
