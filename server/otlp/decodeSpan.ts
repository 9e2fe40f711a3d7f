/**
 * One Span message of the protobuf decoder, with its status, events and links. Policy (see
 * decodeProtobuf.ts): malformed IDs reject the span, a link without proper IDs is dropped,
 * unknown enums and zero times are repaired; each with an issue naming the path.
 */
import type protobuf from 'protobufjs';
import type { Attribute, Resource, Scope, SpanData, SpanEvent, SpanLink, SpanStatus } from '../../src/model/types';
import { SPAN_KINDS, STATUS_CODES } from '../../src/model/types';
import type { Site } from './decodeSite';
import { spanPath, warn } from './decodeSite';
import { NO_ATTRIBUTES, appendKeyValue } from './decodeValues';
import { hexAt, isZeroAt } from './hex';
import { Tag } from './wireTags';
import { enterMessage, readFixed64, readString, skipField } from './wireReader';

type Reader = protobuf.Reader;

// Shared, frozen: the model never mutates, and most spans have no events or links.
const NO_EVENTS: readonly SpanEvent[] = Object.freeze([]);
const NO_LINKS: readonly SpanLink[] = Object.freeze([]);
const STATUS_BY_CODE: readonly SpanStatus[] = STATUS_CODES.map((code) => Object.freeze({ code, message: '' }));

/** Why an ID of `expected` bytes at `at` is unusable, or undefined when it is fine. */
function idProblem(buf: Uint8Array, at: number, length: number, expected: number): string | undefined {
  if (length !== expected) return `expected ${expected} bytes, got ${length}`;
  if (isZeroAt(buf, at, length)) return `expected a non-zero ID, got ${expected} zero bytes`;
  return undefined;
}

/** The span, or undefined after recording why it was rejected. Always reads the whole message. */
export function readSpan(r: Reader, resource: Resource, scope: Scope, site: Site): SpanData | undefined {
  const outer = enterMessage(r);
  const buf = site.buf;
  const warningCount = site.out.warnings.length;
  // IDs stay in the buffer as (offset, length) until validated: no Buffer views allocated.
  let traceAt = 0;
  let traceLength = 0;
  let spanAt = 0;
  let spanLength = 0;
  let parentAt = 0;
  let parentLength = 0;
  let traceState = '';
  let name = '';
  let kind = 0;
  let start = 0n;
  let end = 0n;
  let attributes: readonly Attribute[] = NO_ATTRIBUTES;
  let droppedAttributes = 0;
  let events: SpanEvent[] | undefined;
  let droppedEvents = 0;
  let links: SpanLink[] | undefined;
  let droppedLinks = 0;
  let status = STATUS_BY_CODE[0]!;
  let flags = 0;
  while (r.pos < r.len) {
    const tag = r.uint32();
    switch (tag) {
      case Tag.Span.traceId:
        traceLength = r.uint32();
        traceAt = r.pos;
        r.skip(traceLength);
        break;
      case Tag.Span.spanId:
        spanLength = r.uint32();
        spanAt = r.pos;
        r.skip(spanLength);
        break;
      case Tag.Span.traceState:
        traceState = readString(r);
        break;
      case Tag.Span.parentSpanId:
        parentLength = r.uint32();
        parentAt = r.pos;
        r.skip(parentLength);
        break;
      case Tag.Span.name:
        name = readString(r);
        break;
      case Tag.Span.kind:
        kind = r.int32();
        break;
      case Tag.Span.startTimeUnixNano:
        start = readFixed64(r);
        break;
      case Tag.Span.endTimeUnixNano:
        end = readFixed64(r);
        break;
      case Tag.Span.attributes:
        attributes = appendKeyValue(r, attributes, 0);
        break;
      case Tag.Span.droppedAttributesCount:
        droppedAttributes = r.uint32();
        break;
      case Tag.Span.events:
        (events ??= []).push(readEvent(r));
        break;
      case Tag.Span.droppedEventsCount:
        droppedEvents = r.uint32();
        break;
      case Tag.Span.links: {
        const link = readLink(r, site, links?.length ?? 0);
        if (link !== undefined) (links ??= []).push(link);
        break;
      }
      case Tag.Span.droppedLinksCount:
        droppedLinks = r.uint32();
        break;
      case Tag.Span.status:
        status = readStatus(r, site);
        break;
      case Tag.Span.flags:
        flags = r.fixed32();
        break;
      default:
        skipField(r, tag);
    }
  }
  r.len = outer;

  const traceProblem = idProblem(buf, traceAt, traceLength, 16);
  if (traceProblem !== undefined) return reject(site, warningCount, 'traceId', traceProblem);
  const spanProblem = idProblem(buf, spanAt, spanLength, 8);
  if (spanProblem !== undefined) return reject(site, warningCount, 'spanId', spanProblem);
  if (parentLength !== 0 && parentLength !== 8) {
    return reject(site, warningCount, 'parentSpanId', `expected 8 bytes or none, got ${parentLength}`);
  }

  if (start === 0n || end === 0n) {
    // proto3 cannot tell an absent time from 0; keep the span visible at zero duration rather
    // than stretch its trace back to 1970 (what the JSON decoder does for a missing time).
    if (start === 0n) warn(site, 'startTimeUnixNano', end === 0n ? 'missing; taken as 0' : 'missing; taken as the end time (zero duration)');
    if (end === 0n) warn(site, 'endTimeUnixNano', start === 0n ? 'missing; taken as 0' : 'missing; taken as the start time (zero duration)');
    if (start === 0n) start = end;
    else end = start;
  }
  let spanKind = SPAN_KINDS[kind];
  if (spanKind === undefined) {
    warn(site, 'kind', `unknown span kind ${kind}; taken as unspecified`);
    spanKind = 'unspecified';
  }

  return {
    traceId: site.traceIds.hex16(traceAt),
    spanId: hexAt(buf, spanAt, 8),
    // An all-zero parent is how some senders write "no parent".
    parentSpanId: parentLength === 0 || isZeroAt(buf, parentAt, 8) ? '' : hexAt(buf, parentAt, 8),
    traceState,
    name,
    kind: spanKind,
    startTimeUnixNano: start,
    endTimeUnixNano: end,
    attributes,
    droppedAttributesCount: droppedAttributes,
    events: events ?? NO_EVENTS,
    droppedEventsCount: droppedEvents,
    links: links ?? NO_LINKS,
    droppedLinksCount: droppedLinks,
    status,
    flags,
    resource,
    scope,
  };
}

