import { describe, expect, it } from 'vitest';
import { quantileCont } from './quantile';

describe('quantileCont (DuckDB quantile_cont)', () => {
  it('interpolates linearly at q·(n − 1)', () => {
    expect(quantileCont([10, 20, 30, 40], 0.5)).toBe(25);
    expect(quantileCont([40, 10, 30, 20], 0.99)).toBeCloseTo(30 + 10 * 0.97, 10);
    expect(quantileCont([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.9)).toBe(10);
  });

  it('handles the ends and a single value', () => {
    expect(quantileCont([3, 1, 2], 0)).toBe(1);
    expect(quantileCont([3, 1, 2], 1)).toBe(3);
    expect(quantileCont([7], 0.99)).toBe(7);
  });

  it('is null without values and rejects a bad quantile', () => {
    expect(quantileCont([], 0.5)).toBeNull();
    expect(() => quantileCont([1], 1.5)).toThrow(RangeError);
  });
});
