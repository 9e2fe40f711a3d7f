/**
 * Per-trace summaries (`traces` rows), maintained at ingest: each batch is aggregated per trace
 * in JS; the summaries of new traces are appended as rows, the others combined per trace over
 * the group commit and merged with one MERGE (as literals, or through the writer's temp table
 * `trace_stage` when there are many), so spans of one trace may arrive in any number of writes,
 * minutes apart.
 */
import type { DuckDBDataChunk } from '@duckdb/node-api';
import type { SpanData } from '../../src/model/types';
import { ChunkBuilder } from './columnAppender';
import type { ColumnKind } from './columnAppender';
import { sqlBigint, sqlString } from './db';

/** Column kinds of a `traces` row, in table order (schema.ts), as `writeTraceRow` writes them. */
export const TRACE_COLUMN_KINDS: ColumnKind[] = [
  'bigint', // trace_key
  'varchar', // trace_id
  'bigint', // start_ns
  'bigint', // end_ns
  'bigint', // duration_ns
  'bigint', // span_count
  'bigint', // error_count
  'varchar', // root_service_name
  'varchar', // root_span_name
  'bigint', // root_start_ns
  'bigint', // first_sid
  'bigint', // last_sid
];

/** trace_stage columns (schema.ts TRACE_STAGE_DDL): those of `traces` without duration_ns. */
const TRACE_STAGE_KINDS: ColumnKind[] = TRACE_COLUMN_KINDS.filter((_, i) => i !== 4);

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
const EARLIER_ROOT = 's.root_start_ns < coalesce(t.root_start_ns, 9223372036854775807)';

const SOURCE_COLUMNS =
  'trace_key, trace_id, start_ns, end_ns, span_count, error_count, root_service_name, root_span_name, root_start_ns, first_sid, last_sid';

/** At most this many summaries go into the MERGE as literals; more are staged in trace_stage. */
const MAX_LITERAL_ROWS = 64;


/**
 * The summaries as a VALUES list, or null when they must go through trace_stage instead: too
 * many for one statement, or a string the SQL text cannot carry (NUL ends it).
 */
export function traceValues(summaries: readonly TraceAgg[], keys: readonly bigint[]): string | null {
  if (summaries.length > MAX_LITERAL_ROWS) return null;
  const rows: string[] = [];
  for (let i = 0; i < summaries.length; i++) {
    const t = summaries[i]!;
    if (t.traceId.includes('\0') || t.rootService?.includes('\0') || t.rootName?.includes('\0')) return null;
    rows.push(
      `(${[
        sqlBigint(keys[i]!),
        sqlString(t.traceId),
        sqlBigint(t.start),
        sqlBigint(t.end),
        sqlBigint(BigInt(t.spans)),
        sqlBigint(BigInt(t.errors)),
        sqlString(t.rootService),
        sqlString(t.rootName),
        sqlBigint(t.rootStart),
        sqlBigint(t.firstSid),
        sqlBigint(t.lastSid),
      ].join(', ')})`,
    );
  }
  return `(VALUES ${rows.join(', ')}) AS s(${SOURCE_COLUMNS})`;
}

/** Combines the summaries of one trace from several writes (in write order) into `into`. */
export function combine(into: TraceAgg, part: TraceAgg): void {
  if (part.start < into.start) into.start = part.start;
  if (part.end > into.end) into.end = part.end;
  into.spans += part.spans;
  into.errors += part.errors;
  if (part.rootStart !== null && (into.rootStart === null || part.rootStart < into.rootStart)) {
    into.rootStart = part.rootStart;
    into.rootService = part.rootService;
    into.rootName = part.rootName;
  }
  if (part.firstSid < into.firstSid) into.firstSid = part.firstSid;
  if (part.lastSid > into.lastSid) into.lastSid = part.lastSid;
}

/**
 * Merges summaries (one per trace key: `source` is traceValues(…) or trace_stage) into
 * `traces`: each key's row, if any, lies in [loSid, hiSid] of first_sid
 * (TraceRowIndex.sidRange), which lets zone maps skip the rest of the table. A key with no row
 * (its earlier part was never committed, or retention dropped it) gets one.
 */
export function mergeTraces(loSid: bigint, hiSid: bigint, source: string): string {
  return `
MERGE INTO traces t
USING ${source === 'trace_stage' ? `(SELECT ${SOURCE_COLUMNS} FROM trace_stage) s` : source}
ON t.trace_key = s.trace_key AND t.first_sid BETWEEN ${loSid} AND ${hiSid}
WHEN MATCHED THEN UPDATE SET
  start_ns = least(t.start_ns, s.start_ns),
  end_ns = greatest(t.end_ns, s.end_ns),
  duration_ns = ${CLAMPED_DURATION('greatest(t.end_ns, s.end_ns)', 'least(t.start_ns, s.start_ns)')},
  span_count = t.span_count + s.span_count,
  error_count = t.error_count + s.error_count,
  root_service_name = CASE WHEN ${EARLIER_ROOT} THEN s.root_service_name ELSE t.root_service_name END,
  root_span_name = CASE WHEN ${EARLIER_ROOT} THEN s.root_span_name ELSE t.root_span_name END,
  root_start_ns = CASE WHEN ${EARLIER_ROOT} THEN s.root_start_ns ELSE t.root_start_ns END,
  last_sid = greatest(t.last_sid, s.last_sid)
WHEN NOT MATCHED THEN INSERT VALUES (
  s.trace_key, s.trace_id, s.start_ns, s.end_ns, ${CLAMPED_DURATION('s.end_ns', 's.start_ns')}, s.span_count, s.error_count,
  s.root_service_name, s.root_span_name, s.root_start_ns, s.first_sid, s.last_sid
)`;
}

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

/**
 * One trace summary row: a `traces` row when `duration` is given, a `trace_stage` row (the same
 * columns without it: the merge computes it) when null.
 */
export function writeTraceRow(w: ChunkBuilder, key: bigint, t: TraceAgg, duration: bigint | null): void {
  let c = 0;
  w.bigint(c++, key);
  w.varchar(c++, t.traceId);
  w.bigint(c++, t.start);
  w.bigint(c++, t.end);
  if (duration !== null) w.bigint(c++, duration);
  w.bigint(c++, BigInt(t.spans));
  w.bigint(c++, BigInt(t.errors));
  w.varchar(c++, t.rootService);
  w.varchar(c++, t.rootName);
  w.bigint(c++, t.rootStart);
  w.bigint(c++, t.firstSid);
  w.bigint(c++, t.lastSid);
  w.endRow();
}

export function stageTraces(summaries: readonly TraceAgg[], keys: readonly bigint[]): DuckDBDataChunk[] {
  const w = new ChunkBuilder(TRACE_STAGE_KINDS, summaries.length);
  for (let i = 0; i < summaries.length; i++) writeTraceRow(w, keys[i]!, summaries[i]!, null);
  return w.finish();
}
