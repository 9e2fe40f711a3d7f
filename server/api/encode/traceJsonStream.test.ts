/**
 * The streamed trace JSON (DuckDB-written spans, traceJson.ts + traceJsonStream.ts) against the
 * object encoder it replaces: same parsed document for every field and value type, for what
 * the SQL writes and for the holes it leaves (events, links, raw values), across resources,
 * scopes, sid buckets and batches; and the HTTP routes serve it with an exact Content-Length.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Attribute, AttributeValue, Resource, Scope, SpanData, SpanKind, StatusCode } from '../../../src/model/types';
import { importTempoV2 } from '../../../src/sources/tempo/tempoV2';
import { SpanStore } from '../../store/spanStore';
import { storeTraceJson } from '../../store/traceJson';
import { SID_BUCKET } from '../../store/traceJsonSql';
import { BASE_TIME_NS, EVERY_TYPE, RICH_RESOURCE, RICH_SCOPE, richSpan, tempDir } from '../../store/testing/richSpans';
import { jaegerRoutes } from '../jaeger/routes';
import { tempoRoutes } from '../tempo/routes';
import { encodeResourceSpans } from '../../../src/sources/otlp/encodeOtlpJson';
import type { JsonDialect } from '../../../src/sources/otlp/encodeOtlpJson';
import { traceJsonBody } from './traceJsonStream';

const MIXED = 'aa000000000000000000000000000001';
const BIG = 'bb000000000000000000000000000002';
const BIG_COUNT = 20_000;

const str = (key: string, value: string): Attribute => ({ key, value: { type: 'string', value } });
const val = (key: string, value: AttributeValue): Attribute => ({ key, value });

/** Attribute values the SQL encodes itself (no `raw` column), with awkward strings and numbers. */
const SQL_TYPES: Attribute[] = [
  str('quote', 'a "b" \\ c / d'),
  str('control', 'tab\t nl\n cr\r bell\u0007 del\u007f'),
  str('unicode', 'héllo 🚀 \u2028 \u2029 日本'),
  str('html', '<script>alert(1)</script>'),
  str('empty', ''),
  val('bool.t', { type: 'bool', value: true }),
  val('bool.f', { type: 'bool', value: false }),
  val('int.max', { type: 'int', value: 9_223_372_036_854_775_807n }),
  val('int.min', { type: 'int', value: -9_223_372_036_854_775_808n }),
  val('int.zero', { type: 'int', value: 0n }),
  val('double.pi', { type: 'double', value: Math.PI }),
  val('double.big', { type: 'double', value: 1.2345678901234568e21 }),
  val('double.tiny', { type: 'double', value: 5e-324 }),
  val('double.whole', { type: 'double', value: 3 }),
  val('double.inf', { type: 'double', value: Number.POSITIVE_INFINITY }),
  val('double.ninf', { type: 'double', value: Number.NEGATIVE_INFINITY }),
  val('array', { type: 'array', value: [{ type: 'string', value: 'x"y' }, { type: 'int', value: -5n }, { type: 'double', value: 0.1 }, { type: 'bool', value: false }] }),
  val('array.empty', { type: 'array', value: [] }),
  str('quote', 'duplicate key, kept in order'),
];

const KINDS: SpanKind[] = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];
const CODES: StatusCode[] = ['unset', 'ok', 'error'];

const resource = (service: string, extra: Partial<Resource> = {}): Resource => ({
  serviceName: service,
  attributes: [str('service.name', service)],
  droppedAttributesCount: 0,
  schemaUrl: '',
  ...extra,
});
const scope = (name: string, extra: Partial<Scope> = {}): Scope => ({ name, version: '', attributes: [], droppedAttributesCount: 0, schemaUrl: '', ...extra });

const RESOURCES = [resource('front'), resource('back', { schemaUrl: 'https://x/1', droppedAttributesCount: 2 }), RICH_RESOURCE, resource('')];
const SCOPES = [scope('a'), scope('', {}), RICH_SCOPE, scope('b', { version: '2', attributes: [str('k', 'v')] })];

function spanId(i: number): string {
  return (i + 1).toString(16).padStart(16, '0');
}

