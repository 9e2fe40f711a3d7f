/**
 * OTLP/HTTP receiver answers, one test per status code and rule (API-NOTES.md §5). What the
 * real SDK exporters send is covered by sdkRoundTrip.test.ts.
 */
import net from 'node:net';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { startOtlpHttpServer } from './httpReceiver';
import type { OtlpHttpServerOptions } from './httpReceiver';
import { BoundedIngest } from './ingestQueue';
import type { RunningServer } from './listen';
import { ExportTraceServiceResponseType, RpcStatusType } from './schema';
import type { SpanSink } from './sink';
import { BusySink, CollectingSink, FailingSink, GatedSink } from './testing/collectingSink';
import { request } from './testing/http';
import type { RawResponse } from './testing/http';
import { TRACE_ID, requestWithOneBadSpan, requestWithSpans, span } from './testing/requests';

const PROTOBUF = { 'Content-Type': 'application/x-protobuf' };
const JSON_TYPE = { 'Content-Type': 'application/json' };

const running: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

async function start(sink: SpanSink, options: Partial<OtlpHttpServerOptions> = {}): Promise<number> {
  const server = await startOtlpHttpServer({ port: 0, sink, ...options });
  running.push(server);
  return server.port;
}

const goodRequest = (): Uint8Array => requestWithSpans([span({ spanId: '0102030405060708', name: 'one' })]);

function jsonRequest(spanIds: string[]): string {
  return JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'json-svc' } }] },
        scopeSpans: [
          {
            scope: { name: 'json' },
            spans: spanIds.map((spanId, i) => ({
              traceId: TRACE_ID,
              spanId,
              name: `span-${i}`,
              kind: 2,
              startTimeUnixNano: '1700000000000000000',
              endTimeUnixNano: '1700000000000001000',
            })),
          },
        ],
      },
    ],
  });
}

function rpcStatus(response: RawResponse): { code: number; message: string } {
  if (response.headers['content-type'] === 'application/json') return JSON.parse(response.body.toString('utf8'));
  return RpcStatusType.toObject(RpcStatusType.decode(response.body)) as { code: number; message: string };
}

describe('OTLP/HTTP receiver: success', () => {
  it('200 with an empty ExportTraceServiceResponse for protobuf, and writes the spans', async () => {
    const sink = new CollectingSink();
    const port = await start(sink);
    const res = await request(port, { headers: PROTOBUF, body: goodRequest() });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/x-protobuf');
    expect(res.body).toHaveLength(0);
    expect(sink.spans.map((s) => s.name)).toEqual(['one']);
  });

  it('200 with {} for JSON, decoded by the shared OTLP/JSON decoder; charset parameters are fine', async () => {
    const sink = new CollectingSink();
    const port = await start(sink);
    const res = await request(port, { headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: jsonRequest(['0000000000000001']) });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.body.toString()).toBe('{}');
    expect(sink.spans).toMatchObject([{ traceId: TRACE_ID, spanId: '0000000000000001', kind: 'server', resource: { serviceName: 'json-svc' } }]);
  });

  it('accepts gzip and deflate bodies, and an empty request without writing', async () => {
    const sink = new CollectingSink();
    const port = await start(sink);
    for (const [encoding, body] of [
      ['gzip', zlib.gzipSync(goodRequest())],
      ['deflate', zlib.deflateSync(goodRequest())],
      ['identity', goodRequest()],
    ] as const) {
      const res = await request(port, { headers: { ...PROTOBUF, 'Content-Encoding': encoding }, body });
      expect(res.status, encoding).toBe(200);
    }
    expect(sink.spans).toHaveLength(3);
    const empty = await request(port, { headers: PROTOBUF, body: new Uint8Array(0) });
    expect(empty.status).toBe(200);
    expect(sink.batches).toHaveLength(3);
  });

  it('200 with partial_success when one span among good ones has a 3-byte span ID', async () => {
    const sink = new CollectingSink();
    const port = await start(sink);
    const res = await request(port, { headers: PROTOBUF, body: requestWithOneBadSpan() });
    expect(res.status).toBe(200);
    const body = ExportTraceServiceResponseType.toObject(ExportTraceServiceResponseType.decode(res.body), { longs: Number });
    expect(body.partialSuccess.rejectedSpans).toBe(1);
    expect(body.partialSuccess.errorMessage).toBe('1 span rejected: resourceSpans[0].scopeSpans[0].spans[2].spanId: expected 8 bytes, got 3');
    expect(sink.spans.map((s) => s.name)).toEqual(['good-1', 'good-2']);
  });

  it('200 with partial_success in JSON (rejectedSpans as a string)', async () => {
    const sink = new CollectingSink();
    const port = await start(sink);
    const res = await request(port, { headers: JSON_TYPE, body: jsonRequest(['0000000000000001', 'not-an-id', '0000000000000003']) });
    expect(res.status).toBe(200);
    const body = JSON.parse(res.body.toString());
    expect(body.partialSuccess.rejectedSpans).toBe('1');
    expect(body.partialSuccess.errorMessage).toMatch(/^1 span rejected: resourceSpans\[0\]\.scopeSpans\[0\]\.spans\[1\]\.spanId: /);
    expect(sink.spans.map((s) => s.name)).toEqual(['span-0', 'span-2']);
  });
});

