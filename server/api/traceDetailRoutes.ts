/**
 * The trace view's fast path on the embedded store (contract: src/sources/skeleton/format.ts):
 * - `GET /api/tracescope/traces/{traceId}/skeleton`: the trace without span attributes, as
 *   fixed-width columns (`application/vnd.tracescope.skeleton`);
 * - `GET /api/tracescope/traces/{traceId}/spans/{spanId}`: OTLP JSON of the span(s) with that ID,
 *   attributes included;
 * - `GET /api/tracescope/traces/{traceId}/find?term=…`: span IDs per term, matched against the
 *   spans' attribute text.
 * Unknown traces (and spans) are a 404 with a plain-text message; malformed IDs and terms a 400.
 */
import { Hono } from 'hono';
import { SKELETON_CONTENT_TYPE } from '../../src/sources/skeleton/format';
import type { FindResponse } from '../../src/sources/skeleton/format';
import { storeSpansById } from '../store/spanById';
import type { SpanStore } from '../store/spanStore';
import { storeFindInTrace } from '../store/traceFind';
import { storeTraceSkeleton } from '../store/traceSkeleton';
import { encodeResourceSpans } from '../../src/sources/otlp/encodeOtlpJson';
import { skeletonChunks } from './encode/skeletonBytes';
import { parseTraceIdParam } from './tempo/traceId';

export const MAX_FIND_TERMS = 20;
export const MAX_FIND_TERM_LENGTH = 200;

const TRACE_PATH = '/api/tracescope/traces/:traceId';

/** A span ID path parameter: up to 16 hex, leading zeros optional; the 16-hex form or null. */
export function parseSpanIdParam(raw: string): string | null {
  if (!/^[0-9a-fA-F]{1,16}$/.test(raw)) return null;
  return raw.toLowerCase().padStart(16, '0');
}

const badTraceId = (raw: string) => `invalid trace ID "${raw}": expected up to 32 hex characters`;

/** A body of consecutive chunks, streamed without joining them (a skeleton's columns are large). */
function chunkStream(chunks: readonly Uint8Array[]): ReadableStream<Uint8Array> {
  let next = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[next++];
      if (chunk === undefined) controller.close();
      else controller.enqueue(chunk);
    },
  });
}

export function traceDetailRoutes(store: SpanStore): Hono {
  const app = new Hono();

  app.get(`${TRACE_PATH}/skeleton`, async (c) => {
    const raw = c.req.param('traceId');
    const traceId = parseTraceIdParam(raw);
    if (traceId === null) return c.text(badTraceId(raw), 400);
    const skeleton = await storeTraceSkeleton(store, traceId);
    if (skeleton === null) return c.text('trace not found', 404);
    const chunks = skeletonChunks(skeleton);
    const length = chunks.reduce((n, chunk) => n + chunk.byteLength, 0);
    return c.body(chunkStream(chunks), 200, { 'Content-Type': SKELETON_CONTENT_TYPE, 'Content-Length': String(length), 'Cache-Control': 'no-store' });
  });

  app.get(`${TRACE_PATH}/spans/:spanId`, async (c) => {
    const raw = c.req.param('traceId');
    const traceId = parseTraceIdParam(raw);
    if (traceId === null) return c.text(badTraceId(raw), 400);
    const spanId = parseSpanIdParam(c.req.param('spanId'));
    if (spanId === null) return c.text(`invalid span ID "${c.req.param('spanId')}": expected up to 16 hex characters`, 400);
    const spans = await storeSpansById(store, traceId, spanId);
    if (spans.length === 0) return c.text('span not found', 404);
    return c.json({ resourceSpans: encodeResourceSpans(spans, 'otlp') }, 200, { 'Cache-Control': 'no-store' });
  });

  app.get(`${TRACE_PATH}/find`, async (c) => {
    const raw = c.req.param('traceId');
    const traceId = parseTraceIdParam(raw);
    if (traceId === null) return c.text(badTraceId(raw), 400);
    const terms = c.req.queries('term') ?? [];
    if (terms.length > MAX_FIND_TERMS) return c.text(`too many terms: at most ${MAX_FIND_TERMS}`, 400);
    if (terms.some((term) => term.length > MAX_FIND_TERM_LENGTH)) return c.text(`term too long: at most ${MAX_FIND_TERM_LENGTH} characters`, 400);
    const matches = await storeFindInTrace(store, traceId, terms);
    if (matches === null) return c.text('trace not found', 404);
    const body: FindResponse = { terms: matches };
    return c.json(body, 200, { 'Cache-Control': 'no-store' });
  });

  return app;
}
