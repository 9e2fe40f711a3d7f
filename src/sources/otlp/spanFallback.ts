/**
 * One span of `streamingDecoder`: the fast path, or on BAIL the generic one on just that span
 * (`decodeSpanEntry` of its `JSON.parse`d bytes), so odd and bad input behaves as
 * `decodeResourceSpans`.
 */
import type { Decoded } from './decodedMember';
import { decodeSpanEntry } from './decodeResourceSpans';
import { BAIL, FastSpanReader } from './fastSpanReader';

/**
 * Bytes the buffer holds past a span's start before the fast path reads it. A span longer than
 * this (rare: spans are ~0.5 KB) may not be whole, and then takes the generic path.
 */
const LOOKAHEAD = 1 << 16;

export class SpanFallbackReader extends FastSpanReader {
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
      into.spans.push(fast);
    } else {
      const raw = r.captureValue();
      decodeSpanEntry(raw, this.resource, this.scope, spansPath, index, into.spans, into.issues);
    }
    r.mark = saved;
  }
}
