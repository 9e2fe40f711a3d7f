import { describe, expect, it } from 'vitest';
import { offsetToReveal, rowWindow, scrollSpace } from './viewport';

describe('rowWindow', () => {
  it('covers the viewport plus overscan, clipped to the list', () => {
    expect(rowWindow(0, 240, 1000, 5)).toEqual({ first: 0, last: 15 });
    expect(rowWindow(2400, 240, 1000, 5)).toEqual({ first: 95, last: 115 });
    expect(rowWindow(23_900, 240, 1000, 5)).toEqual({ first: 990, last: 1000 });
    expect(rowWindow(0, 240, 0, 5)).toEqual({ first: 0, last: 0 });
  });
  it('includes a partly visible row', () => expect(rowWindow(12, 24, 100, 0)).toEqual({ first: 0, last: 2 }));
});

describe('scrollSpace', () => {
  it('is the identity for lists a browser can scroll', () => {
    const space = scrollSpace(1000, 500);
    expect(space.spacerHeight).toBe(24_000);
    expect(space.contentOffset(1234)).toBe(1234);
    expect(space.scrollTopFor(1234)).toBe(1234);
  });
  it('compresses huge lists so both ends stay reachable', () => {
    const rows = 2_000_000;
    const space = scrollSpace(rows, 500, 24, 15_000_000);
    expect(space.spacerHeight).toBe(15_000_000);
    const maxScroll = 15_000_000 - 500;
    expect(space.contentOffset(maxScroll)).toBeCloseTo(rows * 24 - 500);
    expect(space.contentOffset(0)).toBe(0);
    expect(space.contentOffset(space.scrollTopFor(1_000_000))).toBeCloseTo(1_000_000);
  });
});

describe('offsetToReveal', () => {
  it('leaves a visible row alone', () => expect(offsetToReveal(5, 0, 240, 'nearest')).toBe(0));
  it('scrolls the nearest edge to a row above or below', () => {
    expect(offsetToReveal(2, 240, 240, 'nearest')).toBe(48);
    expect(offsetToReveal(20, 0, 240, 'nearest')).toBe(21 * 24 - 240);
  });
  it('centres a far-away row', () => expect(offsetToReveal(1000, 0, 240, 'center')).toBe(24_000 - 108));
});
