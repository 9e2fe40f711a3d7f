/**
 * One conformance suite, run over every dialect the embedded backend serves: the app's own clients
 * (Tempo, Jaeger v1, Jaeger v3), each directly and through the sources proxy
 * (`/api/tracescope/sources/local/proxy`), all reading the same stored spans. Requests go in and
 * responses come out of the Hono app without a port (`app.fetch`), so the client code is what the
 * browser runs, and the server code is what `tracescope serve` runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Resource, Scope, Span, SpanData } from '../../src/model/types';
import { JaegerClient, SkeletonClient, SourceError, TempoClient } from '../../src/sources/clients';
import type { FetchFn, TraceSource } from '../../src/sources/clients';
import { SpanStore } from '../store/spanStore';
import { createApp } from './app';

const T0 = 1_790_000_000_000_000_000n; // whole µs, so Jaeger v1 carries the times exactly
const T0_SEC = Number(T0 / 1_000_000_000n);
const MS = 1_000_000n;

const resource = (service: string): Resource => ({
  serviceName: service,
  attributes: [{ key: 'service.name', value: { type: 'string', value: service } }],
  droppedAttributesCount: 0,
  schemaUrl: '',
});
const scope: Scope = { name: 'conformance', version: '1.0.0', attributes: [], droppedAttributesCount: 0, schemaUrl: '' };

function span(traceId: string, spanId: string, parent: string, service: string, name: string, startMs: number, ms: number, extra: Partial<SpanData> = {}): SpanData {
  return {
    traceId,
    spanId,
    parentSpanId: parent,
    traceState: '',
    name,
    kind: parent ? 'internal' : 'server',
    startTimeUnixNano: T0 + BigInt(startMs) * MS,
    endTimeUnixNano: T0 + BigInt(startMs + ms) * MS,
    attributes: [],
    droppedAttributesCount: 0,
    events: [],
    droppedEventsCount: 0,
    links: [],
    droppedLinksCount: 0,
    status: { code: 'unset', message: '' },
    flags: 0,
    resource: resource(service),
    scope,
    ...extra,
  };
}

const SLOW = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1';
const FAST = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb2';
const OTHER = 'ccccccccccccccccccccccccccccccc3';
const route = (value: string) => [{ key: 'http.route', value: { type: 'string' as const, value } }];

const SPANS: SpanData[] = [
  span(SLOW, '1000000000000001', '', 'edge', 'POST /checkout', 0, 300, { attributes: route('/checkout') }),
  span(SLOW, '1000000000000002', '1000000000000001', 'payment', 'charge', 10, 250, { status: { code: 'error', message: 'declined' } }),
  span(SLOW, '1000000000000003', '1000000000000002', 'payment', 'SELECT cards', 20, 5),
  span(FAST, '2000000000000001', '', 'edge', 'GET /cart', 1_000, 20, { attributes: route('/cart') }),
  span(FAST, '2000000000000002', '2000000000000001', 'cart', 'load-cart', 1_002, 15),
  span(OTHER, '3000000000000001', '', 'search', 'GET /search', 2_000, 40),
];

interface Dialect {
  readonly label: string;
  readonly make: (fetchFn: FetchFn) => TraceSource;
  /** Jaeger has no tag-name API: the client returns []. */
  readonly tags: boolean;
}

const PROXY = '/api/tracescope/sources/local/proxy';
const now = () => T0_SEC * 1000 + 60_000;
const DIALECTS: Dialect[] = [
  { label: 'Tempo', make: (fetch) => new TempoClient({ name: 'local', root: '', fetch, now }), tags: true },
  { label: 'Jaeger v1', make: (fetch) => new JaegerClient({ name: 'local', root: '/jaeger', fetch, now, api: 'v1' }), tags: false },
  { label: 'Jaeger v3', make: (fetch) => new JaegerClient({ name: 'local', root: '/jaeger', fetch, now, api: 'v3' }), tags: false },
  { label: 'Jaeger (probed)', make: (fetch) => new JaegerClient({ name: 'local', root: '/jaeger', fetch, now }), tags: false },
  { label: 'Tempo via proxy', make: (fetch) => new TempoClient({ name: 'local', root: PROXY, fetch, now }), tags: true },
];

let dir: string;
let store: SpanStore;
let fetchFn: FetchFn;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tracescope-conformance-'));
  store = await SpanStore.open(dir, { retentionIntervalMs: 0 });
  await store.write(SPANS);
  const app = createApp({ store, staticDir: null });
  fetchFn = async (input, init) => app.fetch(new Request(new URL(input, 'http://tracescope.test'), init));
});

afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const window = { startSec: T0_SEC - 60, endSec: T0_SEC + 60 };
const ids = (hits: readonly { traceId: string }[]) => hits.map((h) => h.traceId).sort();

