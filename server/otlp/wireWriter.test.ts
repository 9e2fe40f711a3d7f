import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { WireWriter } from './wireWriter';

/** The same fields through protobufjs's Writer: the reference encoding. */
const reference = () => protobuf.Writer.create();

describe('WireWriter', () => {
  it('writes scalars exactly as protobufjs does', () => {
    const ours = new WireWriter()
      .uint32(0).uint32(127).uint32(128).uint32(0xffffffff)
      .bool(true)
      .int64(0n).int64(300n).int64(-1n).int64(-9223372036854775808n).int64(9223372036854775807n)
      .fixed32(0xdeadbeef)
      .fixed64(18446744073709551615n).fixed64(1700000000123456789n)
      .double(-0.125)
      .string('').string('héllo ✓')
      .bytes(new Uint8Array([1, 2, 3]))
      .hexBytes('a1b2c3d4e5f60718')
      .finish();
    const theirs = reference()
      .uint32(0).uint32(127).uint32(128).uint32(0xffffffff)
      .bool(true)
      .int64(0).int64(300).int64(-1).int64('-9223372036854775808').int64('9223372036854775807')
      .fixed32(0xdeadbeef)
      .fixed64('18446744073709551615').fixed64('1700000000123456789')
      .double(-0.125)
      .string('').string('héllo ✓')
      .bytes(new Uint8Array([1, 2, 3]))
      .bytes(Buffer.from('a1b2c3d4e5f60718', 'hex'))
      .finish();
    expect(Buffer.from(ours).toString('hex')).toBe(Buffer.from(theirs).toString('hex'));
  });

  it('writes nested messages of every length-prefix size, growing past its first buffer', () => {
    const sizes = [0, 1, 127, 128, 16_383, 16_384, 2_097_152];
    const ours = new WireWriter();
    const theirs = reference();
    for (const size of sizes) {
      const text = 'x'.repeat(size);
      ours.uint32(10).fork().uint32(18).fork().string(text).ldelim().ldelim();
      theirs.uint32(10).fork().uint32(18).fork().string(text).ldelim().ldelim();
    }
    expect(Buffer.from(ours.finish()).equals(Buffer.from(theirs.finish()))).toBe(true);
  });

  it('refuses unbalanced forks and bad hex', () => {
    expect(() => new WireWriter().ldelim()).toThrow(/without fork/);
    expect(() => new WireWriter().fork().finish()).toThrow(/unclosed/);
    expect(() => new WireWriter().hexBytes('zz')).toThrow(/bad hex/);
  });
});
