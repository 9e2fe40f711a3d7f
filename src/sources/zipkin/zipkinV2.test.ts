import { describe, expect, it } from 'vitest';
import { readFixture } from '../testing/fixtures';
import type { Attribute, Resource, SpanData } from '../../model/types';
import { ImportError } from '../importResult';
import { importZipkinV2 } from './zipkinV2';

const fixture = (name: string): unknown => readFixture(`zipkin/${name}`);

const str = (key: string, value: string): Attribute => ({ key, value: { type: 'string', value } });
const int = (key: string, value: bigint): Attribute => ({ key, value: { type: 'int', value } });
const yes = (key: string): Attribute => ({ key, value: { type: 'bool', value: true } });

function resource(serviceName: string, ...attributes: Attribute[]): Resource {
  return { serviceName, attributes: [str('service.name', serviceName), ...attributes], droppedAttributesCount: 0, schemaUrl: '' };
}

const NO_SCOPE = { name: '', version: '', attributes: [], droppedAttributesCount: 0, schemaUrl: '' };

/** A span with the defaults Zipkin cannot express (trace state, links, flags). */
function expected(fields: Partial<SpanData> & Pick<SpanData, 'spanId' | 'resource'>): SpanData {
  return {
    traceId: '463ac35c9f6413ad48485a3953bb6124',
    parentSpanId: '',
    traceState: '',
    name: '',
    kind: 'internal',
    startTimeUnixNano: 0n,
    endTimeUnixNano: 0n,
    attributes: [],
    droppedAttributesCount: 0,
    events: [],
    droppedEventsCount: 0,
    links: [],
    droppedLinksCount: 0,
    status: { code: 'unset', message: '' },
    flags: 0,
    scope: NO_SCOPE,
    ...fields,
  };
}

const FRONTEND = resource('frontend', str('net.host.ip', '172.17.0.13'), int('net.host.port', 8081n));
const BACKEND = resource('backend', str('net.host.ip', '172.17.0.9'), int('net.host.port', 9000n));
const ORDERS = resource('orders', str('net.host.ip', '2001:db8::c001'), int('net.host.port', 8080n));
const BILLING = resource('billing', str('net.host.ip', '10.0.0.5'), str('net.host.ipv6', '2001:db8::5'));

// Trace 2 of the search fixture: a 64-bit trace ID, a producer without duration.
const SEND = expected({
  traceId: '00000000000000007d3c9b2f0a1e4d58',
  spanId: '7d3c9b2f0a1e4d58',
  name: 'send orders',
  kind: 'producer',
  startTimeUnixNano: 1700000100000000000n,
  endTimeUnixNano: 1700000100000000000n,
  attributes: [str('messaging.system', 'kafka'), str('messaging.destination.name', 'orders'), str('net.peer.name', 'kafka')],
  resource: ORDERS,
});
const PROCESS = expected({
  traceId: '00000000000000007d3c9b2f0a1e4d58',
  spanId: '1b0e2a93c4f5d607',
  parentSpanId: '7d3c9b2f0a1e4d58',
  name: 'process orders',
  kind: 'consumer',
  startTimeUnixNano: 1700000100004200000n,
  endTimeUnixNano: 1700000100004215000n,
  attributes: [str('messaging.system', 'kafka'), str('net.peer.name', 'kafka')],
  status: { code: 'ok', message: '' },
  resource: BILLING,
});

