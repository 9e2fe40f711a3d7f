/**
 * Scalars of `streamingDecoder`'s fast path — member names, IDs, timestamps, counts, strings —
 * read straight from the bytes of one span that is whole in the reader's buffer.
 *
 * Why a window and not the reader's own methods: the span is made whole in the buffer before
 * the fast path starts (`JsonByteReader.ensure`), so nothing here refills, rewinds or keeps a
 * mark, and each read is a loop over a local index. A read past the window, or anything
 * outside the common shape, returns the BAIL value of its type (-1, null or '') and the span
 * is re-read generically.
 */
import type { JsonByteReader } from './jsonByteReader';
import { KEY_COUNT, KEY_SLOT_IDS, KEY_SLOTS, isKey, keyLength, keyShape } from './fastMemberKeys';

/** Strings up to this many bytes are interned (names, keys and short values repeat a lot). */
export const MAX_INTERNED = 64;
const STRING_SLOTS = 1 << 14;

const decoder = new TextDecoder();

/** One step of the string hash: rotate and mix in a byte (two cheap operations per byte). */
export function hashStep(hash: number, c: number): number {
  return ((hash << 5) | (hash >>> 27)) ^ c;
}

export class FastScalarReader {
  protected readonly r: JsonByteReader;
  /** The window the fast path reads: `b[p..e)`, a view of the reader's buffer. */
  protected b: Uint8Array = new Uint8Array(0);
  protected p = 0;
  protected e = 0;
  /** Set by `scanString`: the content's end, its hash, and whether it has non-ASCII bytes. */
  protected sEnd = 0;
  protected sHash = 0;
  protected sNonAscii = false;
  /** The last trace ID, as a string and as bytes (compared byte for byte: no charCodeAt). */
  private lastTraceId = '';
  private readonly lastTraceBytes = new Uint8Array(32);
  /** The member name (K_ constant) read last, and the one that followed each name last time. */
  private prevKey = 0;
  private readonly nextKey = new Uint8Array(KEY_COUNT + 1);
  /** `fastTime`'s reading of one time, and the BigInt of the seconds it read last. */
  private readonly timeSec = new Float64Array(1);
  private readonly timeNs = new Int32Array(1);
  private lastSeconds = -1;
  private lastSecondsBig = 0n;
  /** Direct-mapped interned strings by hash; a miss replaces the slot. */
  private readonly internHash = new Int32Array(STRING_SLOTS);
  private readonly internStr: string[] = new Array<string>(STRING_SLOTS).fill('');

  constructor(reader: JsonByteReader) {
    this.r = reader;
  }

  /** Index of the first non-whitespace byte at or after `p` (`e` when there is none). */
  protected ws(p: number): number {
    const b = this.b;
    const e = this.e;
    while (p < e) {
      const c = b[p] as number;
      if (c > 32 || (c !== 32 && c !== 10 && c !== 13 && c !== 9)) return p;
      p++;
    }
    return p;
  }

  /**
   * At `p`, a member name (plain ASCII) and its `:`; returns its K_ constant (0 for another
   * name) and leaves `p` at the value; -1 when it is not that shape.
   */
  protected key(): number {
    const b = this.b;
    let p = this.p;
    if (b[p] !== 34) return -1;
    const from = p + 1;
    // Spans of a file list their members in one order: try the name that followed the previous
    // one last time (its bytes and the closing quote) before scanning and looking it up.
    const guess = this.nextKey[this.prevKey] as number;
    let id: number;
    if (guess !== 0 && b[from + keyLength(guess)] === 34 && isKey(guess, b, from)) {
      id = guess;
      p = from + keyLength(guess);
    } else {
      const e = this.e;
      for (p = from; p < e; p++) {
        const c = b[p] as number;
        if (c === 34) break;
        if (c === 92 || c < 32 || c >= 128) return -1;
      }
      if (p >= e || p === from) return -1;
      id = knownKey(b, from, p);
      this.nextKey[this.prevKey] = id;
    }
    this.prevKey = id;
    p = this.ws(p + 1);
    if (b[p] !== 58 /* : */) return -1;
    this.p = this.ws(p + 1);
    return id;
  }

  /**
   * After a member's value: true when another member follows (then `p` is at its name), false
   * at the closing `}` (consumed); -1 for anything else.
   */
  protected nextMember(): number {
    const b = this.b;
    const p = this.ws(this.p);
    const c = b[p];
    if (c === 44 /* , */) {
      this.p = this.ws(p + 1);
      return 1;
    }
    if (c === 125 /* } */) {
      this.p = p + 1;
      return 0;
    }
    return -1;
  }

  /** At `p`, `{` and the first member name: 1, or 0 for `{}`; -1 for anything else. */
  protected openObject(): number {
    const b = this.b;
    if (b[this.p] !== 123) return -1;
    this.prevKey = 0;
    const p = this.ws(this.p + 1);
    if (b[p] === 125) {
      this.p = p + 1;
      return 0;
    }
    this.p = p;
    return 1;
  }

