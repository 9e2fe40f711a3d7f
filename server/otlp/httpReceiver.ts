/**
 * OTLP/HTTP trace receiver: `POST /v1/traces` (opentelemetry-proto docs/specification.md,
 * "OTLP/HTTP"; rules summarised in API-NOTES.md §5).
 *
 * Status codes: 200 (full or partial success), 400 undecodable, 404 other paths, 405 other
 * methods, 413 body over the limit after decompression, 415 unknown content type or encoding,
 * 429 ingest busy (retryable, Retry-After), 503 store failure (retryable, Retry-After).
 * Failures carry a google.rpc.Status body; every body uses the request's content type.
 */
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SpanData } from '../../src/model/types';
import { decodeJsonRequest } from './decodeJson';
import { OtlpDecodeError, decodeProtobuf } from './decodeProtobuf';
import { BadBodyError, BodyAbortedError, BodyTooLargeError, UnsupportedEncodingError, readBody } from './httpBody';
import type { RunningServer } from './listen';
import { listenError } from './listen';
import type { PartialSuccess, WireFormat } from './responses';
import { RpcCode, encodeExportResponse, encodeRpcStatus, partialSuccessOf } from './responses';
import type { SpanSink } from './sink';
import { IngestBusyError } from './sink';

export interface OtlpHttpOptions {
  /** Largest accepted body after decompression. Default 64 MiB (the spec's recommendation). */
  readonly maxBodyBytes?: number;
  /** Origins browsers may send from; '*' allows any. Default ['*']. */
  readonly corsOrigins?: readonly string[];
  /** Request headers allowed in CORS preflights, beyond the defaults. */
  readonly corsAllowedHeaders?: readonly string[];
  /** Retry-After (seconds) sent with 503 when the sink fails. Default 5. */
  readonly failureRetryAfterSeconds?: number;
  /** Told about sink failures (answered 503) and internal errors (500); the receiver does not log. */
  readonly onError?: (error: unknown) => void;
}

export const OTLP_TRACES_PATH = '/v1/traces';
const DEFAULT_MAX_BODY = 64 * 1024 * 1024;
const CONTENT_TYPE: Readonly<Record<WireFormat, string>> = { protobuf: 'application/x-protobuf', json: 'application/json' };
/**
 * What browser exporters send: Content-Type (JSON and protobuf are not CORS-safelisted), the
 * encoding of compressed bodies, and the auth / tenant headers users configure on them.
 */
const DEFAULT_CORS_HEADERS = ['Content-Type', 'Content-Encoding', 'Accept', 'Authorization', 'X-Requested-With', 'X-Scope-OrgID'];

/** The media type of a Content-Type header, parameters (`; charset=utf-8`) ignored. */
function formatOf(contentType: string | undefined): WireFormat | undefined {
  const media = (contentType ?? '').split(';', 1)[0]!.trim().toLowerCase();
  if (media === 'application/x-protobuf' || media === 'application/protobuf') return 'protobuf';
  if (media === 'application/json') return 'json';
  return undefined;
}

interface Decoded {
  readonly spans: SpanData[];
  readonly partial: PartialSuccess | undefined;
}

function decode(body: Buffer, format: WireFormat): Decoded {
  if (format === 'json') {
    const { spans, rejectedSpans, issues } = decodeJsonRequest(body);
    return { spans, partial: partialSuccessOf(rejectedSpans, issues) };
  }
  const { spans, rejected, warnings } = decodeProtobuf(body);
  return { spans, partial: partialSuccessOf(rejected.length, [...rejected, ...warnings]) };
}

