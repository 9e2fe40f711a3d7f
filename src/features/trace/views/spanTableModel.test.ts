import { describe, expect, it } from 'vitest';
import { buildTrace } from '../../../model/buildTrace';
import { selfTimes } from '../../../model/selfTime';
import { makeSpan } from '../../../model/testing/makeSpan';
import { scrollToRow, sortSpans, visibleWindow } from './spanTableModel';

const trace = buildTrace([
  makeSpan({ spanId: 'r', start: 0, duration: 100, service: 'api', name: 'GET /' }),
  makeSpan({ spanId: 'b', parentSpanId: 'r', start: 50, duration: 10, service: 'db', name: 'query', status: 'error' }),
  makeSpan({ spanId: 'a', parentSpanId: 'r', start: 10, duration: 30, service: 'cache', name: 'get' }),
]);
const self = selfTimes(trace);
const names = (order: Int32Array) => [...order].map((i) => trace.spans[i]!.name);

describe('sortSpans', () => {
  it('sorts by start, duration, self, text and status', () => {
    expect(names(sortSpans(trace.spans, self, { key: 'start', direction: 'ascending' }))).toEqual(['GET /', 'get', 'query']);
    expect(names(sortSpans(trace.spans, self, { key: 'duration', direction: 'descending' }))).toEqual(['GET /', 'get', 'query']);
    expect(names(sortSpans(trace.spans, self, { key: 'self', direction: 'descending' }))).toEqual(['GET /', 'get', 'query']);
    expect(names(sortSpans(trace.spans, self, { key: 'service', direction: 'descending' }))).toEqual(['query', 'get', 'GET /']);
    expect(names(sortSpans(trace.spans, self, { key: 'status', direction: 'descending' }))[0]).toBe('query');
  });
});

describe('visibleWindow', () => {
  it('covers the viewport plus overscan, clamped to the rows', () => {
    expect(visibleWindow(0, 240, 24, 100_000, 5)).toEqual([0, 15]);
    expect(visibleWindow(24_000, 240, 24, 100_000, 5)).toEqual([995, 1015]);
    expect(visibleWindow(24 * 99_995, 240, 24, 100_000, 5)).toEqual([99_990, 100_000]);
    expect(visibleWindow(0, 240, 24, 0)).toEqual([0, 0]);
  });
  it('scrolls a row into view only when needed', () => {
    expect(scrollToRow(5, 0, 240, 24)).toBe(0);
    expect(scrollToRow(20, 0, 240, 24)).toBe(21 * 24 - 240);
    expect(scrollToRow(2, 200, 240, 24)).toBe(48);
  });
});