describe('importZipkinV2 on search results [[span]]', () => {
  const result = importZipkinV2(fixture('v2-traces-search.CONSTRUCTED.json'));

  it('reads both traces, all six spans, without issues', () => {
    expect(result.format).toBe('zipkin-v2');
    expect(result.issues).toEqual([]);
    expect(result.spans).toHaveLength(6);
  });

  it('reads the server root with its remote endpoint', () => {
    expect(result.spans[0]).toEqual(
      expected({
        spanId: 'a2fb4a1d1a96d312',
        name: 'get /checkout',
        kind: 'server',
        startTimeUnixNano: 1700000000123456000n,
        endTimeUnixNano: 1700000000373756000n,
        attributes: [
          str('http.method', 'GET'),
          str('http.path', '/checkout'),
          str('http.status_code', '500'),
          str('net.peer.ip', '110.170.201.178'),
          int('net.peer.port', 63678n),
        ],
        resource: FRONTEND,
      }),
    );
  });

  it('keeps both halves of a shared span ID, with annotations and the error tag', () => {
    const [client, server] = [result.spans[1], result.spans[2]];
    expect(client).toEqual(
      expected({
        spanId: 'f9b1b7d7a5c3e201',
        parentSpanId: 'a2fb4a1d1a96d312',
        name: 'get /api/cart',
        kind: 'client',
        startTimeUnixNano: 1700000000125001000n,
        endTimeUnixNano: 1700000000365001000n,
        attributes: [
          str('http.method', 'GET'),
          str('http.path', '/api/cart'),
          str('error', '500 Internal Server Error'),
          str('net.peer.name', 'backend'),
          str('net.peer.ip', '172.17.0.9'),
          int('net.peer.port', 9000n),
        ],
        events: [
          { timeUnixNano: 1700000000125100000n, name: 'ws', attributes: [], droppedAttributesCount: 0 },
          { timeUnixNano: 1700000000364900000n, name: 'wr', attributes: [], droppedAttributesCount: 0 },
        ],
        status: { code: 'error', message: '500 Internal Server Error' },
        resource: FRONTEND,
      }),
    );
    expect(server).toEqual(
      expected({
        spanId: 'f9b1b7d7a5c3e201',
        parentSpanId: 'a2fb4a1d1a96d312',
        name: 'get /api/cart',
        kind: 'server',
        startTimeUnixNano: 1700000000127500000n,
        endTimeUnixNano: 1700000000362500000n,
        attributes: [
          str('http.method', 'GET'),
          str('http.path', '/api/cart'),
          str('http.status_code', '500'),
          str('error', ''),
          str('net.peer.ip', '172.17.0.13'),
          int('net.peer.port', 41234n),
          yes('zipkin.shared'),
        ],
        status: { code: 'error', message: '' },
        resource: BACKEND,
      }),
    );
  });

  it('reads a local span as internal, with OTel status and scope tags mapped', () => {
    expect(result.spans[3]).toEqual(
      expected({
        spanId: '0c4e55d7ab0d11f7',
        parentSpanId: 'f9b1b7d7a5c3e201',
        name: 'select cart_items',
        kind: 'internal',
        startTimeUnixNano: 1700000000130000000n,
        endTimeUnixNano: 1700000000358765000n,
        attributes: [str('db.system', 'postgresql'), yes('zipkin.debug')],
        events: [{ timeUnixNano: 1700000000245000000n, name: 'retry', attributes: [], droppedAttributesCount: 0 }],
        status: { code: 'error', message: 'connection reset by peer' },
        scope: { name: 'io.opentelemetry.jdbc', version: '1.32.0', attributes: [], droppedAttributesCount: 0, schemaUrl: '' },
        resource: BACKEND,
      }),
    );
  });

  it('reads the second trace: padded 16-hex ID, missing duration, IPv4 + IPv6', () => {
    expect(result.spans[4]).toEqual(SEND);
    expect(result.spans[5]).toEqual(PROCESS);
  });

  it('shares one Resource per local endpoint', () => {
    const spans = result.spans;
    expect(spans[0]!.resource).toBe(spans[1]!.resource);
    expect(spans[2]!.resource).toBe(spans[3]!.resource);
    expect(new Set(spans.map((s) => s.resource)).size).toBe(4);
  });
});

describe('importZipkinV2 on one trace [span]', () => {
  it('reads the spans of /api/v2/trace/{id}', () => {
    const result = importZipkinV2(fixture('v2-trace.CONSTRUCTED.json'));
    expect(result).toEqual({ format: 'zipkin-v2', spans: [SEND, PROCESS], issues: [] });
  });

  it('reads an empty array as no spans', () => {
    expect(importZipkinV2([])).toEqual({ format: 'zipkin-v2', spans: [], issues: [] });
  });
});

