/**
 * Jaeger's query API (v1 internal JSON and v3), request in → response out through Hono's
 * `app.request` (no port), over a real DuckDB store in a temp dir.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeSpan } from '../../../src/model/testing/makeSpan';
import type { SpanData } from '../../../src/model/types';
import { SpanStore } from '../../store/spanStore';
import { jaegerRoutes } from './routes';

/** 64-bit trace ID (high half zero): Jaeger writes it with 16 hex characters. */
const A = '0000000000000000000000000000000a';
const B = '1000000000000000000000000000000b';
const C = '0000000000000000000000000000000c';
/** µs of makeSpan's BASE_TIME_NS (2023-11-14T22:13:20Z). */
const BASE_US = 1_700_000_000_000_000;
const BASE_MS = 1_700_000_000_000;
const WINDOW = `start=${BASE_US}&end=${BASE_US + 60_000_000}`;
const V3_WINDOW = 'query.start_time_min=2023-11-14T22:13:20Z&query.start_time_max=2023-11-14T22:14:20.5Z';

let dir: string;
let store: SpanStore;
let app: ReturnType<typeof jaegerRoutes>;

const client = (span: SpanData): SpanData => ({ ...span, kind: 'client' });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tracescope-jaeger-api-'));
  store = await SpanStore.open(dir, { retentionIntervalMs: 0 });
  await store.write([
    // A: frontend → cart → db ×2, and a frontend child of frontend (not a dependency).
    makeSpan({ traceId: A, spanId: '00000000000000a1', name: 'GET /cart', service: 'frontend', duration: 120, attributes: { 'http.route': '/cart' } }),
    makeSpan({ traceId: A, spanId: '00000000000000a2', parentSpanId: '00000000000000a1', name: 'getCart', service: 'cart', start: 10, duration: 100, attributes: { 'http.status_code': 200 } }),
    client(makeSpan({ traceId: A, spanId: '00000000000000a3', parentSpanId: '00000000000000a2', name: 'SELECT', service: 'db', start: 20, duration: 30, status: 'error' })),
    makeSpan({ traceId: A, spanId: '00000000000000a4', parentSpanId: '00000000000000a2', name: 'SELECT', service: 'db', start: 60, duration: 5 }),
    makeSpan({ traceId: A, spanId: '00000000000000a5', parentSpanId: '00000000000000a1', name: 'render', service: 'frontend', start: 110, duration: 5 }),
    // B: an orphan (its parent never arrived), 128-bit ID.
    makeSpan({ traceId: B, spanId: '00000000000000b2', parentSpanId: '00000000000000ff', name: 'charge', service: 'payment', start: 5_000, duration: 30 }),
    // C: the newest trace, frontend → cart.
    makeSpan({ traceId: C, spanId: '00000000000000c1', name: 'GET /home', service: 'frontend', start: 6_000, duration: 10 }),
    makeSpan({ traceId: C, spanId: '00000000000000c2', parentSpanId: '00000000000000c1', name: 'getCart', service: 'cart', start: 6_001, duration: 2 }),
  ]);
  app = jaegerRoutes(store);
});

afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const get = (path: string) => app.request(path);
const getJson = async (path: string) => {
  const res = await get(path);
  expect(res.status, `${path}: ${res.status}`).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/json');
  return res.json();
};
const traceIds = (body: { data: { traceID: string }[] }) => body.data.map((t) => t.traceID);
const q = encodeURIComponent;

/** Go's http.Error: the JSON text plus a newline, served as text/plain. */
async function expectHttpError(path: string, status: number, body: unknown) {
  const res = await get(path);
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
  expect(await res.text()).toBe(`${JSON.stringify(body)}\n`);
}
const v1Error = (code: number, msg: string) => ({ data: null, total: 0, limit: 0, offset: 0, errors: [{ code, msg }] });

