/**
 * The JSON body of a trace by ID (Tempo v1/v2, Jaeger v3), picked by the trace's size:
 * - up to SMALL_TRACE_SPANS spans, read as SpanData and encoded here (`encodeResourceSpans`):
 *   two plain queries, ~8 ms for a typical trace;
 * - bigger ones written by DuckDB and streamed (traceJson.ts): its SQL costs ~25 ms to plan and
 *   run even for ten spans, but for 100k spans it is 3x faster and the bytes start early.
 * Both give the same parsed document (traceJsonStream.test.ts, traceByIdBody.test.ts).
 */
import { storeTraceJson } from '../../store/traceJson';
import type { SpanStore } from '../../store/spanStore';
import type { TimeRangeNs } from '../../store/readTrace';
import { encodeResourceSpans } from '../../../src/sources/otlp/encodeOtlpJson';
import type { JsonDialect } from '../../../src/sources/otlp/encodeOtlpJson';
import { traceJsonBody } from './traceJsonStream';
import type { JsonEnvelope, TraceJsonBody } from './traceJsonStream';

/** Traces up to this many spans are encoded in JavaScript. */
export const SMALL_TRACE_SPANS = 2000;

export async function traceByIdBody(store: SpanStore, traceId: string, range: TimeRangeNs, dialect: JsonDialect, envelope: JsonEnvelope): Promise<TraceJsonBody | null> {
  const spans = await store.getSmallTrace(traceId, range, SMALL_TRACE_SPANS);
  if (spans === 'too big') {
    const parts = await storeTraceJson(store, traceId, range, dialect);
    return parts === null ? null : traceJsonBody(parts, dialect, envelope);
  }
  if (spans === null) return null;
  const bytes = new TextEncoder().encode(`${envelope.open}${encodeResourceSpans(spans, dialect).map((r) => JSON.stringify(r)).join(',')}${envelope.close}`);
  return {
    byteLength: bytes.byteLength,
    stream: new ReadableStream({
      start(controller) {
        controller.enqueue(bytes);
        controller.close();
      },
    }),
  };
}