describe.each(DIALECTS)('$label dialect on the embedded backend', ({ make, tags }) => {
  let source: TraceSource;
  beforeAll(() => {
    source = make(fetchFn);
  });

  it('lists the services and each service’s operations', async () => {
    expect(await source.services()).toEqual(['cart', 'edge', 'payment', 'search']);
    expect(await source.operations('payment')).toEqual(['charge', 'SELECT cards']) // locale order, case-insensitive;
    expect(await source.operations('edge')).toEqual(['GET /cart', 'POST /checkout']);
  });

  it('reads a trace back exactly as it was sent', async () => {
    const result = await source.getTrace(SLOW);
    const spans = result.trace.spans.map((s) => ({ id: s.spanId, parent: s.parentSpanId, name: s.name, service: s.serviceName, start: s.startTimeUnixNano, end: s.endTimeUnixNano, status: s.status }));
    const sent = SPANS.filter((s) => s.traceId === SLOW).map((s) => ({ id: s.spanId, parent: s.parentSpanId, name: s.name, service: s.resource.serviceName, start: s.startTimeUnixNano, end: s.endTimeUnixNano, status: s.status }));
    expect(spans).toEqual(sent);
    expect(result.trace.summary).toMatchObject({ spanCount: 3, errorCount: 1, rootService: 'edge', rootName: 'POST /checkout', duration: 300_000_000 });
    expect(result.issues).toEqual([]);
  });

  it('accepts a trace ID in upper case and without leading zeros', async () => {
    expect((await source.getTrace(SLOW.toUpperCase())).trace.summary.spanCount).toBe(3);
  });

  it('reports an unknown trace as not found (not as a failure)', async () => {
    const error = await source.getTrace('dddddddddddddddddddddddddddddddd').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as SourceError).kind).toBe('not-found');
  });

  it('searches by service, with the trace’s root and figures in each hit', async () => {
    const hits = await source.search({ service: 'payment', ...window });
    expect(ids(hits)).toEqual([SLOW]);
    expect(hits[0]).toMatchObject({ rootService: 'edge', rootName: 'POST /checkout', durationMs: 300 });
    expect(ids(await source.search({ service: 'edge', ...window }))).toEqual([SLOW, FAST]);
  });

  it('searches by operation, attribute and duration', async () => {
    expect(ids(await source.search({ service: 'cart', operation: 'load-cart', ...window }))).toEqual([FAST]);
    expect(ids(await source.search({ service: 'edge', tags: { 'http.route': '/cart' }, ...window }))).toEqual([FAST]);
    expect(ids(await source.search({ service: 'edge', minDurationMs: 100, ...window }))).toEqual([SLOW]);
    expect(ids(await source.search({ service: 'edge', maxDurationMs: 100, ...window }))).toEqual([FAST]);
  });

  it('honours the time range and the limit', async () => {
    expect(await source.search({ service: 'edge', startSec: T0_SEC + 30, endSec: T0_SEC + 60 })).toEqual([]);
    expect(await source.search({ service: 'edge', limit: 1, ...window })).toHaveLength(1);
  });

  it('offers attribute names and values where the dialect has them', async () => {
    const names = (await source.tagNames()).map((t) => t.name);
    if (tags) {
      expect(names).toContain('http.route');
      expect((await source.tagValues('span.http.route')).sort()).toEqual(['/cart', '/checkout']);
    } else {
      expect(names).toEqual([]);
    }
  });
});

describe('the trace page’s skeleton client on the embedded backend', () => {
  const skeletonClient = () => new SkeletonClient({ name: 'local', baseUrl: '', fetch: fetchFn });
  const read = async (traceId: string) => {
    const client = skeletonClient();
    return client.build(await client.fetchSkeleton(traceId));
  };

  it('reads the same trace as the Tempo dialect, attributes left out and fetched per span', async () => {
    const full = (await new TempoClient({ name: 'local', root: '', fetch: fetchFn, now }).getTrace(SLOW)).trace;
    const result = await read(SLOW);
    const shape = (s: Span) => ({ ...pick(s), attributes: [] });
    expect(result.trace.spans.map(shape)).toEqual(full.spans.map(shape));
    expect(result.trace.summary).toEqual(full.summary);
    expect(result.trace.warnings).toEqual(full.warnings);
    expect(result.trace.spans.every((s) => s.attributes.length === 0)).toBe(true);
    // The attributes, on demand, are the Tempo read's.
    const root = await result.details!.spans('1000000000000001');
    expect(root.map((s) => s.attributes)).toEqual([full.spans[0]!.attributes]);
    const missing = await result.details!.spans('100000000000000f').catch((e: unknown) => e);
    expect((missing as SourceError).kind).toBe('not-found');
  });

  it('finds spans by their attributes, per term', async () => {
    const { details } = await read(SLOW);
    const hits = await details!.findAttributes(['checkout', 'http.route=/cart', 'nothing']);
    expect([...hits].map(([term, spans]) => [term, [...spans]])).toEqual([
      ['checkout', ['1000000000000001']],
      ['http.route=/cart', []],
      ['nothing', []],
    ]);
  });

  it('says not found for an unknown trace', async () => {
    const error = await skeletonClient().fetchSkeleton('dddddddddddddddddddddddddddddddd').catch((e: unknown) => e);
    expect((error as SourceError).kind).toBe('not-found');
  });
});

/** Every Span field, read through the interface (skeleton spans compute some on access). */
function pick(s: Span) {
  return {
    traceId: s.traceId, spanId: s.spanId, parentSpanId: s.parentSpanId, traceState: s.traceState, name: s.name, kind: s.kind,
    startTimeUnixNano: s.startTimeUnixNano, endTimeUnixNano: s.endTimeUnixNano, droppedAttributesCount: s.droppedAttributesCount,
    events: s.events, droppedEventsCount: s.droppedEventsCount, links: s.links, droppedLinksCount: s.droppedLinksCount,
    status: s.status, flags: s.flags, resource: s.resource, scope: s.scope, index: s.index, serviceName: s.serviceName,
    start: s.start, duration: s.duration, parent: s.parent, children: s.children, depth: s.depth, isOrphan: s.isOrphan,
    isDuplicate: s.isDuplicate, cycleBroken: s.cycleBroken, skewShift: s.skewShift, isError: s.isError,
  };
}
