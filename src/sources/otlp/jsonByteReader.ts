/**
 * A pull tokenizer over JSON bytes that arrive as chunks (a file read piece by piece, a fetch
 * body), for decoders that walk a known schema without building the generic JSON tree.
 *
 * Why bytes and not a string: a 500 MB trace as one JS string costs its size in memory, is
 * over Node's ~512 MiB string limit past ~1M spans, and `JSON.parse` of it builds a tree that
 * is larger still. Here only the bytes of the value being read are kept (plus the current
 * chunk), and callers may `mark` a start to rewind to (e.g. to re-read one span generically).
 *
 * Positions: `pos`/`end` index `buf`; absolute offsets (`base + index`) survive refills, so
 * anything kept across a read is kept as an absolute offset. Pure TS, no Node APIs.
 */
import { ImportError } from '../importResult';

const QUOTE = 34;
const BACKSLASH = 92;

/** Set in `tokFlags` by `scanString`. */
export const HAS_ESCAPE = 1;
export const HAS_NON_ASCII = 2;

/** Strings up to this many bytes are interned (keys, names, enum-like values repeat a lot). */
const MAX_INTERNED = 64;
const INTERN_SLOTS = 1 << 14;

const decoder = new TextDecoder();

export class JsonByteReader {
  buf: Uint8Array = new Uint8Array(0);
  pos = 0;
  end = 0;
  /** Absolute offset of `buf[0]`. */
  base = 0;
  /** Absolute offset the next refill must keep (inclusive), or -1. */
  mark = -1;
  /** Last scanned string's content (`buf` indices, quotes excluded) or number text. */
  tokStart = 0;
  tokEnd = 0;
  /** FNV-1a of the last scanned string's bytes. */
  tokHash = 0;
  tokFlags = 0;

  private readonly chunks: Iterator<Uint8Array>;
  /** Direct-mapped string cache: one string per slot, replaced on a miss. */
  private readonly internHash = new Int32Array(INTERN_SLOTS);
  private readonly internStr: string[] = new Array<string>(INTERN_SLOTS).fill('');
  private readonly skipStack: number[] = [];
  /** Join buffers: the one `buf` views (when joined) and the other one. */
  private current: Uint8Array | null = null;
  private spare: Uint8Array | null = null;
  /** The chunk source has ended. */
  private exhausted = false;

  constructor(input: Uint8Array | Iterable<Uint8Array>) {
    this.chunks = (input instanceof Uint8Array ? [input] : input)[Symbol.iterator]();
  }

  offset(): number {
    return this.base + this.pos;
  }

  /**
   * Appends the next non-empty chunk, dropping consumed bytes before `mark` (or `pos`).
   * The kept tail is copied before the next chunk is pulled, so a source may reuse its buffer.
   */
  more(): boolean {
    return this.fill(1);
  }

  /**
   * Makes at least `min` bytes available from `pos` when the input has them (fewer at its
   * end), so a fast path can read a whole value without refilling. Same dropping as `more`.
   */
  ensure(min: number): void {
    if (this.end - this.pos < min) this.fill(min - (this.end - this.pos));
  }

  /** Appends chunks until at least `wanted` new bytes arrived or the input ended; false when none did. */
  private fill(wanted: number): boolean {
    if (this.exhausted) return false;
    const keepAbs = this.mark >= 0 && this.mark < this.base + this.pos ? this.mark : this.base + this.pos;
    const keep = keepAbs - this.base;
    const tailLength = keep < this.end ? this.end - keep : 0;
    // Copied before a chunk is pulled: the source may reuse the buffer `buf` views.
    const tail = tailLength > 0 ? this.buf.slice(keep, this.end) : null;
    let next = this.nextChunk();
    if (next === null) return false;
    if (tail === null && next.length >= wanted) {
      this.buf = next;
    } else {
      const first = this.joinBuffer(tailLength + Math.max(next.length, wanted));
      let joined = first;
      if (tail !== null) joined.set(tail);
      let length = tailLength;
      for (;;) {
        if (joined.length < length + next.length) joined = grow(joined, length, length + next.length);
        joined.set(next, length);
        length += next.length;
        if (length - tailLength >= wanted) break;
        next = this.nextChunk();
        if (next === null) break;
      }
      if (joined !== first) this.current = joined; // grown: the new buffer is the one in use
      this.buf = joined.subarray(0, length);
    }
    this.pos -= keep;
    this.end = this.buf.length;
    this.base = keepAbs;
    return true;
  }

