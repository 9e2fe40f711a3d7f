/**
 * The demo end to end: the twelve service processes run for a short time at a higher rate against
 * an in-process `tracescope serve` (free ports, temp dir), and what they sent is checked through
 * the Tempo API — services, cross-process parent links, tracestate propagation, ML attributes,
 * the large batch trace, a crash-and-restart, retries — and the trace shape (spans/trace, P99).
 * Part of the normal unit run (vite.config.ts), with its own timeouts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SpanData } from '../src/model/types.ts';
import { importTempoV1 } from '../src/sources/tempo/tempoV1.ts';
import { parseServeOptions } from '../server/cli/serveOptions.ts';
import { startTracescope } from '../server/serve.ts';
import type { RunningTracescope } from '../server/serve.ts';
import { SERVICE_NAMES } from './topology.ts';
import { startDemo } from './run.ts';
import type { RunningDemo } from './run.ts';
import { describeShape, searchAll, spanCount, traceShape } from './measure.ts';
import type { SearchTrace } from './measure.ts';

const RUN_MS = 12_000;
const RATE = 40;
/** Starting twelve processes, the run, the flush: the hooks need longer than the default timeouts. */
const HOOK_TIMEOUT_MS = 120_000;
const TEST_TIMEOUT_MS = 30_000;

let dataDir: string;
let backend: RunningTracescope;
let demo: RunningDemo;
let restartsSeen: Record<string, number> = {};
let traces: SearchTrace[] = [];
const logs: string[] = [];
const api = async (path: string) => {
  const response = await fetch(`http://127.0.0.1:${backend.ports.query}${path}`);
  expect(response.status, path).toBe(200);
  return response.json();
};
const fetchTrace = async (id: string): Promise<SpanData[]> => importTempoV1(await api(`/api/traces/${id}`)).spans;
const attr = (span: SpanData, key: string) => span.attributes.find((a) => a.key === key)?.value;
const text = (span: SpanData, key: string) => {
  const value = attr(span, key);
  return value?.type === 'string' ? value.value : undefined;
};

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'tracescope-demo-'));
  const options = parseServeOptions(['--port', '0', '--otlp-grpc-port', '0', '--otlp-http-port', '0', '--data', dataDir], {});
  backend = await startTracescope(options, { staticDir: null, log: () => {} });
  demo = await startDemo({
    otlp: { grpc: `http://127.0.0.1:${backend.ports.otlpGrpc}`, http: `http://127.0.0.1:${backend.ports.otlpHttp}` },
    rate: RATE,
    durationMs: RUN_MS,
    servicesBasePort: 0,
    batchFirstMs: 3_000,
    batchEveryMs: 600_000,
    log: (line) => logs.push(line),
  });
  const crashAt = setTimeout(() => demo.supervisor.crash('notification-service'), 4_000);
  await demo.elapsed;
  clearTimeout(crashAt);
  restartsSeen = demo.supervisor.restarts();
  await demo.stop();
  // Spans arrive through the receivers' queue: wait until the count stops growing.
  let last = -1;
  for (let i = 0; i < 30; i++) {
    traces = await searchAll(`http://127.0.0.1:${backend.ports.query}`);
    const spans = traces.reduce((sum, t) => sum + spanCount(t), 0);
    if (spans === last) break;
    last = spans;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}, HOOK_TIMEOUT_MS);

afterAll(async () => {
  await demo?.stop();
  await backend?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}, HOOK_TIMEOUT_MS);

