import { describe, expect, it } from 'vitest';
import { buildTrace } from '../../../model/buildTrace';
import { selfTimes } from '../../../model/selfTime';
import { makeSpan } from '../../../model/testing/makeSpan';
import { formatShare, sortStatsRows, statsRows } from './statisticsRows';

// api 0–100 ms → db 10–40 ms, db 50–60 ms (two "query" spans), cache 70–75 ms.
const trace = buildTrace([
  makeSpan({ spanId: 'r', start: 0, duration: 100, service: 'api', name: 'GET /' }),
  makeSpan({ spanId: 'd1', parentSpanId: 'r', start: 10, duration: 30, service: 'db', name: 'query' }),
  makeSpan({ spanId: 'd2', parentSpanId: 'r', start: 50, duration: 10, service: 'db', name: 'query', status: 'error' }),
  makeSpan({ spanId: 'c', parentSpanId: 'r', start: 70, duration: 5, service: 'cache', name: 'get' }),
]);
const self = selfTimes(trace);

describe('statsRows', () => {
  it('adds the shares of trace duration and of exclusive time', () => {
    const rows = statsRows(trace, 'service', self);
    const db = rows.find((r) => r.service === 'db')!;
    expect(db).toMatchObject({ count: 2, total: 40e6, self: 40e6, min: 10e6, max: 30e6, avg: 20e6, errors: 1 });
    expect(db.traceShare).toBeCloseTo(0.4);
    // Exclusive time sums to the root's 100 ms: api keeps 55, db 40, cache 5.
    expect(db.selfShare).toBeCloseTo(0.4);
    expect(rows.find((r) => r.service === 'api')!.selfShare).toBeCloseTo(0.55);
  });

  it('groups by operation', () => {
    const rows = statsRows(trace, 'operation', self);
    expect(rows.map((r) => `${r.service}/${r.operation}`).sort()).toEqual(['api/GET /', 'cache/get', 'db/query']);
  });
});

describe('sortStatsRows', () => {
  const rows = statsRows(trace, 'service', self);
  it('sorts by any column in both directions', () => {
    expect(sortStatsRows(rows, { key: 'total', direction: 'descending' }).map((r) => r.service)).toEqual(['api', 'db', 'cache']);
    expect(sortStatsRows(rows, { key: 'count', direction: 'descending' }).map((r) => r.service)[0]).toBe('db');
    expect(sortStatsRows(rows, { key: 'service', direction: 'ascending' }).map((r) => r.service)).toEqual(['api', 'cache', 'db']);
    expect(sortStatsRows(rows, { key: 'max', direction: 'ascending' }).map((r) => r.service)).toEqual(['cache', 'db', 'api']);
  });
});

describe('formatShare', () => {
  it('rounds by size and marks unknown', () => {
    expect(formatShare(0.4)).toBe('40%');
    expect(formatShare(0.0123)).toBe('1.2%');
    expect(formatShare(1.5)).toBe('150%');
    expect(formatShare(NaN)).toBe('—');
  });
});
