import { describe, expect, it } from 'vitest';
import type { SearchHit } from '../../sources/clients';
import { ariaSort, nextSort, sortHits } from './sortHits';

const hit = (id: string, at: number, durationMs: number, spanCount?: number): SearchHit => ({
  traceId: id.padStart(32, '0'),
  rootService: 's',
  rootName: 'o',
  startTimeUnixNano: BigInt(at),
  durationMs,
  ...(spanCount !== undefined ? { spanCount } : {}),
});

describe('sortHits', () => {
  const hits = [hit('a', 1, 30, 2), hit('b', 3, 10), hit('c', 2, 30, 5)];
  const ids = (list: SearchHit[]) => list.map((h) => h.traceId.slice(-1));
  it('sorts by each column in both directions with stable ties', () => {
    expect(ids(sortHits(hits, 'start-desc'))).toEqual(['b', 'c', 'a']);
    expect(ids(sortHits(hits, 'start-asc'))).toEqual(['a', 'c', 'b']);
    expect(ids(sortHits(hits, 'duration-desc'))).toEqual(['c', 'a', 'b']);
    expect(ids(sortHits(hits, 'duration-asc'))).toEqual(['b', 'c', 'a']);
    expect(ids(sortHits(hits, 'spans-desc'))).toEqual(['c', 'a', 'b']);
  });
  it('toggles and reports aria-sort', () => {
    expect(nextSort('start-desc', 'start')).toBe('start-asc');
    expect(nextSort('start-asc', 'duration')).toBe('duration-desc');
    expect(ariaSort('duration-asc', 'duration')).toBe('ascending');
    expect(ariaSort('duration-asc', 'start')).toBe('none');
  });
});
