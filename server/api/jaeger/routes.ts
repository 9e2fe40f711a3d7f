import { Hono } from 'hono';
import type { Context } from 'hono';
import type { SpanData } from '../../../src/model/types';
import type { SpanStore } from '../../store/spanStore';
import { jaegerDependencies, jaegerFindTraceIds, jaegerOperations, jaegerServices } from '../../store/jaegerQueries';
import type { JaegerSpanQuery } from '../../store/jaegerQueries';
import { encodeResourceSpans } from '../../../src/sources/otlp/encodeOtlpJson';
import { traceByIdBody } from '../encode/traceByIdBody';
import { uiTraceStream } from '../encode/uiTraceStream';
import { parseGoInt, parseRfc3339Nano, parseTraceId, parseV1Search, parseV3Search, traceIdError } from './params';
import type { QueryReader } from './params';
import { summarizeTrace } from './summaries';
import { encodeUiTrace, jaegerTraceId } from './uiModel';
import type { UiTrace } from './uiModel';

const DAY_MS = 86_400_000n;

interface StructuredError {
  code: number;
  msg: string;
  traceID?: string;
}

/** Jaeger's `structuredResponse`. */
function envelope(data: unknown, total = 0, errors: StructuredError[] | null = null) {
  return { data, total, limit: 0, offset: 0, errors };
}

/** Jaeger's writeJSON: `Content-Type: application/json`. */
function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

/** Go's `http.Error`: the (JSON) text plus a newline, as text/plain. */
function httpError(body: unknown, status: number): Response {
  return new Response(`${JSON.stringify(body)}\n`, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' },
  });
}

/** v1 errors: the envelope with `data: null` and one error. */
const v1Error = (status: number, msg: string) => httpError(envelope(null, 0, [{ code: status, msg }]), status);

/** v3 errors: `GRPCGatewayError`. */
const v3Error = (status: number, message: string) => httpError({ error: { httpCode: status, message } }, status);

function queryReader(c: Context): QueryReader {
  return {
    get: (name) => c.req.query(name),
    all: (name) => c.req.queries(name) ?? [],
  };
}

const nowNs = (): bigint => BigInt(Date.now()) * 1_000_000n;

/** µs query parameter → ns; undefined when absent, 'invalid' when not an integer. */
function microsParam(c: Context, name: string): bigint | undefined | { error: string } {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '') return undefined;
  const n = parseGoInt(raw);
  return n.ok ? n.value * 1000n : { error: `unable to parse param '${name}': ${n.message}` };
}

async function findTraces(store: SpanStore, query: JaegerSpanQuery): Promise<{ traceId: string; spans: SpanData[] }[]> {
  const ids = await jaegerFindTraceIds(store, query);
  const traces = await Promise.all(ids.map(async (traceId) => ({ traceId, spans: (await store.getTrace(traceId)) ?? [] })));
  return traces.filter((t) => t.spans.length > 0);
}

/**
 * Jaeger's query HTTP API (v1 internal JSON and v3), paths prefixed with `/jaeger` as the
 * Jaeger UI calls them when served with base path /jaeger.
 */
