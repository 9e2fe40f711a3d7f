/**
 * The span fast path of `streamingDecoder`: a span of the common, well-formed shape, with its
 * events and status, straight from bytes; BAIL on anything else.
 */
import type { Attribute, Resource, Scope, SpanEvent, SpanStatus } from '../../model/types';
import { ColumnSpan, PACKED_ATTRIBUTES, type SpanContext } from '../../model/columnSpan';
import { SpanColumns } from '../../model/spanColumns';
import type { Mutable } from './decodedMember';
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
import { NO_ATTRIBUTES, NO_EVENTS, NO_LINKS, STATUS_BY_CODE } from './sharedValues';

/**
 * A Resource to fill in place once the batch's members are all read (the resource, and its
 * `schemaUrl`, may come after the spans in the JSON): spans point at it from the start, so no
 * pass over a million spans sets it afterwards.
 */
export function pendingResource(): Mutable<Resource> {
  return { serviceName: 'unknown_service', attributes: NO_ATTRIBUTES, droppedAttributesCount: 0, schemaUrl: '' };
}

/** The Scope counterpart of `pendingResource`, for one ScopeSpans. */
export function pendingScope(): Mutable<Scope> {
  return { name: '', version: '', attributes: NO_ATTRIBUTES, droppedAttributesCount: 0, schemaUrl: '' };
}

/** Span contexts remembered (see `context`). */
const CONTEXT_SLOTS = 4;

/** Returned by the fast paths when the input is not the common shape: re-read it generically. */
export const BAIL = null;

export class FastSpanReader extends FastAttributeReader {
  /** The Resource and Scope of the spans being read (see `pendingResource`). */
  protected resource: Resource = pendingResource();
  protected scope: Scope = pendingScope();
  /** IDs and times of the spans the fast path read, one row each (see SpanColumns). */
  protected columns = new SpanColumns();
  /**
   * Spans' attributes are packed into `columns` (see packedAttributes.ts) rather than made into
   * objects: for span records, which keep their row.
   */
  protected packing = false;
  private readonly contexts: SpanContext[] = [];
  private nextContext = 0;

  // -------------------------------------------------------------------------------------------
  // Fast paths. Each returns BAIL (or -1) on anything outside the common shape, never an issue.

