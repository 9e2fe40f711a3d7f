/**
 * A protobuf writer straight into one growing Buffer, for encoding whole traces.
 *
 * Why not protobufjs's Writer: it queues an operation object per field and a state per nested
 * message and copies them out in `finish()`; for a 10k-span trace that is ~1M objects alive at
 * once, and the GC time dominated (measured ~5x slower than this).
 *
 * Nested messages need their length before their bytes. `fork()` reserves one byte for it;
 * `ldelim()` writes the length there, first moving the message right when its length needs more
 * than one varint byte (≥ 128). The moves copy each byte once per enclosing level that is
 * longer than 127 bytes: a few times per byte for OTLP's five levels.
 */

const INITIAL_CAPACITY = 64 * 1024;

function varintSize(value: number): number {
  if (value < 0x80) return 1;
  if (value < 0x4000) return 2;
  if (value < 0x200000) return 3;
  if (value < 0x10000000) return 4;
  return 5;
}

export class WireWriter {
  private buf = Buffer.allocUnsafe(INITIAL_CAPACITY);
  private pos = 0;
  /** Start offsets of the open nested messages (their reserved length byte). */
  private readonly starts: number[] = [];

  private ensure(extra: number): void {
    if (this.pos + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + extra) size *= 2;
    const grown = Buffer.allocUnsafe(size);
    this.buf.copy(grown, 0, 0, this.pos);
    this.buf = grown;
  }

  /** An unsigned 32-bit varint: tags, lengths, counts, non-negative enums. */
  uint32(value: number): this {
    this.ensure(5);
    let v = value >>> 0;
    while (v >= 0x80) {
      this.buf[this.pos++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buf[this.pos++] = v;
    return this;
  }

  bool(value: boolean): this {
    return this.uint32(value ? 1 : 0);
  }

  /** int64 varint; negative values take ten bytes (two's complement), as protobuf says. */
  int64(value: bigint): this {
    this.ensure(10);
    let v = BigInt.asUintN(64, value);
    while (v >= 0x80n) {
      this.buf[this.pos++] = Number(v & 0x7fn) | 0x80;
      v >>= 7n;
    }
    this.buf[this.pos++] = Number(v);
    return this;
  }

  fixed32(value: number): this {
    this.ensure(4);
    this.buf.writeUInt32LE(value >>> 0, this.pos);
    this.pos += 4;
    return this;
  }

  /** fixed64 from an exact bigint (unsigned; a negative value is written as its two's complement). */
  fixed64(value: bigint): this {
    this.ensure(8);
    this.buf.writeBigUInt64LE(BigInt.asUintN(64, value), this.pos);
    this.pos += 8;
    return this;
  }

  double(value: number): this {
    this.ensure(8);
    this.buf.writeDoubleLE(value, this.pos);
    this.pos += 8;
    return this;
  }

  /** A length-delimited UTF-8 string. */
  string(value: string): this {
    // At most 3 bytes per UTF-16 unit; the length prefix is fixed up like a nested message.
    this.ensure(value.length * 3 + 5);
    this.fork();
    this.pos += this.buf.write(value, this.pos, 'utf8');
    return this.ldelim();
  }

  bytes(value: Uint8Array): this {
    this.uint32(value.length);
    this.ensure(value.length);
    this.buf.set(value, this.pos);
    this.pos += value.length;
    return this;
  }

  /** Length-delimited bytes given as hex (IDs), converted by Node without an intermediate array. */
  hexBytes(hex: string): this {
    const length = hex.length >>> 1;
    this.uint32(length);
    this.ensure(length);
    const written = this.buf.write(hex, this.pos, 'hex');
    if (written !== length) throw new Error(`bad hex ID ${JSON.stringify(hex)}`);
    this.pos += length;
    return this;
  }

  /** Opens a nested message: what follows until `ldelim()` is its body. */
  fork(): this {
    this.ensure(1);
    this.starts.push(this.pos);
    this.pos += 1;
    return this;
  }

  /** Closes the innermost nested message, writing its length before it. */
  ldelim(): this {
    const start = this.starts.pop();
    if (start === undefined) throw new Error('ldelim() without fork()');
    const length = this.pos - start - 1;
    const prefix = varintSize(length);
    if (prefix > 1) {
      this.ensure(prefix - 1);
      this.buf.copyWithin(start + prefix, start + 1, this.pos);
      this.pos += prefix - 1;
    }
    const end = this.pos;
    this.pos = start;
    this.uint32(length);
    this.pos = end;
    return this;
  }

  /** The bytes written (a view; the writer must not be used afterwards). */
  finish(): Uint8Array {
    if (this.starts.length > 0) throw new Error('finish() with an unclosed fork()');
    return this.buf.subarray(0, this.pos);
  }
}
