import { describe, expect, it } from 'vitest';
import { buildTrace } from '../../model/buildTrace';
import { compareTraces } from '../../model/compareTraces';
import { makeSpan } from '../../model/testing/makeSpan';
import { visibleNodes } from './visibleNodes';

const trace = (cacheMs: number, extra: boolean) =>
  buildTrace([
    makeSpan({ spanId: 'r', service: 'gw', name: 'GET', duration: 100 }),
    makeSpan({ spanId: 'a', parentSpanId: 'r', service: 'api', name: 'load', duration: 10 }),
    makeSpan({ spanId: 'c', parentSpanId: 'r', service: 'cache', name: 'get', duration: cacheMs }),
    ...(extra ? [makeSpan({ spanId: 'x', parentSpanId: 'c', service: 'cache', name: 'refill', duration: 1 })] : []),
  ]);

describe('visibleNodes', () => {
  const result = compareTraces(trace(5, false), trace(5, true));
  it('shows every node in tree order', () => {
    expect(visibleNodes(result.roots, false).map((n) => n.key)).toEqual(['gw:GET', 'gw:GET > api:load', 'gw:GET > cache:get', 'gw:GET > cache:get > cache:refill']);
  });
  it('keeps only differences and the ancestors leading to them', () => {
    expect(visibleNodes(result.roots, true).map((n) => n.key)).toEqual(['gw:GET', 'gw:GET > cache:get', 'gw:GET > cache:get > cache:refill']);
    expect(visibleNodes(compareTraces(trace(5, false), trace(5, false)).roots, true)).toEqual([]);
  });
});