function reject(site: Site, warningCount: number, field: string, message: string): undefined {
  // The span is gone: its repairs would only be noise next to the rejection.
  site.out.warnings.length = warningCount;
  site.out.rejected.push({ path: spanPath(site, field), message });
  return undefined;
}

function readStatus(r: Reader, site: Site): SpanStatus {
  const outer = enterMessage(r);
  let message = '';
  let code = 0;
  while (r.pos < r.len) {
    const tag = r.uint32();
    if (tag === Tag.Status.message) message = readString(r);
    else if (tag === Tag.Status.code) code = r.int32();
    else skipField(r, tag);
  }
  r.len = outer;
  let name = STATUS_CODES[code];
  if (name === undefined) {
    warn(site, 'status.code', `unknown status code ${code}; taken as unset`);
    name = 'unset';
    code = 0;
  }
  return message === '' ? STATUS_BY_CODE[code]! : { code: name, message };
}

function readEvent(r: Reader): SpanEvent {
  const outer = enterMessage(r);
  let time = 0n;
  let name = '';
  let attributes: readonly Attribute[] = NO_ATTRIBUTES;
  let dropped = 0;
  while (r.pos < r.len) {
    const tag = r.uint32();
    switch (tag) {
      case Tag.Event.timeUnixNano:
        time = readFixed64(r);
        break;
      case Tag.Event.name:
        name = readString(r);
        break;
      case Tag.Event.attributes:
        attributes = appendKeyValue(r, attributes, 0);
        break;
      case Tag.Event.droppedAttributesCount:
        dropped = r.uint32();
        break;
      default:
        skipField(r, tag);
    }
  }
  r.len = outer;
  return { timeUnixNano: time, name, attributes, droppedAttributesCount: dropped };
}

/**
 * A link whose IDs have the wrong length is dropped with a warning: it names another span and
 * this one is fine. All-zero IDs are kept: the spec allows links with an invalid context when
 * they carry attributes or a trace state.
 */
function readLink(r: Reader, site: Site, index: number): SpanLink | undefined {
  const outer = enterMessage(r);
  const buf = site.buf;
  let traceAt = 0;
  let traceLength = 0;
  let spanAt = 0;
  let spanLength = 0;
  let traceState = '';
  let attributes: readonly Attribute[] = NO_ATTRIBUTES;
  let dropped = 0;
  let flags = 0;
  while (r.pos < r.len) {
    const tag = r.uint32();
    switch (tag) {
      case Tag.Link.traceId:
        traceLength = r.uint32();
        traceAt = r.pos;
        r.skip(traceLength);
        break;
      case Tag.Link.spanId:
        spanLength = r.uint32();
        spanAt = r.pos;
        r.skip(spanLength);
        break;
      case Tag.Link.traceState:
        traceState = readString(r);
        break;
      case Tag.Link.attributes:
        attributes = appendKeyValue(r, attributes, 0);
        break;
      case Tag.Link.droppedAttributesCount:
        dropped = r.uint32();
        break;
      case Tag.Link.flags:
        flags = r.fixed32();
        break;
      default:
        skipField(r, tag);
    }
  }
  r.len = outer;
  if (traceLength !== 16 || spanLength !== 8) {
    const [field, got, want] = traceLength !== 16 ? ['traceId', traceLength, 16] : ['spanId', spanLength, 8];
    warn(site, `links[${index}].${field}`, `expected ${want} bytes, got ${got} (link dropped)`);
    return undefined;
  }
  return {
    traceId: hexAt(buf, traceAt, 16),
    spanId: hexAt(buf, spanAt, 8),
    traceState,
    attributes,
    droppedAttributesCount: dropped,
    flags,
  };
}
