/**
 * One span of `streamingDecoder`: the fast path, or on BAIL a rewind to the span's first byte and
 * `decodeSpanEntry` on just that span, so odd and bad input behaves as `decodeResourceSpans`.
 */
import type { Decoded } from './decodedMember';
import { decodeSpanEntry } from './decodeResourceSpans';
import { BAIL, FastSpanReader, PENDING_RESOURCE } from './fastSpanReader';
import { EMPTY_SCOPE } from './sharedValues';

export class SpanFallbackReader extends FastSpanReader {
  /** One span: the fast path, or — rewound to its first byte — the generic one. */
  protected span(spansPath: string, index: number, into: Decoded): void {
    const r = this.r;
    const startAbs = r.offset();
    const saved = r.mark;
    r.mark = startAbs;
    const fast = r.peek() === 123 ? this.fastSpan() : BAIL;
    if (fast !== BAIL) {
      into.spans.push(fast);
    } else {
      r.pos = startAbs - r.base;
      const raw = r.captureValue();
      decodeSpanEntry(raw, PENDING_RESOURCE, EMPTY_SCOPE, spansPath, index, into.spans, into.issues);
    }
    r.mark = saved;
  }
}
