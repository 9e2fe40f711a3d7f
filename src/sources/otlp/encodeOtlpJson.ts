/**
 * Spans as OTLP-shaped JSON (`ResourceSpans[]`), the inverse of the importers, in one of the
 * two dialects the project reads and writes:
 * - `otlp`: the OTLP/JSON rules (OTLP files, Jaeger v3, the trace view's JSON and downloads):
 *   lowercase hex IDs, enums as numbers;
 * - `tempo`: gogo jsonpb as Tempo writes it: IDs in base64, enums as names
 *   (`SPAN_KIND_SERVER`).
 * Both write int64 nanoseconds and `intValue` as decimal strings, bytes as base64, non-finite
 * doubles as "NaN"/"Infinity", and leave out fields at their default value (proto3 JSON), which
 * the importers read back as the same default.
 *
 * Spans are grouped under their Resource and Scope by object identity: importers share one
 * Resource per ResourceSpans and one Scope per ScopeSpans, so the batches come back as sent.
 * The received timestamps are written, never clock-skew-adjusted display times.
 */
import type { Attribute, AttributeValue, Resource, Scope, SpanData, SpanEvent, SpanLink } from '../../model/types';
import { SPAN_KINDS, STATUS_CODES } from '../../model/types';
import { bytesToBase64, hexToBytes } from '../ids';

export type JsonDialect = 'tempo' | 'otlp';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** An OTLP/JSON `ExportTraceServiceRequest` (what a file holds). */
export function encodeOtlpJson(spans: readonly SpanData[]): JsonObject {
  return { resourceSpans: encodeResourceSpans(spans, 'otlp') };
}

/** Spans grouped by Resource, then Scope (object identity), in first-seen order. */
export function groupSpans(spans: readonly SpanData[]): Map<Resource, Map<Scope, SpanData[]>> {
  const byResource = new Map<Resource, Map<Scope, SpanData[]>>();
  for (const span of spans) {
    let scopes = byResource.get(span.resource);
    if (!scopes) byResource.set(span.resource, (scopes = new Map()));
    let list = scopes.get(span.scope);
    if (!list) scopes.set(span.scope, (list = []));
    list.push(span);
  }
  return byResource;
}

/** The spans (in the given order within each resource/scope group) as `ResourceSpans[]`. */
export function encodeResourceSpans(spans: readonly SpanData[], dialect: JsonDialect): JsonObject[] {
  const enc = CODECS[dialect];
  const out: JsonObject[] = [];
  for (const [resource, scopes] of groupSpans(spans)) {
    const scopeSpans: JsonObject[] = [];
    for (const [scope, list] of scopes) {
      scopeSpans.push(
        compact({
          scope: encodeScope(scope),
          spans: list.map((span) => encodeSpan(span, enc)),
          schemaUrl: scope.schemaUrl,
        }),
      );
    }
    out.push(
      compact({
        resource: encodeResource(resource),
        scopeSpans,
        schemaUrl: resource.schemaUrl,
      }),
    );
  }
  return out;
}

/** `,"events":[…]` as encodeSpan writes the member ('' for none: compact drops it). */
export function encodeEventsMember(events: readonly SpanEvent[]): string {
  return events.length === 0 ? '' : `,"events":${JSON.stringify(events.map(encodeEvent))}`;
}

/** `,"links":[…]` as encodeSpan writes the member ('' for none). */
export function encodeLinksMember(links: readonly SpanLink[], dialect: JsonDialect): string {
  const enc = CODECS[dialect];
  return links.length === 0 ? '' : `,"links":${JSON.stringify(links.map((link) => encodeLink(link, enc)))}`;
}

/** The `resource` member of a ResourceSpans (kept even when empty, as encodeResourceSpans does). */
export function encodeResource(resource: Resource): JsonObject {
  return compact({ attributes: encodeAttributes(resource.attributes), droppedAttributesCount: resource.droppedAttributesCount });
}

/** The `scope` member of a ScopeSpans. */
export function encodeScope(scope: Scope): JsonObject {
  return compact({
    name: scope.name,
    version: scope.version,
    attributes: encodeAttributes(scope.attributes),
    droppedAttributesCount: scope.droppedAttributesCount,
  });
}

