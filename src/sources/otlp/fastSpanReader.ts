/**
 * The span fast path of `streamingDecoder`: a span of the common, well-formed shape, with its
 * events and status, straight from bytes; BAIL on anything else.
 */
import type { Attribute, Resource, SpanData, SpanEvent, SpanKind, SpanStatus } from '../../model/types';
import { SPAN_KINDS, STATUS_CODES } from '../../model/types';
import { FastAttributeReader } from './fastAttributeReader';
import {
  K_ATTRIBUTES,
  K_CODE,
  K_DROPPED_ATTRIBUTES,
  K_DROPPED_EVENTS,
  K_DROPPED_LINKS,
  K_END,
  K_EVENTS,
  K_FLAGS,
  K_KIND,
  K_LINKS,
  K_MESSAGE,
  K_NAME,
  K_PARENT,
  K_SPAN_ID,
  K_START,
  K_STATUS,
  K_TIME,
  K_TRACE_ID,
  K_TRACE_STATE,
} from './fastMemberKeys';
import { EMPTY_SCOPE, NO_ATTRIBUTES, NO_EVENTS, NO_LINKS, STATUS_BY_CODE, ZERO_SPAN_ID } from './sharedValues';

/** Stands in until the batch's resource is known (it may come after its spans in the JSON). */
export const PENDING_RESOURCE: Resource = Object.freeze({
  serviceName: 'unknown_service',
  attributes: NO_ATTRIBUTES,
  droppedAttributesCount: 0,
  schemaUrl: '',
});

/** Returned by the fast paths when the input is not the common shape: re-read it generically. */
export const BAIL = null;

export class FastSpanReader extends FastAttributeReader {
  // -------------------------------------------------------------------------------------------
  // Fast paths. Each returns BAIL (or -1) on anything outside the common shape, never an issue.

  protected fastSpan(): SpanData | null {
    const r = this.r;
    r.pos++;
    let traceId = '';
    let spanId = '';
    let parentSpanId = '';
    let traceState = '';
    let name = '';
    let kind: SpanKind = 'unspecified';
    let start: bigint | null = null;
    let end: bigint | null = null;
    let attributes = NO_ATTRIBUTES;
    let events = NO_EVENTS;
    let status = STATUS_BY_CODE.unset;
    let droppedAttributes = 0;
    let droppedEvents = 0;
    let droppedLinks = 0;
    let flags = 0;
    for (let first = true; r.nextMember(first); first = false) {
      switch (this.key()) {
        case K_TRACE_ID:
          traceId = this.fastTraceId();
          if (traceId === '') return BAIL;
          break;
        case K_SPAN_ID: {
          const id = this.fastSpanId();
          if (id === null || id === '') return BAIL;
          spanId = id;
          break;
        }
        case K_PARENT: {
          const id = this.fastSpanId();
          if (id === null) return BAIL;
          parentSpanId = id === ZERO_SPAN_ID ? '' : id;
          break;
        }
        case K_TRACE_STATE: {
          const text = this.fastString();
          if (text === null) return BAIL;
          traceState = text;
          break;
        }
        case K_NAME: {
          const text = this.fastString();
          if (text === null) return BAIL;
          name = text;
          break;
        }
        case K_KIND: {
          const k = this.fastDigit();
          if (k < 0 || k >= SPAN_KINDS.length) return BAIL;
          kind = SPAN_KINDS[k] as SpanKind;
          break;
        }
        case K_START:
          start = this.fastTime();
          if (start === null) return BAIL;
          break;
        case K_END:
          end = this.fastTime();
          if (end === null) return BAIL;
          break;
        case K_ATTRIBUTES: {
          const list = this.fastAttributes();
          if (list === null) return BAIL;
          attributes = list;
          break;
        }
        case K_EVENTS: {
          const list = this.fastEvents();
          if (list === null) return BAIL;
          events = list;
          break;
        }
        case K_STATUS: {
          const s = this.fastStatus();
          if (s === null) return BAIL;
          status = s;
          break;
        }
        case K_LINKS:
          if (!this.fastEmptyArray()) return BAIL;
          break;
        case K_DROPPED_ATTRIBUTES:
          droppedAttributes = this.fastUint32();
          if (droppedAttributes < 0) return BAIL;
          break;
        case K_DROPPED_EVENTS:
          droppedEvents = this.fastUint32();
          if (droppedEvents < 0) return BAIL;
          break;
        case K_DROPPED_LINKS:
          droppedLinks = this.fastUint32();
          if (droppedLinks < 0) return BAIL;
          break;
        case K_FLAGS:
          flags = this.fastUint32();
          if (flags < 0) return BAIL;
          break;
        default:
          return BAIL;
      }
    }
    // Missing IDs or times are issues (or fatal): the generic path reports them.
    if (traceId === '' || spanId === '' || start === null || end === null) return BAIL;
    // Same literal (same key order, so same hidden class) as `decodeSpan`.
    return {
      traceId,
      spanId,
      parentSpanId,
      traceState,
      name,
      kind,
      startTimeUnixNano: start,
      endTimeUnixNano: end,
      attributes,
      droppedAttributesCount: droppedAttributes,
      events,
      droppedEventsCount: droppedEvents,
      links: NO_LINKS,
      droppedLinksCount: droppedLinks,
      status,
      flags,
      resource: PENDING_RESOURCE,
      scope: EMPTY_SCOPE,
    };
  }


  private fastEvents(): readonly SpanEvent[] | null {
    const r = this.r;
    if (r.peek() !== 91) return null;
    r.pos++;
    let list: SpanEvent[] | null = null;
    for (let first = true; r.nextElement(first); first = false) {
      const event = this.fastEvent();
      if (event === null) return null;
      (list ??= []).push(event);
    }
    return list ?? NO_EVENTS;
  }

  private fastEvent(): SpanEvent | null {
    const r = this.r;
    if (r.peek() !== 123) return null;
    r.pos++;
    let time: bigint | null = 0n;
    let name: string | null = '';
    let attributes: readonly Attribute[] | null = NO_ATTRIBUTES;
    let dropped = 0;
    for (let first = true; r.nextMember(first); first = false) {
      const member = this.key();
      if (member === K_TIME) time = this.fastTime();
      else if (member === K_NAME) name = this.fastString();
      else if (member === K_ATTRIBUTES) attributes = this.fastAttributes();
      else if (member === K_DROPPED_ATTRIBUTES) dropped = this.fastUint32();
      else return null;
      if (time === null || name === null || attributes === null || dropped < 0) return null;
    }
    return { timeUnixNano: time, name, attributes, droppedAttributesCount: dropped };
  }

  private fastStatus(): SpanStatus | null {
    const r = this.r;
    if (r.peek() !== 123) return null;
    r.pos++;
    let code = 0;
    let message: string | null = '';
    for (let first = true; r.nextMember(first); first = false) {
      const member = this.key();
      if (member === K_CODE) code = this.fastDigit();
      else if (member === K_MESSAGE) message = this.fastString();
      else return null;
      if (code < 0 || code >= STATUS_CODES.length || message === null) return null;
    }
    const statusCode = STATUS_CODES[code] as SpanStatus['code'];
    return message === '' ? STATUS_BY_CODE[statusCode] : { code: statusCode, message };
  }
}
