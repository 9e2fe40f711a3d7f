import { Hono } from 'hono';
import type { Context } from 'hono';
import type { SpanStore } from '../../store/spanStore';
import { search, tagNames, tagValues } from '../../store/search';
import type { TagNameScope } from '../../store/search';
import { encodeTracesProtobuf } from '../../otlp/encodeTraces';
import { WireWriter } from '../../otlp/wireWriter';
import { traceByIdBody } from '../encode/traceByIdBody';
import { parseTraceIdParam, parseUnixSecondsParam } from './traceId';
import { parseSearchRequest, parseSecondsRange, parseTagValuesFilter } from './searchRequest';
import { encodeSearchTrace } from './searchResponse';

const TAG_SCOPES: readonly TagNameScope[] = ['resource', 'span', 'intrinsic', 'instrumentation', 'event', 'link'];
export const BUILD_INFO = { version: '0.1.0-tracescope', revision: '', branch: '', buildUser: '', buildDate: '', goVersion: '' };

/** Tempo's HTTP API (same paths, parameters and JSON as Tempo) over the embedded store. */
export function tempoRoutes(store: SpanStore): Hono {
  const app = new Hono();

  app.get('/api/echo', (c) => c.text('echo'));
  app.get('/api/status/buildinfo', (c) => c.json(BUILD_INFO));

  app.get('/api/traces/:id', (c) => traceById(c, store, 'v1'));
  app.get('/api/v2/traces/:id', (c) => traceById(c, store, 'v2'));

  app.get('/api/search', async (c) => {
    const parsed = parseSearchRequest((name) => c.req.query(name));
    if (!parsed.ok) return c.text(parsed.message, 400);
    const started = performance.now();
    const results = await search(store, parsed.value).catch((error: unknown) => error as Error);
    if (results instanceof Error) return badQueryOrThrow(c, results);
    return c.json({
      traces: results.map(encodeSearchTrace),
      metrics: { inspectedTraces: results.length, completedJobs: 1, totalJobs: 1, elapsedMs: Math.round(performance.now() - started) },
    });
  });

  app.get('/api/search/tags', async (c) => {
    const scope = parseScope(c.req.query('scope'));
    if (scope === 'invalid') return c.text(`invalid scope: expected one of ${TAG_SCOPES.join(', ')}`, 400);
    const range = parseSecondsRange((name) => c.req.query(name));
    if (!range.ok) return c.text(range.message, 400);
    const names = scope ? await tagNames(store, scope, range.value) : await allTagNames(store, range.value);
    return c.json({ tagNames: names, metrics: {} });
  });

  app.get('/api/v2/search/tags', async (c) => {
    const scope = parseScope(c.req.query('scope'));
    if (scope === 'invalid') return c.text(`invalid scope: expected one of ${TAG_SCOPES.join(', ')}`, 400);
    const range = parseSecondsRange((name) => c.req.query(name));
    if (!range.ok) return c.text(range.message, 400);
    const scopes = scope ? [scope] : (['resource', 'span', 'intrinsic'] as const);
    const out = await Promise.all(scopes.map(async (name) => ({ name, tags: await tagNames(store, name, range.value) })));
    return c.json({ scopes: out.filter((s) => s.tags.length > 0 || scope !== undefined), metrics: {} });
  });

  app.get('/api/search/tag/:tag/values', async (c) => {
    const range = parseSecondsRange((name) => c.req.query(name));
    if (!range.ok) return c.text(range.message, 400);
    const values = await tagValues(store, c.req.param('tag'), range.value);
    return c.json({ tagValues: values.map((v) => v.value), metrics: {} });
  });

  app.get('/api/v2/search/tag/:tag/values', async (c) => {
    const range = parseSecondsRange((name) => c.req.query(name));
    if (!range.ok) return c.text(range.message, 400);
    const filter = parseTagValuesFilter(c.req.query('q'));
    if (!filter.ok) return c.text(filter.message, 400);
    const values = await tagValues(store, c.req.param('tag'), range.value, undefined, filter.value);
    return c.json({ tagValues: values, metrics: {} });
  });

  return app;
}

async function traceById(c: Context, store: SpanStore, version: 'v1' | 'v2') {
  const traceId = parseTraceIdParam(c.req.param('id') ?? '');
  if (!traceId) return c.text(`invalid trace ID "${c.req.param('id')}": expected up to 32 hex characters`, 400);
  const startNs = parseUnixSecondsParam(c.req.query('start'));
  const endNs = parseUnixSecondsParam(c.req.query('end'));
  if (startNs === 'invalid' || endNs === 'invalid') return c.text('invalid start/end: expected unix seconds', 400);
  if ((c.req.header('accept') ?? '').includes('application/protobuf')) {
    const spans = await store.getTrace(traceId, { startNs, endNs });
    if (!spans || spans.length === 0) return c.body(null, 404);
    // tempopb.Trace and TraceByIDResponse both start with the ResourceSpans list; v2 wraps it
    // in field 1 (trace), so the bytes differ only by that envelope.
    const trace = encodeTracesProtobuf(spans);
    const body = version === 'v1' ? trace : wrapField1(trace);
    return c.body(body as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': 'application/protobuf' });
  }
  // JSON: encodeResourceSpans(spans, 'tempo') in { batches } (v1) or { trace: { resourceSpans } }
  // (v2); big traces written by DuckDB and streamed (traceByIdBody.ts).
  const envelope = version === 'v1' ? { open: '{"batches":[', close: ']}' } : { open: '{"trace":{"resourceSpans":[', close: ']}}' };
  const body = await traceByIdBody(store, traceId, { startNs, endNs }, 'tempo', envelope);
  if (body === null) return c.body(null, 404);
  const length: Record<string, string> = body.byteLength === undefined ? {} : { 'Content-Length': String(body.byteLength) };
  return c.body(body.stream, 200, { 'Content-Type': 'application/json', ...length });
}

/** Length-delimited field 1 around an encoded message (TraceByIDResponse.trace). */
function wrapField1(message: Uint8Array): Uint8Array {
  return new WireWriter().uint32(0x0a).bytes(message).finish();
}

function parseScope(raw: string | undefined): TagNameScope | undefined | 'invalid' {
  if (raw === undefined || raw === '' || raw === 'all') return undefined;
  return (TAG_SCOPES as readonly string[]).includes(raw) ? (raw as TagNameScope) : 'invalid';
}


async function allTagNames(store: SpanStore, range: { startSec?: number; endSec?: number }): Promise<string[]> {
  const [resource, span] = await Promise.all([tagNames(store, 'resource', range), tagNames(store, 'span', range)]);
  return [...new Set([...resource, ...span])].sort();
}

/** DuckDB rejects a bad regex only when it runs: that is the user's query, so 400. */
function badQueryOrThrow(c: Context, error: Error) {
  if (/Invalid Input Error|regex|regular expression/i.test(error.message)) return c.text(`invalid TraceQL query: ${error.message}`, 400);
  throw error;
}