export function createOtlpHttpHandler(
  sink: SpanSink,
  options: OtlpHttpOptions = {},
): (req: IncomingMessage, res: ServerResponse) => void {
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const origins = options.corsOrigins ?? ['*'];
  const allowHeaders = [...DEFAULT_CORS_HEADERS, ...(options.corsAllowedHeaders ?? [])].join(', ');
  const failureRetryAfter = String(options.failureRetryAfterSeconds ?? 5);

  /** CORS response headers for the request's Origin, when it is allowed. */
  const setCors = (req: IncomingMessage, res: ServerResponse): void => {
    const origin = req.headers.origin;
    if (origin === undefined) return;
    if (origins.includes('*')) res.setHeader('Access-Control-Allow-Origin', '*');
    else if (origins.includes(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
    } else return;
    // Lets browser exporters read Retry-After on 429/503.
    res.setHeader('Access-Control-Expose-Headers', 'Retry-After');
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    setCors(req, res);
    const format = formatOf(req.headers['content-type']);
    // Errors before the body is understood still answer in the request's type when known.
    const fail = (status: number, code: number, message: string, headers: Record<string, string> = {}): void => {
      const as = format ?? 'json';
      const body = encodeRpcStatus(code, message, as);
      res.writeHead(status, { ...headers, 'Content-Type': CONTENT_TYPE[as], 'Content-Length': body.byteLength });
      res.end(body);
    };

    const path = (req.url ?? '/').split('?', 1)[0];
    if (path !== OTLP_TRACES_PATH) return fail(404, RpcCode.NOT_FOUND, `no such endpoint ${path}; OTLP traces go to POST ${OTLP_TRACES_PATH}`);
    if (req.method === 'OPTIONS') {
      // A preflight; the CORS headers (or their absence, for a foreign origin) decide.
      res.writeHead(204, {
        Allow: 'POST, OPTIONS',
        'Access-Control-Allow-Methods': 'POST, OPTIONS',
        'Access-Control-Allow-Headers': allowHeaders,
        'Access-Control-Max-Age': '7200',
      });
      res.end();
      return;
    }
    if (req.method !== 'POST') {
      return fail(405, RpcCode.UNIMPLEMENTED, `method ${req.method} not allowed; use POST`, { Allow: 'POST, OPTIONS' });
    }
    if (format === undefined) {
      const got = req.headers['content-type'] ?? 'none';
      return fail(415, RpcCode.INVALID_ARGUMENT, `unsupported Content-Type ${JSON.stringify(got)}; use application/x-protobuf or application/json`);
    }

    let body: Buffer;
    try {
      body = await readBody(req, maxBody);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        // Stop reading the rest of an oversized upload: answer, then close the connection.
        return fail(413, RpcCode.INVALID_ARGUMENT, error.message, { Connection: 'close' });
      }
      if (error instanceof UnsupportedEncodingError) return fail(415, RpcCode.INVALID_ARGUMENT, error.message, { Connection: 'close' });
      if (error instanceof BadBodyError) return fail(400, RpcCode.INVALID_ARGUMENT, error.message);
      if (error instanceof BodyAbortedError) {
        res.destroy();
        return;
      }
      throw error;
    }

    let decoded: Decoded;
    try {
      decoded = decode(body, format);
    } catch (error) {
      if (error instanceof OtlpDecodeError) return fail(400, RpcCode.INVALID_ARGUMENT, error.message);
      throw error;
    }

    if (decoded.spans.length > 0) {
      try {
        await sink.write(decoded.spans);
      } catch (error) {
        if (error instanceof IngestBusyError) {
          const seconds = String(Math.max(1, Math.ceil(error.retryAfterSeconds)));
          return fail(429, RpcCode.RESOURCE_EXHAUSTED, error.message, { 'Retry-After': seconds });
        }
        options.onError?.(error);
        const reason = error instanceof Error ? error.message : String(error);
        return fail(503, RpcCode.UNAVAILABLE, `spans could not be stored: ${reason}`, { 'Retry-After': failureRetryAfter });
      }
    }

    const response = encodeExportResponse(decoded.partial, format);
    res.writeHead(200, { 'Content-Type': CONTENT_TYPE[format], 'Content-Length': response.byteLength });
    res.end(response);
  };

  return (req, res) => {
    handle(req, res).catch((error: unknown) => {
      // A bug, not bad input: answer 500 if still possible, never crash the server.
      options.onError?.(error);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const body = encodeRpcStatus(RpcCode.INTERNAL, 'internal error', 'json');
      res.writeHead(500, { 'Content-Type': CONTENT_TYPE.json, 'Content-Length': body.byteLength });
      res.end(body);
    });
  };
}

export interface OtlpHttpServerOptions extends OtlpHttpOptions {
  /** Interface to listen on. Default 127.0.0.1 (local only); '0.0.0.0' or '::' for all. */
  readonly host?: string;
  /** 4318 is the OTLP/HTTP default; 0 picks a free port. */
  readonly port: number;
  readonly sink: SpanSink;
}

export function startOtlpHttpServer(options: OtlpHttpServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const server = http.createServer(createOtlpHttpHandler(options.sink, options));
  return new Promise<RunningServer>((resolve, reject) => {
    const onError = (error: unknown): void => reject(listenError('OTLP/HTTP receiver', host, options.port, error));
    server.once('error', onError);
    server.listen(options.port, host, () => {
      server.off('error', onError);
      const { port } = server.address() as AddressInfo;
      resolve({
        port,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            server.closeIdleConnections();
          }),
      });
    });
  });
}