  /**
   * The span at `p` (its `{`), whole in the window; BAIL for anything but the common shape.
   * Its IDs and times go to the next row of `columns`, the rest to the span.
   */
  protected fastSpan(): ColumnSpan | null {
    const c = this.columns;
    const row = c.next();
    let traceId = '';
    let hasSpanId = false;
    let hasParent = false;
    let hasStart = false;
    let hasEnd = false;
    let traceState = '';
    let name = '';
    let kind = 0;
    let attributes = NO_ATTRIBUTES;
    let events = NO_EVENTS;
    let status = STATUS_BY_CODE.unset;
    let droppedAttributes = 0;
    let droppedEvents = 0;
    let droppedLinks = 0;
    let flags = 0;
    let more = this.openObject();
    for (; more === 1; more = this.nextMember()) {
      switch (this.key()) {
        case K_TRACE_ID:
          traceId = this.fastTraceId();
          if (traceId === '') return BAIL;
          break;
        case K_SPAN_ID:
          if (this.fastIdWords(c.idHi, c.idLo, row) !== 1) return BAIL;
          hasSpanId = true;
          break;
        case K_PARENT: {
          const got = this.fastIdWords(c.parentHi, c.parentLo, row);
          if (got < 0) return BAIL;
          // An all-zero parent ID means none, as in decodeSpan.
          hasParent = got === 1 && (c.parentHi[row]! | c.parentLo[row]!) !== 0;
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
          kind = this.fastDigit();
          if (kind < 0 || kind >= SPAN_KINDS.length) return BAIL;
          break;
        }
        case K_START:
          if (!this.fastTimeInto(c.startSec, c.startNs, row)) return BAIL;
          hasStart = true;
          break;
        case K_END:
          if (!this.fastTimeInto(c.endSec, c.endNs, row)) return BAIL;
          hasEnd = true;
          break;
        case K_ATTRIBUTES: {
          if (this.packing) {
            const at = this.p;
            const packed = c.packedAttributes();
            if (this.packAttributes(packed)) {
              attributes = packed.count === 0 ? NO_ATTRIBUTES : PACKED_ATTRIBUTES;
              break;
            }
            this.p = at; // a list packing cannot take: read it as objects
          }
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
    // Missing IDs or times are issues (or fatal), and a malformed object is an error: the
    // generic path reports them.
    if (more !== 0 || traceId === '' || !hasSpanId || !hasStart || !hasEnd) return BAIL;
    c.hasParent[row] = hasParent ? 1 : 0;
    c.kind[row] = kind;
    c.flags[row] = flags;
    c.droppedAttributes[row] = droppedAttributes;
    c.droppedEvents[row] = droppedEvents;
    c.droppedLinks[row] = droppedLinks;
    if (attributes === PACKED_ATTRIBUTES && !c.packAttributes(row)) return BAIL;
    return new ColumnSpan(c, c.commit(), name, attributes, events, this.context(traceId, traceState, status));
  }

  /**
   * The context shared with recent spans of the batch that have the same trace, trace state
   * and status (a few slots, as spans of a batch mostly alternate between a few statuses).
   */
  private context(traceId: string, traceState: string, status: SpanStatus): SpanContext {
    const contexts = this.contexts;
    for (let k = 0; k < contexts.length; k++) {
      const x = contexts[k]!;
      if (x.status === status && x.traceId === traceId && x.traceState === traceState && x.resource === this.resource && x.scope === this.scope) return x;
    }
    const made: SpanContext = { traceId, traceState, status, links: NO_LINKS, resource: this.resource, scope: this.scope };
    if (contexts.length < CONTEXT_SLOTS) contexts.push(made);
    else contexts[this.nextContext++ % CONTEXT_SLOTS] = made;
    return made;
  }

  private fastEvents(): readonly SpanEvent[] | null {
    const b = this.b;
    if (b[this.p] !== 91) return null;
    let p = this.ws(this.p + 1);
    if (b[p] === 93) {
      this.p = p + 1;
      return NO_EVENTS;
    }
    const list: SpanEvent[] = [];
    for (;;) {
      this.p = p;
      const event = this.fastEvent();
      if (event === null) return null;
      list.push(event);
      p = this.ws(this.p);
      if (b[p] === 93) {
        this.p = p + 1;
        return list;
      }
      if (b[p] !== 44) return null;
      p = this.ws(p + 1);
    }
  }

  private fastEvent(): SpanEvent | null {
    let time: bigint | null = 0n;
    let name: string | null = '';
    let attributes: readonly Attribute[] | null = NO_ATTRIBUTES;
    let dropped = 0;
    let more = this.openObject();
    for (; more === 1; more = this.nextMember()) {
      const member = this.key();
      if (member === K_TIME) time = this.fastTime();
      else if (member === K_NAME) name = this.fastString();
      else if (member === K_ATTRIBUTES) attributes = this.fastAttributes();
      else if (member === K_DROPPED_ATTRIBUTES) dropped = this.fastUint32();
      else return null;
      if (time === null || name === null || attributes === null || dropped < 0) return null;
    }
    if (more !== 0) return null;
    return { timeUnixNano: time, name, attributes, droppedAttributesCount: dropped };
  }

  private fastStatus(): SpanStatus | null {
    let code = 0;
    let message: string | null = '';
    let more = this.openObject();
    for (; more === 1; more = this.nextMember()) {
      const member = this.key();
      if (member === K_CODE) code = this.fastDigit();
      else if (member === K_MESSAGE) message = this.fastString();
      else return null;
      if (code < 0 || code >= STATUS_CODES.length || message === null) return null;
    }
    if (more !== 0) return null;
    const statusCode = STATUS_CODES[code] as SpanStatus['code'];
    return message === '' ? STATUS_BY_CODE[statusCode] : { code: statusCode, message };
  }
}