describe('Jaeger v1 API', () => {
  it('lists services with the exact envelope', async () => {
    const res = await get('/jaeger/api/services');
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.text()).toBe('{"data":["cart","db","frontend","payment"],"total":4,"limit":0,"offset":0,"errors":null}');
  });

  it('lists operation names of a service, and operations with kinds', async () => {
    expect(await getJson('/jaeger/api/services/db/operations')).toEqual({ data: ['SELECT'], total: 1, limit: 0, offset: 0, errors: null });
    expect(await getJson('/jaeger/api/services/nobody/operations')).toEqual({ data: [], total: 0, limit: 0, offset: 0, errors: null });
    expect((await getJson('/jaeger/api/operations?service=db')).data).toEqual([
      { name: 'SELECT', spanKind: 'client' },
      { name: 'SELECT', spanKind: 'internal' },
    ]);
    expect(await getJson('/jaeger/api/operations?service=db&spanKind=client')).toEqual({
      data: [{ name: 'SELECT', spanKind: 'client' }],
      total: 1,
      limit: 0,
      offset: 0,
      errors: null,
    });
    await expectHttpError('/jaeger/api/operations', 400, v1Error(400, "parameter 'service' is required"));
  });

  it('returns a trace by ID in the UI model, 16-hex IDs when the high half is zero', async () => {
    const body = await getJson(`/jaeger/api/traces/${B}`);
    expect(body).toEqual({
      data: [
        {
          traceID: B,
          spans: [
            {
              traceID: B,
              spanID: '00000000000000b2',
              flags: 1,
              operationName: 'charge',
              references: [{ refType: 'CHILD_OF', traceID: B, spanID: '00000000000000ff' }],
              startTime: BASE_US + 5_000_000,
              duration: 30_000,
              tags: [
                { key: 'otel.scope.name', type: 'string', value: 'tracescope-test' },
                { key: 'otel.scope.version', type: 'string', value: '1.0.0' },
                { key: 'span.kind', type: 'string', value: 'internal' },
              ],
              logs: [],
              processID: 'p1',
              warnings: null,
            },
          ],
          processes: { p1: { serviceName: 'payment', tags: [] } },
          warnings: null,
        },
      ],
      total: 0,
      limit: 0,
      offset: 0,
      errors: null,
    });
    const a = (await getJson('/jaeger/api/traces/a')).data[0];
    expect(a.traceID).toBe('000000000000000a');
    expect(a.spans.map((s: { spanID: string; processID: string }) => [s.spanID.slice(-2), s.processID])).toEqual([
      ['a1', 'p1'],
      ['a2', 'p2'],
      ['a3', 'p3'],
      ['a4', 'p3'],
      ['a5', 'p1'],
    ]);
    expect(a.processes).toEqual({
      p1: { serviceName: 'frontend', tags: [] },
      p2: { serviceName: 'cart', tags: [] },
      p3: { serviceName: 'db', tags: [] },
    });
    const db = a.spans[2];
    expect(db.references).toEqual([{ refType: 'CHILD_OF', traceID: '000000000000000a', spanID: '00000000000000a2' }]);
    expect(db.tags.slice(2)).toEqual([
      { key: 'span.kind', type: 'string', value: 'client' },
      { key: 'otel.status_code', type: 'string', value: 'ERROR' },
      { key: 'error', type: 'bool', value: true },
    ]);
    expect(a.spans[1].tags[2]).toEqual({ key: 'http.status_code', type: 'int64', value: 200 });
  });

  it('accepts 16-hex, short hex and base64 trace IDs', async () => {
    for (const id of ['000000000000000a', 'A', q('AAAAAAAAAAAAAAAAAAAACg=='), q('AAAAAAAAAAo=')]) {
      expect(traceIds(await getJson(`/jaeger/api/traces/${id}`)), id).toEqual(['000000000000000a']);
    }
  });

  it('answers an unknown trace with the 404 envelope as text/plain, a bad ID with 400', async () => {
    await expectHttpError('/jaeger/api/traces/ffff', 404, v1Error(404, 'trace not found'));
    // The fixture captured from Jaeger, byte for byte (plus http.Error's newline).
    const res = await get('/jaeger/api/traces/ffff');
    expect(await res.text()).toBe('{"data":null,"total":0,"limit":0,"offset":0,"errors":[{"code":404,"msg":"trace not found"}]}\n');
    expect((await get('/jaeger/api/traces/xyz!')).status).toBe(400);
    expect((await get(`/jaeger/api/traces/a?start=soon`)).status).toBe(400);
    // start/end (µs) bound the read.
    await expectHttpError(`/jaeger/api/traces/a?start=${BASE_US + 500_000}`, 404, v1Error(404, 'trace not found'));
  });

  it('searches by service, operation and time window (µs), newest trace first', async () => {
    const all = await getJson(`/jaeger/api/traces?service=frontend&${WINDOW}`);
    expect(traceIds(all)).toEqual(['000000000000000c', '000000000000000a']);
    expect(all).toMatchObject({ total: 0, limit: 0, offset: 0, errors: null });
    expect(all.data[1].spans).toHaveLength(5); // full traces, not just the matching spans
    expect(traceIds(await getJson(`/jaeger/api/traces?service=frontend&limit=1&${WINDOW}`))).toEqual(['000000000000000c']);
    expect(traceIds(await getJson(`/jaeger/api/traces?service=db&operation=SELECT&${WINDOW}`))).toEqual(['000000000000000a']);
    expect(traceIds(await getJson(`/jaeger/api/traces?service=db&operation=getCart&${WINDOW}`))).toEqual([]);
    // The window bounds the matching span's start.
    expect(traceIds(await getJson(`/jaeger/api/traces?service=frontend&start=${BASE_US + 1_000_000}&end=${BASE_US + 60_000_000}`))).toEqual([
      '000000000000000c',
    ]);
    // Without start, Jaeger looks back 2 days from now: the 2023 test data is out of range.
    expect(traceIds(await getJson('/jaeger/api/traces?service=frontend'))).toEqual([]);
  });

  it('filters durations on a matching SPAN, not on the trace (as Jaeger does)', async () => {
    // Trace A lasts 120 ms, but its db spans last 30 and 5 ms.
    expect(traceIds(await getJson(`/jaeger/api/traces?service=db&minDuration=90ms&${WINDOW}`))).toEqual([]);
    expect(traceIds(await getJson(`/jaeger/api/traces?service=cart&minDuration=90ms&${WINDOW}`))).toEqual(['000000000000000a']);
    expect(traceIds(await getJson(`/jaeger/api/traces?service=db&minDuration=1ms&maxDuration=10ms&${WINDOW}`))).toEqual(['000000000000000a']);
    expect(traceIds(await getJson(`/jaeger/api/traces?service=db&minDuration=6ms&maxDuration=0.01s&${WINDOW}`))).toEqual([]);
  });

  it('filters by tags given as a JSON map or as repeated tag=k:v, all on one span', async () => {
    const search = async (params: string) => traceIds(await getJson(`/jaeger/api/traces?${params}&${WINDOW}`));
    expect(await search(`service=db&tags=${q('{"error":"true"}')}`)).toEqual(['000000000000000a']);
    expect(await search(`service=cart&tags=${q('{"error":"true"}')}`)).toEqual([]);
    expect(await search(`service=cart&tag=${q('http.status_code:200')}`)).toEqual(['000000000000000a']);
    expect(await search(`service=cart&tags=${q('{"http.status_code":"404"}')}`)).toEqual([]);
    expect(await search(`service=db&tag=${q('span.kind:client')}&tag=${q('otel.status_code:ERROR')}`)).toEqual(['000000000000000a']);
    expect(await search(`service=frontend&tags=${q('{"http.route":"/cart"}')}`)).toEqual(['000000000000000a']);
    // Resource (process) tags match too.
    expect(await search(`service=frontend&tags=${q('{"service.name":"frontend"}')}`)).toEqual(['000000000000000c', '000000000000000a']);
  });

  it('returns traces by repeated traceID, with an error entry for each missing one', async () => {
    const body = await getJson(`/jaeger/api/traces?traceID=a&traceID=${B}&traceID=ffff`);
    expect(traceIds(body)).toEqual(['000000000000000a', B]);
    expect(body.errors).toEqual([{ code: 404, msg: 'trace not found', traceID: '000000000000ffff' }]);
  });

  it('rejects bad search parameters with Jaeger messages', async () => {
    await expectHttpError('/jaeger/api/traces', 400, v1Error(400, "parameter 'service' is required"));
    await expectHttpError('/jaeger/api/traces?service=db&minDuration=soon', 400, v1Error(400, `unable to parse param 'minDuration': time: invalid duration "soon"`));
    await expectHttpError('/jaeger/api/traces?service=db&minDuration=2s&maxDuration=1s', 400, v1Error(400, "'maxDuration' should be greater than 'minDuration'"));
    await expectHttpError('/jaeger/api/traces?service=db&start=x', 400, v1Error(400, `unable to parse param 'start': strconv.ParseInt: parsing "x": invalid syntax`));
    await expectHttpError('/jaeger/api/traces?service=db&tag=novalue', 400, v1Error(400, "malformed 'tag' parameter, expecting key:value, received: novalue"));
    expect((await get(`/jaeger/api/traces?service=db&tags=${q('[1]')}`)).status).toBe(400);
    expect((await get('/jaeger/api/traces?traceID=zz')).status).toBe(400);
  });

  it('computes dependencies: one call per span whose parent is in another service', async () => {
    const end = BASE_MS + 60_000;
    expect(await getJson(`/jaeger/api/dependencies?endTs=${end}&lookback=3600000`)).toEqual({
      data: [
        { parent: 'cart', child: 'db', callCount: 2 },
        { parent: 'frontend', child: 'cart', callCount: 2 },
      ],
      total: 0,
      limit: 0,
      offset: 0,
      errors: null,
    });
    // Only trace C (starts at +6 s) in [+5.5 s, +6.5 s].
    expect((await getJson(`/jaeger/api/dependencies?endTs=${BASE_MS + 6_500}&lookback=1000`)).data).toEqual([
      { parent: 'frontend', child: 'cart', callCount: 1 },
    ]);
    expect((await getJson(`/jaeger/api/dependencies?endTs=${BASE_MS - 10_000}&lookback=1000`)).data).toEqual([]);
    // Default: the 24 h before now (nothing of 2023).
    expect((await getJson('/jaeger/api/dependencies')).data).toEqual([]);
    expect((await get('/jaeger/api/dependencies?endTs=soon')).status).toBe(400);
  });

  it('answers an unknown API path with 404', async () => {
    expect((await get('/jaeger/api/nope')).status).toBe(404);
  });
});

