/**
 * The inverse of the OTLP/JSON importer: a trace (or any spans) as an OTLP/JSON
 * `ExportTraceServiceRequest`, following the proto3 JSON mapping the OTLP spec prescribes —
 * lowercase hex IDs, int64 nanoseconds and `intValue` as decimal strings, enums as integers,
 * bytes as base64, non-finite doubles as "NaN"/"Infinity". Fields at their default value are
 * omitted (proto3 JSON), which the importer reads back as the same default.
 *
 * Spans are grouped under their Resource and Scope by object identity: importers share one
 * Resource per ResourceSpans and one Scope per ScopeSpans, so the batches come back as sent.
 * The received timestamps are written, never clock-skew-adjusted display times.
 */
import type { Attribute, AttributeValue, Resource, Scope, SpanData, SpanEvent, SpanLink } from '../../model/types';
import { SPAN_KINDS, STATUS_CODES } from '../../model/types';

export type OtlpJsonValue = string | number | boolean | null | OtlpJsonValue[] | { [key: string]: OtlpJsonValue };
type JsonObject = { [key: string]: OtlpJsonValue };

/** Encodes spans (in the given order within each resource/scope group) as OTLP/JSON. */
export function encodeOtlpJson(spans: readonly SpanData[]): JsonObject {
  const byResource = new Map<Resource, Map<Scope, SpanData[]>>();
  for (const span of spans) {
    let scopes = byResource.get(span.resource);
    if (scopes === undefined) {
      scopes = new Map();
      byResource.set(span.resource, scopes);
    }
    let list = scopes.get(span.scope);
    if (list === undefined) {
      list = [];
      scopes.set(span.scope, list);
    }
    list.push(span);
  }
  const resourceSpans: JsonObject[] = [];
  for (const [resource, scopes] of byResource) {
    const scopeSpans: JsonObject[] = [];
    for (const [scope, list] of scopes) {
      scopeSpans.push(withOptional({ scope: encodeScope(scope), spans: list.map(encodeSpan) }, { schemaUrl: scope.schemaUrl }));
    }
    resourceSpans.push(withOptional({ resource: encodeResource(resource), scopeSpans }, { schemaUrl: resource.schemaUrl }));
  }
  return { resourceSpans };
}

/** Adds the entries of `optional` that are not at their proto3 default ('' / 0 / []). */
function withOptional(base: JsonObject, optional: JsonObject): JsonObject {
  for (const [key, value] of Object.entries(optional)) {
    if (value === '' || value === 0 || (Array.isArray(value) && value.length === 0)) continue;
    base[key] = value;
  }
  return base;
}

function encodeResource(resource: Resource): JsonObject {
  return withOptional({}, { attributes: encodeAttributes(resource.attributes), droppedAttributesCount: resource.droppedAttributesCount });
}

function encodeScope(scope: Scope): JsonObject {
  return withOptional(
    {},
    {
      name: scope.name,
      version: scope.version,
      attributes: encodeAttributes(scope.attributes),
      droppedAttributesCount: scope.droppedAttributesCount,
    },
  );
}

function encodeSpan(span: SpanData): JsonObject {
  const status = withOptional({}, { code: STATUS_CODES.indexOf(span.status.code), message: span.status.message });
  const out = withOptional(
    {
      traceId: span.traceId,
      spanId: span.spanId,
    },
    {
      parentSpanId: span.parentSpanId,
      traceState: span.traceState,
      flags: span.flags,
      name: span.name,
      kind: SPAN_KINDS.indexOf(span.kind),
      startTimeUnixNano: span.startTimeUnixNano.toString(),
      endTimeUnixNano: span.endTimeUnixNano.toString(),
      attributes: encodeAttributes(span.attributes),
      droppedAttributesCount: span.droppedAttributesCount,
      events: span.events.map(encodeEvent),
      droppedEventsCount: span.droppedEventsCount,
      links: span.links.map(encodeLink),
      droppedLinksCount: span.droppedLinksCount,
    },
  );
  if (Object.keys(status).length > 0) out.status = status;
  return out;
}

function encodeEvent(event: SpanEvent): JsonObject {
  return withOptional(
    { timeUnixNano: event.timeUnixNano.toString() },
    { name: event.name, attributes: encodeAttributes(event.attributes), droppedAttributesCount: event.droppedAttributesCount },
  );
}

function encodeLink(link: SpanLink): JsonObject {
  return withOptional(
    { traceId: link.traceId, spanId: link.spanId },
    {
      traceState: link.traceState,
      attributes: encodeAttributes(link.attributes),
      droppedAttributesCount: link.droppedAttributesCount,
      flags: link.flags,
    },
  );
}

export function encodeAttributes(attributes: readonly Attribute[]): JsonObject[] {
  return attributes.map((a) => ({ key: a.key, value: encodeAnyValue(a.value) }));
}

/** One OTLP `AnyValue`. */
export function encodeAnyValue(value: AttributeValue): JsonObject {
  switch (value.type) {
    case 'string':
      return { stringValue: value.value };
    case 'bool':
      return { boolValue: value.value };
    case 'int':
      return { intValue: value.value.toString() };
    case 'double':
      return { doubleValue: Number.isFinite(value.value) ? value.value : String(value.value) };
    case 'bytes':
      return { bytesValue: bytesToBase64(value.value) };
    case 'array':
      return { arrayValue: { values: value.value.map(encodeAnyValue) } };
    case 'kvlist':
      return { kvlistValue: { values: encodeAttributes(value.value) } };
    case 'empty':
      return {};
  }
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 with padding (what proto3 JSON uses for `bytes`). */
export function bytesToBase64(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += BASE64[n >> 18]! + BASE64[(n >> 12) & 63]! + BASE64[(n >> 6) & 63]! + BASE64[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += BASE64[n >> 18]! + BASE64[(n >> 12) & 63]! + '==';
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += BASE64[n >> 18]! + BASE64[(n >> 12) & 63]! + BASE64[(n >> 6) & 63]! + '=';
  }
  return out;
}
