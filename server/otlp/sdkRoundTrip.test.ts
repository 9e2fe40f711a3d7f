/**
 * The real OpenTelemetry JS exporters against the receivers: whatever the SDK sends over
 * gRPC, HTTP/protobuf and HTTP/JSON, each plain and gzip-compressed, must arrive field by field
 * as the SDK's own ReadableSpans say (captured beside the exporter in memory). What went over
 * the wire is checked too, so "gzip" really means compressed bytes reached the receiver.
 */
import nodeHttp from 'node:http';
import type { AddressInfo } from 'node:net';
import { OTLPTraceExporter as GrpcExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOtlpGrpcServer } from './grpcReceiver';
import { createOtlpHttpHandler } from './httpReceiver';
import type { RunningServer } from './listen';
import { CollectingSink } from './testing/collectingSink';
import type { GrpcSniffer } from './testing/grpcSniffer';
import { startGrpcSniffer } from './testing/grpcSniffer';
import { ALL_TYPES, RESOURCE_ATTRIBUTES, comparable, expectedSpanData, sendScenario } from './testing/sdkScenario';

type GrpcConfig = NonNullable<ConstructorParameters<typeof GrpcExporter>[0]>;
type HttpConfig = NonNullable<ConstructorParameters<typeof ProtoExporter>[0]>;
// The config enums are string enums whose values are the wire names.
const GZIP_GRPC = 'gzip' as GrpcConfig['compression'];
const GZIP_HTTP = 'gzip' as HttpConfig['compression'];
const NONE_HTTP = 'none' as HttpConfig['compression'];

let sink: CollectingSink;
let httpServer: nodeHttp.Server;
let httpPort: number;
/** `content-type content-encoding` of each HTTP request, as the receiver got it. */
const httpWire: string[] = [];
let grpc: RunningServer;
/** The exporter talks to the gRPC receiver through this proxy, which reads the frames. */
let sniffer: GrpcSniffer;

