/**
 * Tempo's API, request in → response out through Hono's `app.request` (no port), over a real
 * DuckDB store in a temp dir.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeSpan } from '../../../src/model/testing/makeSpan';
import { SpanStore } from '../../store/spanStore';
import { createApp } from '../app';

const A = '0000000000000000000000000000000a';
const B = '1000000000000000000000000000000b';
let dir: string;
let store: SpanStore;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tracescope-tempo-api-'));
  store = await SpanStore.open(dir, { retentionIntervalMs: 0 });
  await store.write([
    makeSpan({ traceId: A, spanId: '00000000000000a1', name: 'GET /cart', service: 'cart', duration: 120, attributes: { 'http.route': '/cart' } }),
    makeSpan({ traceId: A, spanId: '00000000000000a2', parentSpanId: '00000000000000a1', name: 'SELECT', service: 'db', start: 10, duration: 100, status: 'error' }),
    makeSpan({ traceId: B, spanId: '00000000000000b2', parentSpanId: '00000000000000ff', name: 'charge', service: 'payment', start: 5_000, duration: 30 }),
  ]);
  app = createApp({ store, staticDir: null });
});

afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const get = (path: string, init?: RequestInit) => app.request(path, init);

describe('Tempo API', () => {
  it('answers echo and build info', async () => {
    expect(await (await get('/api/echo')).text()).toBe('echo');
    expect(await (await get('/api/status/buildinfo')).json()).toMatchObject({ version: expect.any(String) });
  });

  it('returns trace by ID as Tempo writes it: base64 IDs, enum names, zero values omitted', async () => {
    const body = await (await get(`/api/traces/a`)).json();
    const spans = body.batches.flatMap((b: { scopeSpans: { spans: unknown[] }[] }) => b.scopeSpans.flatMap((s) => s.spans));
    expect(spans).toHaveLength(2);
    const db = spans.find((s: { name: string }) => s.name === 'SELECT');
    expect(db).toMatchObject({
      traceId: 'AAAAAAAAAAAAAAAAAAAACg==',
      spanId: 'AAAAAAAAAKI=',
      parentSpanId: 'AAAAAAAAAKE=',
      kind: 'SPAN_KIND_INTERNAL',
      startTimeUnixNano: '1700000000010000000',
      endTimeUnixNano: '1700000000110000000',
      status: { code: 'STATUS_CODE_ERROR' },
    });
    expect(db).not.toHaveProperty('droppedAttributesCount');
    expect(db).not.toHaveProperty('events');
  });

  it('wraps the protobuf trace in field 1 for v2 (TraceByIDResponse.trace)', async () => {
    const accept = { headers: { Accept: 'application/protobuf' } };
    const v1 = new Uint8Array(await (await get('/api/traces/a', accept)).arrayBuffer());
    const v2 = new Uint8Array(await (await get('/api/v2/traces/a', accept)).arrayBuffer());
    expect(v1.length).toBeGreaterThan(127); // a two-byte length varint
    expect([...v2.slice(0, 3)]).toEqual([0x0a, (v1.length & 0x7f) | 0x80, v1.length >> 7]);
    expect(v2.slice(3)).toEqual(v1);
  });

  it('searches by tags and by TraceQL with Tempo result fields', async () => {
    const byTag = await (await get('/api/search?tags=' + encodeURIComponent('service.name=db'))).json();
    expect(byTag.traces).toEqual([
      {
        traceID: 'a',
        rootServiceName: 'cart',
        rootTraceName: 'GET /cart',
        startTimeUnixNano: '1700000000000000000',
        durationMs: 120,
        spanSet: expect.objectContaining({ matched: 1 }),
        spanSets: [
          {
            matched: 1,
            spans: [{ spanID: '00000000000000a2', name: 'SELECT', startTimeUnixNano: '1700000000010000000', durationNanos: '100000000' }],
          },
        ],
        serviceStats: { cart: { spanCount: 1 }, db: { spanCount: 1, errorCount: 1 } },
      },
    ]);
    const orphan = await (await get('/api/search?q=' + encodeURIComponent('{ resource.service.name = "payment" }'))).json();
    expect(orphan.traces.map((t: { traceID: string; rootServiceName: string }) => [t.traceID, t.rootServiceName])).toEqual([
      ['1000000000000000000000000000000b', '<root span not yet received>'],
    ]);
    const slow = await (await get('/api/search?minDuration=110ms')).json();
    expect(slow.traces.map((t: { traceID: string }) => t.traceID)).toEqual(['a']);
  });

  it('lists tag names and values in both versions', async () => {
    const v1 = await (await get('/api/search/tags?scope=span')).json();
    expect(v1.tagNames).toEqual(['http.route']);
    const v2 = await (await get('/api/v2/search/tags?scope=resource')).json();
    expect(v2.scopes).toEqual([{ name: 'resource', tags: ['service.name'] }]);
    const values = await (await get('/api/search/tag/service.name/values')).json();
    expect(values.tagValues).toEqual(['cart', 'db', 'payment']);
    const typed = await (await get('/api/v2/search/tag/resource.service.name/values')).json();
    expect(typed.tagValues).toEqual(['cart', 'db', 'payment'].map((value) => ({ type: 'string', value })));
    const status = await (await get('/api/v2/search/tag/status/values')).json();
    expect(status.tagValues).toContainEqual({ type: 'keyword', value: 'error' });
  });

  it('filters v2 tag values by a TraceQL q (the values of matching spans only)', async () => {
    const q = encodeURIComponent('{ resource.service.name = "cart" }');
    const services = await (await get(`/api/v2/search/tag/resource.service.name/values?q=${q}`)).json();
    expect(services.tagValues).toEqual([{ type: 'string', value: 'cart' }]);
    const all = await (await get(`/api/v2/search/tag/name/values?q=${encodeURIComponent('{}')}`)).json();
    const cartOnly = await (await get(`/api/v2/search/tag/name/values?q=${q}`)).json();
    expect(cartOnly.tagValues.length).toBeGreaterThan(0);
    expect(cartOnly.tagValues.length).toBeLessThan(all.tagValues.length);
    const bad = await get(`/api/v2/search/tag/name/values?q=${encodeURIComponent('{ .a = }')}`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/invalid TraceQL query: .* at line 1, col \d+/);
  });

  it('rejects bad input with 400 and a reason, unknown paths with 404', async () => {
    const both = await get('/api/search?q={}&tags=a=b');
    expect(both.status).toBe(400);
    expect((await get('/api/search/tags?scope=planet')).status).toBe(400);
    expect((await get('/api/traces/a?start=soon')).status).toBe(400);
    expect((await get('/api/nope')).status).toBe(404);
  });
});
