import { describe, expect, it } from 'vitest';
import { formatDuration } from './format';

describe('formatDuration', () => {
  it.each([
    [0, '0 ns'],
    [1, '1 ns'],
    [0.5, '0.5 ns'],
    [812, '812 ns'],
    [999, '999 ns'],
    [999.6, '1 µs'],
    [1_000, '1 µs'],
    [1_500, '1.5 µs'],
    [12_345, '12.3 µs'],
    [812_000, '812 µs'],
    [999_999, '1 ms'],
    [1_000_000, '1 ms'],
    [12_400_000, '12.4 ms'],
    [12_345_678, '12.3 ms'],
    [123_456_789, '123 ms'],
    [999_999_999, '1 s'],
    [1_320_000_000, '1.32 s'],
    [59_000_000_000, '59 s'],
    [59_990_000_000, '1 min'],
    [60_000_000_000, '1 min'],
    [61_000_000_000, '1.02 min'],
    [150_000_000_000, '2.5 min'],
    [5_400_000_000_000, '1.5 h'],
    [3_600_000_000_000 * 1234, '1234 h'],
    [-12_400_000, '-12.4 ms'],
    [-0.001, '0 ns'],
  ])('%d ns → %s', (ns, text) => {
    expect(formatDuration(ns)).toBe(text);
  });

  it('gives a dash for non-finite input', () => {
    expect(formatDuration(Number.NaN)).toBe('—');
    expect(formatDuration(Infinity)).toBe('—');
  });
});
