import { describe, expect, it } from 'vitest';
import type { SearchHit } from '../../sources/clients/types';
import { operationsFromJaeger, operationsFromMetrics, operationsFromSample, parseSort, formatSort, sortOperations, type OperationRow } from './operations';

const op = (service: string, name: string) => ({ 'resource.service.name': service, name });

describe('operationsFromMetrics', () => {
  it('joins counts, errors and quantiles per service and span name', () => {
    const rows = operationsFromMetrics(
      [
        { labels: op('web', 'GET /'), value: 120 },
        { labels: op('db', 'query'), value: 60 },
        { labels: op('db', 'idle'), value: 0 },
      ],
      [{ labels: op('db', 'query'), value: 3 }],
      [
        { labels: { ...op('db', 'query'), p: 0.5 }, value: 0.002 },
        { labels: { ...op('db', 'query'), p: 0.99 }, value: 0.04 },
      ],
      60_000,
    );
    expect(rows).toEqual([
      { service: 'web', operation: 'GET /', calls: 120, ratePerSec: 2, errors: 0, p50Ms: null, p99Ms: null },
      { service: 'db', operation: 'query', calls: 60, ratePerSec: 1, errors: 3, p50Ms: 2, p99Ms: 40 },
    ]);
  });
});

describe('operationsFromJaeger', () => {
  it('averages the SPM points and estimates calls and errors over the window', () => {
    const labels = { service_name: 'web', operation: 'GET /' };
    const pts = (...v: number[]) => v.map((value, i) => ({ timeMs: i, value }));
    const rows = operationsFromJaeger(
      [{ labels, points: pts(1, 3) }, { labels: { service_name: 'web', operation: 'idle' }, points: [] }],
      [{ labels, points: pts(0.1, 0.1) }],
      [{ labels, points: pts(10, 20) }],
      [{ labels, points: pts(100) }],
      60_000,
    );
    expect(rows).toEqual([{ service: 'web', operation: 'GET /', calls: 120, ratePerSec: 2, errors: 12, p50Ms: 15, p99Ms: 100 }]);
  });
});

describe('operationsFromSample', () => {
  it('groups root operations of the hits', () => {
    const hit = (rootName: string, durationMs: number, errorCount: number): SearchHit => ({ traceId: '1', rootService: 'web', rootName, startTimeUnixNano: 0n, durationMs, errorCount });
    const rows = operationsFromSample([hit('GET /', 10, 0), hit('GET /', 20, 2), hit('POST /', 5, 0)], 10_000);
    expect(rows).toEqual([
      { service: 'web', operation: 'GET /', calls: 2, ratePerSec: 0.2, errors: 1, p50Ms: 15, p99Ms: 19.9 },
      { service: 'web', operation: 'POST /', calls: 1, ratePerSec: 0.1, errors: 0, p50Ms: 5, p99Ms: 5 },
    ]);
  });
});

describe('sortOperations', () => {
  const row = (service: string, operation: string, calls: number, p99Ms: number | null): OperationRow => ({ service, operation, calls, ratePerSec: calls, errors: 0, p50Ms: null, p99Ms });
  const rows = [row('b', 'x', 5, 10), row('a', 'y', 5, null), row('a', 'x', 9, 30)];
  const order = (r: OperationRow[]) => r.map((x) => `${x.service}/${x.operation}`);

  it('sorts numbers either way with ties by service and operation', () => {
    expect(order(sortOperations(rows, { key: 'rate', dir: 'descending' }))).toEqual(['a/x', 'a/y', 'b/x']);
    expect(order(sortOperations(rows, { key: 'rate', dir: 'ascending' }))).toEqual(['a/y', 'b/x', 'a/x']);
  });
  it('puts missing latencies last in both directions', () => {
    expect(order(sortOperations(rows, { key: 'p99', dir: 'descending' }))).toEqual(['a/x', 'b/x', 'a/y']);
    expect(order(sortOperations(rows, { key: 'p99', dir: 'ascending' }))).toEqual(['b/x', 'a/x', 'a/y']);
  });
  it('sorts text columns', () => {
    expect(order(sortOperations(rows, { key: 'service', dir: 'ascending' }))).toEqual(['a/x', 'a/y', 'b/x']);
    expect(order(sortOperations(rows, { key: 'operation', dir: 'descending' }))).toEqual(['a/y', 'b/x', 'a/x']);
  });
  it('round-trips through the URL', () => {
    expect(parseSort('p99:asc')).toEqual({ key: 'p99', dir: 'ascending' });
    expect(formatSort(parseSort('errors:desc'))).toBe('errors:desc');
    expect(parseSort('bogus')).toEqual({ key: 'rate', dir: 'descending' });
  });
});
