/**
 * Per-trace summaries (`traces` rows), maintained at ingest: each batch is aggregated per trace
 * in JS, staged in the writer's temp table `trace_stage`, and merged with one upsert, so spans
 * of one trace may arrive in any number of writes, minutes apart.
 */
import type { DuckDBDataChunk } from '@duckdb/node-api';
import type { SpanData } from '../../src/model/types';
import { ChunkBuilder } from './columnAppender';
import type { ColumnKind } from './columnAppender';
import { traceKey } from './traceKey';

/** trace_stage columns (schema.ts TRACE_STAGE_DDL). */
const TRACE_STAGE_KINDS: ColumnKind[] = [
  'bigint', // trace_key
  'varchar', // trace_id
  'bigint', // start_ns
  'bigint', // end_ns
  'bigint', // span_count
  'bigint', // error_count
  'varchar', // root_service_name
  'varchar', // root_span_name
  'bigint', // root_start_ns
  'bigint', // first_sid
  'bigint', // last_sid
];

/** Per-trace summary of one batch (times in stored BIGINT form). */
export interface TraceAgg {
  traceId: string;
  start: bigint;
  /** max(greatest(start, end)) so the window covers every span start. */
  end: bigint;
  spans: number;
  errors: number;
  rootStart: bigint | null;
  rootService: string | null;
  rootName: string | null;
  firstSid: bigint;
  lastSid: bigint;
}

const CLAMPED_DURATION = (end: string, start: string): string =>
  `CAST(least(greatest(${end}::HUGEINT - ${start}, -9223372036854775808), 9223372036854775807) AS BIGINT)`;

/** A root that starts earlier replaces the stored one (the earliest root names the trace). */
const EARLIER_ROOT = 'excluded.root_start_ns < coalesce(traces.root_start_ns, 9223372036854775807)';

/**
 * Merges the staged batch summaries into `traces`. The stage may hold one trace several times
 * (several writes in one group commit), so it is aggregated first: an upsert may touch each key
 * only once.
 */
export const UPSERT_TRACES = `
INSERT INTO traces
SELECT trace_key, any_value(trace_id), min(start_ns), max(end_ns), ${CLAMPED_DURATION('max(end_ns)', 'min(start_ns)')},
       sum(span_count)::BIGINT, sum(error_count)::BIGINT,
       arg_min(root_service_name, root_start_ns), arg_min(root_span_name, root_start_ns), min(root_start_ns),
       min(first_sid), max(last_sid)
FROM trace_stage
GROUP BY trace_key
ON CONFLICT (trace_key) DO UPDATE SET
  start_ns = least(traces.start_ns, excluded.start_ns),
  end_ns = greatest(traces.end_ns, excluded.end_ns),
  duration_ns = ${CLAMPED_DURATION('greatest(traces.end_ns, excluded.end_ns)', 'least(traces.start_ns, excluded.start_ns)')},
  span_count = traces.span_count + excluded.span_count,
  error_count = traces.error_count + excluded.error_count,
  root_service_name = CASE WHEN ${EARLIER_ROOT} THEN excluded.root_service_name ELSE traces.root_service_name END,
  root_span_name = CASE WHEN ${EARLIER_ROOT} THEN excluded.root_span_name ELSE traces.root_span_name END,
  root_start_ns = CASE WHEN ${EARLIER_ROOT} THEN excluded.root_start_ns ELSE traces.root_start_ns END,
  first_sid = least(traces.first_sid, excluded.first_sid),
  last_sid = greatest(traces.last_sid, excluded.last_sid)`;

export function aggregate(traces: Map<string, TraceAgg>, span: SpanData, sid: bigint, start: bigint, end: bigint, isError: boolean): void {
  const windowEnd = end > start ? end : start;
  let agg = traces.get(span.traceId);
  if (agg === undefined) {
    agg = { traceId: span.traceId, start, end: windowEnd, spans: 0, errors: 0, rootStart: null, rootService: null, rootName: null, firstSid: sid, lastSid: sid };
    traces.set(span.traceId, agg);
  }
  if (start < agg.start) agg.start = start;
  if (windowEnd > agg.end) agg.end = windowEnd;
  agg.spans++;
  if (isError) agg.errors++;
  if (span.parentSpanId === '' && (agg.rootStart === null || start < agg.rootStart)) {
    agg.rootStart = start;
    agg.rootService = span.resource.serviceName;
    agg.rootName = span.name;
  }
  agg.lastSid = sid;
}

export function stageTraces(traces: Map<string, TraceAgg>): DuckDBDataChunk[] {
  const w = new ChunkBuilder(TRACE_STAGE_KINDS, traces.size);
  for (const t of traces.values()) {
    w.bigint(0, traceKey(t.traceId));
    w.varchar(1, t.traceId);
    w.bigint(2, t.start);
    w.bigint(3, t.end);
    w.bigint(4, BigInt(t.spans));
    w.bigint(5, BigInt(t.errors));
    w.varchar(6, t.rootService);
    w.varchar(7, t.rootName);
    w.bigint(8, t.rootStart);
    w.bigint(9, t.firstSid);
    w.bigint(10, t.lastSid);
    w.endRow();
  }
  return w.finish();
}