describe('importZipkinV2 on malformed input', () => {
  const good = (id: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    traceId: '463ac35c9f6413ad48485a3953bb6124',
    id,
    name: `op ${id}`,
    timestamp: 1700000000000000,
    duration: 10,
    localEndpoint: { serviceName: 'svc' },
    ...extra,
  });

  it('skips a bad span among good ones, with the exact path', () => {
    const json = [
      [good('0000000000000001'), good('0000000000000002')],
      [good('0000000000000003'), good('0000000000000004', { timestamp: 'abc' }), good('0000000000000005'), 7, good('zz-top')],
    ];
    const result = importZipkinV2(json);
    expect(result.spans.map((s) => s.spanId)).toEqual(['0000000000000001', '0000000000000002', '0000000000000003', '0000000000000005']);
    expect(result.issues).toEqual([
      { path: '[1][1].timestamp', message: 'expected integer µs, got "abc"' },
      { path: '[1][3]', message: 'expected a span object, got 7' },
      { path: '[1][4].id', message: 'expected 16-hex ID, got "zz-top"' },
    ]);
  });

  it('reports what it tolerates in a flat trace', () => {
    const json = [
      good('0000000000000001', { traceId: undefined }),
      good('0000000000000002', {
        timestamp: undefined,
        kind: 'SIDEWAYS',
        annotations: [{ timestamp: 1700000000000900, value: 'late' }, { timestamp: 1700000000000400, value: 'early' }, { value: 'no time' }],
        tags: { retries: 3, payload: { a: 1 } },
        remoteEndpoint: { serviceName: 'db', port: 99999 },
      }),
    ];
    const result = importZipkinV2(json);
    expect(result.spans).toHaveLength(1);
    const s = result.spans[0]!;
    expect(s.startTimeUnixNano).toBe(1700000000000400000n);
    expect(s.endTimeUnixNano).toBe(1700000000000410000n);
    expect(s.kind).toBe('unspecified');
    expect(s.events.map((e) => e.name)).toEqual(['late', 'early']);
    expect(s.attributes).toEqual([str('retries', '3'), str('payload', '{"a":1}'), str('net.peer.name', 'db')]);
    expect(result.issues).toEqual([
      { path: '[0].traceId', message: 'missing ID' },
      { path: '[1].annotations[2].timestamp', message: 'expected integer µs, got nothing; annotation left out' },
      { path: '[1].timestamp', message: 'missing; start taken from the earliest annotation' },
      { path: '[1].tags["payload"]', message: 'expected a string, got an object; kept as JSON text' },
      { path: '[1].remoteEndpoint.port', message: 'expected a port 1–65535, got 99999' },
      { path: '[1].kind', message: 'expected CLIENT, SERVER, PRODUCER or CONSUMER, got "SIDEWAYS"' },
    ]);
  });

  it('gives spans without a local endpoint the unknown service', () => {
    const result = importZipkinV2([good('0000000000000001', { localEndpoint: undefined })]);
    expect(result.spans[0]!.resource).toEqual({ serviceName: 'unknown_service', attributes: [], droppedAttributesCount: 0, schemaUrl: '' });
  });

  it('throws a clear ImportError for a payload that is not an array', () => {
    expect(() => importZipkinV2({ traceId: 'x' })).toThrow(ImportError);
    expect(() => importZipkinV2({ traceId: 'x' })).toThrow(
      /^expected a Zipkin v2 array of spans \[\{…\}\] or of traces \[\[\{…\}\]\], got an object$/,
    );
    expect(() => importZipkinV2({ data: [] })).toThrow('got an object (this looks like Jaeger or OTLP JSON, not Zipkin)');
    expect(() => importZipkinV2('[]')).toThrow('got "[]"');
    expect(() => importZipkinV2(null)).toThrow('got null');
  });
});