export function jaegerRoutes(store: SpanStore): Hono {
  const app = new Hono();

  // ---- v1 ----

  app.get('/jaeger/api/services', async () => {
    const services = await jaegerServices(store);
    return json(envelope(services, services.length));
  });

  app.get('/jaeger/api/services/:service/operations', async (c) => {
    const operations = await jaegerOperations(store, c.req.param('service'));
    const names = [...new Set(operations.map((o) => o.name))].sort();
    return json(envelope(names, names.length));
  });

  app.get('/jaeger/api/operations', async (c) => {
    const service = c.req.query('service') ?? '';
    if (service === '') return v1Error(400, "parameter 'service' is required");
    const kind = c.req.query('spanKind');
    const operations = await jaegerOperations(store, service, kind === '' ? undefined : kind);
    return json(envelope(operations, operations.length));
  });

  app.get('/jaeger/api/traces', async (c) => {
    const parsed = parseV1Search(queryReader(c), nowNs());
    if (!parsed.ok) return v1Error(400, parsed.message);
    const { traceIds, query } = parsed.value;
    if (traceIds.length > 0) {
      const data: UiTrace[] = [];
      const errors: StructuredError[] = [];
      for (const { hex } of traceIds) {
        const spans = await store.getTrace(hex);
        if (spans && spans.length > 0) data.push(encodeUiTrace(hex, spans));
        else errors.push({ code: 404, msg: 'trace not found', traceID: jaegerTraceId(hex) });
      }
      return json(envelope(data, 0, errors.length > 0 ? errors : null));
    }
    const traces = await findTraces(store, query);
    return json(envelope(traces.map((t) => encodeUiTrace(t.traceId, t.spans))));
  });

  app.get('/jaeger/api/traces/:id', async (c) => {
    const raw = c.req.param('id');
    const traceId = parseTraceId(raw);
    if (traceId === null) return v1Error(400, traceIdError(raw));
    const startNs = microsParam(c, 'start');
    const endNs = microsParam(c, 'end');
    if (typeof startNs === 'object') return v1Error(400, startNs.error);
    if (typeof endNs === 'object') return v1Error(400, endNs.error);
    const spans = await store.getTrace(traceId, { startNs, endNs });
    if (!spans || spans.length === 0) return v1Error(404, 'trace not found');
    // Streamed in slices: the text of a 1M-span trace is longer than a JS string can be.
    return new Response(uiTraceStream(encodeUiTrace(traceId, spans)), { status: 200, headers: { 'Content-Type': 'application/json' } });
  });

  app.get('/jaeger/api/dependencies', async (c) => {
    const values: Partial<Record<'endTs' | 'lookback', bigint>> = {};
    for (const name of ['endTs', 'lookback'] as const) {
      const raw = c.req.query(name);
      if (raw === undefined || raw === '') continue;
      const n = parseGoInt(raw);
      if (!n.ok) return v1Error(400, `unable to parse param '${name}': ${n.message}`);
      values[name] = n.value;
    }
    const endMs = values.endTs ?? BigInt(Date.now());
    const lookbackMs = values.lookback ?? DAY_MS;
    const dependencies = await jaegerDependencies(store, (endMs - lookbackMs) * 1_000_000n, endMs * 1_000_000n);
    return json(envelope(dependencies));
  });

  // ---- v3 ----

  app.get('/jaeger/api/v3/services', async () => json({ services: await jaegerServices(store) }));

  app.get('/jaeger/api/v3/operations', async (c) => {
    const service = c.req.query('service');
    const kind = c.req.query('spanKind') ?? c.req.query('span_kind');
    const operations = await jaegerOperations(store, service === '' ? undefined : service, kind === '' ? undefined : kind);
    return json({ operations });
  });

  app.get('/jaeger/api/v3/traces/:id', async (c) => {
    const raw = c.req.param('id');
    const traceId = /^[0-9a-fA-F]{1,32}$/.test(raw) ? raw.toLowerCase().padStart(32, '0') : null;
    if (traceId === null) return v3Error(400, `malformed parameter trace_id: ${traceIdError(raw)}`);
    const range: { startNs?: bigint; endNs?: bigint } = {};
    for (const [name, key] of [['startTime', 'startNs'], ['endTime', 'endNs']] as const) {
      const value = c.req.query(name) ?? c.req.query(name === 'startTime' ? 'start_time' : 'end_time');
      if (value === undefined || value === '') continue;
      const ns = parseRfc3339Nano(value);
      if (ns === null) return v3Error(400, `malformed parameter ${name}: parsing time ${JSON.stringify(value)} as RFC3339Nano`);
      range[key] = ns;
    }
    // { result: { resourceSpans: encodeResourceSpans(spans, 'otlp') } } (traceByIdBody.ts).
    const body = await traceByIdBody(store, traceId, range, 'otlp', { open: '{"result":{"resourceSpans":[', close: ']}}' });
    if (body === null) return v3Error(404, 'No traces found');
    const length: Record<string, string> = body.byteLength === undefined ? {} : { 'Content-Length': String(body.byteLength) };
    return new Response(body.stream, { status: 200, headers: { 'Content-Type': 'application/json', ...length } });
  });

  app.get('/jaeger/api/v3/traces', async (c) => {
    const parsed = parseV3Search(queryReader(c));
    if (!parsed.ok) return v3Error(400, parsed.message);
    const traces = await findTraces(store, parsed.value);
    if (traces.length === 0) return v3Error(404, 'No traces found');
    return json({ result: { resourceSpans: traces.flatMap((t) => encodeResourceSpans(t.spans, 'otlp')) } });
  });

  app.get('/jaeger/api/v3/trace-summaries', async (c) => {
    const parsed = parseV3Search(queryReader(c));
    if (!parsed.ok) return v3Error(400, parsed.message);
    const traces = await findTraces(store, parsed.value);
    return json({ summaries: traces.map((t) => summarizeTrace(t.traceId, t.spans)) });
  });

  // Go's mux for any other API path.
  app.all('/jaeger/api/*', () => new Response('404 page not found\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' } }));

  return app;
}