  /** The next non-empty chunk, or null at the end of input. */
  private nextChunk(): Uint8Array | null {
    let next = this.chunks.next();
    while (!next.done && next.value.length === 0) next = this.chunks.next();
    if (!next.done) return next.value;
    this.exhausted = true;
    return null;
  }

  /**
   * Room for `size` bytes, alternating between two buffers (the current `buf` may be one of
   * them, and its tail was copied out already): a megabyte-sized allocation per chunk would
   * add external-memory pressure, which makes V8 run full GCs sooner.
   */
  private joinBuffer(size: number): Uint8Array {
    let spare = this.spare;
    if (spare === null || spare.length < size) spare = new Uint8Array(Math.max(size, 2 * (spare?.length ?? 0)));
    this.spare = this.current;
    this.current = spare;
    return spare.subarray(0, size);
  }

  /** The next non-whitespace byte, not consumed; -1 at the end of input. */
  peek(): number {
    for (;;) {
      const buf = this.buf;
      const end = this.end;
      let pos = this.pos;
      while (pos < end) {
        const c = buf[pos] as number;
        if (c !== 32 && c !== 10 && c !== 13 && c !== 9) {
          this.pos = pos;
          return c;
        }
        pos++;
      }
      this.pos = pos;
      if (!this.more()) return -1;
    }
  }

  /** Consumes `c` (after optional whitespace) or fails. */
  expect(c: number): void {
    if (this.peek() !== c) throw this.unexpected();
    this.pos++;
  }

  /**
   * Object iteration, after its `{`: true when a member follows (then `pos` is at its key),
   * false after the closing `}`. `first` is true for the first call on an object.
   */
  nextMember(first: boolean): boolean {
    let c = this.peek();
    if (c === 125 /* } */) {
      this.pos++;
      return false;
    }
    if (!first) {
      if (c !== 44 /* , */) throw this.unexpected();
      this.pos++;
      c = this.peek();
    }
    if (c !== QUOTE) throw this.unexpected();
    return true;
  }

  /** Array iteration, after its `[`: true when an element follows, false after the `]`. */
  nextElement(first: boolean): boolean {
    const c = this.peek();
    if (c === 93 /* ] */) {
      this.pos++;
      return false;
    }
    if (!first) {
      if (c !== 44 /* , */) throw this.unexpected();
      this.pos++;
      if (this.peek() === -1) throw this.unexpected();
    }
    return true;
  }

  /** A member's key and its `:`; the key is interned. */
  readKey(): string {
    this.scanString();
    const key = this.string();
    this.expect(58 /* : */);
    return key;
  }

  /**
   * Scans a string token at `pos` (its `"`), setting `tokStart`/`tokEnd`/`tokHash`/`tokFlags`.
   * Escapes are only skipped here; `string()` hands such strings to `JSON.parse`.
   */
  scanString(): void {
    const startAbs = this.base + this.pos;
    const saved = this.mark;
    if (saved < 0) this.mark = startAbs;
    // Locals, not fields, in the loop: only a refill changes them.
    let buf = this.buf;
    let end = this.end;
    let i = this.pos + 1;
    let hash = 0x811c9dc5 | 0;
    let flags = 0;
    for (;;) {
      if (i >= end) {
        this.pos = i;
        if (!this.more()) throw this.truncated();
        i = this.pos;
        buf = this.buf;
        end = this.end;
        continue;
      }
      const c = buf[i] as number;
      if (c === QUOTE) break;
      if (c === BACKSLASH || c < 32) {
        if (c < 32) {
          this.pos = i;
          throw this.fail('control character in string');
        }
        flags |= HAS_ESCAPE;
        // The escaped byte may be a quote: step over it (refilling if it is in the next chunk).
        if (i + 1 >= end) {
          this.pos = i;
          if (!this.more()) throw this.truncated();
          i = this.pos;
          buf = this.buf;
          end = this.end;
        }
        i += 2;
        continue;
      }
      if (c >= 128) flags |= HAS_NON_ASCII;
      hash = Math.imul(hash ^ c, 16777619);
      i++;
    }
    this.mark = saved;
    this.tokStart = startAbs + 1 - this.base;
    this.tokEnd = i;
    this.tokHash = hash;
    this.tokFlags = flags;
    this.pos = i + 1;
  }

