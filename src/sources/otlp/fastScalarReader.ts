/**
 * The base of `streamingDecoder`'s readers: the byte reader, member-name lookup and the scalar
 * fast paths (IDs, strings, enum digits, counts, timestamps). Each returns BAIL-like values
 * (null, '' or -1) on anything outside the common shape, never an issue.
 */
import type { JsonByteReader } from './jsonByteReader';
import { KEY_NAMES, KEY_SLOT_IDS, KEY_SLOTS, keyShape } from './fastMemberKeys';

/** Slots of the recent-span-ID cache (a power of two). */
const ID_SLOTS = 1 << 12;

export class FastScalarReader {
  protected readonly r: JsonByteReader;
  /**
   * Recent span IDs by their last hex digits (direct-mapped, a miss replaces the slot).
   * Span IDs are unique, but parent IDs are not: siblings are written together and name the
   * same parent (half the spans of the bench trace repeat the previous span's parent), so
   * reusing the string saves a string per span that would survive into the model.
   */
  private readonly recentIds: string[] = new Array<string>(ID_SLOTS).fill('');
  private lastTraceId = '';
  private lastSecondsDigits = -1;
  private lastSecondsBig = 0n;

  constructor(reader: JsonByteReader) {
    this.r = reader;
  }

  /** The member name at `pos` and its `:`, as a K_ constant (0 for any other name). */
  protected key(): number {
    const r = this.r;
    const b = r.buf;
    const from = r.pos + 1;
    const end = r.end;
    // Plain ASCII up to the closing quote, whole in this chunk: no string scanner (and no
    // per-byte hash) needed. Escapes, other bytes and chunk boundaries take the scanner.
    let to = from;
    for (; to < end; to++) {
      const c = b[to] as number;
      if (c === 34 || c === 92 || c < 32 || c >= 128) break;
    }
    let id: number;
    if (to < end && b[to] === 34) {
      r.pos = to + 1;
      id = knownKey(r, from, to);
    } else {
      r.scanString();
      id = r.tokFlags === 0 ? knownKey(r, r.tokStart, r.tokEnd) : 0;
    }
    r.expect(58 /* : */);
    return id;
  }

  /** 32 lowercase hex; the string of the previous span is reused when the bytes match. */
  protected fastTraceId(): string {
    const r = this.r;
    if (r.peek() !== 34) return '';
    // Usually the previous span's ID, whole in this chunk: match its bytes and the closing
    // quote directly, without the string scanner's per-byte hashing.
    const last = this.lastTraceId;
    const quoteAt = r.pos + 33;
    if (quoteAt < r.end && r.buf[quoteAt] === 34 && last.length === 32 && r.bytesEqual(last, r.pos + 1)) {
      r.pos = quoteAt + 1;
      return last;
    }
    r.scanString();
    const at = r.tokStart;
    if (r.tokEnd - at !== 32 || r.tokFlags !== 0) return '';
    if (last.length === 32 && r.bytesEqual(last, at)) return last;
    if (!isLowerHex(r.buf, at, r.tokEnd)) return '';
    this.lastTraceId = r.text(at, r.tokEnd);
    return this.lastTraceId;
  }

  /** 16 lowercase hex, or '' for an empty string; null otherwise. */
  protected fastSpanId(): string | null {
    const r = this.r;
    if (r.peek() !== 34) return null;
    const b = r.buf;
    const at = r.pos + 1;
    // The common case, whole in this chunk: 16 hex digits and the closing quote, checked in
    // one pass (no hashing: the digits themselves pick the cache slot). Anything else — an
    // escape, another length, a chunk boundary — takes the string scanner.
    if (at + 16 >= r.end || b[at + 16] !== 34) return this.scannedSpanId();
    let bits = 0;
    for (let k = at; k < at + 16; k++) {
      const c = b[k] as number;
      const v = c < 128 ? (HEX_DIGIT[c] as number) : -1;
      if (v < 0) return this.scannedSpanId();
      bits = (bits << 4) | v; // the last 8 digits remain
    }
    r.pos = at + 17;
    const slot = (bits ^ (bits >>> 12)) & (ID_SLOTS - 1);
    const recent = this.recentIds[slot] as string;
    if (recent.length === 16 && r.bytesEqual(recent, at)) return recent;
    const id = hexString16(b, at);
    this.recentIds[slot] = id;
    return id;
  }

  /** `fastSpanId` for a string the one-pass check did not take: via the string scanner. */
  private scannedSpanId(): string | null {
    const r = this.r;
    r.scanString();
    const at = r.tokStart;
    const length = r.tokEnd - at;
    if (length === 0) return '';
    if (length !== 16 || r.tokFlags !== 0 || !isLowerHex(r.buf, at, r.tokEnd)) return null;
    return hexString16(r.buf, at);
  }

