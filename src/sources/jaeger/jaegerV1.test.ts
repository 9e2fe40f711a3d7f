import { describe, expect, it } from 'vitest';
import { readFixture } from '../testing/fixtures';
import type { Attribute, SpanData } from '../../model/types';
import { ImportError } from '../importResult';
import { importJaegerV1 } from './jaegerV1';

const fixture = (name: string): unknown => readFixture(`jaeger/${name}`);

function str(key: string, value: string): Attribute {
  return { key, value: { type: 'string', value } };
}

function int(key: string, value: bigint): Attribute {
  return { key, value: { type: 'int', value } };
}

/** The ImportError a call throws (fails the test when it throws nothing or something else). */
function importError(json: unknown): ImportError {
  try {
    importJaegerV1(json);
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error('expected an ImportError');
}

/** A minimal valid Jaeger v1 span, to build malformed payloads from. */
function span(spanID: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    traceID: '5b8efff798038103d269b633813fc60c',
    spanID,
    operationName: `op ${spanID}`,
    references: [],
    startTime: 1544712660000000,
    duration: 1000,
    tags: [],
    logs: [],
    processID: 'p1',
    ...extra,
  };
}

function envelope(spans: unknown[], processes: unknown = { p1: { serviceName: 'svc', tags: [] } }): unknown {
  return { data: [{ traceID: '5b8efff798038103d269b633813fc60c', spans, processes, warnings: null }], total: 0, limit: 0, offset: 0, errors: null };
}

