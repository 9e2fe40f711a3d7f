import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildTrace } from '../../model/buildTrace';
import { makeSpan } from '../../model/testing/makeSpan';
import { fetchDependencies, fetchStoreGraph, mergeEdges, servicesFromEdges } from './serviceGraph';
import { fetchPrometheusGraph, serviceGraphQueries } from './serviceGraphPrometheus';
import { graphOfTraces, quantile } from './serviceGraphSample';
import { loadServiceGraph } from './serviceGraphSource';
import type { FetchFn, TraceSource } from './types';
import { SourceError } from './types';

const WINDOW = { startSec: 1_700_000_000, endSec: 1_700_003_600 };

function fakeFetch(answer: (url: string) => { status?: number; body: unknown }): { fetch: FetchFn; urls: string[] } {
  const urls: string[] = [];
  const fetch: FetchFn = async (url) => {
    urls.push(url);
    const { status = 200, body } = answer(url);
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status });
  };
  return { fetch, urls };
}

describe('fetchStoreGraph', () => {
  it('reads the embedded store graph, adding services seen only in edges', async () => {
    const { fetch, urls } = fakeFetch(() => ({
      body: {
        start: WINDOW.startSec,
        end: WINDOW.endSec,
        edges: [{ parent: 'a', child: 'b', callCount: 3, errorCount: 1, p99Ms: 12.5 }],
        services: [{ name: 'b', callCount: 3, errorCount: 1, p99Ms: 12.5, operations: [{ name: 'GET', callCount: 3, errorCount: 1, p99Ms: 12.5 }] }],
      },
    }));
    const graph = await fetchStoreGraph(WINDOW, { fetch });
    expect(urls).toEqual([`/api/tracescope/service-graph?start=${WINDOW.startSec}&end=${WINDOW.endSec}`]);
    expect(graph.basis).toBe('store');
    expect(graph.edges).toEqual([{ parent: 'a', child: 'b', callCount: 3, errorCount: 1, p99Ms: 12.5 }]);
    expect(graph.services).toEqual([{ name: 'a' }, { name: 'b', callCount: 3, errorCount: 1, p99Ms: 12.5, operations: [{ name: 'GET', callCount: 3, errorCount: 1, p99Ms: 12.5 }] }]);
  });

  it('explains a server error and a malformed answer', async () => {
    const failing = fakeFetch(() => ({ status: 400, body: 'invalid start: must be before end' }));
    await expect(fetchStoreGraph(WINDOW, { fetch: failing.fetch })).rejects.toMatchObject({ kind: 'http', status: 400, serverMessage: 'invalid start: must be before end' });
    const odd = fakeFetch(() => ({ body: { edges: 'nope' } }));
    await expect(fetchStoreGraph(WINDOW, { fetch: odd.fetch })).rejects.toBeInstanceOf(SourceError);
  });
});

describe('fetchDependencies', () => {
  it('asks Jaeger through the proxy with endTs/lookback in ms and reads the data envelope', async () => {
    const { fetch, urls } = fakeFetch(() => ({ body: { data: [{ parent: 'a', child: 'b', callCount: 4 }, { parent: 'a', child: 'b', callCount: 1 }], total: 0 } }));
    const graph = await fetchDependencies({ name: 'prod', kind: 'jaeger' }, WINDOW, { fetch });
    expect(urls).toEqual([`/api/tracescope/sources/prod/proxy/api/dependencies?endTs=${WINDOW.endSec * 1000}&lookback=3600000`]);
    expect(graph.edges).toEqual([{ parent: 'a', child: 'b', callCount: 5 }]);
    // Jaeger has no errors or latency: left undefined, not 0.
    expect(graph.services).toEqual([{ name: 'a' }, { name: 'b', callCount: 5 }]);
  });

  it('reads Zipkin v2 links with errorCount', async () => {
    const { fetch, urls } = fakeFetch(() => ({ body: [{ parent: 'a', child: 'b', callCount: 10, errorCount: 2 }] }));
    const graph = await fetchDependencies({ name: 'zip', kind: 'zipkin' }, WINDOW, { fetch });
    expect(urls[0]).toContain('/api/tracescope/sources/zip/proxy/api/v2/dependencies?endTs=');
    expect(graph.services).toEqual([{ name: 'a' }, { name: 'b', callCount: 10, errorCount: 2 }]);
  });

  it('reads the 1238-service Jaeger fixture', async () => {
    const text = readFileSync(fileURLToPath(new URL('../__fixtures__/jaeger/v1-dependencies-data-large-1238services.json', import.meta.url)), 'utf8');
    const { fetch } = fakeFetch(() => ({ body: text }));
    const graph = await fetchDependencies({ name: 'big', kind: 'jaeger' }, WINDOW, { fetch });
    expect(graph.services).toHaveLength(1238);
    const raw = JSON.parse(text) as { callCount: number }[];
    expect(graph.edges.reduce((n, e) => n + e.callCount, 0)).toBe(raw.reduce((n, e) => n + e.callCount, 0));
  });

  it('rejects links without parent/child', async () => {
    const { fetch } = fakeFetch(() => ({ body: { data: [{ parent: 'a' }] } }));
    await expect(fetchDependencies({ name: 'p', kind: 'jaeger' }, WINDOW, { fetch })).rejects.toThrow(/without parent\/child/);
  });
});

