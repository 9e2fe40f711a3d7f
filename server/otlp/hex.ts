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

const ID_SLOTS = 1024;

/**
 * The trace IDs of one request, each turned into a string once. A request repeats a trace's
 * ID on every span of it (8 on average), scattered over its resource groups; decoding each
 * copy afresh cost a native call and, downstream, hashing a new 32-character string in every
 * map keyed by trace ID. Direct-mapped on the ID's last two bytes (random in real IDs); a
 * slot holds the offset of the bytes it last decoded, compared in full before reuse.
 */
export class TraceIdCache {
  private readonly at = new Int32Array(ID_SLOTS).fill(-1);
  private readonly ids: string[] = new Array<string>(ID_SLOTS).fill('');

  constructor(private readonly buf: Buffer) {}

  /** hexAt(buf, at, 16), reusing the string of an equal ID seen before in this request. */
  hex16(at: number): string {
    const buf = this.buf;
    const slot = ((buf[at + 14]! << 8) | buf[at + 15]!) & (ID_SLOTS - 1);
    const seen = this.at[slot]!;
    if (seen >= 0) {
      let i = 0;
      while (i < 16 && buf[seen + i] === buf[at + i]) i++;
      if (i === 16) return this.ids[slot]!;
    }
    const id = hexAt(buf, at, 16);
    this.at[slot] = at;
    this.ids[slot] = id;
    return id;
  }
}
