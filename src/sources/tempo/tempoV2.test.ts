import { describe, expect, it } from 'vitest';
import { readFixture } from '../testing/fixtures';
import { importTempoV2 } from './tempoV2';
import { importOtlpJson } from '../otlp/otlpJson';
import { ImportError } from '../importResult';


const str = (value: string) => ({ type: 'string', value });
const int = (value: bigint) => ({ type: 'int', value });

describe('importTempoV2', () => {
  it('reads the v2 trace-by-id response from the Tempo docs', () => {
    const { format, spans, issues } = importTempoV2(readFixture('tempo/trace-v2-response-docs-push-spans.json'));
    expect(format).toBe('tempo-v2');
    expect(issues).toEqual([]);
    expect(spans).toHaveLength(1);
    expect(spans[0]).toMatchObject({
      // W47/95gDgQPSabYzgT/HAA==, 7uGbfsPBsQA=
      traceId: '5b8efff798038103d269b633813fc700',
      spanId: 'eee19b7ec3c1b100',
      parentSpanId: '',
      name: 'I am a span!',
      kind: 'server',
      startTimeUnixNano: 1689969302000000000n,
      endTimeUnixNano: 1689970000000000000n,
      attributes: [{ key: 'my.span.attr', value: str('some value') }],
      status: { code: 'unset', message: '' },
    });
    expect(spans[0]?.resource.serviceName).toBe('my.service');
    expect(spans[0]?.scope).toMatchObject({ name: 'my.library', version: '1.0.0', attributes: [] });
  });

  it('reports a PARTIAL status as an issue at "status" and keeps the spans', () => {
    const json = readFixture('tempo/trace-v2-response-docs-push-spans.json') as Record<string, unknown>;
    const partial = { ...json, status: 'PARTIAL', message: 'trace exceeds max size, returning partial trace' };
    const { spans, issues } = importTempoV2(partial);
    expect(spans).toHaveLength(1);
    expect(issues).toEqual([{ path: 'status', message: 'trace exceeds max size, returning partial trace' }]);
    expect(importTempoV2({ ...json, status: 'PARTIAL' }).issues).toEqual([{ path: 'status', message: 'Tempo returned a partial trace' }]);
    expect(importTempoV2({ ...json, status: 'COMPLETE' }).issues).toEqual([]);
  });

  it('reads a response without a trace (jsonpb omits a nil one) as empty', () => {
    expect(importTempoV2({ metrics: { inspectedBytes: '0' } })).toEqual({ format: 'tempo-v2', spans: [], issues: [] });
    expect(importTempoV2({ trace: {} })).toEqual({ format: 'tempo-v2', spans: [], issues: [] });
  });

  it('throws ImportError for a payload that is not a v2 trace response', () => {
    expect(() => importTempoV2({ resourceSpans: [] })).toThrow(new ImportError('trace', 'missing: not a Tempo v2 trace response'));
    expect(() => importTempoV2({ trace: [] })).toThrow(new ImportError('trace', 'expected object, got an array'));
    expect(() => importTempoV2({ trace: { resourceSpans: 5 } })).toThrow(new ImportError('trace.resourceSpans', 'expected array, got 5'));
  });

  it('prefixes issue paths with "trace.resourceSpans"', () => {
    const { issues } = importTempoV2({
      trace: { resourceSpans: [{ scopeSpans: [{ spans: [{ spanId: '7uGbfsPBsXQ=' }] }] }] },
    });
    expect(issues).toEqual([{ path: 'trace.resourceSpans[0].scopeSpans[0].spans[0].traceId', message: 'missing trace ID' }]);
  });
});

