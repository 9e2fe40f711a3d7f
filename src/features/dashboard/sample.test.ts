import { describe, expect, it } from 'vitest';
import type { SearchHit, SearchQuery, TraceSource } from '../../sources/clients/types';
import { windowRange } from './dashboardWindow';
import { sampleTraces } from './sample';

const range = windowRange('1h', 3_600_000);
const hit = (traceId: string): SearchHit => ({ traceId, rootService: 'web', rootName: 'GET /', startTimeUnixNano: 1n, durationMs: 1 });

function fakeSource(kind: TraceSource['kind'], results: Record<string, SearchHit[]>, queries: SearchQuery[]): TraceSource {
  return {
    name: 'fake',
    kind,
    getTrace: () => Promise.reject(new Error('unused')),
    search: (q) => {
      queries.push(q);
      return Promise.resolve(results[q.service ?? '*'] ?? []);
    },
    services: () => Promise.resolve(Object.keys(results).filter((k) => k !== '*')),
    operations: () => Promise.resolve([]),
    tagNames: () => Promise.resolve([]),
    tagValues: () => Promise.resolve([]),
  };
}

describe('sampleTraces', () => {
  it('searches the whole window at once outside Jaeger', async () => {
    const queries: SearchQuery[] = [];
    const s = await sampleTraces(fakeSource('tempo', { '*': [hit('a'), hit('b')] }, queries), range, 2);
    expect(queries).toEqual([{ startSec: 0, endSec: 3600, limit: 2 }]);
    expect(s.hits.map((h) => h.traceId)).toEqual(['a', 'b']);
    expect(s.capped).toBe(true);
  });

  it('asks Jaeger per service and merges by trace ID', async () => {
    const queries: SearchQuery[] = [];
    const s = await sampleTraces(fakeSource('jaeger', { web: [hit('a'), hit('b')], db: [hit('b'), hit('c')] }, queries), range, 100);
    expect(queries.map((q) => [q.service, q.limit]).sort()).toEqual([
      ['db', 50],
      ['web', 50],
    ]);
    expect(s.hits.map((h) => h.traceId).sort()).toEqual(['a', 'b', 'c']);
    expect(s.capped).toBe(false);
  });
});