describe('tracescope demo', { timeout: TEST_TIMEOUT_MS }, () => {
  it('runs all twelve services and they all report', async () => {
    const body = (await api('/api/search/tag/service.name/values')) as { tagValues: string[] };
    expect([...body.tagValues].sort()).toEqual([...SERVICE_NAMES].sort());
    expect(demo.load.stats.ok).toBeGreaterThan(RATE * (RUN_MS / 1000) * 0.6);
  });

  it('stores traces that cross several services', () => {
    expect(traces.length).toBeGreaterThan(100);
    const wide = traces.filter((t) => Object.keys(t.serviceStats).length >= 5);
    expect(wide.length).toBeGreaterThan(20);
  });

  it('links parents across process boundaries and carries the justkalm tracestate end to end', async () => {
    const sample = traces.filter((t) => t.rootServiceName === 'edge-gateway' && Object.keys(t.serviceStats).length >= 5).slice(0, 15);
    expect(sample.length).toBeGreaterThan(5);
    let crossLinks = 0;
    const downstreamWithState = new Set<string>();
    for (const summary of sample) {
      const spans = await fetchTrace(summary.traceID);
      const byId = new Map(spans.map((s) => [s.spanId, s]));
      for (const span of spans) {
        const parent = span.parentSpanId ? byId.get(span.parentSpanId) : undefined;
        if (span.parentSpanId) expect(parent, `parent of ${span.name} in ${summary.traceID}`).toBeDefined();
        if (parent && parent.resource.serviceName !== span.resource.serviceName) crossLinks++;
        if (span.resource.serviceName !== 'edge-gateway') {
          expect(span.traceState, `${span.resource.serviceName} ${span.name}`).toMatch(/(^|,)justkalm=edge:[0-9a-f]{8}/);
          downstreamWithState.add(span.resource.serviceName);
        }
      }
    }
    expect(crossLinks).toBeGreaterThan(sample.length * 3);
    expect(downstreamWithState.size).toBeGreaterThanOrEqual(8);
  });

  it('records ml_inference spans with product.id and ml.confidence', async () => {
    const withMl = traces.filter((t) => t.serviceStats['ml-service']).slice(0, 5);
    expect(withMl.length).toBeGreaterThan(0);
    const inference = (await Promise.all(withMl.map((t) => fetchTrace(t.traceID)))).flat().filter((s) => s.name === 'ml_inference');
    expect(inference.length).toBeGreaterThan(0);
    for (const span of inference) {
      expect(attr(span, 'product.id')).toMatchObject({ type: 'string', value: expect.stringMatching(/^p-\d{4}$/) });
      if (span.status.code !== 'error') expect(attr(span, 'ml.confidence')).toMatchObject({ type: 'double' });
    }
  });

  it('has DuckDB client spans with database semantic conventions', async () => {
    // Most product views are cache hits: look through catalog traces for one that queried DuckDB.
    let db: SpanData | undefined;
    for (const summary of traces.filter((t) => t.serviceStats['catalog-service']).slice(0, 40)) {
      db = (await fetchTrace(summary.traceID)).find((s) => text(s, 'db.system.name') === 'duckdb');
      if (db) break;
    }
    expect(db?.kind).toBe('client');
    expect(text(db!, 'db.query.text')).toMatch(/^SELECT /);
    expect(text(db!, 'db.operation.name')).toBe('SELECT');
  });

  it('sends one large batch trace (> 5,000 spans)', () => {
    const big = traces.filter((t) => spanCount(t) >= 5_000);
    expect(big.length).toBe(1);
    expect(big[0]!.serviceStats['search-service']!.spanCount).toBeGreaterThan(5_000);
  });

  it('restarts a crashed service while the others keep running', () => {
    expect(restartsSeen['notification-service']).toBe(1);
    expect(logs.some((line) => line.includes('notification-service restarted'))).toBe(true);
  });

  it('has the trace shape of the issue: about 8 spans per trace, a long tail, a few errors', () => {
    const shape = traceShape(traces);
    console.log(`demo: ${describeShape(shape)}`);
    // ≈ 8 at the default rate once the caches are warm; this short, cold run lands a little higher.
    expect(shape.avgSpansWithoutBatch).toBeGreaterThanOrEqual(6);
    expect(shape.avgSpansWithoutBatch).toBeLessThanOrEqual(11);
    expect(shape.p99Ms).toBeGreaterThan(50);
    expect(shape.errorShare).toBeGreaterThan(0);
    expect(shape.errorShare).toBeLessThan(0.08);
  });
});
