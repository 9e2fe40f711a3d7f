/**
 * Span attributes kept as compact bytes until a view asks for them.
 *
 * Why: at a million spans the attribute objects — a list, and per attribute an `Attribute`, an
 * `AttributeValue`, a string or BigInt — were ~160 MB of the heap and, with the garbage
 * collector copying and marking them while the file loaded, about a third of the load time.
 * Most views never read most spans' attributes (the waterfall, the critical path, the
 * statistics), and the one that shows them reads one span. So the streaming decoder writes
 * each span's attributes here, a few bytes each, and `ColumnSpan.attributes` decodes a span's
 * list the first time it is read (its SpanColumns keeps it, so a span always gives back the
 * same list). Decoded pairs that repeat (`http.method=GET`) are one shared frozen object. What
 * a view that reads every span's attributes (find) pays once: 1.07 s and ~180 MB for the
 * bench's 1M-span file (4.5M attributes), 0.11 s on later reads.
 *
 * Format of one attribute: key id (u16, little endian; `keys[id]`), a tag byte, the value:
 * - STRING_ASCII / STRING_UTF8: length (u8, or 255 then u32) and the UTF-8 bytes;
 * - INT32: i32; INT_TEXT: length (u8) and the ASCII digits of an int64 too long for i32;
 * - DOUBLE: f64;
 * - TRUE, FALSE: nothing.
 * A span's list never crosses a chunk, so its reference is chunk × CHUNK_BYTES + offset.
 */
import type { Attribute, AttributeValue } from './types';

export const TAG_STRING_ASCII = 1;
export const TAG_STRING_UTF8 = 2;
export const TAG_INT32 = 3;
export const TAG_INT_TEXT = 4;
export const TAG_DOUBLE = 5;
export const TAG_TRUE = 6;
export const TAG_FALSE = 7;

/** Key ids are u16: a file with more distinct keys keeps the rest as objects. */
export const MAX_KEYS = 0xffff;
/** Chunk size; a longer list is kept as objects instead. */
const CHUNK_BYTES = 1 << 20;
/** Decoded pairs up to this many bytes are shared (longer values rarely repeat). */
const MAX_SHARED_BYTES = 64;
const SHARED_SLOTS = 1 << 14;
/** References are u32: past 4096 chunks (4 GiB) lists are kept as objects. */
const MAX_CHUNKS = 4096;

const EMPTY: readonly Attribute[] = Object.freeze([]);
const TRUE_VALUE: AttributeValue = Object.freeze({ type: 'bool', value: true });
const FALSE_VALUE: AttributeValue = Object.freeze({ type: 'bool', value: false });
const decoder = new TextDecoder();
const encoder = new TextEncoder();

/**
 * The packed attribute lists of a set of spans (one per `SpanColumns`) and their key names.
 * An importer writes a list in place — `openList`, per attribute `begin` and its value,
 * `closeList` — and a list that is opened again before it is closed is simply overwritten.
 */
export class PackedAttributes {
  private readonly chunks: Uint8Array[] = [];
  private readonly views: DataView[] = [];
  /** The chunk being written (a larger spill buffer while an oversized list is written). */
  private bytes: Uint8Array = new Uint8Array(0);
  private view: DataView = new DataView(this.bytes.buffer);
  /** The open list's start in `bytes`, and the write position. */
  private start = 0;
  private at = 0;
  /** The end of the last kept list in the last chunk. */
  private tail = 0;
  /** Attributes in the open list. */
  count = 0;
  private readonly keys: string[] = [];
  private readonly keyIds = new Map<string, number>();
  /**
   * Decoded attributes by their bytes (key id, tag, value), so the spans that share a pair
   * share one frozen object, as the decoders' own caches make them share it.
   */
  private readonly shared: (Attribute | undefined)[] = new Array<Attribute | undefined>(SHARED_SLOTS).fill(undefined);
  private readonly sharedChunk = new Int32Array(SHARED_SLOTS);
  private readonly sharedAt = new Int32Array(SHARED_SLOTS);
  private readonly sharedLength = new Int32Array(SHARED_SLOTS);

  /** The id of a key name; -1 once MAX_KEYS distinct keys have ids. */
  keyId(key: string): number {
    const known = this.keyIds.get(key);
    if (known !== undefined) return known;
    if (this.keys.length >= MAX_KEYS) return -1;
    this.keys.push(key);
    this.keyIds.set(key, this.keys.length - 1);
    return this.keys.length - 1;
  }

