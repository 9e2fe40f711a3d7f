/**
 * The base of `streamingDecoder`'s readers: the byte reader, member-name lookup and the scalar
 * fast paths (IDs, strings, enum digits, counts, timestamps). Each returns BAIL-like values
 * (null, '' or -1) on anything outside the common shape, never an issue.
 */
import type { JsonByteReader } from './jsonByteReader';
import { KEY_NAMES, KEY_SLOT_IDS, KEY_SLOTS } from './fastMemberKeys';

export class FastScalarReader {
  protected readonly r: JsonByteReader;
  private lastTraceId = '';
  private lastSecondsDigits = -1;
  private lastSecondsBig = 0n;

  constructor(reader: JsonByteReader) {
    this.r = reader;
  }

  /** The member name at `pos` and its `:`, as a K_ constant (0 for any other name). */
  protected key(): number {
    const r = this.r;
    r.scanString();
    let id = 0;
    if (r.tokFlags === 0) {
      const length = r.tokEnd - r.tokStart;
      for (let slot = r.tokHash & (KEY_SLOTS - 1); ; slot = (slot + 1) & (KEY_SLOTS - 1)) {
        const candidate = KEY_SLOT_IDS[slot] as number;
        if (candidate === 0) break;
        const name = KEY_NAMES[candidate] as string;
        if (name.length === length && r.bytesEqual(name, r.tokStart)) {
          id = candidate;
          break;
        }
      }
    }
    r.expect(58 /* : */);
    return id;
  }

  /** 32 lowercase hex; the string of the previous span is reused when the bytes match. */
  protected fastTraceId(): string {
    const r = this.r;
    if (r.peek() !== 34) return '';
    r.scanString();
    const at = r.tokStart;
    if (r.tokEnd - at !== 32 || r.tokFlags !== 0) return '';
    const last = this.lastTraceId;
    if (last.length === 32 && r.bytesEqual(last, at)) return last;
    if (!isLowerHex(r.buf, at, r.tokEnd)) return '';
    this.lastTraceId = r.text(at, r.tokEnd);
    return this.lastTraceId;
  }

  /** 16 lowercase hex, or '' for an empty string; null otherwise. */
  protected fastSpanId(): string | null {
    const r = this.r;
    if (r.peek() !== 34) return null;
    r.scanString();
    const at = r.tokStart;
    const length = r.tokEnd - at;
    if (length === 0) return '';
    if (length !== 16 || r.tokFlags !== 0 || !isLowerHex(r.buf, at, r.tokEnd)) return null;
    const b = r.buf;
    // Span IDs are unique: interning would only churn the cache. Sixteen arguments beat a decoder call.
    return String.fromCharCode(
      b[at] as number, b[at + 1] as number, b[at + 2] as number, b[at + 3] as number,
      b[at + 4] as number, b[at + 5] as number, b[at + 6] as number, b[at + 7] as number,
      b[at + 8] as number, b[at + 9] as number, b[at + 10] as number, b[at + 11] as number,
      b[at + 12] as number, b[at + 13] as number, b[at + 14] as number, b[at + 15] as number,
    );
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
    r.scanString();
    const b = r.buf;
    const from = r.tokStart;
    const to = r.tokEnd;
    const length = to - from;
    if (length === 0 || length > 19 || r.tokFlags !== 0) return null;
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

function isLowerHex(b: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = b[i] as number;
    if ((c < 48 || c > 57) && (c < 97 || c > 102)) return false;
  }
  return true;
}
