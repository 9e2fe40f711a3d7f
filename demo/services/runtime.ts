/**
 * What every demo service shares: a tiny JSON-over-HTTP router on node:http (so the server
 * spans come from HttpInstrumentation), a client for calling the other services over real HTTP
 * (client spans + W3C traceparent/tracestate injected by the instrumentation), and helpers for
 * internal spans, realistic latency and injected failures.
 */
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Attributes, Span } from '@opentelemetry/api';
import type { PortMap, ServiceName } from '../topology.ts';

export const tracer = trace.getTracer('justkalm-demo', '1.0.0');

export interface DemoRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: Record<string, unknown>;
}

/** Handlers keyed by "METHOD /path"; they return the JSON body or throw (HttpError for a status). */
export type Routes = Readonly<Record<string, (request: DemoRequest) => Promise<unknown>>>;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

const ports: PortMap = JSON.parse(process.env.DEMO_PORTS ?? '{}') as PortMap;
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

export function servicePort(name: ServiceName): number {
  const port = ports[name];
  if (port === undefined) throw new Error(`no port for ${name} in DEMO_PORTS`);
  return port;
}

export interface CallOptions {
  readonly method?: string;
  readonly body?: unknown;
  /** Retry number (0: first attempt); sent as RESEND_HEADER so the client span gets http.request.resend_count. */
  readonly resendCount?: number;
}

/** Marks a retried request; the SDK's HttpInstrumentation hook turns it into `http.request.resend_count`. */
export const RESEND_HEADER = 'x-demo-resend-count';

/** Calls another service; non-2xx answers throw an HttpError with the status. */
export function call(target: ServiceName, path: string, options: CallOptions = {}): Promise<unknown> {
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  const headers: Record<string, string | number> = payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {};
  if (options.resendCount) headers[RESEND_HEADER] = options.resendCount;
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: servicePort(target),
        path,
        method: options.method ?? 'GET',
        agent,
        timeout: 10_000,
        headers,
      },
      (res) => {
        readBody(res).then((text) => {
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) return resolve(text ? JSON.parse(text) : null);
          reject(new HttpError(status, `${target} ${options.method ?? 'GET'} ${path.split('?')[0]} answered ${status}: ${text.slice(0, 120)}`));
        }, reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${target} ${path} timed out`)));
    req.on('error', reject);
    req.end(payload);
  });
}

/**
 * `call` retried on 503 with exponential backoff: every attempt is its own HTTP client span
 * (retries with `http.request.resend_count`), and each retry is an event on the caller's span.
 */
export async function callWithRetry(target: ServiceName, path: string, options: CallOptions = {}, maxRetries = 2, backoffMs = 20): Promise<unknown> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call(target, path, { ...options, resendCount: attempt });
    } catch (error) {
      if (!(error instanceof HttpError) || error.status !== 503 || attempt >= maxRetries) throw error;
      trace.getActiveSpan()?.addEvent('retry', { 'retry.attempt': attempt + 1, 'retry.target': target, 'retry.reason': error.message });
      await sleep(backoffMs * 2 ** attempt);
    }
  }
}

function readBody(stream: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stream.on('error', reject);
  });
}

/** Starts the service's HTTP server; resolves with it once listening. */
export function startServer(name: ServiceName, routes: Routes): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    void handle(routes, req, res);
  });
  server.keepAliveTimeout = 30_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(servicePort(name), '127.0.0.1', () => resolve(server));
  });
}

async function handle(routes: Routes, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const key = `${req.method ?? 'GET'} ${url.pathname}`;
  const span = trace.getActiveSpan();
  const handler = routes[key];
  if (!handler) return send(res, 404, { error: `no route ${key}` });
  span?.updateName(key);
  span?.setAttribute('http.route', url.pathname);
  try {
    const text = await readBody(req);
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    send(res, 200, await handler({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, body }));
  } catch (error) {
    const status = error instanceof HttpError ? error.status : 500;
    if (status >= 500) {
      span?.recordException(error as Error);
      span?.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
    }
    send(res, status, { error: (error as Error).message });
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body ?? null);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Runs `fn` in a child span; an exception is recorded on it, marks it as an error and rethrows. */
export async function inSpan<T>(name: string, attributes: Attributes, fn: (span: Span) => Promise<T>, kind: SpanKind = SpanKind.INTERNAL): Promise<T> {
  return tracer.startActiveSpan(name, { kind, attributes }, async (span) => {
    try {
      return await fn(span);
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      span.end();
    }
  });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Simulated work: log-normal around `medianMs`, and now and then (`tailChance`) a stall of
 * 110–310 ms on top (a GC pause, a lock wait, a cold connection) — the long tail that makes P99
 * interesting. Frequent enough, and narrow enough, that with the request mix of load/mix.ts the
 * P99 of whole traces sits steadily near 245 ms.
 */
export function work(medianMs: number, tailChance = TAIL_CHANCE): Promise<void> {
  const normal = Math.sqrt(-2 * Math.log(1 - Math.random())) * Math.cos(2 * Math.PI * Math.random());
  let ms = medianMs * Math.exp(0.45 * normal);
  if (Math.random() < tailChance) ms += 110 + Math.random() * 200;
  return sleep(ms);
}

/** Default chance of a stall per `work()` call. */
export const TAIL_CHANCE = 0.004;

/** Throws with the given probability (the demo's injected failures). */
export function maybeFail(probability: number, message: string, status = 500): void {
  if (Math.random() < probability) throw new HttpError(status, message);
}

export const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