  /** Starts a list where the last kept one ended. */
  openList(): void {
    if (this.bytes !== this.chunks[this.chunks.length - 1]) {
      // At first, or after a list spilled (it was refused): back to the last chunk's end.
      this.use(this.chunks[this.chunks.length - 1] ?? this.newChunk());
    }
    this.start = this.tail;
    this.at = this.tail;
    this.count = 0;
  }

  /** Keeps the open list: its reference, or -1 when it outgrew a chunk or the chunks ran out. */
  closeList(): number {
    if (this.bytes !== this.chunks[this.chunks.length - 1]) return -1;
    this.tail = this.at;
    return (this.chunks.length - 1) * CHUNK_BYTES + this.start;
  }

  /** Starts an attribute: its key id, then the value's tag. Makes room for `valueBytes` more. */
  begin(keyId: number, tag: number, valueBytes: number): void {
    this.room(3 + valueBytes);
    const b = this.bytes;
    const at = this.at;
    b[at] = keyId & 255;
    b[at + 1] = keyId >>> 8;
    b[at + 2] = tag;
    this.at = at + 3;
    this.count++;
  }

  /** A string value's UTF-8 bytes `b[from..to)`, after `begin(…, TAG_STRING_*, to - from + 5)`. */
  stringBytes(b: Uint8Array, from: number, to: number): void {
    this.stringLength(to - from);
    this.at = copyBytes(b, from, to, this.bytes, this.at);
  }

  /** A string value that had escapes, after `begin(…, TAG_STRING_UTF8, 3 × length + 5)`. */
  string(text: string): void {
    const at = this.at;
    const lengthBytes = text.length * 3 < 255 ? 1 : 5;
    const { written } = encoder.encodeInto(text, this.bytes.subarray(at + lengthBytes));
    this.stringLength(written, lengthBytes);
    this.at += written;
  }

  int32(value: number): void {
    this.view.setInt32(this.at, value, true);
    this.at += 4;
  }

  double(value: number): void {
    this.view.setFloat64(this.at, value, true);
    this.at += 8;
  }

  /** The digits of an int64 (`-?[0-9]+`, at most 21 bytes) as ASCII. */
  intText(b: Uint8Array, from: number, to: number): void {
    this.bytes[this.at++] = to - from;
    this.at = copyBytes(b, from, to, this.bytes, this.at);
  }

  /** The `count` attributes stored at `ref`, decoded (a new frozen list on every call). */
  list(ref: number, count: number): readonly Attribute[] {
    return count === 0 ? EMPTY : Object.freeze(this.decode(ref, count));
  }

  /** Writes a string length (1 byte below 255, else 255 and a u32); `size` forces the form. */
  private stringLength(n: number, size = n < 255 ? 1 : 5): void {
    if (size === 1) {
      this.bytes[this.at++] = n;
      return;
    }
    this.bytes[this.at] = 255;
    this.view.setUint32(this.at + 1, n, true);
    this.at += 5;
  }

  /**
   * Makes room for `more` bytes in the open list: moves it to a new chunk when this one is full,
   * or to a spill buffer when it outgrows a chunk or the chunks run out (`closeList` refuses it).
   */
  private room(more: number): void {
    if (this.at + more <= this.bytes.length) return;
    const length = this.at - this.start;
    const fits = length + more <= CHUNK_BYTES && this.chunks.length < MAX_CHUNKS;
    const next = fits ? this.newChunk() : new Uint8Array(Math.max(2 * (length + more), CHUNK_BYTES));
    next.set(this.bytes.subarray(this.start, this.at));
    this.use(next);
    this.start = 0;
    this.at = length;
  }

  /** A new last chunk, empty. */
  private newChunk(): Uint8Array {
    const chunk = new Uint8Array(CHUNK_BYTES);
    this.chunks.push(chunk);
    this.views.push(new DataView(chunk.buffer));
    this.tail = 0;
    return chunk;
  }