  /** 32 lowercase hex; the string of the previous span is reused when the bytes match. '' otherwise. */
  protected fastTraceId(): string {
    const b = this.b;
    const at = this.p + 1;
    if (b[this.p] !== 34 || at + 32 >= this.e || b[at + 32] !== 34) return '';
    const last = this.lastTraceBytes;
    let same = this.lastTraceId !== '';
    for (let k = 0; same && k < 32; k++) same = b[at + k] === last[k];
    this.p = at + 33;
    if (same) return this.lastTraceId;
    for (let k = at; k < at + 32; k++) {
      const c = b[k] as number;
      if ((c < 48 || c > 57) && (c < 97 || c > 102)) return '';
    }
    last.set(b.subarray(at, at + 32));
    this.lastTraceId = decoder.decode(b.subarray(at, at + 32));
    return this.lastTraceId;
  }

  /**
   * At `p`, a string without escapes or control characters: sets `sEnd` (index of its closing
   * quote), `sHash` and `sNonAscii`, and returns its first content index; -2 when it has an
   * escape (`p` unchanged: `escapedString` reads it), -1 otherwise.
   * `p` is left after the closing quote.
   */
  protected scanString(): number {
    const b = this.b;
    const e = this.e;
    let p = this.p;
    if (b[p] !== 34) return -1;
    const from = ++p;
    let hash = 0;
    let high = 0;
    for (; p < e; p++) {
      const c = b[p] as number;
      if (c === 34) break;
      if (c === 92) return -2;
      if (c < 32) return -1;
      high |= c;
      hash = hashStep(hash, c);
    }
    if (p >= e) return -1;
    this.sEnd = p;
    this.sHash = hash;
    this.sNonAscii = high >= 128;
    this.p = p + 1;
    return from;
  }

  /** A string value (see `scanString`) as a JS string, interned when short and ASCII; null otherwise. */
  protected fastString(): string | null {
    const from = this.scanString();
    if (from >= 0) return this.stringAt(from, this.sEnd);
    return from === -2 ? this.escapedString() : null;
  }

  /**
   * The string at `p` that has escapes (error messages, SQL): `JSON.parse` of just its bytes,
   * so escapes mean exactly what they mean to the generic path; null when it is not valid.
   */
  protected escapedString(): string | null {
    const b = this.b;
    const e = this.e;
    let p = this.p + 1;
    for (; p < e; p++) {
      const c = b[p] as number;
      if (c === 34) break;
      if (c < 32) return null;
      if (c === 92) p++;
    }
    if (p >= e) return null;
    let text: unknown;
    try {
      text = JSON.parse(decoder.decode(b.subarray(this.p, p + 1)));
    } catch {
      return null;
    }
    this.p = p + 1;
    return text as string;
  }

  /** The scanned string `b[from..to)` (`sHash`/`sNonAscii` describe it), interned when short and ASCII. */
  protected stringAt(from: number, to: number): string {
    const b = this.b;
    const length = to - from;
    if (length === 0) return '';
    if (this.sNonAscii || length > MAX_INTERNED) return decoder.decode(b.subarray(from, to));
    const hash = this.sHash;
    const slot = (hash ^ (hash >>> 14) ^ length) & (STRING_SLOTS - 1);
    const cached = this.internStr[slot] as string;
    if (this.internHash[slot] === hash && cached.length === length && sameAscii(cached, b, from)) return cached;
    const made = asciiString(b, from, length);
    this.internHash[slot] = hash;
    this.internStr[slot] = made;
    return made;
  }

  /** A one-digit JSON number (enum values); -1 otherwise. */
  protected fastDigit(): number {
    const b = this.b;
    const p = this.p;
    const c = (b[p] as number) - 48;
    if (c < 0 || c > 9 || !endsNumber(b[p + 1])) return -1;
    this.p = p + 1;
    return c;
  }

  /** A JSON number written as plain digits that is a uint32 (counts, flags); -1 otherwise. */
  protected fastUint32(): number {
    const b = this.b;
    let p = this.p;
    const from = p;
    let n = 0;
    for (; p < this.e; p++) {
      const d = (b[p] as number) - 48;
      if (d < 0 || d > 9) break;
      n = n * 10 + d;
    }
    const length = p - from;
    // A leading zero (`01`) is not JSON; fractions and exponents take the generic path.
    if (length === 0 || length > 10 || (length > 1 && b[from] === 48) || !endsNumber(b[p]) || n > 0xffffffff) return -1;
    this.p = p;
    return n;
  }

