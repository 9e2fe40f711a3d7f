import { describe, expect, it } from 'vitest';
import { compareValues, nextSort, sortedOrder } from './tableSort';

describe('nextSort', () => {
  it('flips the same column and starts others in their natural direction', () => {
    const byTotal = { key: 'total', direction: 'descending' } as const;
    expect(nextSort(byTotal, 'total', true)).toEqual({ key: 'total', direction: 'ascending' });
    expect(nextSort({ key: 'total', direction: 'ascending' }, 'total', true)).toEqual({ key: 'total', direction: 'descending' });
    expect(nextSort(byTotal, 'count', true)).toEqual({ key: 'count', direction: 'descending' });
    expect(nextSort(byTotal, 'service', false)).toEqual({ key: 'service', direction: 'ascending' });
  });
});

describe('sortedOrder', () => {
  it('sorts numbers both ways, stable on ties', () => {
    const values = [5, 1, 5, 3];
    expect([...sortedOrder(4, (i) => values[i]!, 'ascending')]).toEqual([1, 3, 0, 2]);
    expect([...sortedOrder(4, (i) => values[i]!, 'descending')]).toEqual([0, 2, 3, 1]);
  });
  it('sorts text naturally and case-insensitively', () => {
    const names = ['span10', 'Span2', 'alpha', 'span1'];
    expect([...sortedOrder(4, (i) => names[i]!, 'ascending')].map((i) => names[i])).toEqual(['alpha', 'span1', 'Span2', 'span10']);
  });
  it('keeps unknown numbers last in ascending order', () => {
    expect(compareValues(NaN, 1)).toBeGreaterThan(0);
    expect(compareValues(1, NaN)).toBeLessThan(0);
    expect(compareValues(NaN, NaN)).toBe(0);
  });
});
