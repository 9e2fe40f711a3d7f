/**
 * The dashboard's TraceQL metrics queries (src/sources/clients/metricsQueries.ts) over a real
 * store, through the HTTP routes and the app's metrics client: every figure must equal the one
 * computed directly from the spans written (the embedded backend's figures are EXACT).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SpanData } from '../../../src/model/types';
import { BASE_TIME_NS, makeSpan } from '../../../src/model/testing/makeSpan';
import { TraceQLMetricsClient } from '../../../src/sources/clients/metrics';
import { dashboardQueries } from '../../../src/sources/clients/metricsQueries';
import { SpanStore } from '../../store/spanStore';
import { metricsRoutes } from './metrics';

const BASE_MS = Number(BASE_TIME_NS / 1_000_000n);
const STEP_MS = 60_000;
// A one-hour window of whole steps (aligned to the epoch, as the dashboard's windows are),
// starting about 10 min after BASE (spans before it are outside).
const WINDOW_START = Math.ceil((BASE_MS + 600_000) / STEP_MS) * STEP_MS;
const range = { startMs: WINDOW_START, endMs: WINDOW_START + 3_600_000, stepMs: STEP_MS };
const q = dashboardQueries('embedded');

interface Expect {
  traceId: string;
  rootStartMs: number;
  durationMs: number;
  spans: SpanData[];
}

/** Deterministic pseudo-random traces: random trees, services, durations and errors. */
function generate(): Expect[] {
  let seed = 42;
  const rand = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const services = ['web', 'cart', 'db', 'auth', 'mail'];
  const out: Expect[] = [];
  for (let t = 0; t < 300; t++) {
    const traceId = (t + 1).toString(16).padStart(32, '0');
    // Roots from 5 min before the window to 5 min after it.
    const rootStart = 300_000 + rand() * 4_200_000;
    const total = 1 + rand() ** 3 * 2_000;
    const n = 1 + Math.floor(rand() * 8);
    const spans: SpanData[] = [];
    let end = rootStart + total;
    for (let i = 0; i < n; i++) {
      const parent = i === 0 ? undefined : spans[Math.floor(rand() * i)];
      const start = parent ? rootStart + rand() * total * 0.5 : rootStart;
      const duration = parent ? rand() * total * 0.6 : total;
      end = Math.max(end, start + duration);
      spans.push(
        makeSpan({
          traceId,
          spanId: `${traceId.slice(-8)}${i.toString(16).padStart(8, '0')}`,
          ...(parent ? { parentSpanId: parent.spanId } : {}),
          service: parent ? (services[Math.floor(rand() * services.length)] as string) : 'web',
          name: parent ? `op-${i % 3}` : 'GET /',
          start,
          duration,
          status: rand() < 0.05 ? 'error' : 'unset',
        }),
      );
    }
    out.push({ traceId, rootStartMs: BASE_MS + rootStart, durationMs: end - rootStart, spans });
  }
  return out;
}

const traces = generate();
const inWindow = (ms: number) => ms >= range.startMs && ms < range.endMs;
const startMs = (s: SpanData) => Number(s.startTimeUnixNano / 1_000_000n);

function quantileCont(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const pos = p * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
}

let dir: string;
let store: SpanStore;
let client: TraceQLMetricsClient;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tracescope-dashboard-'));
  store = await SpanStore.open(dir, { retentionIntervalMs: 0 });
  // Children first and in two writes: the summary must not depend on arrival order.
  const all = traces.flatMap((t) => t.spans);
  await store.write(all.filter((s) => s.parentSpanId !== ''));
  await store.write(all.filter((s) => s.parentSpanId === ''));
  const app = metricsRoutes(store);
  client = new TraceQLMetricsClient({ name: 'local', root: '', fetch: (input) => Promise.resolve(app.request(input)) });
});

afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const total = (series: readonly { readonly points: readonly { readonly value: number }[] }[]) => series.reduce((a, s) => a + s.points.reduce((b, p) => b + p.value, 0), 0);

describe('dashboard queries on the embedded store', () => {
  const expected = traces.filter((t) => inWindow(t.rootStartMs));

  it('has traces on both sides of the window (the test would be weak otherwise)', () => {
    expect(expected.length).toBeGreaterThan(200);
    expect(traces.length - expected.length).toBeGreaterThan(10);
  });

  it('counts traces by their root start', async () => {
    expect(total(await client.queryRange(q.traces, range))).toBe(expected.length);
  });

  it('counts traces with at least one error span, once each', async () => {
    const withErrors = expected.filter((t) => t.spans.some((s) => s.status.code === 'error'));
    expect(withErrors.length).toBeGreaterThan(10);
    expect(total(await client.queryRange(q.errorTraces, range))).toBe(withErrors.length);
  });

  it('counts spans started in the window, and the services that sent them', async () => {
    const spans = traces.flatMap((t) => t.spans).filter((s) => inWindow(startMs(s)));
    const series = await client.queryRange(q.spansByService, range);
    expect(total(series)).toBe(spans.length);
    expect(series.map((s) => s.labels['resource.service.name']).sort()).toEqual([...new Set(spans.map((s) => s.resource.serviceName))].sort());
  });

  it('gives exact whole-trace duration quantiles (DuckDB quantile_cont)', async () => {
    const durations = expected.map((t) => t.durationMs);
    const result = await client.queryInstant(q.traceLatency, range);
    const p99 = result.find((s) => s.labels.p === 0.99);
    const p50 = result.find((s) => s.labels.p === 0.5);
    expect((p99?.value ?? NaN) * 1000).toBeCloseTo(quantileCont(durations, 0.99), 6);
    expect((p50?.value ?? NaN) * 1000).toBeCloseTo(quantileCont(durations, 0.5), 6);
  });

  it('puts every trace in one log2 histogram bucket', async () => {
    const result = await client.queryInstant(q.traceHistogram, range);
    expect(result.reduce((a, s) => a + s.value, 0)).toBe(expected.length);
    const bucketOf = (ms: number) => 2 ** Math.ceil(Math.log2(Math.round(ms * 1e6))) / 1e9;
    const first = expected[0] as Expect;
    expect(result.some((s) => s.labels.__bucket === bucketOf(first.durationMs) && s.value >= 1)).toBe(true);
  });

  it('gives per-operation calls and errors', async () => {
    const spans = traces.flatMap((t) => t.spans).filter((s) => inWindow(startMs(s)));
    const counts = await client.queryInstant(q.operationCounts, range);
    const errors = await client.queryInstant(q.operationErrors, range);
    const web = counts.find((s) => s.labels['resource.service.name'] === 'web' && s.labels.name === 'GET /');
    expect(web?.value).toBe(spans.filter((s) => s.resource.serviceName === 'web' && s.name === 'GET /').length);
    expect(errors.reduce((a, s) => a + s.value, 0)).toBe(spans.filter((s) => s.status.code === 'error').length);
  });
});