  /**
   * A span ID of 16 lowercase hex into `hi[row]`, `lo[row]`: 1; an empty string: 0 (nothing
   * written); anything else: -1. No string is made: `SpanColumns` makes it if a view asks.
   */
  protected fastIdWords(hi: Uint32Array, lo: Uint32Array, row: number): number {
    const b = this.b;
    if (b[this.p] !== 34) return -1;
    const at = this.p + 1;
    if (b[at] === 34) {
      this.p = at + 1;
      return 0;
    }
    if (at + 16 >= this.e || b[at + 16] !== 34) return -1;
    let high = 0;
    let low = 0;
    for (let k = at; k < at + 8; k++) {
      const c = b[k] as number;
      const v = c < 128 ? (HEX_DIGIT[c] as number) : -1;
      if (v < 0) return -1;
      high = (high << 4) | v;
    }
    for (let k = at + 8; k < at + 16; k++) {
      const c = b[k] as number;
      const v = c < 128 ? (HEX_DIGIT[c] as number) : -1;
      if (v < 0) return -1;
      low = (low << 4) | v;
    }
    hi[row] = high;
    lo[row] = low;
    this.p = at + 17;
    return 1;
  }

  /**
   * A timestamp string of 1–19 decimal digits into `sec[row]` (whole seconds) and `ns[row]`
   * (the rest): both exact as numbers, where the whole would not be. False outside that shape.
   */
  protected fastTimeInto(sec: Float64Array, ns: Int32Array, row: number): boolean {
    const b = this.b;
    if (b[this.p] !== 34) return false;
    const from = this.p + 1;
    const limit = from + 20 < this.e ? from + 20 : this.e;
    let to = from;
    while (to < limit && b[to] !== 34) to++;
    if (to === limit || to === from) return false;
    const split = to - from > 9 ? to - 9 : from;
    let high = 0;
    for (let i = from; i < split; i++) {
      const d = (b[i] as number) - 48;
      if (d < 0 || d > 9) return false;
      high = high * 10 + d;
    }
    let low = 0;
    for (let i = split; i < to; i++) {
      const d = (b[i] as number) - 48;
      if (d < 0 || d > 9) return false;
      low = low * 10 + d;
    }
    sec[row] = high;
    ns[row] = low;
    this.p = to + 1;
    return true;
  }

  /**
   * A timestamp string of 1–19 decimal digits, as a bigint (event times; span times stay
   * numbers in the columns). Read as seconds and nanoseconds (`fastTimeInto`) because
   * `BigInt(string)` costs about four times as much, and times mostly share the seconds.
   */
  protected fastTime(): bigint | null {
    const { timeSec, timeNs } = this;
    if (!this.fastTimeInto(timeSec, timeNs, 0)) return null;
    const seconds = timeSec[0]!;
    if (seconds !== this.lastSeconds) {
      this.lastSeconds = seconds;
      this.lastSecondsBig = BigInt(seconds) * 1_000_000_000n;
    }
    return this.lastSecondsBig + BigInt(timeNs[0]!);
  }


  /** `[]`, with optional whitespace inside. */
  protected fastEmptyArray(): boolean {
    const b = this.b;
    if (b[this.p] !== 91) return false;
    const p = this.ws(this.p + 1);
    if (b[p] !== 93) return false;
    this.p = p + 1;
    return true;
  }
}

/** Whether the byte after a number's digits ends it (not another number character). */
export function endsNumber(c: number | undefined): boolean {
  return c !== undefined && !((c >= 48 && c <= 57) || c === 46 || c === 101 || c === 69 || c === 43 || c === 45);
}

/** Whether `b[at..]` holds the (ASCII) characters of `text`. */
export function sameAscii(text: string, b: Uint8Array, at: number): boolean {
  for (let k = 0; k < text.length; k++) if (b[at + k] !== text.charCodeAt(k)) return false;
  return true;
}

/**
 * ASCII bytes as a flat string: `fromCharCode` with the bytes as arguments is far cheaper than
 * a TextDecoder call for a few bytes; longer ones take the decoder (one flat string, where
 * `+=` would make a rope that is flattened again on the first comparison).
 */
export function asciiString(b: Uint8Array, at: number, length: number): string {
  if (length > 12) return decoder.decode(b.subarray(at, at + length));
  let s = '';
  for (let k = 0; k < length; k++) s += String.fromCharCode(b[at + k] as number);
  return s;
}

/** The K_ constant of the ASCII name in `buf[from..to)`, or 0. */
function knownKey(b: Uint8Array, from: number, to: number): number {
  const length = to - from;
  const shape = keyShape(length, b[from] as number, b[from + (length >> 1)] as number, b[to - 1] as number);
  for (let slot = shape; ; slot = (slot + 1) & (KEY_SLOTS - 1)) {
    const candidate = KEY_SLOT_IDS[slot] as number;
    if (candidate === 0) return 0;
    if (keyLength(candidate) === length && isKey(candidate, b, from)) return candidate;
  }
}

/** Value of a lowercase hex digit by byte (< 128), -1 for any other byte. */
const HEX_DIGIT = new Int8Array(128).fill(-1);
for (let c = 48; c <= 57; c++) HEX_DIGIT[c] = c - 48;
for (let c = 97; c <= 102; c++) HEX_DIGIT[c] = c - 87;

