/**
 * Model spans → protobuf `TracesData` bytes. Field 1 is `repeated ResourceSpans`, so the bytes
 * are at once a `tempopb.Trace` (what Tempo's API answers `Accept: application/protobuf` with)
 * and an `ExportTraceServiceRequest` (what an OTLP exporter sends), and `decodeProtobuf` reads
 * them back.
 *
 * Written with WireWriter and the tags of wireTags.ts rather than protobufjs's `Type.encode` of
 * plain objects: a trace can have 100k spans, and the reflective path (an object per field,
 * then protobufjs's queued writer) spent most of its time in GC. encodeTraces.test.ts checks
 * the bytes with protobufjs's reflective decoder. Default values (0, '', empty lists) are left
 * out as a proto3 encoder does.
 */
import type { Attribute, AttributeValue, Resource, Scope, SpanData, SpanKind, StatusCode } from '../../src/model/types';
import { SPAN_KINDS, STATUS_CODES } from '../../src/model/types';
import { groupSpans } from '../../src/sources/otlp/encodeOtlpJson';
import { WireWriter } from './wireWriter';
import { Tag } from './wireTags';

type Writer = WireWriter;

const KIND_NUMBER = new Map<SpanKind, number>(SPAN_KINDS.map((kind, i) => [kind, i]));
const STATUS_NUMBER = new Map<StatusCode, number>(STATUS_CODES.map((code, i) => [code, i]));
/** TracesData.resource_spans has the same tag as ExportTraceServiceRequest.resource_spans. */
const RESOURCE_SPANS = Tag.Request.resourceSpans;

export function encodeTracesProtobuf(spans: readonly SpanData[]): Uint8Array {
  const w = new WireWriter();
  for (const [resource, scopes] of groupSpans(spans)) {
    w.uint32(RESOURCE_SPANS).fork();
    writeResource(w, resource);
    for (const [scope, list] of scopes) {
      w.uint32(Tag.ResourceSpans.scopeSpans).fork();
      writeScope(w, scope);
      for (const span of list) {
        w.uint32(Tag.ScopeSpans.spans).fork();
        writeSpan(w, span);
        w.ldelim();
      }
      if (scope.schemaUrl !== '') w.uint32(Tag.ScopeSpans.schemaUrl).string(scope.schemaUrl);
      w.ldelim();
    }
    if (resource.schemaUrl !== '') w.uint32(Tag.ResourceSpans.schemaUrl).string(resource.schemaUrl);
    w.ldelim();
  }
  return w.finish();
}

function writeResource(w: Writer, resource: Resource): void {
  if (resource.attributes.length === 0 && resource.droppedAttributesCount === 0) return;
  w.uint32(Tag.ResourceSpans.resource).fork();
  writeAttributes(w, Tag.Resource.attributes, resource.attributes);
  writeUint32(w, Tag.Resource.droppedAttributesCount, resource.droppedAttributesCount);
  w.ldelim();
}

function writeScope(w: Writer, scope: Scope): void {
  if (scope.name === '' && scope.version === '' && scope.attributes.length === 0 && scope.droppedAttributesCount === 0) return;
  w.uint32(Tag.ScopeSpans.scope).fork();
  writeString(w, Tag.Scope.name, scope.name);
  writeString(w, Tag.Scope.version, scope.version);
  writeAttributes(w, Tag.Scope.attributes, scope.attributes);
  writeUint32(w, Tag.Scope.droppedAttributesCount, scope.droppedAttributesCount);
  w.ldelim();
}