  /** The last scanned string as a JS string; short ASCII ones are interned. */
  string(): string {
    const { tokStart, tokEnd } = this;
    if (this.tokFlags !== 0) {
      if ((this.tokFlags & HAS_ESCAPE) === 0) return decoder.decode(this.buf.subarray(tokStart, tokEnd));
      return this.parseBytes(tokStart - 1, tokEnd + 1) as string;
    }
    const length = tokEnd - tokStart;
    if (length > MAX_INTERNED) return decoder.decode(this.buf.subarray(tokStart, tokEnd));
    const slot = this.tokHash & (INTERN_SLOTS - 1);
    const cached = this.internStr[slot] as string;
    if (this.internHash[slot] === this.tokHash && cached.length === length && this.bytesEqual(cached, tokStart)) return cached;
    const made = length <= 16 ? this.shortAscii(tokStart, length) : decoder.decode(this.buf.subarray(tokStart, tokEnd));
    this.internHash[slot] = this.tokHash;
    this.internStr[slot] = made;
    return made;
  }

  /** Whether `buf[at..]` holds the (ASCII) characters of `text`. */
  bytesEqual(text: string, at: number): boolean {
    const buf = this.buf;
    for (let k = 0; k < text.length; k++) if (buf[at + k] !== text.charCodeAt(k)) return false;
    return true;
  }

  /** `fromCharCode` with the bytes as arguments: far cheaper than a TextDecoder call for a few bytes. */
  private shortAscii(at: number, length: number): string {
    const b = this.buf;
    let s = '';
    let k = 0;
    for (; k + 4 <= length; k += 4) {
      s += String.fromCharCode(b[at + k] as number, b[at + k + 1] as number, b[at + k + 2] as number, b[at + k + 3] as number);
    }
    for (; k < length; k++) s += String.fromCharCode(b[at + k] as number);
    return s;
  }