describe('OTLP/HTTP receiver: client errors', () => {
  it('400 with a protobuf google.rpc.Status for undecodable protobuf', async () => {
    const sink = new CollectingSink();
    const port = await start(sink);
    const res = await request(port, { headers: PROTOBUF, body: new Uint8Array([0x0a, 0xff, 0x01, 0x00]) });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe('application/x-protobuf');
    const status = rpcStatus(res);
    expect(status.code).toBe(3);
    expect(status.message).toMatch(/^invalid protobuf ExportTraceServiceRequest: index out of range/);
    expect(sink.batches).toHaveLength(0);
  });

  it('400 with a JSON google.rpc.Status for garbage JSON and for the wrong JSON shape', async () => {
    const port = await start(new CollectingSink());
    const garbage = await request(port, { headers: JSON_TYPE, body: '{"resourceSpans": [' });
    expect(garbage.status).toBe(400);
    expect(garbage.headers['content-type']).toBe('application/json');
    expect(rpcStatus(garbage)).toMatchObject({ code: 3, message: expect.stringMatching(/^invalid JSON ExportTraceServiceRequest: /) });
    const shape = await request(port, { headers: JSON_TYPE, body: '{"resourceSpans": 5}' });
    expect(shape.status).toBe(400);
    expect(rpcStatus(shape).message).toMatch(/resourceSpans: expected array/);
  });

  it('400 for a body that says gzip but is not', async () => {
    const port = await start(new CollectingSink());
    const res = await request(port, { headers: { ...PROTOBUF, 'Content-Encoding': 'gzip' }, body: goodRequest() });
    expect(res.status).toBe(400);
    expect(rpcStatus(res).message).toMatch(/^invalid gzip body: /);
  });

  it('413 for a body over the limit', async () => {
    const sink = new CollectingSink();
    const port = await start(sink, { maxBodyBytes: 1024 });
    const res = await request(port, { headers: PROTOBUF, body: new Uint8Array(2048) });
    expect(res.status).toBe(413);
    expect(rpcStatus(res)).toMatchObject({ code: 3, message: 'request body exceeds the limit of 1024 bytes (after decompression)' });
    expect(sink.batches).toHaveLength(0);
  });

  it('413 for a small gzip body that inflates past the limit', async () => {
    const sink = new CollectingSink();
    const port = await start(sink, { maxBodyBytes: 64 * 1024 });
    const bomb = zlib.gzipSync(Buffer.alloc(10 * 1024 * 1024), { level: 9 });
    expect(bomb.length).toBeLessThan(64 * 1024);
    const res = await request(port, { headers: { ...PROTOBUF, 'Content-Encoding': 'gzip' }, body: bomb });
    expect(res.status).toBe(413);
    expect(sink.batches).toHaveLength(0);
  });

  it('413 for a gzip bomb past the default 64 MiB limit, without inflating it all', async () => {
    const port = await start(new CollectingSink());
    // 1 GiB of zeros in ~1 MiB: 64 gzip members of 16 MiB each (a gzip stream may hold many
    // members, and gunzip reads them all), so the test never holds or compresses 1 GiB.
    const member = zlib.gzipSync(Buffer.alloc(16 * 1024 * 1024), { level: 9 });
    const bomb = Buffer.concat(Array.from({ length: 64 }, () => member));
    const before = process.memoryUsage().rss;
    const res = await request(port, { headers: { ...PROTOBUF, 'Content-Encoding': 'gzip' }, body: bomb });
    expect(res.status).toBe(413);
    expect(rpcStatus(res).message).toMatch(/limit of 67108864 bytes/);
    // The server runs in this process: it must not have inflated anywhere near 1 GiB.
    expect(process.memoryUsage().rss - before).toBeLessThan(256 * 1024 * 1024);
  }, 60_000);

  it('415 for other content types and for unknown content encodings', async () => {
    const port = await start(new CollectingSink());
    const text = await request(port, { headers: { 'Content-Type': 'text/plain' }, body: 'hello' });
    expect(text.status).toBe(415);
    expect(rpcStatus(text).message).toMatch(/unsupported Content-Type "text\/plain"/);
    const none = await request(port, { body: goodRequest() });
    expect(none.status).toBe(415);
    const br = await request(port, { headers: { ...PROTOBUF, 'Content-Encoding': 'br' }, body: goodRequest() });
    expect(br.status).toBe(415);
    expect(rpcStatus(br).message).toMatch(/unsupported Content-Encoding "br"/);
  });

  it('404 for other paths, 405 with Allow for other methods', async () => {
    const port = await start(new CollectingSink());
    const notFound = await request(port, { path: '/v1/metrics', headers: PROTOBUF, body: goodRequest() });
    expect(notFound.status).toBe(404);
    expect(rpcStatus(notFound).code).toBe(5);
    const get = await request(port, { method: 'GET' });
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST, OPTIONS');
    // A query string does not change the path.
    expect((await request(port, { path: '/v1/traces?x=1', headers: PROTOBUF, body: goodRequest() })).status).toBe(200);
  });
});

