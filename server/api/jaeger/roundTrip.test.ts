/**
 * One stored trace read through Jaeger v1 (→ importJaegerV1), Jaeger v3 (→ importJaegerV3)
 * and Tempo v1 (→ importTempoV1) gives the same SpanData.
 *
 * The test trace holds only what all three dialects carry: times are whole µs (Jaeger v1 has
 * µs precision), links have no attributes/traceState/flags, nothing is dropped, resources and
 * scopes have no schemaUrl, scopes no attributes, resources name their service first. The one
 * field that then still differs is a link's `refType`: OTLP has none (v3/Tempo give
 * undefined), Jaeger v1 writes every link as a FOLLOWS_FROM (or its recorded CHILD_OF)
 * reference, which reads back as refType 'follows_from'. What v1 cannot carry is pinned down
 * in the second test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Attribute, Resource, Scope, SpanData, SpanLink } from '../../../src/model/types';
import { importJaegerV1 } from '../../../src/sources/jaeger/jaegerV1';
import { importJaegerV3 } from '../../../src/sources/jaeger/jaegerV3';
import { importTempoV1 } from '../../../src/sources/tempo/tempoV1';
import { SpanStore } from '../../store/spanStore';
import { tempoRoutes } from '../tempo/routes';
import { jaegerRoutes } from './routes';

const TRACE = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const LOSSY = '00000000000000000000000000000bad';
const T0 = 1_700_000_000_123_456_000n; // µs-aligned

const str = (key: string, value: string): Attribute => ({ key, value: { type: 'string', value } });

const checkout: Resource = {
  serviceName: 'checkout',
  attributes: [
    str('service.name', 'checkout'),
    str('host.name', 'web-1'),
    { key: 'process.pid', value: { type: 'int', value: 4242n } },
    { key: 'container.ready', value: { type: 'bool', value: true } },
    { key: 'cpu.share', value: { type: 'double', value: 0.25 } },
  ],
  droppedAttributesCount: 0,
  schemaUrl: '',
};
const inventory: Resource = { serviceName: 'inventory', attributes: [str('service.name', 'inventory')], droppedAttributesCount: 0, schemaUrl: '' };
const http: Scope = { name: 'io.opentelemetry.http', version: '1.2.3', attributes: [], droppedAttributesCount: 0, schemaUrl: '' };
const nameOnly: Scope = { name: 'manual', version: '', attributes: [], droppedAttributesCount: 0, schemaUrl: '' };
const noScope: Scope = { name: '', version: '', attributes: [], droppedAttributesCount: 0, schemaUrl: '' };

function span(fields: Partial<SpanData> & Pick<SpanData, 'spanId' | 'name' | 'resource' | 'scope'>): SpanData {
  return {
    traceId: TRACE,
    parentSpanId: '',
    traceState: '',
    kind: 'internal',
    startTimeUnixNano: T0,
    endTimeUnixNano: T0 + 1_000_000n,
    attributes: [],
    droppedAttributesCount: 0,
    events: [],
    droppedEventsCount: 0,
    links: [],
    droppedLinksCount: 0,
    status: { code: 'unset', message: '' },
    flags: 0,
    ...fields,
  };
}

const link = (traceId: string, spanId: string): SpanLink => ({ traceId, spanId, traceState: '', attributes: [], droppedAttributesCount: 0, flags: 0 });

const RICH: SpanData[] = [
  span({
    spanId: '1111111111111111',
    name: 'POST /checkout',
    kind: 'server',
    resource: checkout,
    scope: http,
    traceState: 'vendor=abc,other=1',
    flags: 1,
    endTimeUnixNano: T0 + 250_000_000n,
    status: { code: 'ok', message: '' },
    attributes: [
      str('http.request.method', 'POST'),
      { key: 'http.response.status_code', value: { type: 'int', value: 200n } },
      { key: 'big', value: { type: 'int', value: 1n << 60n } },
      { key: 'negative', value: { type: 'int', value: -(1n << 62n) } },
      { key: 'ratio', value: { type: 'double', value: 1.5 } },
      { key: 'whole.double', value: { type: 'double', value: 3 } },
      { key: 'retry', value: { type: 'bool', value: false } },
      { key: 'payload', value: { type: 'bytes', value: new Uint8Array([0, 1, 254, 255]) } },
      str('empty', ''),
    ],
    events: [
      { timeUnixNano: T0 + 5_000n, name: 'cache miss', attributes: [str('cache.key', 'cart:42'), { key: 'size', value: { type: 'int', value: 7n } }], droppedAttributesCount: 0 },
      { timeUnixNano: T0 + 6_000n, name: 'flushed', attributes: [], droppedAttributesCount: 0 },
    ],
  }),
  span({
    spanId: '2222222222222222',
    parentSpanId: '1111111111111111',
    name: 'reserve',
    kind: 'client',
    resource: checkout,
    scope: http,
    flags: 257,
    startTimeUnixNano: T0 + 10_000_000n,
    endTimeUnixNano: T0 + 90_000_000n,
    status: { code: 'error', message: 'out of stock' },
    links: [link('00000000000000000000000000000abc', '3333333333333333'), link(TRACE, '1111111111111111')],
  }),
  span({
    spanId: '4444444444444444',
    parentSpanId: '2222222222222222',
    name: 'reserve',
    kind: 'consumer',
    resource: inventory,
    scope: nameOnly,
    startTimeUnixNano: T0 + 20_000_000n,
    endTimeUnixNano: T0 + 20_000_000n, // zero duration
    status: { code: 'unset', message: 'just a note' },
  }),
  span({ spanId: '5555555555555555', parentSpanId: '4444444444444444', name: 'unspecified', kind: 'unspecified', resource: inventory, scope: noScope, startTimeUnixNano: T0 + 21_000_000n, endTimeUnixNano: T0 + 22_000_000n }),
  span({ spanId: '6666666666666666', parentSpanId: '4444444444444444', name: 'publish', kind: 'producer', resource: inventory, scope: noScope, startTimeUnixNano: T0 + 30_000_000n, endTimeUnixNano: T0 + 31_000_000n }),
];

/** What Jaeger v1 cannot carry, one span each (see the second test). */
const LOSSY_SPANS: SpanData[] = [
  span({
    traceId: LOSSY,
    spanId: '7777777777777777',
    name: 'lossy',
    resource: { serviceName: 'lossy', attributes: [str('host.name', 'h'), str('service.name', 'lossy')], droppedAttributesCount: 2, schemaUrl: 'https://opentelemetry.io/schemas/1.21.0' },
    scope: { name: 'lib', version: '', attributes: [str('scope.attr', 'x')], droppedAttributesCount: 1, schemaUrl: 'https://example.com/s' },
    startTimeUnixNano: T0 + 1_234n,
    endTimeUnixNano: T0 + 5_000_999n,
    droppedAttributesCount: 3,
    droppedEventsCount: 4,
    droppedLinksCount: 5,
    attributes: [
      { key: 'list', value: { type: 'array', value: [{ type: 'string', value: 'a' }, { type: 'int', value: 1n }] } },
      { key: 'map', value: { type: 'kvlist', value: [str('z', '1'), str('a', '2')] } },
      { key: 'nothing', value: { type: 'empty' } },
      { key: 'nan', value: { type: 'double', value: Number.NaN } },
    ],
    events: [{ timeUnixNano: T0 + 2_500n, name: '', attributes: [], droppedAttributesCount: 6 }],
    links: [{ traceId: LOSSY, spanId: '8888888888888888', traceState: 'k=v', attributes: [str('link.attr', 'y')], droppedAttributesCount: 1, flags: 1 }],
  }),
];

