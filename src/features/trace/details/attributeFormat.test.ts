import { describe, expect, it } from 'vitest';
import type { Attribute, AttributeValue } from '../../../model/types';
import { attributeMatches, bytesToHex, exactNs, filterAttributes, formatDouble, formatValue, typeLabel, wallClock } from './attributeFormat';

const s = (value: string): AttributeValue => ({ type: 'string', value });
const i = (value: bigint): AttributeValue => ({ type: 'int', value });

describe('formatValue', () => {
  it('keeps strings as they are, markup included (rendered as text later)', () => {
    expect(formatValue(s('<img src=x onerror=alert(1)>'))).toBe('<img src=x onerror=alert(1)>');
  });
  it('shows int64 exactly', () => {
    expect(formatValue(i(9_007_199_254_740_993n))).toBe('9007199254740993');
    expect(formatValue(i(-1n))).toBe('-1');
  });
  it('tells doubles from ints', () => {
    expect(formatDouble(129.5)).toBe('129.5');
    expect(formatDouble(3)).toBe('3.0');
    expect(formatDouble(1e21)).toBe('1e+21');
    expect(formatDouble(NaN)).toBe('NaN');
    expect(formatDouble(-Infinity)).toBe('-Infinity');
  });
  it('formats bools, bytes and empty', () => {
    expect(formatValue({ type: 'bool', value: false })).toBe('false');
    expect(bytesToHex(new Uint8Array([0, 15, 255]))).toBe('000fff');
    expect(bytesToHex(new Uint8Array())).toBe('(0 bytes)');
    expect(formatValue({ type: 'empty' })).toBe('(empty)');
  });
  it('quotes strings inside nested values', () => {
    const v: AttributeValue = { type: 'array', value: [s('a, b'), i(2n), { type: 'kvlist', value: [{ key: 'k', value: s('v') }] }] };
    expect(formatValue(v)).toBe('["a, b", 2, {k: "v"}]');
  });
});

describe('typeLabel', () => {
  it('names homogeneous arrays by element type', () => {
    expect(typeLabel({ type: 'array', value: [i(1n), i(2n)] })).toBe('int[]');
    expect(typeLabel({ type: 'array', value: [i(1n), s('x')] })).toBe('array');
    expect(typeLabel({ type: 'array', value: [] })).toBe('array');
    expect(typeLabel({ type: 'double', value: 1 })).toBe('double');
  });
});

describe('filterAttributes', () => {
  const attrs: Attribute[] = [
    { key: 'http.route', value: s('/checkout') },
    { key: 'order.items', value: i(3n) },
    { key: 'tags', value: { type: 'array', value: [s('Gold'), s('eu')] } },
  ];
  it('matches keys and values, case-insensitively, nested too', () => {
    expect(filterAttributes(attrs, 'HTTP').map((a) => a.key)).toEqual(['http.route']);
    expect(filterAttributes(attrs, '3').map((a) => a.key)).toEqual(['order.items']);
    expect(filterAttributes(attrs, 'gold').map((a) => a.key)).toEqual(['tags']);
    expect(filterAttributes(attrs, '  ')).toBe(attrs);
    expect(filterAttributes(attrs, 'nothing')).toEqual([]);
    expect(attributeMatches(attrs[0]!, '')).toBe(true);
  });
});

describe('exactNs and wallClock', () => {
  it('shows exact figures for hover titles', () => {
    expect(exactNs(215_000_000)).toBe('215,000,000 ns');
    expect(wallClock(1_700_000_000_123_456_789n)).toBe('2023-11-14 22:13:20.123456789 UTC');
  });
});
