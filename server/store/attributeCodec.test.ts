import { describe, expect, it } from 'vitest';
import type { Attribute } from '../../src/model/types';
import {
  attributeRows,
  decodeAttributes,
  decodeEvents,
  decodeLinks,
  encodeAttributeList,
  encodeAttributes,
  encodeEvents,
  encodeLinks,
} from './attributeCodec';
import { EVERY_TYPE, richSpan } from './testing/richSpans';

describe('attributeCodec', () => {
  it('round-trips every attribute type exactly', () => {
    const decoded = decodeAttributes(encodeAttributes(EVERY_TYPE));
    expect(decoded).toEqual(EVERY_TYPE);
    // toEqual treats -0 and 0 alike and compares typed arrays loosely: check the edge cases.
    const byKey = (key: string): Attribute => decoded.find((a) => a.key === key) as Attribute;
    expect(Object.is((byKey('double.negzero').value as { value: number }).value, -0)).toBe(true);
    expect(byKey('int.big').value).toEqual({ type: 'int', value: 9_007_199_254_740_993n });
    const bytes = byKey('bytes').value as { value: Uint8Array };
    expect(bytes.value).toBeInstanceOf(Uint8Array);
    expect(bytes.value.constructor).toBe(Uint8Array);
    expect([...bytes.value]).toEqual([0, 1, 2, 250, 255]);
  });

  it('hand-written scalar encoding equals JSON.stringify of the array form', () => {
    const tricky: Attribute[] = [
      { key: 'k"\\\u2028\u0000', value: { type: 'string', value: '\ud800 lone surrogate' } },
      { key: 'tiny', value: { type: 'double', value: 5e-324 } },
      { key: 'big', value: { type: 'double', value: 1.7976931348623157e308 } },
      { key: 'int', value: { type: 'double', value: 42 } },
    ];
    expect(encodeAttributes(tricky)).toBe(JSON.stringify(encodeAttributeList(tricky)));
    expect(decodeAttributes(encodeAttributes(tricky))).toEqual(tricky);
  });

  it('keeps a double that happens to be integral a double', () => {
    const [decoded] = decodeAttributes(encodeAttributes([{ key: 'd', value: { type: 'double', value: 42 } }]));
    expect(decoded?.value).toEqual({ type: 'double', value: 42 });
  });

  it('round-trips events and links, omitting an absent refType', () => {
    const span = richSpan('t', 's');
    expect(decodeEvents(encodeEvents(span.events))).toEqual(span.events);
    const links = decodeLinks(encodeLinks(span.links));
    expect(links).toEqual(span.links);
    expect('refType' in (links[0] as object)).toBe(false);
    expect(encodeEvents([])).toBe('');
    expect(decodeLinks('')).toEqual([]);
  });

  it('rejects malformed input', () => {
    expect(() => decodeAttributes('[["k","?",1]]')).toThrow(/bad value/);
    expect(() => decodeAttributes('{}')).toThrow(/not a JSON array/);
  });

  it('derives searchable rows: scalars typed, arrays flattened, others keyed only', () => {
    const rows = attributeRows(EVERY_TYPE);
    const of = (key: string) => rows.filter((r) => r.key === key);
    expect(of('str')).toEqual([
      { key: 'str', str: 'héllo "wörld"\n\t\\ 🚀', int: null, dbl: null, bool: null },
      { key: 'str', str: 'duplicate key kept in order', int: null, dbl: null, bool: null },
    ]);
    expect(of('int.min')).toEqual([{ key: 'int.min', str: null, int: -9_223_372_036_854_775_808n, dbl: null, bool: null }]);
    expect(of('bool.f')).toEqual([{ key: 'bool.f', str: null, int: null, dbl: null, bool: false }]);
    expect(of('array')).toEqual([
      { key: 'array', str: 'a', int: null, dbl: null, bool: null },
      { key: 'array', str: null, int: -5n, dbl: null, bool: null },
    ]);
    expect(of('bytes')).toEqual([{ key: 'bytes', str: null, int: null, dbl: null, bool: null }]);
    expect(of('kvlist')).toEqual([{ key: 'kvlist', str: null, int: null, dbl: null, bool: null }]);
  });
});
