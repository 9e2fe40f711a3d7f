/**
 * OTLP/gRPC trace receiver: unary `opentelemetry.proto.collector.trace.v1.TraceService/Export`
 * (opentelemetry-proto docs/specification.md, "OTLP/gRPC").
 *
 * The service is defined over raw bytes (identity (de)serializers) so that requests go through
 * decodeProtobuf, the same decoder as OTLP/HTTP. grpc-js itself inflates `grpc-encoding: gzip`
 * and `deflate` messages and enforces the receive limit on the inflated size.
 *
 * Status codes: OK (with partial_success when spans were rejected), INVALID_ARGUMENT for
 * undecodable requests, RESOURCE_EXHAUSTED when the ingest is busy and UNAVAILABLE when the
 * store fails, both with a RetryInfo in `grpc-status-details-bin` (the OTel Collector's
 * exporters only retry RESOURCE_EXHAUSTED when it is there) and a `retry-after` trailer.
 */
import { Metadata, Server, ServerCredentials, status } from '@grpc/grpc-js';
import type { ServerUnaryCall, ServiceDefinition, StatusObject, sendUnaryData } from '@grpc/grpc-js';
import { OtlpDecodeError, decodeProtobuf } from './decodeProtobuf';
import type { RunningServer } from './listen';
import { hostPort, listenError } from './listen';
import { encodeExportResponse, encodeRetryStatus, partialSuccessOf } from './responses';
import type { SpanSink } from './sink';
import { IngestBusyError } from './sink';

export const TRACE_SERVICE_EXPORT_PATH = '/opentelemetry.proto.collector.trace.v1.TraceService/Export';
const DEFAULT_MAX_RECEIVE = 64 * 1024 * 1024;

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** TraceService over raw bytes: decoding and encoding happen in the handler, not in grpc-js. */
const traceServiceDefinition: ServiceDefinition = {
  Export: {
    path: TRACE_SERVICE_EXPORT_PATH,
    requestStream: false,
    responseStream: false,
    requestSerialize: (value: Buffer) => value,
    requestDeserialize: (bytes: Buffer) => bytes,
    responseSerialize: (value: Uint8Array) => toBuffer(value),
    responseDeserialize: (bytes: Buffer) => bytes,
  },
};

export interface OtlpGrpcServerOptions {
  /** Interface to listen on. Default 127.0.0.1 (local only); '0.0.0.0' or '::' for all. */
  readonly host?: string;
  /** 4317 is the OTLP/gRPC default; 0 picks a free port. */
  readonly port: number;
  readonly sink: SpanSink;
  /** Largest accepted message after decompression. Default 64 MiB. */
  readonly maxReceiveBytes?: number;
  /** Retry delay (seconds) advertised when the sink fails. Default 5. */
  readonly failureRetryAfterSeconds?: number;
  /** Told about sink failures (answered UNAVAILABLE); the receiver does not log. */
  readonly onError?: (error: unknown) => void;
  /** How long `close()` lets in-flight calls finish before cutting them. Default 5000 ms. */
  readonly shutdownGraceMs?: number;
}

/** A retryable failure: the status plus when to retry, in both forms clients read. */
function retryableError(code: status, message: string, retryAfterSeconds: number): Partial<StatusObject> {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  const metadata = new Metadata();
  metadata.set('grpc-status-details-bin', toBuffer(encodeRetryStatus(code, message, seconds)));
  metadata.set('retry-after', String(seconds));
  return { code, details: message, metadata };
}

function exportHandler(sink: SpanSink, options: OtlpGrpcServerOptions) {
  const failureRetryAfter = options.failureRetryAfterSeconds ?? 5;
  return (call: ServerUnaryCall<Buffer, Uint8Array>, callback: sendUnaryData<Uint8Array>): void => {
    let decoded;
    try {
      decoded = decodeProtobuf(call.request);
    } catch (error) {
      if (error instanceof OtlpDecodeError) {
        callback({ code: status.INVALID_ARGUMENT, details: error.message });
        return;
      }
      options.onError?.(error);
      callback({ code: status.INTERNAL, details: 'internal error' });
      return;
    }
    const { spans, rejected, warnings } = decoded;
    const response = encodeExportResponse(partialSuccessOf(rejected.length, [...rejected, ...warnings]), 'protobuf');
    if (spans.length === 0) {
      callback(null, response);
      return;
    }
    sink.write(spans).then(
      () => callback(null, response),
      (error: unknown) => {
        if (error instanceof IngestBusyError) {
          callback(retryableError(status.RESOURCE_EXHAUSTED, error.message, error.retryAfterSeconds));
          return;
        }
        options.onError?.(error);
        const reason = error instanceof Error ? error.message : String(error);
        callback(retryableError(status.UNAVAILABLE, `spans could not be stored: ${reason}`, failureRetryAfter));
      },
    );
  };
}

export function startOtlpGrpcServer(options: OtlpGrpcServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const server = new Server({
    'grpc.max_receive_message_length': options.maxReceiveBytes ?? DEFAULT_MAX_RECEIVE,
  });
  server.addService(traceServiceDefinition, { Export: exportHandler(options.sink, options) });
  const graceMs = options.shutdownGraceMs ?? 5000;
  return new Promise<RunningServer>((resolve, reject) => {
    server.bindAsync(hostPort(host, options.port), ServerCredentials.createInsecure(), (error, port) => {
      if (error) {
        server.forceShutdown();
        reject(listenError('OTLP/gRPC receiver', host, options.port, error));
        return;
      }
      resolve({
        port,
        close: () =>
          new Promise<void>((done) => {
            const force = setTimeout(() => server.forceShutdown(), graceMs);
            server.tryShutdown(() => {
              clearTimeout(force);
              done();
            });
          }),
      });
    });
  });
}
