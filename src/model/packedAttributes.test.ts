import { describe, expect, it } from 'vitest';
import {
  MAX_KEYS,
  PackedAttributes,
  TAG_DOUBLE,
  TAG_FALSE,
  TAG_INT32,
  TAG_INT_TEXT,
  TAG_STRING_ASCII,
  TAG_STRING_UTF8,
  TAG_TRUE,
} from './packedAttributes';

const utf8 = new TextEncoder();

/** Writes one list of a string attribute `key=value` (ASCII); returns its reference. */
function stringList(packed: PackedAttributes, key: string, value: string): number {
  packed.openList();
  const bytes = utf8.encode(value);
  packed.begin(packed.keyId(key), TAG_STRING_ASCII, bytes.length + 5);
  packed.stringBytes(bytes, 0, bytes.length);
  return packed.closeList();
}

describe('PackedAttributes', () => {
  it('gives back every value type exactly, with one frozen object per distinct pair', () => {
    const packed = new PackedAttributes();
    const digits = utf8.encode('-9223372036854775808');
    const cafe = utf8.encode('café');
    packed.openList();
    packed.begin(packed.keyId('s'), TAG_STRING_UTF8, cafe.length + 5);
    packed.stringBytes(cafe, 0, cafe.length);
    packed.begin(packed.keyId('escaped'), TAG_STRING_UTF8, 3 * 5 + 5);
    packed.string('a"b😀');
    packed.begin(packed.keyId('i'), TAG_INT32, 4);
    packed.int32(-2147483648);
    packed.begin(packed.keyId('big'), TAG_INT_TEXT, digits.length + 1);
    packed.intText(digits, 0, digits.length);
    packed.begin(packed.keyId('d'), TAG_DOUBLE, 8);
    packed.double(0.1);
    packed.begin(packed.keyId('t'), TAG_TRUE, 0);
    packed.begin(packed.keyId('f'), TAG_FALSE, 0);
    const count = packed.count;
    const ref = packed.closeList();
    const list = packed.list(ref, count);
    expect(list).toStrictEqual([
      { key: 's', value: { type: 'string', value: 'café' } },
      { key: 'escaped', value: { type: 'string', value: 'a"b😀' } },
      { key: 'i', value: { type: 'int', value: -2147483648n } },
      { key: 'big', value: { type: 'int', value: -9223372036854775808n } },
      { key: 'd', value: { type: 'double', value: 0.1 } },
      { key: 't', value: { type: 'bool', value: true } },
      { key: 'f', value: { type: 'bool', value: false } },
    ]);
    const again = packed.list(ref, count);
    expect(again).toStrictEqual(list);
    expect(again.every((attribute, k) => attribute === list[k])).toBe(true);
    expect(Object.isFrozen(list) && Object.isFrozen(list[0]) && Object.isFrozen(list[0]!.value)).toBe(true);
    // Lists of other spans share a pair's object only when key, type and value are the same.
    const [a, b, c] = [stringList(packed, 'm', 'GET'), stringList(packed, 'm', 'GET'), stringList(packed, 'm', 'PUT')];
    expect(packed.list(a, 1)[0]).toBe(packed.list(b, 1)[0]);
    expect(packed.list(c, 1)[0]).toStrictEqual({ key: 'm', value: { type: 'string', value: 'PUT' } });
  });

  it('a list opened again before it is closed is overwritten', () => {
    const packed = new PackedAttributes();
    const first = stringList(packed, 'k', 'kept');
    packed.openList();
    packed.begin(packed.keyId('k'), TAG_TRUE, 0); // abandoned: never closed
    const second = stringList(packed, 'k', 'next');
    expect(second - first).toBe(3 + 1 + 4);
    expect(packed.list(first, 1)[0]!.value).toStrictEqual({ type: 'string', value: 'kept' });
    expect(packed.list(second, 1)[0]!.value).toStrictEqual({ type: 'string', value: 'next' });
  });

  it('lists move to a new chunk when one fills, and a list longer than a chunk is refused', () => {
    const packed = new PackedAttributes();
    const value = 'v'.repeat(200_000);
    const refs = Array.from({ length: 12 }, () => stringList(packed, 'k', value));
    expect(new Set(refs.map((ref) => Math.floor(ref / (1 << 20)))).size).toBeGreaterThan(1);
    for (const ref of refs) expect(packed.list(ref, 1)[0]!.value).toStrictEqual({ type: 'string', value });
    expect(stringList(packed, 'k', 'x'.repeat((1 << 20) + 1))).toBe(-1);
    const after = stringList(packed, 'k', 'after');
    expect(packed.list(after, 1)[0]!.value).toStrictEqual({ type: 'string', value: 'after' });
    expect(packed.list(refs[11]!, 1)[0]!.value).toStrictEqual({ type: 'string', value });
  });

  it('key ids run out after MAX_KEYS distinct keys', () => {
    const packed = new PackedAttributes();
    const ids = Array.from({ length: MAX_KEYS }, (_, k) => packed.keyId(`key${k}`));
    expect(ids.every((id, k) => id === k)).toBe(true);
    expect(packed.keyId('key7')).toBe(7);
    expect(packed.keyId('one more')).toBe(-1);
  });

  it('an empty list reads as no attributes', () => {
    expect(new PackedAttributes().list(0, 0)).toStrictEqual([]);
  });
});
