/**
 * Trace search (backs Tempo's `/api/search`): span-level conditions select matching spans, the
 * traces they belong to are filtered by trace duration and returned newest first with their
 * summary, per-service stats and up to `spss` matching spans.
 *
 * All conditions hold on ONE span (as in a TraceQL `{ a && b }` spanset filter and Tempo's tag
 * search). minDuration/maxDuration apply to the trace's duration, as in Tempo's tag search.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { nsFromDb, queryRows } from './db';
import type { SqlParam } from './db';
import { spanConditions } from './searchSql';
import { recentTraces, topTraces, traceWindow } from './searchTraces';
import type { TopTrace } from './searchTraces';
import { ROOT_NOT_YET_RECEIVED } from './searchTypes';
import type { SearchParams, SearchSpan, TraceSearchResult } from './searchTypes';
import { ATTRIBUTE_ROW_COLUMNS, collectAttributes } from './spanAttributeRows';
import type { SpanStore } from './spanStore';

export type { TagFilter, TagScope } from './searchTypes';
export { ROOT_NOT_YET_RECEIVED } from './searchTypes';
export type { SearchParams, SearchSpan, TraceSearchResult } from './searchTypes';
export { tagNames, tagValues } from './tags';
export type { TagNameScope, TagValue, TagValueType, TimeRangeSec } from './tags';

async function serviceStats(connection: DuckDBConnection, traces: readonly TopTrace[]): Promise<Map<string, TraceSearchResult['serviceStats']>> {
  const window = traceWindow(traces);
  const rows = await queryRows(
    connection,
    `SELECT trace_id, service_name, count(*), count_if(status_code = 2) FROM spans
     WHERE start_ns BETWEEN ? AND ? AND trace_id IN (${traces.map(() => '?').join(', ')})
     GROUP BY ALL`,
    [window.start, window.end, ...traces.map((t) => t.traceId)],
  );
  const stats = new Map<string, TraceSearchResult['serviceStats']>();
  for (const [traceId, service, spans, errors] of rows) {
    let perTrace = stats.get(traceId as string);
    if (perTrace === undefined) stats.set(traceId as string, (perTrace = {}));
    perTrace[service as string] = { spanCount: Number(spans as bigint), errorCount: Number(errors as bigint) };
  }
  return stats;
}

async function pickedSpans(connection: DuckDBConnection, traces: readonly TopTrace[]): Promise<Map<bigint, SearchSpan>> {
  const sids = traces.flatMap((t) => t.sids);
  if (sids.length === 0) return new Map();
  const window = traceWindow(traces); // lets zone maps skip row groups outside the traces
  const list = sids.map(() => '?').join(', ');
  const rows = await queryRows(
    connection,
    `SELECT sid, span_id, name, start_ns, duration_ns FROM spans WHERE start_ns BETWEEN ? AND ? AND sid IN (${list})`,
    [window.start, window.end, ...sids] satisfies SqlParam[],
  );
  const attributes = collectAttributes(
    await queryRows(
      connection,
      `SELECT ${ATTRIBUTE_ROW_COLUMNS} FROM span_attributes WHERE start_ns BETWEEN ? AND ? AND sid IN (${list}) ORDER BY sid, idx, elem`,
      [window.start, window.end, ...sids] satisfies SqlParam[],
    ),
  );
  return new Map(
    rows.map((r) => [
      r[0] as bigint,
      {
        spanId: r[1] as string,
        name: r[2] as string,
        startTimeUnixNano: nsFromDb(r[3] as bigint),
        durationNanos: r[4] as bigint,
        attributes: attributes.get(r[0] as bigint) ?? [],
      },
    ]),
  );
}

export async function search(store: SpanStore, params: SearchParams): Promise<TraceSearchResult[]> {
  const limit = Math.max(1, Math.floor(params.limit ?? 20));
  const spss = Math.max(0, Math.floor(params.spss ?? 3));
  return store.read(async (connection) => {
    const hasSpanConditions = spanConditions(params).length > 0;
    const traces = hasSpanConditions
      ? await topTraces(connection, params, limit, spss, store.newestSid)
      : await recentTraces(connection, params, limit, spss);
    if (traces.length === 0) return [];
    const stats = await serviceStats(connection, traces);
    const spans = await pickedSpans(connection, traces);
    return traces.map((t) => ({
      traceId: t.traceId,
      rootServiceName: t.rootService ?? ROOT_NOT_YET_RECEIVED,
      rootTraceName: t.rootName ?? '',
      startTimeUnixNano: nsFromDb(t.start),
      durationMs: Number(t.duration / 1_000_000n),
      serviceStats: stats.get(t.traceId) ?? {},
      matched: t.matched,
      spans: t.sids.map((sid) => spans.get(sid)).filter((s): s is SearchSpan => s !== undefined),
    }));
  });
}