  protected fastString(): string | null {
    const r = this.r;
    if (r.peek() !== 34) return null;
    r.scanString();
    return r.string();
  }

  /** A one-digit JSON number (enum values); -1 otherwise. */
  protected fastDigit(): number {
    const r = this.r;
    const c = r.peek();
    if (c < 48 || c > 57) return -1;
    r.scanNumber();
    return r.tokEnd - r.tokStart === 1 ? c - 48 : -1;
  }

  /** A JSON number that is a uint32 (counts, flags); -1 otherwise. */
  protected fastUint32(): number {
    const r = this.r;
    const c = r.peek();
    if (c < 48 || c > 57) return -1;
    r.scanNumber();
    const n = r.number();
    return Number.isInteger(n) && n <= 0xffffffff ? n : -1;
  }

  /**
   * A timestamp string of 1–19 decimal digits, as a bigint. Split into seconds and nanoseconds
   * (each exact as a number) because `BigInt(string)` costs about four times as much, and
   * spans of a trace mostly share the seconds.
   */
  protected fastTime(): bigint | null {
    const r = this.r;
    if (r.peek() !== 34) return null;
    // Whole in this chunk: find the closing quote directly (digits only, at most 19), without
    // the string scanner's per-byte hashing; anything else takes the scanner.
    const b = r.buf;
    const from = r.pos + 1;
    const limit = from + 20 < r.end ? from + 20 : r.end;
    let to = from;
    while (to < limit && b[to] !== 34) to++;
    if (to === limit) {
      r.scanString();
      if (r.tokFlags !== 0) return null;
      return this.timeFromDigits(r.tokStart, r.tokEnd);
    }
    r.pos = to + 1;
    return this.timeFromDigits(from, to);
  }

  /** `buf[from..to)` as a bigint when it is 1–19 decimal digits; null otherwise. */
  private timeFromDigits(from: number, to: number): bigint | null {
    const b = this.r.buf;
    const length = to - from;
    if (length === 0 || length > 19) return null;
    let high = 0;
    const split = length > 15 ? to - 9 : to;
    for (let i = from; i < split; i++) {
      const d = (b[i] as number) - 48;
      if (d < 0 || d > 9) return null;
      high = high * 10 + d;
    }
    if (split === to) return BigInt(high);
    let low = 0;
    for (let i = split; i < to; i++) {
      const d = (b[i] as number) - 48;
      if (d < 0 || d > 9) return null;
      low = low * 10 + d;
    }
    if (high !== this.lastSecondsDigits) {
      this.lastSecondsDigits = high;
      this.lastSecondsBig = BigInt(high) * 1_000_000_000n;
    }
    return this.lastSecondsBig + BigInt(low);
  }

  protected fastEmptyArray(): boolean {
    const r = this.r;
    if (r.peek() !== 91) return false;
    r.pos++;
    if (r.peek() !== 93) return false;
    r.pos++;
    return true;
  }

}

/** The K_ constant of the ASCII name in `buf[from..to)`, or 0. */
function knownKey(r: JsonByteReader, from: number, to: number): number {
  const length = to - from;
  if (length === 0) return 0;
  const b = r.buf;
  const shape = keyShape(length, b[from] as number, b[from + (length >> 1)] as number, b[to - 1] as number);
  for (let slot = shape; ; slot = (slot + 1) & (KEY_SLOTS - 1)) {
    const candidate = KEY_SLOT_IDS[slot] as number;
    if (candidate === 0) return 0;
    const name = KEY_NAMES[candidate] as string;
    if (name.length === length && r.bytesEqual(name, from)) return candidate;
  }
}

/** Value of a lowercase hex digit by byte (< 128), -1 for any other byte. */
const HEX_DIGIT = new Int8Array(128).fill(-1);
for (let c = 48; c <= 57; c++) HEX_DIGIT[c] = c - 48;
for (let c = 97; c <= 102; c++) HEX_DIGIT[c] = c - 87;

/** 16 ASCII bytes as a string: sixteen arguments beat a decoder call. */
function hexString16(b: Uint8Array, at: number): string {
  return String.fromCharCode(
    b[at] as number, b[at + 1] as number, b[at + 2] as number, b[at + 3] as number,
    b[at + 4] as number, b[at + 5] as number, b[at + 6] as number, b[at + 7] as number,
    b[at + 8] as number, b[at + 9] as number, b[at + 10] as number, b[at + 11] as number,
    b[at + 12] as number, b[at + 13] as number, b[at + 14] as number, b[at + 15] as number,
  );
}

function isLowerHex(b: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = b[i] as number;
    if ((c < 48 || c > 57) && (c < 97 || c > 102)) return false;
  }
  return true;
}
