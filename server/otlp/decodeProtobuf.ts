/**
 * OTLP protobuf `ExportTraceServiceRequest` → model spans. One decoder for OTLP/HTTP and gRPC.
 *
 * Error policy (the same as the OTLP/JSON decoder, src/sources/otlp/decodeResourceSpans.ts):
 * - bytes that are not a well-formed message → `OtlpDecodeError` (the whole request is bad:
 *   HTTP 400 / gRPC INVALID_ARGUMENT);
 * - a span whose trace, span or parent ID is malformed → left out, one `rejected` entry with
 *   its path;
 * - a link without proper IDs → dropped from its span, one `warnings` entry; unknown enum
 *   values and zero timestamps are repaired with a warning. The span is kept.
 *
 * Why not `Type.decode` of the loaded schema: protobufjs's reflective decoder builds a message
 * object per KeyValue and AnyValue and a Long per int64, all of which would then be copied
 * into the model. On 10k realistic spans that decode alone cost ~1.4x the CPU of this whole
 * decoder, and half of its time was GC. This reads the wire with protobufjs's `Reader` straight
 * into model objects: IDs turned to hex from the buffer, times to bigint without Longs, short
 * strings interned (wireReader.ts). The tags are the field numbers of proto/*.proto
 * (`schemaTags.test.ts` checks every one against the loaded schema).
 */
import protobuf from 'protobufjs';
import type { Attribute, Resource, Scope } from '../../src/model/types';
import type { ProtobufDecodeResult, Site } from './decodeSite';
import { readSpan } from './decodeSpan';
import { NO_ATTRIBUTES, appendKeyValue } from './decodeValues';
import { TraceIdCache } from './hex';
import { Tag } from './wireTags';
import { enterMessage, readString, skipField } from './wireReader';

export type { OtlpIssue, ProtobufDecodeResult } from './decodeSite';

type Reader = protobuf.Reader;

/** The request body is not a readable `ExportTraceServiceRequest` (HTTP 400, gRPC INVALID_ARGUMENT). */
export class OtlpDecodeError extends Error {
  /** What the reader found, e.g. `index out of range: 3 + 255 > 5` (protobufjs's words). */
  readonly reason: string;
  constructor(reason: string, format: 'protobuf' | 'JSON' = 'protobuf') {
    super(`invalid ${format} ExportTraceServiceRequest: ${reason}`);
    this.name = 'OtlpDecodeError';
    this.reason = reason;
  }
}

export function decodeProtobuf(bytes: Uint8Array): ProtobufDecodeResult {
  // A Buffer view (no copy): strings and IDs are then read with Node's native decoders.
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const r = protobuf.Reader.create(buffer);
  const out: ProtobufDecodeResult = { spans: [], rejected: [], warnings: [] };
  const traceIds = new TraceIdCache(buffer);
  try {
    let index = 0;
    while (r.pos < r.len) {
      const tag = r.uint32();
      if (tag === Tag.Request.resourceSpans) readResourceSpans(r, buffer, traceIds, index++, out);
      else skipField(r, tag);
    }
  } catch (error) {
    // Reader failures (RangeError, protobufjs's "invalid wire type", WireError) mean bad
    // input; a TypeError or ReferenceError would be a bug here and must not become a 400.
    if (error instanceof TypeError || error instanceof ReferenceError || !(error instanceof Error)) throw error;
    throw new OtlpDecodeError(error.message);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Envelope: ResourceSpans → ScopeSpans → spans.

/**
 * Field order on the wire is free, so ScopeSpans are buffered as offsets until the Resource
 * (which their spans point to) has been read; in practice it always comes first.
 */
function readResourceSpans(r: Reader, buf: Buffer, traceIds: TraceIdCache, index: number, out: ProtobufDecodeResult): void {
  const outer = enterMessage(r);
  let attributes: readonly Attribute[] = NO_ATTRIBUTES;
  let dropped = 0;
  let schemaUrl = '';
  const groups: number[] = [];
  while (r.pos < r.len) {
    const tag = r.uint32();
    switch (tag) {
      case Tag.ResourceSpans.resource: {
        const resourceOuter = enterMessage(r);
        while (r.pos < r.len) {
          const t = r.uint32();
          if (t === Tag.Resource.attributes) attributes = appendKeyValue(r, attributes, 0);
          else if (t === Tag.Resource.droppedAttributesCount) dropped = r.uint32();
          else skipField(r, t);
        }
        r.len = resourceOuter;
        break;
      }
      case Tag.ResourceSpans.scopeSpans:
        // Remember where the group starts; skipField checks its length against the buffer.
        groups.push(r.pos);
        skipField(r, tag);
        break;
      case Tag.ResourceSpans.schemaUrl:
        schemaUrl = readString(r);
        break;
      default:
        skipField(r, tag);
    }
  }
  const end = r.pos;
  r.len = outer;
  const resource: Resource = { serviceName: serviceNameOf(attributes), attributes, droppedAttributesCount: dropped, schemaUrl };
  const site: Site = { out, buf, traceIds, r: index, s: 0, i: 0 };
  for (let s = 0; s < groups.length; s++) {
    site.s = s;
    r.pos = groups[s]!;
    readScopeSpans(r, resource, site);
  }
  r.pos = end;
}

/** `service.name`, or `unknown_service` as the OTel SDKs default. */
function serviceNameOf(attributes: readonly Attribute[]): string {
  for (const { key, value } of attributes) {
    if (key === 'service.name' && value.type === 'string' && value.value !== '') return value.value;
  }
  return 'unknown_service';
}

/** Same two-pass reading as ResourceSpans: the Scope object must exist before its spans. */
function readScopeSpans(r: Reader, resource: Resource, site: Site): void {
  const outer = enterMessage(r);
  let name = '';
  let version = '';
  let attributes: readonly Attribute[] = NO_ATTRIBUTES;
  let dropped = 0;
  let schemaUrl = '';
  const spans: number[] = [];
  while (r.pos < r.len) {
    const tag = r.uint32();
    switch (tag) {
      case Tag.ScopeSpans.scope: {
        const scopeOuter = enterMessage(r);
        while (r.pos < r.len) {
          const t = r.uint32();
          if (t === Tag.Scope.name) name = readString(r);
          else if (t === Tag.Scope.version) version = readString(r);
          else if (t === Tag.Scope.attributes) attributes = appendKeyValue(r, attributes, 0);
          else if (t === Tag.Scope.droppedAttributesCount) dropped = r.uint32();
          else skipField(r, t);
        }
        r.len = scopeOuter;
        break;
      }
      case Tag.ScopeSpans.spans:
        spans.push(r.pos);
        skipField(r, tag);
        break;
      case Tag.ScopeSpans.schemaUrl:
        schemaUrl = readString(r);
        break;
      default:
        skipField(r, tag);
    }
  }
  const end = r.pos;
  r.len = outer;
  const scope: Scope = { name, version, attributes, droppedAttributesCount: dropped, schemaUrl };
  const out = site.out.spans;
  for (let i = 0; i < spans.length; i++) {
    site.i = i;
    r.pos = spans[i]!;
    const span = readSpan(r, resource, scope, site);
    if (span !== undefined) out.push(span);
  }
  r.pos = end;
}