describe('OTLP/HTTP receiver: back-pressure and failures', () => {
  it('429 with Retry-After when the sink is full', async () => {
    const port = await start(new BusySink(3));
    const res = await request(port, { headers: PROTOBUF, body: goodRequest() });
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('3');
    expect(rpcStatus(res).code).toBe(8);
  });

  it('429 from a real BoundedIngest while a slow store holds the earlier request', async () => {
    const store = new GatedSink();
    const port = await start(new BoundedIngest(store, { maxSpans: 1 }));
    const first = request(port, { headers: PROTOBUF, body: goodRequest() });
    await expect.poll(() => store.pending).toBe(1);
    const second = await request(port, { headers: JSON_TYPE, body: jsonRequest(['0000000000000009']) });
    expect(second.status).toBe(429);
    expect(second.headers['retry-after']).toBe('1');
    expect(JSON.parse(second.body.toString())).toMatchObject({ code: 8 });
    store.release();
    expect((await first).status).toBe(200);
  });

  it('503 with Retry-After when the store fails, and reports the error', async () => {
    const errors: unknown[] = [];
    const port = await start(new FailingSink('disk full'), { onError: (e) => errors.push(e) });
    const res = await request(port, { headers: JSON_TYPE, body: jsonRequest(['0000000000000001']) });
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(JSON.parse(res.body.toString())).toEqual({ code: 14, message: 'spans could not be stored: disk full' });
    expect(errors).toHaveLength(1);
  });
});

describe('OTLP/HTTP receiver: CORS', () => {
  it('answers preflights and marks responses for any origin by default', async () => {
    const port = await start(new CollectingSink());
    const pre = await request(port, {
      method: 'OPTIONS',
      headers: { Origin: 'http://app.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe('*');
    expect(pre.headers['access-control-allow-methods']).toBe('POST, OPTIONS');
    expect(pre.headers['access-control-allow-headers']).toMatch(/Content-Type, Content-Encoding/);
    const post = await request(port, { headers: { ...PROTOBUF, Origin: 'http://app.example' }, body: goodRequest() });
    expect(post.headers['access-control-allow-origin']).toBe('*');
    expect(post.headers['access-control-expose-headers']).toBe('Retry-After');
  });

  it('allows only configured origins, echoing them with Vary: Origin', async () => {
    const port = await start(new CollectingSink(), { corsOrigins: ['http://good.example'], corsAllowedHeaders: ['X-Api-Key'] });
    const good = await request(port, { method: 'OPTIONS', headers: { Origin: 'http://good.example', 'Access-Control-Request-Method': 'POST' } });
    expect(good.headers['access-control-allow-origin']).toBe('http://good.example');
    expect(good.headers.vary).toBe('Origin');
    expect(good.headers['access-control-allow-headers']).toMatch(/X-Api-Key$/);
    const bad = await request(port, { method: 'OPTIONS', headers: { Origin: 'http://evil.example', 'Access-Control-Request-Method': 'POST' } });
    expect(bad.headers['access-control-allow-origin']).toBeUndefined();
    const badPost = await request(port, { headers: { ...PROTOBUF, Origin: 'http://evil.example' }, body: goodRequest() });
    expect(badPost.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('startOtlpHttpServer', () => {
  it('rejects with a message naming the port when it is in use', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      await expect(startOtlpHttpServer({ port, sink: new CollectingSink() })).rejects.toThrow(`port ${port} is already in use`);
    } finally {
      blocker.close();
    }
  });
});
