import { describe, expect, it } from 'vitest';
import { sparklinePath } from './sparklinePath';

describe('sparklinePath', () => {
  it('maps 0..max to the height with a 1 px margin', () => {
    expect(sparklinePath([0, 5, 10], 100, 12)).toBe('M0.0 11.0 L50.0 6.0 L100.0 1.0');
  });
  it('breaks the line at nulls and marks isolated points', () => {
    expect(sparklinePath([1, null, 1, 1], 30, 12)).toBe('M0.0 1.0h0.5 M20.0 1.0 L30.0 1.0');
  });
  it('is empty without values', () => {
    expect(sparklinePath([null, null], 10, 10)).toBe('');
  });
});
