import { describe, expect, it } from 'vitest';
import { formatSort, parseSort } from './viewParams';

const KEYS = ['start', 'duration', 'service'] as const;
const FALLBACK = { key: 'start' as const, direction: 'ascending' as const };

describe('sort parameters', () => {
  it('round-trips a sort', () => {
    const sort = { key: 'duration' as const, direction: 'descending' as const };
    expect(formatSort(sort)).toBe('duration.desc');
    expect(parseSort(formatSort(sort), KEYS, FALLBACK)).toEqual(sort);
  });

  it('falls back on unknown keys or a missing parameter, and keeps the default direction without one', () => {
    expect(parseSort('bogus.asc', KEYS, FALLBACK)).toEqual(FALLBACK);
    expect(parseSort(null, KEYS, FALLBACK)).toEqual(FALLBACK);
    expect(parseSort('service', KEYS, FALLBACK)).toEqual({ key: 'service', direction: 'ascending' });
  });
});