interface Codec {
  id: (hex: string) => string;
  kind: (index: number) => Json;
  status: (index: number) => Json;
}

const CODECS: Readonly<Record<JsonDialect, Codec>> = {
  tempo: {
    id: hexToBase64,
    kind: (i) => (i === 0 ? 0 : `SPAN_KIND_${(SPAN_KINDS[i] ?? 'unspecified').toUpperCase()}`),
    status: (i) => (i === 0 ? 0 : `STATUS_CODE_${(STATUS_CODES[i] ?? 'unset').toUpperCase()}`),
  },
  otlp: { id: (hex) => hex, kind: (i) => i, status: (i) => i },
};

function encodeSpan(span: SpanData, enc: Codec): JsonObject {
  return compact({
    traceId: enc.id(span.traceId),
    spanId: enc.id(span.spanId),
    traceState: span.traceState,
    parentSpanId: span.parentSpanId === '' ? '' : enc.id(span.parentSpanId),
    flags: span.flags,
    name: span.name,
    kind: enc.kind(SPAN_KINDS.indexOf(span.kind)),
    startTimeUnixNano: span.startTimeUnixNano.toString(),
    endTimeUnixNano: span.endTimeUnixNano.toString(),
    attributes: encodeAttributes(span.attributes),
    droppedAttributesCount: span.droppedAttributesCount,
    events: span.events.map(encodeEvent),
    droppedEventsCount: span.droppedEventsCount,
    links: span.links.map((link) => encodeLink(link, enc)),
    droppedLinksCount: span.droppedLinksCount,
    // jsonpb writes a message field even when all its fields are zero: `"status":{}`.
    status: compact({ message: span.status.message, code: enc.status(STATUS_CODES.indexOf(span.status.code)) }, true),
  });
}

function encodeEvent(event: SpanEvent): JsonObject {
  return compact({
    timeUnixNano: event.timeUnixNano.toString(),
    name: event.name,
    attributes: encodeAttributes(event.attributes),
    droppedAttributesCount: event.droppedAttributesCount,
  });
}

function encodeLink(link: SpanLink, enc: Codec): JsonObject {
  return compact({
    traceId: enc.id(link.traceId),
    spanId: enc.id(link.spanId),
    traceState: link.traceState,
    attributes: encodeAttributes(link.attributes),
    droppedAttributesCount: link.droppedAttributesCount,
    flags: link.flags,
  });
}

export function encodeAttributes(attributes: readonly Attribute[]): Json[] {
  return attributes.map((a) => ({ key: a.key, value: encodeAnyValue(a.value) }));
}

/** One `AnyValue`. It is a oneof: its member is written even when zero (`{"stringValue":""}`). */
export function encodeAnyValue(value: AttributeValue): JsonObject {
  switch (value.type) {
    case 'string':
      return { stringValue: value.value };
    case 'bool':
      return { boolValue: value.value };
    case 'int':
      return { intValue: value.value.toString() };
    case 'double':
      // JSON has no NaN or Infinity: protobuf's JSON mapping writes them as strings.
      return { doubleValue: Number.isFinite(value.value) ? value.value : String(value.value) };
    case 'bytes':
      return { bytesValue: bytesToBase64(value.value) };
    case 'array':
      return { arrayValue: compact({ values: value.value.map(encodeAnyValue) }, true) };
    case 'kvlist':
      return { kvlistValue: compact({ values: encodeAttributes(value.value) }, true) };
    case 'empty':
      return {};
  }
}

/** Drops zero values the way jsonpb does: 0, '', false, null, empty arrays and empty objects. */
function compact(object: JsonObject, keepEmptyObject = false): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(object)) {
    if (value === 0 || value === '' || value === false || value === null) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    if (!Array.isArray(value) && typeof value === 'object' && Object.keys(value).length === 0 && key !== 'status' && key !== 'resource' && key !== 'scope') continue;
    out[key] = value;
  }
  return keepEmptyObject || Object.keys(out).length > 0 ? out : {};
}

function hexToBase64(hex: string): string {
  return hex === '' ? '' : bytesToBase64(hexToBytes(hex));
}
