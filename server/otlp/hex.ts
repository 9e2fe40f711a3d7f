/** Span and trace IDs from the request buffer, read in place (8 or 16 bytes, 2–3 per span). */

/**
 * Lowercase hex of `length` bytes of `buf` from `at`. Node's native hex encoder: measured ~3x
 * faster than a JS table loop, whose `+=` builds a rope of cons-strings for a 32-character ID.
 */
export function hexAt(buf: Buffer, at: number, length: number): string {
  return buf.toString('hex', at, at + length);
}

/** True when the `length` bytes of `buf` from `at` are all zero (OTLP calls such IDs invalid). */
export function isZeroAt(buf: Uint8Array, at: number, length: number): boolean {
  for (let i = at; i < at + length; i++) if (buf[i] !== 0) return false;
  return true;
}