describe('fetchPrometheusGraph', () => {
  const vector = (rows: [string, string, string][]) => ({
    status: 'success',
    data: { resultType: 'vector', result: rows.map(([client, server, v]) => ({ metric: { client, server }, value: [WINDOW.endSec, v] })) },
  });

  it('joins calls, failures and P99 per client/server pair', async () => {
    const { fetch, urls } = fakeFetch((url) => {
      const q = new URL(url, 'http://x').searchParams.get('query') ?? '';
      if (q.includes('failed')) return { body: vector([['a', 'b', '2.4']]) };
      if (q.includes('histogram_quantile')) return { body: vector([['a', 'b', '0.25'], ['a', 'c', 'NaN']]) };
      return { body: vector([['a', 'b', '100.4'], ['a', 'c', '7'], ['x', 'y', '0']]) };
    });
    const graph = await fetchPrometheusGraph('tempo-prod', WINDOW, { fetch });
    expect(urls).toHaveLength(3);
    expect(urls[0]).toMatch(/^\/api\/tracescope\/sources\/tempo-prod\/prometheus\/api\/v1\/query\?query=/);
    expect(new URL(urls[0] as string, 'http://x').searchParams.get('query')).toBe(serviceGraphQueries(3600).calls);
    expect(graph.edges).toEqual([
      { parent: 'a', child: 'b', callCount: 100, errorCount: 2, p99Ms: 250 },
      { parent: 'a', child: 'c', callCount: 7, errorCount: 0 },
    ]);
    expect(graph.basis).toBe('prometheus');
  });

  it('names Prometheus in errors', async () => {
    const { fetch } = fakeFetch(() => ({ status: 422, body: { status: 'error', error: 'parse error' } }));
    await expect(fetchPrometheusGraph('t', WINDOW, { fetch })).rejects.toMatchObject({ source: 't (Prometheus)', status: 422 });
  });
});

describe('mergeEdges / servicesFromEdges', () => {
  it('sums duplicate pairs and drops the P99 it cannot combine', () => {
    expect(mergeEdges([{ parent: 'b', child: 'c', callCount: 1 }, { parent: 'a', child: 'b', callCount: 2, errorCount: 1, p99Ms: 3 }, { parent: 'a', child: 'b', callCount: 3, errorCount: 0, p99Ms: 9 }])).toEqual([
      { parent: 'a', child: 'b', callCount: 5, errorCount: 1 },
      { parent: 'b', child: 'c', callCount: 1 },
    ]);
  });

  it('gives each service the calls into it, errors only when every edge knows them', () => {
    expect(servicesFromEdges([{ parent: 'a', child: 'c', callCount: 2, errorCount: 1 }, { parent: 'b', child: 'c', callCount: 3 }])).toEqual([{ name: 'a' }, { name: 'b' }, { name: 'c', callCount: 5 }]);
  });
});

describe('graphOfTraces (sampled)', () => {
  const t1 = buildTrace([
    makeSpan({ traceId: 't1', spanId: 'r', service: 'web', name: 'GET /', duration: 100 }),
    makeSpan({ traceId: 't1', spanId: 'x', parentSpanId: 'r', service: 'web', name: 'render', duration: 10 }),
    makeSpan({ traceId: 't1', spanId: 'y', parentSpanId: 'x', service: 'api', name: 'list', duration: 40, status: 'error' }),
    makeSpan({ traceId: 't1', spanId: 'z', parentSpanId: 'r', service: 'api', name: 'list', duration: 20 }),
  ]);
  const t2 = buildTrace([
    makeSpan({ traceId: 't2', spanId: 'r', service: 'web', name: 'GET /', duration: 50 }),
    makeSpan({ traceId: 't2', spanId: 'y', parentSpanId: 'r', service: 'api', name: 'get', duration: 30 }),
  ]);

  it('counts cross-service calls with errors and P99, and entry operations per service', () => {
    const graph = graphOfTraces([t1, t2]);
    expect(graph.edges).toEqual([{ parent: 'web', child: 'api', callCount: 3, errorCount: 1, p99Ms: quantile([40, 20, 30], 0.99) }]);
    expect(graph.services).toEqual([
      {
        name: 'api',
        callCount: 3,
        errorCount: 1,
        p99Ms: quantile([40, 20, 30], 0.99),
        operations: [
          { name: 'list', callCount: 2, errorCount: 1, p99Ms: quantile([40, 20], 0.99) },
          { name: 'get', callCount: 1, errorCount: 0, p99Ms: 30 },
        ],
      },
      { name: 'web', callCount: 2, errorCount: 0, p99Ms: quantile([100, 50], 0.99), operations: [{ name: 'GET /', callCount: 2, errorCount: 0, p99Ms: quantile([100, 50], 0.99) }] },
    ]);
  });

  it('interpolates quantiles like DuckDB quantile_cont', () => {
    expect(quantile([10, 20], 0.99)).toBeCloseTo(19.9);
    expect(quantile([5], 0.99)).toBe(5);
    expect(quantile([], 0.99)).toBe(0);
  });

  it('loadServiceGraph samples a source without a dependency API and says how many traces', async () => {
    const traces = new Map([['t1', t1], ['t2', t2]]);
    const client = {
      name: 'tempo',
      kind: 'tempo',
      search: async (query: { limit?: number }) => {
        expect(query.limit).toBe(5);
        return [...traces.keys()].map((traceId) => ({ traceId, rootService: 'web', rootName: 'GET /', startTimeUnixNano: 0n, durationMs: 1 }));
      },
      getTrace: async (id: string) => ({ trace: traces.get(id), format: 'otlp-json', issues: [], partial: false, url: '' }),
    } as unknown as TraceSource;
    const graph = await loadServiceGraph({ name: 'tempo', kind: 'tempo', dependencies: false }, client, WINDOW, { sample: 5 });
    expect(graph.basis).toBe('sampled');
    expect(graph.sampledTraces).toBe(2);
    expect(graph.edges[0]?.callCount).toBe(3);
  });
});