// Tempo's own testdata are bare `tempopb.Trace` bodies ({"resourceSpans":[…]}): the OTLP shape.
describe('bare tempopb.Trace bodies through importOtlpJson', () => {
  it('reads the service-graph virtual-nodes trace (3 spans, 2 traces, kinds and STATUS_CODE_OK)', () => {
    const json = readFixture('tempo/trace-v2-body-servicegraphs-virtual-nodes.json');
    expect(Object.keys(json as object)).toEqual(['resourceSpans']);
    const { spans, issues } = importOtlpJson(json);
    expect(issues).toEqual([]);
    expect(spans.map((s) => [s.traceId, s.spanId, s.parentSpanId, s.name, s.kind, s.status.code, s.resource.serviceName])).toEqual([
      ['4290b5877a9930de79bb428365398ecc', 'd606579e57787587', '', 'requester', 'server', 'ok', 'mythical-server'],
      ['4290b5877a9930de79bb428365398ecc', '53f3329b863da95d', 'd606579e57787587', 'HTTP GET /ready', 'client', 'unset', 'mythical-requester'],
      ['ab4a390ad2fe3b8534404c9f7223a390', '4d9b38bfb7504f8d', '', 'Consumed', 'consumer', 'unset', 'internal-consumer'],
    ]);
    expect(spans.map((s) => [s.startTimeUnixNano, s.endTimeUnixNano])).toEqual([
      [1658320854877522688n, 1658320854923357184n],
      [1658320854877839616n, 1658320854878545408n],
      [1658320854877839616n, 1658320854878545408n],
    ]);
    expect(spans[0]?.attributes).toEqual([{ key: 'beast', value: str('manticore') }]);
    expect(spans[1]?.attributes).toEqual([{ key: 'peer.service', value: str('external-payments-platform') }]);
    expect(spans[1]?.scope).toMatchObject({ name: '@opentelemetry/instrumentation-net', version: '0.27.1' });
    expect(spans[0]?.scope).toMatchObject({ name: 'mythical-server', version: '' });
  });

  it('reads the service-graph failed-requests trace (15 spans, error statuses with a message)', () => {
    const json = readFixture('tempo/trace-v2-body-servicegraphs-failed-requests.json');
    expect(Object.keys(json as object)).toEqual(['resourceSpans']);
    const { spans, issues } = importOtlpJson(json);
    expect(issues).toEqual([]);
    expect(spans).toHaveLength(15);
    expect(new Set(spans.map((s) => s.traceId))).toEqual(new Set(['e8b6dff9f8d44b28f1b22bc3bd2f6768']));
    expect(spans.filter((s) => s.status.code === 'error').map((s) => s.name)).toEqual(['requester', 'POST /:endpoint', 'pg.query:INSERT']);
    expect(spans[0]).toMatchObject({
      spanId: '9007fea484554ad7',
      parentSpanId: '',
      name: 'requester',
      kind: 'client',
      startTimeUnixNano: 1658325672496201216n,
      endTimeUnixNano: 1658325672511518720n,
      status: { code: 'error', message: '' },
      attributes: [{ key: 'beast', value: str('illithid') }],
    });
    expect(spans[0]?.resource.attributes).toEqual([
      { key: 'service.name', value: str('mythical-requester') },
      { key: 'telemetry.sdk.language', value: str('nodejs') },
      { key: 'telemetry.sdk.name', value: str('opentelemetry') },
      { key: 'telemetry.sdk.version', value: str('1.4.0') },
      { key: 'ip', value: str('1.2.3.4') },
    ]);
    expect(spans[7]).toMatchObject({
      spanId: 'c1ae6cea39a8fc4b',
      parentSpanId: '2898383ecfa1a421',
      name: 'pg.query:INSERT',
      kind: 'client',
      startTimeUnixNano: 1658325672502820608n,
      endTimeUnixNano: 1658325672505599232n,
      status: { code: 'error', message: 'null value in column "name" of relation "illithid" violates not-null constraint' },
      attributes: [
        { key: 'db.name', value: str('postgres') },
        { key: 'db.system', value: str('postgresql') },
        { key: 'db.connection_string', value: str('jdbc:postgresql://mythical-database:5432/postgres') },
        { key: 'net.peer.name', value: str('mythical-database') },
        { key: 'net.peer.port', value: int(5432n) },
        { key: 'db.user', value: str('postgres') },
        { key: 'db.statement', value: str('INSERT INTO illithid(name) VALUES ($1)') },
      ],
    });
    expect(spans[7]?.resource.serviceName).toBe('mythical-server');
    expect(spans[7]?.scope).toMatchObject({ name: '@opentelemetry/instrumentation-pg', version: '0.28.0' });
    const server = spans[2];
    expect(server?.spanId).toBe('2898383ecfa1a421');
    expect(server?.attributes.find((a) => a.key === 'http.status_code')?.value).toEqual(int(500n));
    expect(server?.attributes.find((a) => a.key === 'span.kind')?.value).toEqual(int(2n));
  });

  it('reads the tempo-vulture trace (6 spans, 18 unnamed events, kind omitted)', () => {
    const json = readFixture('tempo/trace-v2-body-vulture.json');
    expect(Object.keys(json as object)).toEqual(['resourceSpans']);
    const { spans, issues } = importOtlpJson(json);
    expect(issues).toEqual([]);
    expect(spans.map((s) => [s.spanId, s.parentSpanId, s.name])).toEqual([
      ['4b23de25d1fb6641', '', 'vulture-68'],
      ['3ef58fd67f3c3c44', '4b23de25d1fb6641', 'vulture-45'],
      ['23483ddcaf958888', '3ef58fd67f3c3c44', 'vulture-96'],
      ['04b1672edf34433d', '23483ddcaf958888', 'vulture-48'],
      ['083a27a20c7b6de3', '', 'vulture-36'],
      ['5ef2b292ae1ab9e8', '083a27a20c7b6de3', 'vulture-38'],
    ]);
    expect(spans.every((s) => s.traceId === '3149195ffb0bec05347b48efe8ecc1b0' && s.kind === 'unspecified')).toBe(true);
    expect(spans.reduce((n, s) => n + s.events.length, 0)).toBe(18);
    const [root] = spans;
    expect([root?.startTimeUnixNano, root?.endTimeUnixNano]).toEqual([1636729665000000000n, 1636729665000092000n]);
    expect(root?.events.map((e) => [e.timeUnixNano, e.name, e.attributes.length])).toEqual([
      [1636729665000000000n, '', 8],
      [1636729665000000000n, '', 7],
      [1636729665000000000n, '', 12],
      [1636729665000000000n, '', 13],
    ]);
    expect(root?.events[0]?.attributes[7]).toEqual({ key: 'vulture-event-int-01', value: int(424354n) });
    expect(root?.attributes.find((a) => a.key === 'http.status_code')?.value).toEqual(int(110n));
    expect(root?.resource.attributes).toHaveLength(21);
    expect(root?.resource.attributes[9]).toEqual({ key: 'vulture-process-int-01', value: int(164005n) });
    expect(root?.scope).toEqual({ name: '', version: '', attributes: [], droppedAttributesCount: 0, schemaUrl: '' });
    const last = spans[5];
    expect([last?.startTimeUnixNano, last?.endTimeUnixNano]).toEqual([1636729665000000000n, 1636729665000056000n]);
    expect(last?.attributes).toHaveLength(13);
    expect(last?.attributes[12]).toEqual({ key: 'http.status_code', value: int(371n) });
    expect(last?.events.map((e) => e.attributes.length)).toEqual([7, 9]);
    expect(last?.resource.attributes).toHaveLength(11);
    expect(spans[0]?.resource).toBe(spans[3]?.resource);
    expect(spans[0]?.resource).not.toBe(spans[4]?.resource);
  });
});
