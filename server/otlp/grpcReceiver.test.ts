/**
 * OTLP/gRPC receiver answers, through a raw grpc-js client (bytes in, bytes out) so that each
 * status and trailer is visible. What the real SDK exporter sends is covered by
 * sdkRoundTrip.test.ts.
 */
import { Client, credentials, status } from '@grpc/grpc-js';
import type { Metadata, ServiceError } from '@grpc/grpc-js';
import net from 'node:net';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { TRACE_SERVICE_EXPORT_PATH, startOtlpGrpcServer } from './grpcReceiver';
import type { OtlpGrpcServerOptions } from './grpcReceiver';
import type { RunningServer } from './listen';
import { ExportTraceServiceResponseType, RetryInfoType, RpcStatusType } from './schema';
import type { SpanSink } from './sink';
import { BusySink, CollectingSink, FailingSink } from './testing/collectingSink';
import { requestWithOneBadSpan, requestWithSpans, span } from './testing/requests';

const cleanup: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function start(sink: SpanSink, options: Partial<OtlpGrpcServerOptions> = {}): Promise<RunningServer> {
  const server = await startOtlpGrpcServer({ port: 0, sink, ...options });
  cleanup.push(() => server.close());
  return server;
}

interface CallResult {
  readonly error: ServiceError | null;
  readonly response: Buffer | undefined;
}

/** One Export call with raw bytes; `gzip` makes the client compress the message. */
function exportCall(port: number, body: Uint8Array, gzip = false): Promise<CallResult> {
  const client = new Client(`127.0.0.1:${port}`, credentials.createInsecure(), gzip ? { 'grpc.default_compression_algorithm': 2 } : {});
  cleanup.push(() => client.close());
  return new Promise((resolve) => {
    client.makeUnaryRequest(
      TRACE_SERVICE_EXPORT_PATH,
      (value: Uint8Array) => Buffer.from(value),
      (bytes: Buffer) => bytes,
      body,
      (error, response) => resolve({ error, response }),
    );
  });
}

const goodRequest = (): Uint8Array => requestWithSpans([span({ spanId: '0102030405060708', name: 'one' })]);

function retryDelaySeconds(metadata: Metadata): number {
  const [details] = metadata.get('grpc-status-details-bin') as Buffer[];
  const rpcStatus = RpcStatusType.toObject(RpcStatusType.decode(details!));
  expect(rpcStatus.details[0].type_url).toBe('type.googleapis.com/google.rpc.RetryInfo');
  return RetryInfoType.toObject(RetryInfoType.decode(rpcStatus.details[0].value), { longs: Number }).retryDelay.seconds;
}

describe('OTLP/gRPC receiver', () => {
  it('answers OK with an empty response and writes the spans (plain and gzip messages)', async () => {
    const sink = new CollectingSink();
    const { port } = await start(sink);
    for (const gzip of [false, true]) {
      const { error, response } = await exportCall(port, goodRequest(), gzip);
      expect(error).toBeNull();
      expect(response).toHaveLength(0);
    }
    expect(sink.spans.map((s) => s.name)).toEqual(['one', 'one']);
  });

  it('answers an empty request with OK without writing', async () => {
    const sink = new CollectingSink();
    const { port } = await start(sink);
    const { error, response } = await exportCall(port, new Uint8Array(0));
    expect(error).toBeNull();
    expect(response).toHaveLength(0);
    expect(sink.batches).toHaveLength(0);
  });

  it('reports rejected spans as partial success and writes the rest', async () => {
    const sink = new CollectingSink();
    const { port } = await start(sink);
    const { error, response } = await exportCall(port, requestWithOneBadSpan());
    expect(error).toBeNull();
    const body = ExportTraceServiceResponseType.toObject(ExportTraceServiceResponseType.decode(response!), { longs: Number });
    expect(body.partialSuccess).toEqual({
      rejectedSpans: 1,
      errorMessage: '1 span rejected: resourceSpans[0].scopeSpans[0].spans[2].spanId: expected 8 bytes, got 3',
    });
    expect(sink.spans.map((s) => s.name)).toEqual(['good-1', 'good-2']);
  });

  it('INVALID_ARGUMENT with the decoder’s reason for undecodable bytes', async () => {
    const sink = new CollectingSink();
    const { port } = await start(sink);
    const { error } = await exportCall(port, new Uint8Array([0x0a, 0xff, 0x01, 0x00]));
    expect(error?.code).toBe(status.INVALID_ARGUMENT);
    expect(error?.details).toMatch(/^invalid protobuf ExportTraceServiceRequest: index out of range/);
    expect(sink.batches).toHaveLength(0);
  });

  it('RESOURCE_EXHAUSTED with RetryInfo and retry-after when the ingest is busy', async () => {
    const { port } = await start(new BusySink(2));
    const { error } = await exportCall(port, goodRequest());
    expect(error?.code).toBe(status.RESOURCE_EXHAUSTED);
    expect(error?.metadata.get('retry-after')).toEqual(['2']);
    expect(retryDelaySeconds(error!.metadata)).toBe(2);
  });

  it('UNAVAILABLE with RetryInfo when the store fails, and reports the error', async () => {
    const errors: unknown[] = [];
    const { port } = await start(new FailingSink('disk full'), { onError: (e) => errors.push(e) });
    const { error } = await exportCall(port, goodRequest());
    expect(error?.code).toBe(status.UNAVAILABLE);
    expect(error?.details).toBe('spans could not be stored: disk full');
    expect(retryDelaySeconds(error!.metadata)).toBe(5);
    expect(errors).toHaveLength(1);
  });

  it('refuses messages over the receive limit, also when they only grow past it inflated', async () => {
    const sink = new CollectingSink();
    const { port } = await start(sink, { maxReceiveBytes: 1024 });
    const big = requestWithSpans(Array.from({ length: 50 }, (_, i) => span({ spanId: (i + 1).toString(16).padStart(16, '0') })));
    expect(big.length).toBeGreaterThan(1024);
    // Compressed, it fits: only the inflated size can trip the limit.
    expect(zlib.gzipSync(big).length).toBeLessThan(1024);
    expect((await exportCall(port, big)).error?.code).toBe(status.RESOURCE_EXHAUSTED);
    expect((await exportCall(port, big, true)).error?.code).toBe(status.RESOURCE_EXHAUSTED);
    expect(sink.batches).toHaveLength(0);
  });

  it('rejects start with a message naming the port when it is in use', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    cleanup.push(() => new Promise<void>((resolve) => blocker.close(() => resolve())));
    const port = (blocker.address() as net.AddressInfo).port;
    await expect(startOtlpGrpcServer({ port, sink: new CollectingSink() })).rejects.toThrow(`port ${port} is already in use`);
  });
});