describe('importJaegerV1 on recorded responses', () => {
  it('reads the observatorium /api/traces/{id} capture', () => {
    const result = importJaegerV1(fixture('v1-trace-response-observatorium-e2e.json'));
    expect(result.format).toBe('jaeger-v1');
    expect(result.spans).toHaveLength(1);
    const s = result.spans[0]!;
    expect(s.traceId).toBe('5b8efff798038103d269b633813fc60c');
    expect(s.spanId).toBe('eee19b7ec3c1b174');
    expect(s.parentSpanId).toBe('eee19b7ec3c1b173');
    expect(s.name).toBe("I'm a server span");
    expect(s.kind).toBe('server');
    expect(s.startTimeUnixNano).toBe(1544712660000000000n);
    expect(s.endTimeUnixNano).toBe(1544712661000000000n);
    // span.kind is mapped, not kept; internal.span.format is an ordinary tag.
    expect(s.attributes).toEqual([str('my.span.attr', 'some value'), str('internal.span.format', 'otlp')]);
    expect(s.links).toEqual([]);
    expect(s.events).toEqual([]);
    expect(s.status).toEqual({ code: 'unset', message: '' });
    expect(s.flags).toBe(0);
    expect(s.resource.serviceName).toBe('my.service');
    expect(s.resource.attributes).toEqual([str('service.name', 'my.service')]);
    // Jaeger put the OTLP scope on the process; /api/v3 shows the same trace with this scope.
    expect(s.scope.name).toBe('my.library');
    expect(s.scope.version).toBe('1.0.0');
    expect(result.issues).toEqual([
      { path: 'data[0].spans[0].warnings', message: 'invalid parent span IDs=eee19b7ec3c1b173; skipping clock skew adjustment' },
    ]);
  });

  it('reads the Grafana mock with a 64-bit trace ID, flags and one shared process', () => {
    const result = importJaegerV1(fixture('v1-trace-response-grafana-mockJsonResponse.json'));
    expect(result.spans).toHaveLength(2);
    expect(result.issues).toEqual([]);
    const [root, child] = result.spans as [SpanData, SpanData];
    expect(root.traceId).toBe('00000000000000002ee9739529395e31');
    expect(child.traceId).toBe('00000000000000002ee9739529395e31');
    expect(root.spanId).toBe('2ee9739529395e31');
    expect(root.parentSpanId).toBe('');
    expect(child.spanId).toBe('620c647812563b5a');
    expect(child.parentSpanId).toBe('2ee9739529395e31');
    expect(root.name).toBe('CAS');
    expect(child.name).toBe('CAS loop');
    expect(root.kind).toBe('client');
    expect(root.flags).toBe(1);
    expect(child.flags).toBe(1);
    expect(root.startTimeUnixNano).toBe(1616095319593196000n);
    expect(root.endTimeUnixNano).toBe(1616095319594200000n);
    expect(child.startTimeUnixNano).toBe(1616095319593344000n);
    expect(child.endTimeUnixNano).toBe(1616095319594082000n);
    expect(root.attributes).toEqual([
      str('sampler.type', 'const'),
      { key: 'sampler.param', value: { type: 'bool', value: true } },
      str('internal.span.format', 'proto'),
    ]);
    expect(root.resource).toBe(child.resource);
    expect(root.resource).toEqual({
      serviceName: 'loki-all',
      attributes: [
        str('service.name', 'loki-all'),
        str('jaeger.version', 'Go-2.25.0'),
        str('hostname', '07bb841e14c3'),
        str('ip', '172.26.0.2'),
        str('client-uuid', '44344b1d17f4ce30'),
      ],
      droppedAttributesCount: 0,
      schemaUrl: '',
    });
  });

  it('reads the /api/transform output, keeping its two identical spans', () => {
    const result = importJaegerV1(fixture('v1-transform-response-otlp2jaeger-out.json'));
    expect(result.issues).toEqual([]);
    expect(result.spans).toHaveLength(2);
    // The duplicate is the model's to flag, not the importer's to drop.
    expect(result.spans[0]).toEqual(result.spans[1]);
    const s = result.spans[0]!;
    expect(s.traceId).toBe('83a9efd15c1c98a977e0711cc93ee28b');
    expect(s.spanId).toBe('e127af99e3b3e074');
    expect(s.parentSpanId).toBe('909541b92cf05311');
    expect(s.name).toBe('okey-dokey-0');
    expect(s.kind).toBe('server');
    expect(s.startTimeUnixNano).toBe(1706678909209712000n);
    expect(s.endTimeUnixNano).toBe(1706678909209835000n);
    expect(s.scope).toEqual({ name: 'telemetrygen', version: '', attributes: [], droppedAttributesCount: 0, schemaUrl: '' });
    expect(s.attributes).toEqual([str('net.peer.ip', '1.2.3.4'), str('peer.service', 'telemetrygen-client')]);
    expect(s.resource.serviceName).toBe('telemetrygen');
    expect(s.resource.attributes).toEqual([str('service.name', 'telemetrygen')]);
  });

  describe('the UI converter fixture ui_01 (bare trace)', () => {
    const result = importJaegerV1(fixture('v1-ui-trace-ui_01.json'));

    it('keeps all five spans, with padded IDs and services', () => {
      expect(result.spans.map((s) => s.spanId)).toEqual([
        '0000000000000002',
        '0000000000000002',
        '0000000000000003',
        '0000000000000004',
        '0000000000000005',
      ]);
      expect(new Set(result.spans.map((s) => s.traceId))).toEqual(new Set(['00000000000000000000000000000001']));
      expect(result.spans.map((s) => s.resource.serviceName)).toEqual(['service-x', 'service-x', 'service-y', 'service-y', 'service-y']);
      expect(result.spans.map((s) => s.parentSpanId)).toEqual(['', '', '0000000000000002', '0000000000000002', '0000000000000004']);
      for (const s of result.spans) expect(s.startTimeUnixNano).toBe(1485467191639875000n);
      expect(result.spans.map((s) => s.endTimeUnixNano)).toEqual([
        1485467191639880000n,
        1485467191639880000n,
        1485467191639880000n,
        1485467191639880000n,
        1485467191639879000n,
      ]);
    });

    it('reads every tag type, an int64 beyond 2^53 exactly and binary as bytes', () => {
      const s = result.spans[1]!;
      expect(s.name).toBe('some-operation');
      expect(s.attributes).toEqual([
        str('peer.service', 'service-y'),
        int('peer.ipv4', 23456n),
        { key: 'temperature', value: { type: 'double', value: 72.5 } },
        int('javascript_limit', 9223372036854775222n),
        { key: 'blob', value: { type: 'bytes', value: new Uint8Array([0, 0, 0x30, 0x39]) } },
      ]);
      // `error: true` became the status and left the attributes.
      expect(s.status).toEqual({ code: 'error', message: '' });
    });

    it('turns logs into events named by their `event` field', () => {
      expect(result.spans[0]!.events).toEqual([
        { timeUnixNano: 1485467191639875000n, name: 'some-event', attributes: [], droppedAttributesCount: 0 },
        { timeUnixNano: 1485467191639875000n, name: 'log', attributes: [str('x', 'y')], droppedAttributesCount: 0 },
      ]);
    });

    it('takes the first CHILD_OF in the same trace as parent and keeps every other reference as a link', () => {
      const s = result.spans[3]!;
      expect(s.name).toBe('reference-test');
      expect(s.parentSpanId).toBe('0000000000000002');
      const link = { traceState: '', attributes: [], droppedAttributesCount: 0, flags: 0 };
      expect(s.links).toEqual([
        { ...link, traceId: '000000000000000000000000000000ff', spanId: '00000000000000ff', refType: 'child_of' },
        { ...link, traceId: '00000000000000000000000000000001', spanId: '0000000000000002', refType: 'follows_from' },
      ]);
    });

    it('reports the trace and span warnings', () => {
      expect(result.issues).toEqual([
        { path: 'warnings', message: 'some trace warning' },
        { path: 'spans[3].warnings', message: 'some span warning' },
        { path: 'spans[4].warnings', message: 'some span warning' },
      ]);
    });
  });

  describe.each([
    // Expected values computed from the raw JSON with node, independently of the importer.
    { file: 'v1-trace-bare-genai-57spans.json', spans: 57, kinds: { server: 30, internal: 8, client: 19 }, attributes: 204, codingAgent: 19, mid: 28 },
    {
      file: 'v1-trace-response-genai-4512spans.json',
      spans: 4512,
      kinds: { server: 2406, internal: 602, client: 1504 },
      attributes: 16242,
      codingAgent: 1504,
      mid: 2256,
    },
  ])('the genai trace $file', ({ file, spans, kinds, attributes, codingAgent, mid }) => {
    const result = importJaegerV1(fixture(file));

    it('reads every span of 10 services, with one Resource object per process', () => {
      expect(result.issues).toEqual([]);
      expect(result.spans).toHaveLength(spans);
      expect(new Set(result.spans.map((s) => s.traceId))).toEqual(new Set(['4a1b2c3d4e5f60718293a4b5c6d7e8f9']));
      expect(new Set(result.spans.map((s) => s.resource.serviceName)).size).toBe(10);
      expect(new Set(result.spans.map((s) => s.resource)).size).toBe(10);
      expect(result.spans.filter((s) => s.resource.serviceName === 'coding-agent')).toHaveLength(codingAgent);
      expect(result.spans.filter((s) => s.parentSpanId === '')).toHaveLength(1);
      const counted: Record<string, number> = {};
      for (const s of result.spans) counted[s.kind] = (counted[s.kind] ?? 0) + 1;
      expect(counted).toEqual(kinds);
      expect(result.spans.reduce((n, s) => n + s.attributes.length, 0)).toBe(attributes);
    });

    it('reads the root, its child and the error span exactly', () => {
      const root = result.spans[0]!;
      expect(root).toMatchObject({
        spanId: '0000000000000001',
        parentSpanId: '',
        name: 'POST /api/graphql',
        kind: 'server',
        startTimeUnixNano: 1770000000001000000n,
        endTimeUnixNano: 1770000044001000000n,
        status: { code: 'unset', message: '' },
      });
      expect(root.resource.serviceName).toBe('api-edge');
      expect(root.attributes).toEqual([
        str('http.request.method', 'POST'),
        str('http.route', '/api/graphql'),
        int('http.response.status_code', 200n),
      ]);
      expect(result.spans[1]).toMatchObject({
        spanId: '0000000000000002',
        parentSpanId: '0000000000000001',
        name: 'Query.assistantReply',
        startTimeUnixNano: 1770000000002000000n,
        endTimeUnixNano: 1770000043002000000n,
        attributes: [],
      });
      expect(result.spans[1]!.resource.serviceName).toBe('graphql-gateway');
      const failed = result.spans[16]!;
      expect(failed).toMatchObject({
        spanId: '0000000000000011',
        parentSpanId: '000000000000000f',
        name: 'GET /api/v1/pods',
        kind: 'server',
        status: { code: 'error', message: '' },
        startTimeUnixNano: 1770000000017000000n,
        endTimeUnixNano: 1770000000097000000n,
      });
      expect(failed.resource.serviceName).toBe('k8s-api');
      expect(failed.attributes.map((a) => a.key)).toEqual(['http.request.method', 'http.route', 'http.response.status_code']);
      expect(result.spans.filter((s) => s.status.code === 'error')).toHaveLength(1);
    });

    it('reads a span from the middle and the last one', () => {
      if (file.includes('4512')) {
        expect(result.spans[mid]).toMatchObject({
          spanId: '00000000000008d1',
          parentSpanId: '0000000000000004',
          name: 'execute_tool list_dashboards',
          kind: 'internal',
          startTimeUnixNano: 1770000002257000000n,
          endTimeUnixNano: 1770000003157000000n,
        });
        expect(result.spans[mid]!.attributes).toEqual([
          str('gen_ai.operation.name', 'execute_tool'),
          str('gen_ai.tool.name', 'list_dashboards'),
          str('gen_ai.tool.call.id', 'call_list_dashboards'),
          str('gen_ai.tool.call.arguments', '{"window":"1h"}'),
          str('gen_ai.tool.call.result', '{"status":"ok","rows":12}'),
        ]);
        expect(result.spans[spans - 1]).toMatchObject({
          spanId: '00000000000011a0',
          parentSpanId: '000000000000119f',
          name: 'POST /v1/messages',
          kind: 'client',
          startTimeUnixNano: 1770000004512000000n,
          endTimeUnixNano: 1770000006262000000n,
        });
      } else {
        expect(result.spans[mid]).toMatchObject({
          spanId: '000000000000001d',
          parentSpanId: '000000000000001c',
          name: 'GET /validate',
          startTimeUnixNano: 1770000000029000000n,
          endTimeUnixNano: 1770000000069000000n,
        });
        expect(result.spans[mid]!.resource.serviceName).toBe('auth-service');
        expect(result.spans[spans - 1]).toMatchObject({
          spanId: '0000000000000039',
          parentSpanId: '0000000000000038',
          name: 'POST /v1/messages',
          kind: 'client',
          startTimeUnixNano: 1770000000057000000n,
          endTimeUnixNano: 1770000001807000000n,
        });
      }
      expect(result.spans[spans - 1]!.resource.serviceName).toBe('coding-agent');
      expect(result.spans[spans - 1]!.attributes).toEqual([
        str('http.request.method', 'POST'),
        str('url.full', 'https://api.example-ai.test/v1/messages'),
        int('http.response.status_code', 200n),
      ]);
    });
  });

  it('throws the message of an error response', () => {
    const error = importError(fixture('v1-error-404-trace-not-found.json'));
    expect(error.path).toBe('errors[0]');
    expect(error.reason).toBe('trace not found (code 404)');
    expect(error.message).toBe('errors[0]: trace not found (code 404)');
  });
});