let dir: string;
let store: SpanStore;
let jaeger: ReturnType<typeof jaegerRoutes>;
let tempo: ReturnType<typeof tempoRoutes>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tracescope-jaeger-roundtrip-'));
  store = await SpanStore.open(dir, { retentionIntervalMs: 0 });
  await store.write([...RICH, ...LOSSY_SPANS]);
  jaeger = jaegerRoutes(store);
  tempo = tempoRoutes(store);
});

afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

async function fetchJson(app: { request: (path: string) => Response | Promise<Response> }, path: string): Promise<unknown> {
  const res = await app.request(path);
  expect(res.status, path).toBe(200);
  return res.json();
}

async function readAll(traceId: string) {
  const v1 = importJaegerV1(await fetchJson(jaeger, `/jaeger/api/traces/${traceId}`));
  const v3 = importJaegerV3(await fetchJson(jaeger, `/jaeger/api/v3/traces/${traceId}`));
  const tempoV1 = importTempoV1(await fetchJson(tempo, `/api/traces/${traceId}`));
  return { v1, v3, tempoV1 };
}

/** Links without refType (the only field OTLP cannot carry back). */
const withoutRefType = (spans: readonly SpanData[]): SpanData[] =>
  spans.map((s) => ({ ...s, links: s.links.map(({ refType: _refType, ...rest }) => rest) }));

