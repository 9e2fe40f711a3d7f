/**
 * End to end through the real parts: the OpenTelemetry JS SDK's three exporters send to a
 * running `tracescope serve`, and every span read back through Tempo's API (v1 JSON, v2 JSON
 * and protobuf) equals what the SDK recorded, field by field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { OTLPTraceExporter as GrpcExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { OTLPTraceExporter as ProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import type { SpanData } from '../src/model/types';
import { importTempoV1 } from '../src/sources/tempo/tempoV1';
import { importTempoV2 } from '../src/sources/tempo/tempoV2';
import { decodeProtobuf } from './otlp/decodeProtobuf';
import { comparable, expectedSpanData, sendScenario } from './otlp/testing/sdkScenario';
import { parseServeOptions } from './cli/serveOptions';
import { startTracescope } from './serve';
import type { RunningTracescope } from './serve';

// The scenario continues a fixed remote trace, so each group gets a server of its own.
let dataDir: string;
let server: RunningTracescope;
const base = () => `http://127.0.0.1:${server.ports.query}`;

async function start(): Promise<RunningTracescope> {
  const options = parseServeOptions(['--port', '0', '--otlp-grpc-port', '0', '--otlp-http-port', '0', '--data', dataDir], {});
  return startTracescope(options, { staticDir: null, log: () => {} });
}

function withFreshServer() {
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tracescope-serve-'));
    server = await start();
  });
  afterAll(async () => {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  });
}

const exporters: Record<string, () => SpanExporter> = {
  'gRPC (gzip)': () => new GrpcExporter({ url: `http://127.0.0.1:${server.ports.otlpGrpc}`, compression: 'gzip' as never }),
  'HTTP/protobuf': () => new ProtoExporter({ url: `http://127.0.0.1:${server.ports.otlpHttp}/v1/traces` }),
  'HTTP/JSON': () => new JsonExporter({ url: `http://127.0.0.1:${server.ports.otlpHttp}/v1/traces` }),
};

function byTrace(sent: readonly ReadableSpan[]): Map<string, ReadableSpan[]> {
  const out = new Map<string, ReadableSpan[]>();
  for (const span of sent) {
    const id = span.spanContext().traceId;
    out.set(id, [...(out.get(id) ?? []), span]);
  }
  return out;
}

function expectSame(received: readonly SpanData[], sent: readonly ReadableSpan[]) {
  const got = new Map(received.map((span) => [span.spanId, comparable(span)]));
  expect([...got.keys()].sort()).toEqual(sent.map((s) => s.spanContext().spanId).sort());
  for (const span of sent) expect(got.get(span.spanContext().spanId), span.name).toEqual(expectedSpanData(span));
}

describe.each(Object.keys(exporters))('SDK exporter %s → serve → Tempo API', (name) => {
  let sent: ReadableSpan[];
  withFreshServer();
  beforeAll(async () => {
    sent = await sendScenario(exporters[name]!());
  });

  it('gives back every span exactly through /api/traces/{id} (v1)', async () => {
    for (const [traceId, spans] of byTrace(sent)) {
      const response = await fetch(`${base()}/api/traces/${traceId}`);
      expect(response.status).toBe(200);
      const result = importTempoV1(await response.json());
      expect(result.issues).toEqual([]);
      expectSame(result.spans, spans);
    }
  });

  it('gives back every span exactly through /api/v2/traces/{id}', async () => {
    for (const [traceId, spans] of byTrace(sent)) {
      const result = importTempoV2(await (await fetch(`${base()}/api/v2/traces/${traceId}`)).json());
      expect(result.issues).toEqual([]);
      expectSame(result.spans, spans);
    }
  });

  it('answers Accept: application/protobuf with protobuf', async () => {
    for (const [traceId, spans] of byTrace(sent)) {
      const response = await fetch(`${base()}/api/traces/${traceId}`, { headers: { Accept: 'application/protobuf' } });
      expect(response.headers.get('content-type')).toBe('application/protobuf');
      const decoded = decodeProtobuf(new Uint8Array(await response.arrayBuffer()));
      expect(decoded.rejected).toEqual([]);
      expectSame(decoded.spans, spans);
    }
  });
});

describe('Tempo API errors, search and persistence', () => {
  withFreshServer();
  beforeAll(async () => {
    await sendScenario(exporters['HTTP/protobuf']!());
  });

  it('answers 404 for an unknown trace and 400 for a malformed ID', async () => {
    expect((await fetch(`${base()}/api/traces/0123456789abcdef0123456789abcdef`)).status).toBe(404);
    const bad = await fetch(`${base()}/api/traces/not-hex`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toBe('invalid trace ID "not-hex": expected up to 32 hex characters');
  });

  it('finds stored traces by TraceQL and says what is unsupported', async () => {
    const found = await (await fetch(`${base()}/api/search?q=${encodeURIComponent('{ span.http.request.method = "GET" }')}`)).json();
    // Only the server span has that attribute; its parent is remote, so the root is missing.
    expect(found.traces.map((t: { traceID: string }) => t.traceID)).toEqual(['f0e1d2c3b4a5968778695a4b3c2d1e0f']);
    expect(found.traces[0].rootServiceName).toBe('<root span not yet received>');
    expect(found.traces[0].spanSets[0].spans[0].name).toBe('GET /orders/{id}');
    const unsupported = await fetch(`${base()}/api/search?q=${encodeURIComponent('{ } | count() > 3')}`);
    expect(unsupported.status).toBe(400);
    expect(await unsupported.text()).toMatch(/^unsupported TraceQL: /);
  });

  it('keeps the data across a restart', async () => {
    const before = await (await fetch(`${base()}/api/search?tags=${encodeURIComponent('name="nightly report"')}&limit=50`)).json();
    expect(before.traces.length).toBe(1);
    expect(before.traces[0].rootServiceName).toBe('checkout');
    await server.close();
    server = await start();
    const after = await (await fetch(`${base()}/api/search?tags=${encodeURIComponent('name="nightly report"')}&limit=50`)).json();
    expect(after.traces.map((t: { traceID: string }) => t.traceID).sort()).toEqual(before.traces.map((t: { traceID: string }) => t.traceID).sort());
  });
});