/** Span i of the mixed trace: every SQL-encoded field varies; every 7th span is full of holes. */
function mixedSpan(i: number): SpanData {
  if (i % 7 === 3) return { ...richSpan(MIXED, spanId(i), i === 0 ? '' : spanId(0)), resource: RESOURCES[i % 4]!, scope: SCOPES[(i >> 2) % 4]! };
  const start = i === 5 ? 0n : i === 6 ? (1n << 64n) - 10n : BASE_TIME_NS + BigInt(i) * 1000n;
  return {
    traceId: MIXED,
    spanId: spanId(i),
    parentSpanId: i === 0 ? '' : spanId(Math.floor((i - 1) / 3)),
    traceState: i % 2 === 0 ? '' : `vendor=${i},q="x"`,
    name: i % 5 === 4 ? '' : `op "${i}" ✓`,
    kind: KINDS[i % KINDS.length]!,
    startTimeUnixNano: start,
    endTimeUnixNano: i === 8 ? start - 5n : start + BigInt(i) * 7n,
    attributes: i % 3 === 0 ? [] : SQL_TYPES.slice(0, 1 + (i % SQL_TYPES.length)),
    droppedAttributesCount: i % 4,
    events: [],
    droppedEventsCount: i % 5 === 0 ? 0 : i,
    links: [],
    droppedLinksCount: i % 6,
    status: { code: CODES[i % 3]!, message: i % 2 === 0 ? '' : `failed: "${i}"\n` },
    flags: i % 3 === 0 ? 0 : 0x301,
    resource: RESOURCES[i % 4]!,
    scope: SCOPES[(i >> 2) % 4]!,
  };
}

/** Span i of the big trace: resources interleave, so groups span several sid buckets. */
function bigSpan(i: number): SpanData {
  return {
    ...mixedSpan(i % 40 === 3 ? 3 : 1 + (i % 40)),
    traceId: BIG,
    spanId: spanId(i),
    parentSpanId: i === 0 ? '' : spanId(Math.floor((i - 1) / 8)),
    startTimeUnixNano: BASE_TIME_NS + BigInt(i) * 1000n,
    endTimeUnixNano: BASE_TIME_NS + BigInt(i) * 1000n + 500n,
    resource: RESOURCES[(i * 7) % 3]!,
    scope: SCOPES[i % 100 === 0 ? 3 : 0]!,
    events: i % 50 === 0 ? [{ timeUnixNano: BASE_TIME_NS, name: 'e', attributes: [str('k', 'v')], droppedAttributesCount: 0 }] : [],
    attributes: [str('bench.index', String(i)), ...(i % 11 === 0 ? EVERY_TYPE.slice(0, 3) : [])],
  };
}

const MIXED_SPANS = Array.from({ length: 60 }, (_, i) => mixedSpan(i));
const BIG_SPANS = Array.from({ length: BIG_COUNT }, (_, i) => bigSpan(i));

let store: SpanStore;
let cleanup: () => void;

beforeAll(async () => {
  const temp = tempDir('tracescope-tracejson-');
  cleanup = temp.cleanup;
  store = await SpanStore.open(temp.dir, { retentionIntervalMs: 0 });
  // Two writes per trace, interleaved, so each trace's sids are not contiguous.
  await store.write(MIXED_SPANS.slice(0, 30));
  await store.write(BIG_SPANS.slice(0, BIG_COUNT / 2));
  await store.write(MIXED_SPANS.slice(30));
  await store.write(BIG_SPANS.slice(BIG_COUNT / 2));
}, 60_000);

afterAll(async () => {
  await store.close();
  cleanup();
});

async function streamedJson(traceId: string, dialect: JsonDialect, maxBatchSpans?: number): Promise<unknown> {
  const parts = await storeTraceJson(store, traceId, undefined, dialect, maxBatchSpans);
  if (parts === null) throw new Error('trace not found');
  if (maxBatchSpans !== undefined) expect(parts.batchCount).toBeGreaterThan(2);
  const body = await traceJsonBody(parts, dialect, { open: '{"resourceSpans":[', close: ']}' });
  const text = await new Response(body.stream).arrayBuffer();
  if (body.byteLength !== undefined) expect(text.byteLength).toBe(body.byteLength);
  return JSON.parse(new TextDecoder().decode(text));
}

