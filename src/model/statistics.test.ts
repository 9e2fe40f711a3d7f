import { describe, expect, it } from 'vitest';
import { buildTrace } from './buildTrace';
import { selfTimes } from './selfTime';
import { statsByOperation, statsByService } from './statistics';
import { makeSpan } from './testing/makeSpan';

const MS = 1_000_000;

const trace = buildTrace([
  makeSpan({ spanId: 'r', name: 'GET /', start: 0, duration: 100 }),
  makeSpan({ spanId: 'q1', parentSpanId: 'r', name: 'query', service: 'db', start: 10, duration: 30, status: 'error' }),
  makeSpan({ spanId: 'q2', parentSpanId: 'r', name: 'query', service: 'db', start: 50, duration: 20 }),
  makeSpan({ spanId: 'rd', parentSpanId: 'r', name: 'render', start: 80, duration: 15 }),
  makeSpan({ spanId: 'c', parentSpanId: 'rd', name: 'query', start: 85, duration: 5, status: 'error' }),
]);

describe('statsByService', () => {
  it('aggregates per service, sorted by total', () => {
    expect(statsByService(trace)).toEqual([
      {
        key: 'frontend',
        service: 'frontend',
        operation: null,
        count: 3,
        total: 120 * MS,
        self: 50 * MS, // GET / 100 - 65 = 35, render 15 - 5 = 10, query 5
        avg: 40 * MS,
        min: 5 * MS,
        max: 100 * MS,
        errors: 1,
      },
      {
        key: 'db',
        service: 'db',
        operation: null,
        count: 2,
        total: 50 * MS,
        self: 50 * MS,
        avg: 25 * MS,
        min: 20 * MS,
        max: 30 * MS,
        errors: 1,
      },
    ]);
  });
});

describe('statsByOperation', () => {
  it('aggregates per service and span name, sorted by total', () => {
    const self = selfTimes(trace);
    expect(statsByOperation(trace, self)).toEqual([
      {
        key: JSON.stringify(['frontend', 'GET /']),
        service: 'frontend',
        operation: 'GET /',
        count: 1,
        total: 100 * MS,
        self: 35 * MS,
        avg: 100 * MS,
        min: 100 * MS,
        max: 100 * MS,
        errors: 0,
      },
      {
        key: JSON.stringify(['db', 'query']),
        service: 'db',
        operation: 'query',
        count: 2,
        total: 50 * MS,
        self: 50 * MS,
        avg: 25 * MS,
        min: 20 * MS,
        max: 30 * MS,
        errors: 1,
      },
      {
        key: JSON.stringify(['frontend', 'render']),
        service: 'frontend',
        operation: 'render',
        count: 1,
        total: 15 * MS,
        self: 10 * MS,
        avg: 15 * MS,
        min: 15 * MS,
        max: 15 * MS,
        errors: 0,
      },
      {
        key: JSON.stringify(['frontend', 'query']),
        service: 'frontend',
        operation: 'query',
        count: 1,
        total: 5 * MS,
        self: 5 * MS,
        avg: 5 * MS,
        min: 5 * MS,
        max: 5 * MS,
        errors: 1,
      },
    ]);
  });

  it('breaks total ties by key', () => {
    const t = buildTrace([
      makeSpan({ spanId: 'r', name: 'b', duration: 10 }),
      makeSpan({ spanId: 's', name: 'a', duration: 10 }),
    ]);
    expect(statsByOperation(t).map((s) => s.operation)).toEqual(['a', 'b']);
  });

  it('rejects self times of another trace', () => {
    expect(() => statsByOperation(trace, new Float64Array(2))).toThrow(RangeError);
  });

  it('is empty for an empty trace', () => {
    expect(statsByService(buildTrace([]))).toEqual([]);
    expect(statsByOperation(buildTrace([]))).toEqual([]);
  });
});
