/**
 * One span of `streamingDecoder`: the fast path, or on BAIL the generic one on just that span
 * (`decodeSpanEntry` of its `JSON.parse`d bytes), so odd and bad input behaves as
 * `decodeResourceSpans`.
 */
import type { Decoded } from './decodedMember';
import { decodeSpanEntry } from './decodeResourceSpans';
import { unbuiltSpan } from '../../model/unbuiltSpan';
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
      // The plain object dies young (cheap to collect); only the record survives to the build.
      into.spans.push(this.records ? unbuiltSpan(fast) : fast);
    } else {
      const raw = r.captureValue();
      const before = into.spans.length;
      decodeSpanEntry(raw, this.resource, this.scope, spansPath, index, into.spans, into.issues);
      if (this.records && into.spans.length > before) into.spans[before] = unbuiltSpan(into.spans[before]!);
    }
    r.mark = saved;
  }
}