beforeAll(async () => {
  sink = new CollectingSink();
  const handler = createOtlpHttpHandler(sink);
  httpServer = nodeHttp.createServer((req, res) => {
    httpWire.push(`${req.headers['content-type']} ${req.headers['content-encoding'] ?? 'identity'}`);
    handler(req, res);
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  httpPort = (httpServer.address() as AddressInfo).port;
  grpc = await startOtlpGrpcServer({ port: 0, sink });
  sniffer = await startGrpcSniffer(grpc.port);
});

afterAll(async () => {
  await sniffer.close();
  await grpc.close();
  httpServer.closeAllConnections();
  await new Promise((resolve) => httpServer.close(resolve));
});

interface Transport {
  readonly name: string;
  readonly exporter: () => SpanExporter;
  /** What every request must have looked like on the wire. */
  readonly wire: () => readonly (string | number)[];
  readonly expectedWire: string | number;
}

const grpcUrl = (): string => `http://127.0.0.1:${sniffer.port}`;
const httpUrl = (): string => `http://127.0.0.1:${httpPort}/v1/traces`;
const grpcWire = (): number[] => sniffer.compressedFlags;

const transports: Transport[] = [
  { name: 'gRPC', exporter: () => new GrpcExporter({ url: grpcUrl() }), wire: grpcWire, expectedWire: 0 },
  { name: 'gRPC gzip', exporter: () => new GrpcExporter({ url: grpcUrl(), compression: GZIP_GRPC }), wire: grpcWire, expectedWire: 1 },
  {
    name: 'HTTP/protobuf',
    exporter: () => new ProtoExporter({ url: httpUrl(), compression: NONE_HTTP }),
    wire: () => httpWire,
    expectedWire: 'application/x-protobuf identity',
  },
  {
    name: 'HTTP/protobuf gzip',
    exporter: () => new ProtoExporter({ url: httpUrl(), compression: GZIP_HTTP }),
    wire: () => httpWire,
    expectedWire: 'application/x-protobuf gzip',
  },
  {
    name: 'HTTP/JSON',
    exporter: () => new JsonExporter({ url: httpUrl(), compression: NONE_HTTP }),
    wire: () => httpWire,
    expectedWire: 'application/json identity',
  },
  {
    name: 'HTTP/JSON gzip',
    exporter: () => new JsonExporter({ url: httpUrl(), compression: GZIP_HTTP }),
    wire: () => httpWire,
    expectedWire: 'application/json gzip',
  },
];

describe.each(transports)('SDK exporter over $name', ({ exporter, wire, expectedWire }) => {
  let sent: ReadableSpan[];
  let received: Map<string, ReturnType<typeof comparable>>;

  beforeAll(async () => {
    sink.spans.length = 0;
    sink.batches.length = 0;
    httpWire.length = 0;
    sniffer.compressedFlags.length = 0;
    sent = await sendScenario(exporter());
    received = new Map(sink.spans.map((s) => [s.spanId, comparable(s)]));
  });

  it('sends as configured (content type, compression) and delivers every span once', () => {
    expect(sent).toHaveLength(4);
    // SimpleSpanProcessor: one request per span.
    expect(wire()).toEqual(sent.map(() => expectedWire));
    expect(sink.spans).toHaveLength(sent.length);
    expect([...received.keys()].sort()).toEqual(sent.map((s) => s.spanContext().spanId).sort());
  });

  it('delivers each span field by field as the SDK recorded it', () => {
    for (const span of sent) {
      expect(received.get(span.spanContext().spanId), span.name).toEqual(expectedSpanData(span));
    }
  });

  it('keeps parent/child, remote parent, trace state, kinds and exact nanosecond times', () => {
    const byName = new Map([...received.values()].map((s) => [s.name, s]));
    const server = byName.get('GET /orders/{id}')!;
    const client = byName.get('SELECT orders')!;
    expect(server.parentSpanId).toBe('0102030405060708');
    expect(server.traceId).toBe('f0e1d2c3b4a5968778695a4b3c2d1e0f');
    expect(server.traceState).toBe('vendor=value,other=x');
    expect(server.flags).toBe(0x301); // sampled, has-is-remote, is-remote
    expect(server.kind).toBe('server');
    expect(server.startTimeUnixNano).toBe(1_700_000_000_123_456_789n);
    expect(server.endTimeUnixNano).toBe(1_700_000_000_124_356_798n);
    expect(client.parentSpanId).toBe(server.spanId);
    expect(client.kind).toBe('client');
    expect(client.flags).toBe(0x101);
    expect(client.status).toEqual({ code: 'error', message: 'deadlock detected' });
    expect(client.events.map((e) => e.timeUnixNano)).toEqual([1_700_000_000_123_458_790n, 1_700_000_000_123_459_792n]);
    expect(client.links).toEqual([
      {
        traceId: '00112233445566778899aabbccddeeff',
        spanId: 'a1b2c3d4e5f60718',
        traceState: 'link=1',
        attributes: [
          { key: 'link.reason', value: { type: 'string', value: 'batch' } },
          { key: 'link.n', value: { type: 'int', value: 2n } },
        ],
        droppedAttributesCount: 0,
        flags: 0x301,
      },
    ]);
    const job = byName.get('nightly report')!;
    expect(job.parentSpanId).toBe('');
    expect(job.kind).toBe('producer');
    expect(job.status.code).toBe('ok');
    expect(job.scope).toEqual({ name: 'background-jobs', version: '', attributes: [], droppedAttributesCount: 0, schemaUrl: '' });
    expect(byName.get('consume')!.kind).toBe('consumer');
  });

  it('types every attribute as sent', () => {
    const server = [...received.values()].find((s) => s.name === 'GET /orders/{id}')!;
    const typed = Object.fromEntries(server.attributes.map((a) => [a.key, a.value]));
    expect(Object.keys(typed)).toEqual(Object.keys(ALL_TYPES));
    expect(typed['http.request.method']).toEqual({ type: 'string', value: 'GET' });
    expect(typed['empty.string']).toEqual({ type: 'string', value: '' });
    expect(typed.unicode).toEqual({ type: 'string', value: 'héllo wörld ✓ 日本' });
    expect(typed['http.ok']).toEqual({ type: 'bool', value: true });
    expect(typed['http.response.status_code']).toEqual({ type: 'int', value: 200n });
    expect(typed['negative.int']).toEqual({ type: 'int', value: -42n });
    expect(typed['max.safe.int']).toEqual({ type: 'int', value: 9_007_199_254_740_991n });
    expect(typed.ratio).toEqual({ type: 'double', value: 0.25 });
    expect(typed['negative.double']).toEqual({ type: 'double', value: -1.5e-7 });
    expect(typed.strings).toEqual({ type: 'array', value: ['a', 'b', ''].map((value) => ({ type: 'string', value })) });
    expect(typed.bools).toEqual({ type: 'array', value: [true, false].map((value) => ({ type: 'bool', value })) });
    expect(typed.ints).toEqual({ type: 'array', value: [1n, -2n, 3n].map((value) => ({ type: 'int', value })) });
    expect(typed.doubles).toEqual({ type: 'array', value: [1.5, -2.25].map((value) => ({ type: 'double', value })) });
  });

  it('carries the resource (service.name first among its attributes) and the scope', () => {
    const server = [...received.values()].find((s) => s.name === 'GET /orders/{id}')!;
    expect(server.resource.serviceName).toBe('checkout');
    expect(server.resource.attributes).toEqual([
      { key: 'service.name', value: { type: 'string', value: 'checkout' } },
      { key: 'service.version', value: { type: 'string', value: RESOURCE_ATTRIBUTES['service.version'] } },
      { key: 'deployment.environment.name', value: { type: 'string', value: 'test' } },
      { key: 'host.cpu.count', value: { type: 'int', value: 8n } },
    ]);
    expect(server.scope.name).toBe('tracescope-receiver-test');
    expect(server.scope.version).toBe('1.2.3');
  });
});

describe('a batched export (BatchSpanProcessor, one request)', () => {
  it('arrives as one write whose spans share one Resource object and one Scope object per scope', async () => {
    sink.spans.length = 0;
    sink.batches.length = 0;
    const sent = await sendScenario(new ProtoExporter({ url: httpUrl() }), 'batch');
    expect(sink.batches).toHaveLength(1);
    const batch = sink.batches[0]!;
    expect(batch).toHaveLength(sent.length);
    expect(new Set(batch.map((s) => s.resource)).size).toBe(1);
    // Two tracers → two ScopeSpans → two Scope objects, each shared by its spans.
    expect(new Set(batch.map((s) => s.scope)).size).toBe(2);
    for (const span of sent) {
      expect(comparable(batch.find((s) => s.spanId === span.spanContext().spanId)!)).toEqual(expectedSpanData(span));
    }
  });
});