function writeSpan(w: Writer, span: SpanData): void {
  w.uint32(Tag.Span.traceId).hexBytes(span.traceId);
  w.uint32(Tag.Span.spanId).hexBytes(span.spanId);
  writeString(w, Tag.Span.traceState, span.traceState);
  if (span.parentSpanId !== '') w.uint32(Tag.Span.parentSpanId).hexBytes(span.parentSpanId);
  writeString(w, Tag.Span.name, span.name);
  const kind = KIND_NUMBER.get(span.kind) ?? 0;
  if (kind !== 0) w.uint32(Tag.Span.kind).uint32(kind);
  writeFixed64(w, Tag.Span.startTimeUnixNano, span.startTimeUnixNano);
  writeFixed64(w, Tag.Span.endTimeUnixNano, span.endTimeUnixNano);
  writeAttributes(w, Tag.Span.attributes, span.attributes);
  writeUint32(w, Tag.Span.droppedAttributesCount, span.droppedAttributesCount);
  for (const event of span.events) {
    w.uint32(Tag.Span.events).fork();
    writeFixed64(w, Tag.Event.timeUnixNano, event.timeUnixNano);
    writeString(w, Tag.Event.name, event.name);
    writeAttributes(w, Tag.Event.attributes, event.attributes);
    writeUint32(w, Tag.Event.droppedAttributesCount, event.droppedAttributesCount);
    w.ldelim();
  }
  writeUint32(w, Tag.Span.droppedEventsCount, span.droppedEventsCount);
  for (const link of span.links) {
    w.uint32(Tag.Span.links).fork();
    w.uint32(Tag.Link.traceId).hexBytes(link.traceId);
    w.uint32(Tag.Link.spanId).hexBytes(link.spanId);
    writeString(w, Tag.Link.traceState, link.traceState);
    writeAttributes(w, Tag.Link.attributes, link.attributes);
    writeUint32(w, Tag.Link.droppedAttributesCount, link.droppedAttributesCount);
    if (link.flags !== 0) w.uint32(Tag.Link.flags).fixed32(link.flags);
    w.ldelim();
  }
  writeUint32(w, Tag.Span.droppedLinksCount, span.droppedLinksCount);
  const code = STATUS_NUMBER.get(span.status.code) ?? 0;
  if (code !== 0 || span.status.message !== '') {
    w.uint32(Tag.Span.status).fork();
    writeString(w, Tag.Status.message, span.status.message);
    if (code !== 0) w.uint32(Tag.Status.code).uint32(code);
    w.ldelim();
  }
  if (span.flags !== 0) w.uint32(Tag.Span.flags).fixed32(span.flags);
}

function writeAttributes(w: Writer, tag: number, attributes: readonly Attribute[]): void {
  for (const { key, value } of attributes) {
    w.uint32(tag).fork();
    writeString(w, Tag.KeyValue.key, key);
    w.uint32(Tag.KeyValue.value).fork();
    writeAnyValue(w, value);
    w.ldelim();
    w.ldelim();
  }
}

/** Oneof members are always written, even when 0 / '' / false: their presence is the type. */
function writeAnyValue(w: Writer, value: AttributeValue): void {
  switch (value.type) {
    case 'string':
      w.uint32(Tag.AnyValue.stringValue).string(value.value);
      return;
    case 'bool':
      w.uint32(Tag.AnyValue.boolValue).bool(value.value);
      return;
    case 'int':
      w.uint32(Tag.AnyValue.intValue).int64(value.value);
      return;
    case 'double':
      w.uint32(Tag.AnyValue.doubleValue).double(value.value);
      return;
    case 'bytes':
      w.uint32(Tag.AnyValue.bytesValue).bytes(value.value);
      return;
    case 'array':
      w.uint32(Tag.AnyValue.arrayValue).fork();
      for (const item of value.value) {
        w.uint32(Tag.ArrayValue.values).fork();
        writeAnyValue(w, item);
        w.ldelim();
      }
      w.ldelim();
      return;
    case 'kvlist':
      w.uint32(Tag.AnyValue.kvlistValue).fork();
      writeAttributes(w, Tag.KeyValueList.values, value.value);
      w.ldelim();
      return;
    case 'empty':
      return;
  }
}

function writeString(w: Writer, tag: number, value: string): void {
  if (value !== '') w.uint32(tag).string(value);
}

function writeUint32(w: Writer, tag: number, value: number): void {
  if (value !== 0) w.uint32(tag).uint32(value);
}

function writeFixed64(w: Writer, tag: number, value: bigint): void {
  if (value !== 0n) w.uint32(tag).fixed64(value);
}