describe('importJaegerV1 on malformed input', () => {
  it('skips a span with a bad start time and keeps the others', () => {
    const spans = [span('0000000000000001'), span('0000000000000002'), span('0000000000000003'), span('0000000000000004', { startTime: 'abc' }), span('0000000000000005')];
    const result = importJaegerV1(envelope(spans));
    expect(result.spans.map((s) => s.spanId)).toEqual(['0000000000000001', '0000000000000002', '0000000000000003', '0000000000000005']);
    expect(result.issues).toEqual([{ path: 'data[0].spans[3].startTime', message: 'expected integer µs, got "abc"' }]);
  });

  it('skips spans with a bad ID, a fractional time, an unknown process or no span object', () => {
    const spans = [
      span('xyz!'),
      span('0000000000000002', { duration: 1.5 }),
      span('0000000000000003', { processID: 'p9' }),
      42,
      span('0000000000000005', { traceID: undefined }),
      span('0000000000000006'),
    ];
    const result = importJaegerV1(envelope(spans));
    // Span 5 has no traceID of its own and takes the trace's.
    expect(result.spans.map((s) => s.spanId)).toEqual(['0000000000000005', '0000000000000006']);
    expect(result.spans[0]!.traceId).toBe('5b8efff798038103d269b633813fc60c');
    expect(result.issues).toEqual([
      { path: 'data[0].spans[0].spanID', message: 'expected 16-hex ID, got "xyz!"' },
      { path: 'data[0].spans[1].duration', message: 'expected integer µs, got 1.5' },
      { path: 'data[0].spans[2].processID', message: 'unknown processID "p9"' },
      { path: 'data[0].spans[3]', message: 'expected a span object, got 42' },
    ]);
  });

  it('converts or reports tag values that disagree with their type', () => {
    const tags = [
      { key: 'a', type: 'INT64', value: 7 },
      { key: 'b', type: 'Float64', value: '3.5' },
      { key: 'c', type: 'bool', value: 'true' },
      { key: 'd', type: 'string', value: 12 },
      { key: 'e', type: 'int64', value: '-9223372036854775808' },
      { key: 'f', type: 'int64', value: 'abc' },
      { key: 'g', type: 'binary', value: '!!' },
      { key: 'h', type: 'weird', value: 2.5 },
      { key: 'i', type: 'int64', value: 1.5 },
      { type: 'string', value: 'no key' },
    ];
    const result = importJaegerV1(envelope([span('0000000000000001', { tags })]));
    expect(result.spans[0]!.attributes).toEqual([
      int('a', 7n),
      { key: 'b', value: { type: 'double', value: 3.5 } },
      { key: 'c', value: { type: 'bool', value: true } },
      str('d', '12'),
      int('e', -9223372036854775808n),
      str('f', 'abc'),
      str('g', '!!'),
      { key: 'h', value: { type: 'double', value: 2.5 } },
      { key: 'i', value: { type: 'double', value: 1.5 } },
    ]);
    expect(result.issues).toEqual([
      { path: 'data[0].spans[0].tags[5].value', message: 'expected int64 value, got "abc"; kept as string' },
      { path: 'data[0].spans[0].tags[6].value', message: 'expected binary value, got "!!"; kept as string' },
      { path: 'data[0].spans[0].tags[7].type', message: 'unknown tag type "weird"; kept as double' },
      { path: 'data[0].spans[0].tags[8].value', message: 'expected int64 value, got 1.5; kept as double' },
      { path: 'data[0].spans[0].tags[9].key', message: 'expected a string key, got nothing' },
    ]);
  });

  it('maps the special tags onto span fields and keeps the ones it cannot map', () => {
    const tags = [
      { key: 'span.kind', type: 'string', value: 'PRODUCER' },
      { key: 'otel.status_code', type: 'string', value: 'ERROR' },
      { key: 'otel.status_description', type: 'string', value: 'deadline exceeded' },
      { key: 'w3c.tracestate', type: 'string', value: 'rojo=00f067aa0ba902b7' },
      { key: 'otel.scope.name', type: 'string', value: 'io.opentelemetry.grpc' },
      { key: 'otel.scope.version', type: 'string', value: '1.2.3' },
      { key: 'rpc.system', type: 'string', value: 'grpc' },
    ];
    const s = importJaegerV1(envelope([span('0000000000000001', { tags })])).spans[0]!;
    expect(s.kind).toBe('producer');
    expect(s.status).toEqual({ code: 'error', message: 'deadline exceeded' });
    expect(s.traceState).toBe('rojo=00f067aa0ba902b7');
    expect(s.scope).toMatchObject({ name: 'io.opentelemetry.grpc', version: '1.2.3' });
    expect(s.attributes).toEqual([str('rpc.system', 'grpc')]);

    const odd = [
      { key: 'span.kind', type: 'string', value: 'sideways' },
      { key: 'error', type: 'bool', value: false },
      { key: 'otel.status_code', type: 'string', value: 'OK' },
    ];
    const t = importJaegerV1(envelope([span('0000000000000001', { tags: odd })])).spans[0]!;
    expect(t.kind).toBe('unspecified');
    expect(t.status).toEqual({ code: 'ok', message: '' });
    expect(t.attributes).toEqual([str('span.kind', 'sideways'), { key: 'error', value: { type: 'bool', value: false } }]);

    // As in Jaeger's translator, error=true wins over otel.status_code=OK.
    const both = [
      { key: 'otel.status_code', type: 'string', value: 'OK' },
      { key: 'error', type: 'bool', value: true },
    ];
    expect(importJaegerV1(envelope([span('0000000000000001', { tags: both })])).spans[0]!.status).toEqual({ code: 'error', message: '' });
  });

  it('reads the deprecated parentSpanID and an inline process', () => {
    const inline = { serviceName: 'legacy', tags: [{ key: 'hostname', type: 'string', value: 'h1' }] };
    const spans = [
      span('0000000000000002', { parentSpanID: '0000000000000001', processID: undefined, process: inline }),
      span('0000000000000003', {
        parentSpanID: '0000000000000001',
        references: [
          { refType: 'FOLLOWS_FROM', traceID: '5b8efff798038103d269b633813fc60c', spanID: '0000000000000009' },
          { refType: 'CHILD_OF', traceID: '5b8efff798038103d269b633813fc60c', spanID: '0000000000000001' },
        ],
      }),
      span('0000000000000004', { parentSpanID: '0000000000000000' }),
    ];
    const result = importJaegerV1(envelope(spans));
    expect(result.issues).toEqual([]);
    const [a, b, c] = result.spans as [SpanData, SpanData, SpanData];
    expect(a.parentSpanId).toBe('0000000000000001');
    expect(a.resource).toEqual({ serviceName: 'legacy', attributes: [str('service.name', 'legacy'), str('hostname', 'h1')], droppedAttributesCount: 0, schemaUrl: '' });
    expect(b.parentSpanId).toBe('0000000000000001');
    expect(b.links).toEqual([
      { traceId: '5b8efff798038103d269b633813fc60c', spanId: '0000000000000009', traceState: '', attributes: [], droppedAttributesCount: 0, flags: 0, refType: 'follows_from' },
    ]);
    expect(c.parentSpanId).toBe('');
  });

  it('shares one Resource between traces with the same process and reports partial errors', () => {
    const process = { serviceName: 'svc', tags: [{ key: 'host', type: 'string', value: 'a' }] };
    const json = {
      data: [
        { traceID: '0000000000000001', spans: [span('0000000000000001', { traceID: '0000000000000001', processID: 'p1' })], processes: { p1: process } },
        { traceID: '0000000000000002', spans: [span('0000000000000002', { traceID: '0000000000000002', processID: 'p7' })], processes: { p7: process } },
      ],
      errors: [{ code: 404, msg: 'trace not found', traceID: '0000000000000003' }],
    };
    const result = importJaegerV1(json);
    expect(result.spans.map((s) => s.traceId)).toEqual(['00000000000000000000000000000001', '00000000000000000000000000000002']);
    expect(result.spans[0]!.resource).toBe(result.spans[1]!.resource);
    expect(result.issues).toEqual([{ path: 'errors[0]', message: 'trace not found (code 404, traceID 0000000000000003)' }]);
  });

  it('keeps good logs and references when one of them is bad', () => {
    const logs = [
      { timestamp: 'soon', fields: [] },
      { timestamp: 1544712660000500, fields: [{ key: 'event', type: 'string', value: 'retry' }, { key: 'attempt', type: 'int64', value: 2 }] },
    ];
    const references = [{ refType: 'CHILD_OF', traceID: '5b8efff798038103d269b633813fc60c', spanID: 'no-pe' }, { refType: 'SIBLING_OF', spanID: '0000000000000007' }];
    const result = importJaegerV1(envelope([span('0000000000000001', { logs, references })]));
    const s = result.spans[0]!;
    expect(s.events).toEqual([{ timeUnixNano: 1544712660000500000n, name: 'retry', attributes: [int('attempt', 2n)], droppedAttributesCount: 0 }]);
    expect(s.parentSpanId).toBe('');
    expect(s.links).toEqual([
      { traceId: '5b8efff798038103d269b633813fc60c', spanId: '0000000000000007', traceState: '', attributes: [], droppedAttributesCount: 0, flags: 0, refType: undefined },
    ]);
    expect(result.issues).toEqual([
      { path: 'data[0].spans[0].references[0].spanID', message: 'expected 16-hex ID, got "no-pe"; reference left out' },
      { path: 'data[0].spans[0].references[1].refType', message: 'unknown refType "SIBLING_OF"; kept as a link' },
      { path: 'data[0].spans[0].logs[0].timestamp', message: 'expected integer µs, got "soon"; log left out' },
    ]);
  });

  it('reads an empty search result as no spans', () => {
    expect(importJaegerV1({ data: [], total: 0, limit: 0, offset: 0, errors: null })).toEqual({ format: 'jaeger-v1', spans: [], issues: [] });
  });

  it('throws a clear ImportError for a payload of the wrong shape', () => {
    expect(importError([]).message).toBe('expected a Jaeger v1 object {"data":[…]} or {"traceID","spans":[…]}, got an array');
    expect(importError('hello').message).toMatch(/^expected a Jaeger v1 object/);
    expect(importError({ data: {} }).message).toBe('data: expected an array of traces, got an object');
    expect(importError({ data: ['frontend'] }).message).toBe('data[0]: expected a trace {"traceID","spans":[…]}, got "frontend"');
    expect(importError({ data: [{ traceID: '1', spans: 'none' }] }).message).toBe('data[0].spans: expected an array of spans, got "none"');
    expect(importError({ traceID: '1', spans: [], processes: [] }).message).toBe(
      'processes: expected an object {"p1":{serviceName, tags}}, got an array',
    );
    expect(importError({ result: { resourceSpans: [] } }).message).toBe(
      'expected a Jaeger v1 response {"data":[…]} or trace {"traceID","spans":[…]}, got an object with keys "result" (this looks like OTLP/Tempo or Jaeger v3, not Jaeger v1)',
    );
    // A dependencies response is a Jaeger envelope, but not of traces.
    expect(importError(fixture('v1-dependencies-data-small.json')).path).toBe('');
  });
});