describe('Jaeger v1, Jaeger v3 and Tempo v1 read back the same SpanData', () => {
  it('gives identical spans through all three APIs (µs-aligned data; links lose refType in OTLP)', async () => {
    const { v1, v3, tempoV1 } = await readAll(TRACE);
    for (const result of [v1, v3, tempoV1]) expect(result.issues, result.format).toEqual([]);
    expect(v3.spans).toEqual(RICH);
    expect(tempoV1.spans).toEqual(RICH);
    expect(withoutRefType(v1.spans)).toEqual(RICH);
    // Jaeger v1 references always have a type; OTLP links have none.
    expect(v1.spans[1]?.links.map((l) => l.refType)).toEqual(['follows_from', 'follows_from']);
    // One process per distinct resource; spans of one resource share one object.
    expect(new Set(v1.spans.map((s) => s.resource)).size).toBe(2);
  });

  it('keeps a recorded CHILD_OF link type through v1', async () => {
    const stored = (await store.getTrace(TRACE)) ?? [];
    expect(stored[1]?.links[0]?.refType).toBeUndefined();
    const dir2 = await mkdtemp(join(tmpdir(), 'tracescope-jaeger-reftype-'));
    const store2 = await SpanStore.open(dir2, { retentionIntervalMs: 0 });
    try {
      const withRef = { ...RICH[1]!, links: [{ ...link(TRACE, '1111111111111111'), refType: 'child_of' as const }] };
      await store2.write([RICH[0]!, withRef]);
      const body = (await fetchJson(jaegerRoutes(store2), `/jaeger/api/traces/${TRACE}`)) as { data: { spans: { references: unknown[] }[] }[] };
      expect(body.data[0]?.spans[1]?.references).toEqual([
        { refType: 'CHILD_OF', traceID: TRACE, spanID: '1111111111111111' },
        { refType: 'CHILD_OF', traceID: TRACE, spanID: '1111111111111111' },
      ]);
      const back = importJaegerV1(body);
      expect(back.spans[1]?.parentSpanId).toBe('1111111111111111');
      expect(back.spans[1]?.links).toEqual([{ ...withRef.links[0], refType: 'child_of' }]);
    } finally {
      await store2.close();
      await rm(dir2, { recursive: true, force: true });
    }
  });

  it('documents exactly what Jaeger v1 cannot carry (v3 and Tempo carry all of it)', async () => {
    const { v1, v3, tempoV1 } = await readAll(LOSSY);
    const original = LOSSY_SPANS[0]!;
    expect(v3.spans).toEqual(LOSSY_SPANS);
    expect(tempoV1.spans).toEqual(LOSSY_SPANS);
    const back = v1.spans[0]!;
    expect(back).toEqual({
      ...original,
      // µs precision: start truncated, duration (end − start) truncated.
      startTimeUnixNano: T0 + 1_000n,
      endTimeUnixNano: T0 + 1_000n + 4_999_000n,
      // Dropped counts are not written.
      droppedAttributesCount: 0,
      droppedEventsCount: 0,
      droppedLinksCount: 0,
      // Arrays and maps become JSON text (map keys sorted), an empty value '', NaN the float text.
      attributes: [
        str('list', '["a",1]'),
        str('map', '{"a":"2","z":"1"}'),
        str('nothing', ''),
        { key: 'nan', value: { type: 'double', value: Number.NaN } },
      ],
      // A process names its service first; resource dropped count and schema URL are lost.
      resource: { serviceName: 'lossy', attributes: [str('service.name', 'lossy'), str('host.name', 'h')], droppedAttributesCount: 0, schemaUrl: '' },
      // A scope is its name and version only.
      scope: { name: 'lib', version: '', attributes: [], droppedAttributesCount: 0, schemaUrl: '' },
      // An unnamed event reads back as 'log'; its dropped count is lost.
      events: [{ timeUnixNano: T0 + 2_000n, name: 'log', attributes: [], droppedAttributesCount: 0 }],
      // A link is a reference: trace and span ID only.
      links: [{ traceId: LOSSY, spanId: '8888888888888888', traceState: '', attributes: [], droppedAttributesCount: 0, flags: 0, refType: 'follows_from' }],
    });
  });
});