  /** Scans a JSON number at `pos`, strictly per the grammar; its text is `tokStart..tokEnd`. */
  scanNumber(): void {
    const startAbs = this.base + this.pos;
    const saved = this.mark;
    if (saved < 0) this.mark = startAbs;
    // The grammar is checked on the whole text once it is known to be complete.
    let i = this.pos;
    for (;;) {
      if (i >= this.end) {
        this.pos = i;
        if (!this.more()) break;
        i = this.pos;
        continue;
      }
      const c = this.buf[i] as number;
      if ((c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46 || c === 101 || c === 69) i++;
      else break;
    }
    this.mark = saved;
    this.tokStart = startAbs - this.base;
    this.tokEnd = i;
    this.pos = i;
    if (!this.isNumberGrammar(this.tokStart, i)) {
      this.pos = this.tokStart;
      throw this.fail('malformed number');
    }
  }

  /** `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?` */
  private isNumberGrammar(from: number, to: number): boolean {
    const b = this.buf;
    let i = from;
    if (b[i] === 45) i++;
    if (i >= to) return false;
    if (b[i] === 48) i++;
    else i = this.digits(i, to, true);
    if (i < 0) return false;
    if (i < to && b[i] === 46) i = this.digits(i + 1, to, true);
    if (i < 0) return false;
    if (i < to && (b[i] === 101 || b[i] === 69)) {
      i++;
      if (i < to && (b[i] === 43 || b[i] === 45)) i++;
      i = this.digits(i, to, true);
    }
    return i === to;
  }

  /** Index after a run of digits from `i`; -1 when `required` and there is none. */
  private digits(i: number, to: number, required: boolean): number {
    const start = i;
    while (i < to) {
      const c = this.buf[i] as number;
      if (c < 48 || c > 57) break;
      i++;
    }
    return required && i === start ? -1 : i;
  }

  /** Consumes `true`, `false` or `null` at `pos`. */
  literal(word: 'true' | 'false' | 'null'): void {
    for (let k = 0; k < word.length; k++) {
      if (this.pos >= this.end && !this.more()) throw this.truncated();
      if (this.buf[this.pos] !== word.charCodeAt(k)) throw this.unexpected();
      this.pos++;
    }
  }

  /** Skips one value of any kind, checking its syntax; no recursion (depth is the input's). */
  skipValue(): void {
    const stack = this.skipStack;
    const floor = stack.length;
    for (;;) {
      this.skipScalarOrOpen(stack);
      // After a value: close containers or move to the next element / member.
      for (;;) {
        if (stack.length === floor) return;
        const c = this.peek();
        const close = stack[stack.length - 1] as number;
        if (c === close) {
          this.pos++;
          stack.pop();
          continue;
        }
        if (c !== 44 /* , */) throw this.unexpected();
        this.pos++;
        if (close === 125 /* } */) {
          if (this.peek() !== QUOTE) throw this.unexpected();
          this.readKey();
        }
        break;
      }
    }
  }

  /** One scalar, or an opening bracket (pushed on `stack`) and, if not empty, its first key. */
  private skipScalarOrOpen(stack: number[]): void {
    for (;;) {
      const c = this.peek();
      if (c === QUOTE) return this.scanString();
      if (c === 45 || (c >= 48 && c <= 57)) return this.scanNumber();
      if (c === 116) return this.literal('true');
      if (c === 102) return this.literal('false');
      if (c === 110) return this.literal('null');
      if (c !== 123 && c !== 91) throw this.unexpected();
      this.pos++;
      const close = c === 123 ? 125 : 93;
      if (this.peek() === close) {
        this.pos++;
        return;
      }
      stack.push(close);
      if (close === 125) {
        if (this.peek() !== QUOTE) throw this.unexpected();
        this.readKey();
      }
    }
  }

  /**
   * The next value as `JSON.parse` gives it: for the cold paths (odd shapes, bad input), which
   * then go through the same code as parsed JSON and so behave exactly the same.
   */
  captureValue(): unknown {
    if (this.peek() === -1) throw this.truncated();
    const startAbs = this.base + this.pos;
    const saved = this.mark;
    if (saved < 0 || saved > startAbs) this.mark = startAbs;
    this.skipValue();
    this.mark = saved;
    return this.parseBytes(startAbs - this.base, this.pos);
  }

  /** `JSON.parse` of `buf[from..to)`; a syntax error becomes an `ImportError` with the offset. */
  parseBytes(from: number, to: number): unknown {
    try {
      return JSON.parse(decoder.decode(this.buf.subarray(from, to))) as unknown;
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      return this.throwAt(this.base + from, `not valid JSON: ${error.message}`);
    }
  }

  private throwAt(offset: number, message: string): never {
    throw new ImportError('', `${message} (in the value at byte ${offset})`);
  }

  /** Skips a UTF-8 byte order mark at the very start (some Windows tools write one). */
  skipByteOrderMark(): void {
    if (this.base !== 0 || this.pos !== 0) return;
    while (this.end < 3 && this.more());
    const b = this.buf;
    if (this.end >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) this.pos = 3;
  }

  /** Checks that only whitespace is left. */
  expectEnd(): void {
    if (this.peek() !== -1) throw this.unexpected();
  }

  fail(message: string): ImportError {
    return new ImportError('', `not valid JSON: ${message} at byte ${this.base + this.pos}`);
  }

  truncated(): ImportError {
    return new ImportError('', `not valid JSON: unexpected end of input at byte ${this.base + this.end} (truncated file?)`);
  }

  unexpected(): ImportError {
    if (this.pos >= this.end && !this.more()) return this.truncated();
    const c = this.buf[this.pos] as number;
    const shown = c >= 32 && c < 127 ? `'${String.fromCharCode(c)}'` : `byte 0x${c.toString(16).padStart(2, '0')}`;
    return this.fail(`unexpected ${shown}`);
  }
}

/** `buf[0..length)` copied into a buffer of at least `size` bytes (doubling). */
function grow(buf: Uint8Array, length: number, size: number): Uint8Array {
  const bigger = new Uint8Array(Math.max(size, 2 * buf.length));
  bigger.set(buf.subarray(0, length));
  return bigger;
}