describe('Jaeger v3 API', () => {
  it('lists services and operations', async () => {
    expect(await getJson('/jaeger/api/v3/services')).toEqual({ services: ['cart', 'db', 'frontend', 'payment'] });
    expect(await getJson('/jaeger/api/v3/operations?service=db&spanKind=client')).toEqual({ operations: [{ name: 'SELECT', spanKind: 'client' }] });
    expect(await getJson('/jaeger/api/v3/operations?service=cart')).toEqual({ operations: [{ name: 'getCart', spanKind: 'internal' }] });
  });

  it('returns a trace by ID as OTLP JSON: hex IDs, int enums, int64 as strings', async () => {
    expect(await getJson(`/jaeger/api/v3/traces/${B}`)).toEqual({
      result: {
        resourceSpans: [
          {
            resource: { attributes: [{ key: 'service.name', value: { stringValue: 'payment' } }] },
            scopeSpans: [
              {
                scope: { name: 'tracescope-test', version: '1.0.0' },
                spans: [
                  {
                    traceId: B,
                    spanId: '00000000000000b2',
                    parentSpanId: '00000000000000ff',
                    flags: 1,
                    name: 'charge',
                    kind: 1,
                    startTimeUnixNano: '1700000005000000000',
                    endTimeUnixNano: '1700000005030000000',
                    status: {},
                  },
                ],
              },
            ],
          },
        ],
      },
    });
    const a = await getJson('/jaeger/api/v3/traces/a?startTime=2023-11-14T22:13:20Z&endTime=2023-11-14T22:13:21Z');
    expect(a.result.resourceSpans).toHaveLength(3);
  });

  it('answers an unknown trace and a bad ID with gateway errors', async () => {
    await expectHttpError('/jaeger/api/v3/traces/ffff', 404, { error: { httpCode: 404, message: 'No traces found' } });
    expect((await get('/jaeger/api/v3/traces/xyz!')).status).toBe(400);
    expect((await get('/jaeger/api/v3/traces/a?startTime=yesterday')).status).toBe(400);
  });

  const resultTraceIds = (body: { result: { resourceSpans: { scopeSpans: { spans: { traceId: string }[] }[] }[] } }) => [
    ...new Set(body.result.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans.map((span) => span.traceId)))),
  ];

  it('searches with snake_case and camelCase parameters, all traces merged in one result', async () => {
    expect(resultTraceIds(await getJson(`/jaeger/api/v3/traces?query.service_name=db&${V3_WINDOW}`))).toEqual([A]);
    const camel = `query.startTimeMin=2023-11-14T22:13:20.000000000Z&query.startTimeMax=${q('2023-11-14T23:14:20+01:00')}`;
    expect(resultTraceIds(await getJson(`/jaeger/api/v3/traces?query.serviceName=frontend&${camel}`))).toEqual([C, A]);
    expect(resultTraceIds(await getJson(`/jaeger/api/v3/traces?query.serviceName=frontend&query.num_traces=1&${camel}`))).toEqual([C]);
    expect(resultTraceIds(await getJson(`/jaeger/api/v3/traces?query.serviceName=frontend&query.searchDepth=1&${camel}`))).toEqual([C]);
    expect(resultTraceIds(await getJson(`/jaeger/api/v3/traces?query.serviceName=db&query.operationName=SELECT&${camel}`))).toEqual([A]);
    expect(resultTraceIds(await getJson(`/jaeger/api/v3/traces?query.attributes=${q('{"error":"true"}')}&${camel}`))).toEqual([A]);
    expect(resultTraceIds(await getJson(`/jaeger/api/v3/traces?query.serviceName=cart&query.durationMin=90ms&${camel}`))).toEqual([A]);
    expect(resultTraceIds(await getJson(`/jaeger/api/v3/traces?query.serviceName=db&query.duration_max=10ms&${camel}`))).toEqual([A]);
  });

  it('answers a search without matches with 404, without a time range with 400', async () => {
    await expectHttpError(`/jaeger/api/v3/traces?query.service_name=db&query.duration_min=90ms&${V3_WINDOW}`, 404, {
      error: { httpCode: 404, message: 'No traces found' },
    });
    await expectHttpError('/jaeger/api/v3/traces?query.service_name=db', 400, {
      error: { httpCode: 400, message: 'query.start_time_min and query.start_time_max are required' },
    });
    expect((await get(`/jaeger/api/v3/traces?query.service_name=db&${V3_WINDOW}&query.duration_min=x`)).status).toBe(400);
    expect((await get('/jaeger/api/v3/traces?query.startTimeMin=soon&query.startTimeMax=later')).status).toBe(400);
  });

  it('summarises traces with the fixture field types, zero counts omitted', async () => {
    expect(await getJson(`/jaeger/api/v3/trace-summaries?query.service_name=frontend&${V3_WINDOW}`)).toEqual({
      summaries: [
        {
          traceId: C,
          rootServiceName: 'frontend',
          rootOperationName: 'GET /home',
          minStartTimeUnixNano: '1700000006000000000',
          maxEndTimeUnixNano: '1700000006010000000',
          spanCount: 2,
          services: [
            { name: 'cart', spanCount: 1 },
            { name: 'frontend', spanCount: 1 },
          ],
        },
        {
          traceId: A,
          rootServiceName: 'frontend',
          rootOperationName: 'GET /cart',
          minStartTimeUnixNano: '1700000000000000000',
          maxEndTimeUnixNano: '1700000000120000000',
          spanCount: 5,
          errorSpanCount: 1,
          services: [
            { name: 'cart', spanCount: 1 },
            { name: 'db', spanCount: 2, errorSpanCount: 1 },
            { name: 'frontend', spanCount: 2 },
          ],
        },
      ],
    });
    const orphan = await getJson(`/jaeger/api/v3/trace-summaries?query.service_name=payment&${V3_WINDOW}`);
    expect(orphan.summaries).toEqual([
      {
        traceId: B,
        minStartTimeUnixNano: '1700000005000000000',
        maxEndTimeUnixNano: '1700000005030000000',
        spanCount: 1,
        orphanSpanCount: 1,
        services: [{ name: 'payment', spanCount: 1 }],
      },
    ]);
    expect((await get('/jaeger/api/v3/trace-summaries?query.service_name=db')).status).toBe(400);
  });
});
