/** The embedded service graph: store query + route, over a real DuckDB store in a temp dir. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeSpan } from '../../src/model/testing/makeSpan';
import { SpanStore } from '../store/spanStore';
import { jaegerRoutes } from './jaeger/routes';
import { serviceGraphRoutes, SERVICE_GRAPH_PATH } from './serviceGraphRoutes';

const A = '0000000000000000000000000000000a';
const B = '0000000000000000000000000000000b';
const C = '0000000000000000000000000000000c';
const BASE_SEC = 1_700_000_000;
const WINDOW = `start=${BASE_SEC - 10}&end=${BASE_SEC + 60}`;

let dir: string;
let store: SpanStore;
let app: ReturnType<typeof serviceGraphRoutes>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tracescope-service-graph-'));
  store = await SpanStore.open(dir, { retentionIntervalMs: 0 });
  await store.write([
    // A: frontend → cart → db ×2 (one error), frontend → frontend (internal, not a call).
    makeSpan({ traceId: A, spanId: 'a1', name: 'GET /cart', service: 'frontend', duration: 120 }),
    makeSpan({ traceId: A, spanId: 'a2', parentSpanId: 'a1', name: 'getCart', service: 'cart', start: 10, duration: 100 }),
    makeSpan({ traceId: A, spanId: 'a3', parentSpanId: 'a2', name: 'SELECT', service: 'db', start: 20, duration: 30, status: 'error' }),
    makeSpan({ traceId: A, spanId: 'a4', parentSpanId: 'a2', name: 'SELECT', service: 'db', start: 60, duration: 10 }),
    makeSpan({ traceId: A, spanId: 'a5', parentSpanId: 'a1', name: 'render', service: 'frontend', start: 110, duration: 5 }),
    // B: frontend → cart (error), 2 s later.
    makeSpan({ traceId: B, spanId: 'b1', name: 'GET /cart', service: 'frontend', start: 2000, duration: 40 }),
    makeSpan({ traceId: B, spanId: 'b2', parentSpanId: 'b1', name: 'getCart', service: 'cart', start: 2001, duration: 20, status: 'error' }),
    // C: an orphan in db (its parent never arrived): an entry span, not a call.
    makeSpan({ traceId: C, spanId: 'c1', parentSpanId: 'gone', name: 'vacuum', service: 'db', start: 3000, duration: 7 }),
  ]);
  app = serviceGraphRoutes(store, () => (BASE_SEC + 30) * 1000);
});

afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

/** R7 linear interpolation (DuckDB quantile_cont). */
function p99(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const pos = 0.99 * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
}

describe(SERVICE_GRAPH_PATH, () => {
  it('counts calls, errors and P99 per edge (child spans), ignoring same-service parents', async () => {
    const res = await app.request(`${SERVICE_GRAPH_PATH}?${WINDOW}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { edges: unknown[]; services: { name: string }[] };
    expect(body.edges).toEqual([
      { parent: 'cart', child: 'db', callCount: 2, errorCount: 1, p99Ms: p99([30, 10]) },
      { parent: 'frontend', child: 'cart', callCount: 2, errorCount: 1, p99Ms: p99([100, 20]) },
    ]);
  });

  it('gives each service its entry spans, errors, P99 and top operations', async () => {
    const res = await app.request(`${SERVICE_GRAPH_PATH}?${WINDOW}`);
    const body = (await res.json()) as { services: unknown[] };
    expect(body.services).toEqual([
      { name: 'cart', callCount: 2, errorCount: 1, p99Ms: p99([100, 20]), operations: [{ name: 'getCart', callCount: 2, errorCount: 1, p99Ms: p99([100, 20]) }] },
      {
        name: 'db',
        callCount: 3,
        errorCount: 1,
        p99Ms: p99([30, 10, 7]),
        operations: [
          { name: 'SELECT', callCount: 2, errorCount: 1, p99Ms: p99([30, 10]) },
          { name: 'vacuum', callCount: 1, errorCount: 0, p99Ms: 7 },
        ],
      },
      { name: 'frontend', callCount: 2, errorCount: 0, p99Ms: p99([120, 40]), operations: [{ name: 'GET /cart', callCount: 2, errorCount: 0, p99Ms: p99([120, 40]) }] },
    ]);
  });

  it('agrees with Jaeger /api/dependencies on call counts', async () => {
    const jaeger = jaegerRoutes(store);
    const deps = (await (await jaeger.request(`/jaeger/api/dependencies?endTs=${(BASE_SEC + 60) * 1000}&lookback=70000`)).json()) as { data: unknown[] };
    const ours = (await (await app.request(`${SERVICE_GRAPH_PATH}?${WINDOW}`)).json()) as { edges: { parent: string; child: string; callCount: number }[] };
    expect(ours.edges.map(({ parent, child, callCount }) => ({ parent, child, callCount }))).toEqual(deps.data);
  });

  it('keeps only traces overlapping the window', async () => {
    const res = await app.request(`${SERVICE_GRAPH_PATH}?start=${BASE_SEC + 1.5}&end=${BASE_SEC + 2.5}`);
    const body = (await res.json()) as { edges: unknown[]; start: number; end: number };
    expect(body.start).toBe(BASE_SEC + 1.5);
    expect(body.edges).toEqual([{ parent: 'frontend', child: 'cart', callCount: 1, errorCount: 1, p99Ms: 20 }]);
  });

  it('defaults to the hour before now and answers an empty graph for an empty window', async () => {
    const res = await app.request(`${SERVICE_GRAPH_PATH}?start=${BASE_SEC + 100}&end=${BASE_SEC + 200}`);
    expect(await res.json()).toEqual({ start: BASE_SEC + 100, end: BASE_SEC + 200, services: [], edges: [] });
    const dflt = (await (await app.request(SERVICE_GRAPH_PATH)).json()) as { start: number; end: number; edges: unknown[] };
    expect(dflt.end).toBe(BASE_SEC + 30);
    expect(dflt.start).toBe(BASE_SEC + 30 - 3600);
    expect(dflt.edges).toHaveLength(2);
  });

  it('rejects bad times with a 400 naming the parameter', async () => {
    const bad = await app.request(`${SERVICE_GRAPH_PATH}?start=yesterday`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('invalid start');
    const reversed = await app.request(`${SERVICE_GRAPH_PATH}?start=${BASE_SEC + 10}&end=${BASE_SEC}`);
    expect(reversed.status).toBe(400);
    expect(await reversed.text()).toBe('invalid start: must be before end');
  });
});