  private use(bytes: Uint8Array): void {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer);
  }

  private decode(ref: number, count: number): Attribute[] {
    const chunk = Math.floor(ref / CHUNK_BYTES);
    const b = this.chunks[chunk] as Uint8Array;
    const view = this.views[chunk] as DataView;
    let p = ref - chunk * CHUNK_BYTES;
    const out = new Array<Attribute>(count);
    for (let k = 0; k < count; k++) {
      const from = p;
      const tag = b[p + 2] as number;
      p += 3;
      // The value's bytes: `p..end`.
      let length = 0;
      if (tag === TAG_STRING_ASCII || tag === TAG_STRING_UTF8) {
        length = b[p] as number;
        p += 1;
        if (length === 255) {
          length = view.getUint32(p, true);
          p += 4;
        }
      } else if (tag === TAG_INT32) {
        length = 4;
      } else if (tag === TAG_INT_TEXT) {
        length = (b[p] as number) + 1;
      } else if (tag === TAG_DOUBLE) {
        length = 8;
      } else if (tag !== TAG_TRUE && tag !== TAG_FALSE) {
        throw new Error(`packed attributes: unknown tag ${tag} at ${ref}`);
      }
      const end = p + length;
      // A pair seen before (http.method=GET) is the object made then.
      const slot = end - from <= MAX_SHARED_BYTES ? this.sharedSlot(b, chunk, from, end) : -1;
      const known = slot < 0 ? undefined : this.shared[slot];
      if (known !== undefined) {
        out[k] = known;
        p = end;
        continue;
      }
      const key = this.keys[(b[from] as number) | ((b[from + 1] as number) << 8)] as string;
      let value: AttributeValue;
      if (tag === TAG_STRING_ASCII || tag === TAG_STRING_UTF8) {
        value = { type: 'string', value: tag === TAG_STRING_ASCII && length <= 12 ? shortAscii(b, p, length) : decoder.decode(b.subarray(p, end)) };
      } else if (tag === TAG_INT32) {
        value = { type: 'int', value: BigInt(view.getInt32(p, true)) };
      } else if (tag === TAG_INT_TEXT) {
        value = { type: 'int', value: BigInt(shortAscii(b, p + 1, length - 1)) };
      } else if (tag === TAG_DOUBLE) {
        value = { type: 'double', value: view.getFloat64(p, true) };
      } else {
        value = tag === TAG_TRUE ? TRUE_VALUE : FALSE_VALUE;
      }
      const attribute = Object.freeze({ key, value: Object.freeze(value) });
      out[k] = attribute;
      if (slot >= 0) {
        this.shared[slot] = attribute;
        this.sharedChunk[slot] = chunk;
        this.sharedAt[slot] = from;
      }
      p = end;
    }
    return out;
  }

  /**
   * The slot of the cache of decoded pairs for the bytes `b[from..end)` of chunk `chunk`:
   * `shared[slot]` is set when it holds the same bytes, else the slot is free for them (a
   * direct-mapped cache: a new pair replaces the old one).
   */
  private sharedSlot(b: Uint8Array, chunk: number, from: number, end: number): number {
    let hash = 0;
    for (let i = from; i < end; i++) hash = Math.imul(hash ^ (b[i] as number), 0x01000193);
    const slot = (hash ^ (hash >>> 16)) & (SHARED_SLOTS - 1);
    const length = end - from;
    if (this.sharedLength[slot] === length && this.shared[slot] !== undefined) {
      const other = this.chunks[this.sharedChunk[slot] as number] as Uint8Array;
      const at = (this.sharedAt[slot] as number) - from;
      let i = from;
      while (i < end && other[at + i] === b[i]) i++;
      if (i === end) return slot;
    }
    this.shared[slot] = undefined;
    this.sharedLength[slot] = length;
    return slot;
  }
}

/**
 * Copies `from[start..end)` to `to` at `at`; returns the end. Short runs (most values) by a
 * loop: `subarray` makes a view object per call, millions of them at 1M spans.
 */
function copyBytes(from: Uint8Array, start: number, end: number, to: Uint8Array, at: number): number {
  const n = end - start;
  if (n > 96) {
    to.set(from.subarray(start, end), at);
    return at + n;
  }
  for (let k = 0; k < n; k++) to[at + k] = from[start + k] as number;
  return at + n;
}

function shortAscii(b: Uint8Array, at: number, length: number): string {
  let s = '';
  for (let k = 0; k < length; k++) s += String.fromCharCode(b[at + k] as number);
  return s;
}
