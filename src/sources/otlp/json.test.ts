import { describe, expect, it } from 'vitest';
import { decimalToBigInt, toInt64 } from './json';

describe('decimalToBigInt', () => {
  it('equals BigInt(text) for every length and sign, timestamps included', () => {
    const texts = ['0', '-0', '7', '-12', '007', '123456789012345', '1234567890123456', '-1234567890123456'];
    texts.push('1700000000123456789', '1700000000999999999', '1700000001000000000', '18446744073709551615', '-9223372036854775808');
    texts.push('99999999999999999999', '00000000000000000001');
    for (const text of texts) expect(decimalToBigInt(text)).toBe(BigInt(text));
  });

  it('stays exact when consecutive values share or change their seconds', () => {
    let seed = 1;
    for (let i = 0; i < 2000; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      const text = `${1_700_000_000 + (seed % 7)}${String(seed % 1_000_000_000).padStart(9, '0')}`;
      expect(decimalToBigInt(text)).toBe(BigInt(text));
    }
  });

  it('is what toInt64 uses for strings', () => {
    expect(toInt64('1700000000123456789')).toBe(1700000000123456789n);
    expect(toInt64('1.5')).toBeUndefined();
  });
});
