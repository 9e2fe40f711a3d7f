/**
 * One span of `streamingDecoder`: the fast path, or on BAIL the generic one on just that span
 * (`decodeSpanEntry` of its `JSON.parse`d bytes), so odd and bad input behaves as
 * `decodeResourceSpans`.
 */
import type { Decoded } from './decodedMember';
import { decodeSpanEntry } from './decodeResourceSpans';
import { unbuiltSpan } from '../../model/unbuiltSpan';
import type { ColumnSpan } from '../../model/columnSpan';
import type { SpanData } from '../../model/types';
import { BAIL, FastSpanReader } from './fastSpanReader';

/**
 * Bytes the buffer holds past a span's start before the fast path reads it. A span longer than
 * this (rare: spans are ~0.5 KB) may not be whole, and then takes the generic path.
 */
const LOOKAHEAD = 1 << 16;

export class SpanFallbackReader extends FastSpanReader {
  /**
   * Emit span records `buildTrace(…, { adopt: true })` completes in place (see unbuiltSpan.ts)
   * instead of plain SpanData: for callers that build right away and keep nothing else.
   */
  protected records = false;

  /** One span: the fast path, or — from its first byte — the generic one. */
  protected span(spansPath: string, index: number, into: Decoded): void {
    const r = this.r;
    const saved = r.mark;
    r.mark = r.offset();
    r.ensure(LOOKAHEAD);
    this.b = r.buf;
    this.p = r.pos;
    this.e = r.end;
    const fast = r.buf[r.pos] === 123 ? this.fastSpan() : BAIL;
    if (fast !== BAIL) {
      r.pos = this.p;
      // Plain spans need their row only until they are made: it is reused.
      if (this.records) {
        into.spans.push(fast);
      } else {
        into.spans.push(plainSpan(fast));
        this.columns.length--;
      }
    } else {
      const raw = r.captureValue();
      const before = into.spans.length;
      decodeSpanEntry(raw, this.resource, this.scope, spansPath, index, into.spans, into.issues);
      if (this.records && into.spans.length > before) into.spans[before] = unbuiltSpan(into.spans[before]!);
    }
    r.mark = saved;
  }
}

/** A plain `SpanData` of a fast-path span: the same literal (key order, so hidden class) as `decodeSpan`. */
function plainSpan(span: ColumnSpan): SpanData {
  return {
    traceId: span.traceId,
    spanId: span.spanId,
    parentSpanId: span.parentSpanId,
    traceState: span.traceState,
    name: span.name,
    kind: span.kind,
    startTimeUnixNano: span.startTimeUnixNano,
    endTimeUnixNano: span.endTimeUnixNano,
    attributes: span.attributes,
    droppedAttributesCount: span.droppedAttributesCount,
    events: span.events,
    droppedEventsCount: span.droppedEventsCount,
    links: span.links,
    droppedLinksCount: span.droppedLinksCount,
    status: span.status,
    flags: span.flags,
    resource: span.resource,
    scope: span.scope,
  };
}
