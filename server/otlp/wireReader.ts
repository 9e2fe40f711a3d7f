/**
 * Small additions to protobufjs's `Reader` for the hand-written OTLP decoder: bounded nested
 * messages, and 64-bit integers read straight to bigint (protobufjs would allocate a Long).
 */
import type protobuf from 'protobufjs';

type Reader = protobuf.Reader;

/** Malformed wire data that protobufjs's Reader itself does not catch. */
export class WireError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WireError';
  }
}

/**
 * Reads a length prefix and narrows `r.len` to the nested message, so any read past its end
 * throws (as protobufjs's generated decoders do). Returns the outer limit: restore it with
 * `r.len = outer` once the message is read.
 */
export function enterMessage(r: Reader): number {
  const length = r.uint32();
  const end = r.pos + length;
  if (end > r.len) throw new RangeError(`index out of range: ${r.pos} + ${length} > ${r.len}`);
  const outer = r.len;
  r.len = end;
  return outer;
}

/** Skips a field this decoder does not read (unknown, or sent with an unexpected wire type). */
export function skipField(r: Reader, tag: number): void {
  if (tag >>> 3 === 0) throw new WireError(`illegal field number 0 at offset ${r.pos}`);
  r.skipType(tag & 7);
}

// Short ASCII strings are interned: attribute keys and many values ('GET', host names, status
// texts) repeat in every span, and handing out the same string saves decoding and, above all,
// the allocation (GC was half the decode time). A slot holds the last string that hashed to it.
const INTERN_MAX_BYTES = 48;
const INTERN_SLOTS = 4096;
const interned: (string | undefined)[] = new Array<string | undefined>(INTERN_SLOTS);

/** Whether `text` (ASCII) is exactly the bytes of `buf` from `at`; lengths already match. */
function sameAscii(text: string, buf: Uint8Array, at: number): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) !== buf[at + i]) return false;
  return true;
}

/** A length-delimited UTF-8 string (the reader must wrap a Buffer: decodeProtobuf ensures it). */
export function readString(r: Reader): string {
  const length = r.uint32();
  const start = r.pos;
  const end = start + length;
  if (end > r.len) throw new RangeError(`index out of range: ${start} + ${length} > ${r.len}`);
  r.pos = end;
  if (length === 0) return '';
  const buf = r.buf as Buffer;
  if (length <= INTERN_MAX_BYTES) {
    // FNV-1a over the bytes, noting whether they are all ASCII (then 1 byte = 1 char).
    let hash = 0x811c9dc5;
    let high = 0;
    for (let i = start; i < end; i++) {
      const b = buf[i]!;
      high |= b;
      hash = Math.imul(hash ^ b, 0x01000193);
    }
    if (high < 0x80) {
      const slot = (hash >>> 0) & (INTERN_SLOTS - 1);
      const known = interned[slot];
      if (known !== undefined && known.length === length && sameAscii(known, buf, start)) return known;
      const text = buf.toString('latin1', start, end);
      interned[slot] = text;
      return text;
    }
  }
  return buf.toString('utf8', start, end);
}

// Timestamps of one request share the high word (it changes every ~4.3 s): cache its bigint.
let cachedHigh = -1;
let cachedHighBig = 0n;

/** fixed64 (unsigned, little-endian) as an exact bigint. */
export function readFixed64(r: Reader): bigint {
  const low = r.fixed32();
  const high = r.fixed32();
  if (high !== cachedHigh) {
    cachedHigh = high;
    cachedHighBig = BigInt(high) << 32n;
  }
  return cachedHighBig + BigInt(low);
}

/**
 * int64 varint as an exact bigint. Values below 2^49 (7 bytes; nearly every attribute) are
 * summed in a double, which is exact there; longer ones (large or negative: a negative int64 is
 * always 10 bytes) go through protobufjs's Long reader.
 */
export function readInt64(r: Reader): bigint {
  const buf = r.buf;
  let pos = r.pos;
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 7 && pos < r.len; i++) {
    const b = buf[pos++]!;
    value += (b & 0x7f) * scale;
    if (b < 0x80) {
      r.pos = pos;
      return BigInt(value);
    }
    scale *= 128;
  }
  const long = r.int64();
  return (BigInt(long.high | 0) << 32n) + BigInt(long.low >>> 0);
}