async function objectJson(traceId: string, dialect: JsonDialect): Promise<unknown> {
  const spans = await store.getTrace(traceId);
  if (spans === null) throw new Error('trace not found');
  // Through text, as the object encoder's output reaches a client.
  return JSON.parse(JSON.stringify({ resourceSpans: encodeResourceSpans(spans, dialect) }));
}

describe('streamed trace JSON', () => {
  it.each(['tempo', 'otlp'] as const)('equals the object encoder for every field and value type (%s)', async (dialect) => {
    expect(await streamedJson(MIXED, dialect)).toEqual(await objectJson(MIXED, dialect));
  });

  it.each(['tempo', 'otlp'] as const)('equals the object encoder for a 20k-span trace across sid buckets (%s)', async (dialect) => {
    expect(BIG_COUNT).toBeGreaterThan(2 * SID_BUCKET);
    expect(await streamedJson(BIG, dialect)).toEqual(await objectJson(BIG, dialect));
  });

  it.each(['tempo', 'otlp'] as const)('equals the object encoder when streamed in batches, a scope split across them (%s)', async (dialect) => {
    const expected = await objectJson(BIG, dialect);
    expect(await streamedJson(BIG, dialect, 3000)).toEqual(expected);
    expect(await streamedJson(MIXED, dialect, 7)).toEqual(await objectJson(MIXED, dialect));
  });

  it('reads a 20k-span trace back span-for-span through GET /api/v2/traces/{id}', async () => {
    const res = await tempoRoutes(store).request(`/api/v2/traces/${BIG}`);
    expect(res.status).toBe(200);
    const bytes = await res.arrayBuffer();
    expect(Number(res.headers.get('content-length'))).toBe(bytes.byteLength);
    const result = importTempoV2(JSON.parse(new TextDecoder().decode(bytes)));
    expect(result.issues).toEqual([]);
    const byId = new Map(result.spans.map((s) => [s.spanId, s]));
    expect(byId.size).toBe(BIG_COUNT);
    // OTLP links carry no refType (see roundTrip.test.ts): the one field that cannot come back.
    const withoutRefType = (span: SpanData): SpanData => ({ ...span, links: span.links.map(({ refType: _refType, ...link }) => link) });
    for (const span of BIG_SPANS) expect(byId.get(span.spanId)).toEqual(withoutRefType(span));
  });

  it('serves Tempo v1/v2 and Jaeger v3 envelopes with an exact Content-Length, and 404s', async () => {
    const tempo = tempoRoutes(store);
    const jaeger = jaegerRoutes(store);
    const expected = ((await objectJson(MIXED, 'tempo')) as { resourceSpans: unknown }).resourceSpans;
    const expectedOtlp = ((await objectJson(MIXED, 'otlp')) as { resourceSpans: unknown }).resourceSpans;
    const cases: [Response, unknown][] = [
      [await tempo.request(`/api/v2/traces/${MIXED}`), { trace: { resourceSpans: expected } }],
      [await tempo.request(`/api/traces/${MIXED}`), { batches: expected }],
      [await jaeger.request(`/jaeger/api/v3/traces/${MIXED}`), { result: { resourceSpans: expectedOtlp } }],
    ];
    for (const [res, body] of cases) {
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const bytes = await res.arrayBuffer();
      expect(Number(res.headers.get('content-length'))).toBe(bytes.byteLength);
      expect(JSON.parse(new TextDecoder().decode(bytes))).toEqual(body);
    }
    expect((await tempo.request('/api/v2/traces/cc000000000000000000000000000003')).status).toBe(404);
    // A range that misses the trace: 404, as before.
    expect((await tempo.request(`/api/v2/traces/${BIG}?start=1&end=2`)).status).toBe(404);
    expect((await jaeger.request('/jaeger/api/v3/traces/cc000000000000000000000000000003')).status).toBe(404);
  });
});
