/**
 * Finding the traces a search returns: newest first, by trace start, in time slices that grow
 * backwards from the newest data (see topTraces), or straight from `traces` when there are no
 * span conditions.
 */
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { queryRows } from './db';
import { and, durationConditions, rangeNs, spanConditions, traceOverlap, withRangeShadows } from './searchSql';
import type { SearchParams } from './searchTypes';

const NS_PER_SEC = 1_000_000_000n;

export interface TopTrace {
  traceId: string;
  start: bigint;
  end: bigint;
  duration: bigint;
  rootService: string | null;
  rootName: string | null;
  matched: number;
  sids: bigint[];
}

/**
 * The newest (by trace start) `limit` traces with a matching span that starts in [lo, hi],
 * with their summaries. Uncorrelated IN subqueries throughout: DuckDB plans correlated ones
 * with a delim join that is several times slower.
 */
async function newestInSlice(
  connection: DuckDBConnection,
  params: SearchParams,
  slice: { start: bigint; end: bigint },
  limit: number,
): Promise<TopTrace[]> {
  const where = and(spanConditions(params));
  const ctes = withRangeShadows(slice, { sql: `hits AS (SELECT DISTINCT s.trace_id FROM spans s WHERE ${where.sql})`, params: where.params });
  const duration = and(durationConditions(params));
  // A trace with a span starting in the slice starts before its end and ends after its start
  // (end_ns covers every span start): implied, but it lets zone maps skip most of `traces`
  // instead of hashing every row into the join (~40 of ~45 ms at 20M spans).
  const sql = `
${ctes.sql}
SELECT t.trace_id, t.start_ns, t.end_ns, t.duration_ns, t.root_service_name, t.root_span_name, 0, NULL
FROM hits h JOIN traces t ON t.trace_id = h.trace_id
WHERE t.start_ns <= ? AND t.end_ns >= ? AND ${duration.sql}
ORDER BY t.start_ns DESC, t.trace_id
LIMIT ?`;
  const rows = await queryRows(connection, sql, [...ctes.params, slice.end, slice.start, ...duration.params, BigInt(limit)]);
  return rows.map(toTopTrace);
}

/**
 * The first slice searched spans the start times of about this many of the newest arrivals
 * (whatever the ingest rate); each next slice reaches 4x further back.
 */
const FIRST_SLICE_SPANS = 200_000n;
const SLICE_GROWTH = 4n;
const MIN_SLICE_NS = NS_PER_SEC;

/** Time extent of the stored spans and the width of the first slice. */
async function sliceplan(connection: DuckDBConnection, newestSid: bigint): Promise<{ min: bigint; max: bigint; width: bigint } | null> {
  const rows = await queryRows(
    connection,
    `SELECT (SELECT min(start_ns) FROM spans), (SELECT max(start_ns) FROM spans),
            (SELECT quantile_disc(start_ns, 0.02) FROM spans WHERE sid > ?)`,
    [newestSid - FIRST_SLICE_SPANS],
  );
  const [min, max, recent] = rows[0] ?? [];
  if (typeof min !== 'bigint' || typeof max !== 'bigint') return null;
  const width = typeof recent === 'bigint' && max - recent > MIN_SLICE_NS ? max - recent : MIN_SLICE_NS;
  return { min, max, width };
}

function newestFirst(a: TopTrace, b: TopTrace): number {
  if (a.start !== b.start) return a.start > b.start ? -1 : 1;
  return a.traceId < b.traceId ? -1 : a.traceId > b.traceId ? 1 : 0;
}

/**
 * The newest `limit` traces with a matching span, searching backwards from the newest data in
 * exponentially growing time slices, so a search with plenty of recent matches reads only the
 * recent row groups however large the store is.
 *
 * Why stopping is exact: a trace not found yet has all its matching spans before the current
 * slice's lower bound `lo`, so it starts before `lo`; once `limit` found traces start at or
 * after `lo`, nothing older can displace them. Within a slice only its newest `limit` traces
 * are kept: any other trace of that slice has `limit` newer ones already.
 */
export async function topTraces(
  connection: DuckDBConnection,
  params: SearchParams,
  limit: number,
  spss: number,
  newestSid: bigint,
): Promise<TopTrace[]> {
  const plan = await sliceplan(connection, newestSid);
  if (plan === null) return [];
  const range = rangeNs(params);
  const floor = range.start !== undefined && range.start > plan.min ? range.start : plan.min;
  let hi = range.end !== undefined && range.end < plan.max ? range.end : plan.max;
  const found = new Map<string, TopTrace>();
  for (let width = plan.width; hi >= floor; width *= SLICE_GROWTH) {
    const lo = hi - width + 1n > floor ? hi - width + 1n : floor;
    for (const t of await newestInSlice(connection, params, { start: lo, end: hi }, limit)) found.set(t.traceId, t);
    let settled = 0;
    for (const t of found.values()) if (t.start >= lo) settled++;
    if (settled >= limit) break;
    hi = lo - 1n;
  }
  const top = [...found.values()].sort(newestFirst).slice(0, limit);
  if (top.length > 0) await countMatches(connection, params, top, spss);
  return top;
}

/**
 * Fills `matched` and the first `spss` matching sids of each trace: the span conditions again,
 * now restricted to these traces and their time windows (and the requested range).
 */
async function countMatches(connection: DuckDBConnection, params: SearchParams, traces: TopTrace[], spss: number): Promise<void> {
  const window = traceWindow(traces);
  const range = rangeNs(params);
  const shadows = withRangeShadows({
    start: range.start !== undefined && range.start > window.start ? range.start : window.start,
    end: range.end !== undefined && range.end < window.end ? range.end : window.end,
  });
  const where = and(spanConditions(params));
  const rows = await queryRows(
    connection,
    `${shadows.sql}
     SELECT s.trace_id, count(*), list(s.sid ORDER BY s.start_ns, s.sid)[1:?]
     FROM spans s WHERE s.trace_id IN (${traces.map(() => '?').join(', ')}) AND (${where.sql})
     GROUP BY s.trace_id`,
    [...shadows.params, BigInt(spss), ...traces.map((t) => t.traceId), ...where.params],
  );
  const byTrace = new Map(rows.map((r) => [r[0] as string, r]));
  for (const t of traces) {
    const r = byTrace.get(t.traceId);
    t.matched = r === undefined ? 0 : Number(r[1] as bigint);
    t.sids = r === undefined ? [] : listOfBigints(r[2]);
  }
}

/** Without span conditions every span matches: read the traces table directly. */
export async function recentTraces(connection: DuckDBConnection, params: SearchParams, limit: number, spss: number): Promise<TopTrace[]> {
  const where = and([...traceOverlap(params), ...durationConditions(params)]);
  const rows = await queryRows(
    connection,
    `SELECT trace_id, start_ns, end_ns, duration_ns, root_service_name, root_span_name, span_count, NULL
     FROM traces t WHERE ${where.sql} ORDER BY start_ns DESC, trace_id LIMIT ?`,
    [...where.params, BigInt(limit)],
  );
  const traces = rows.map(toTopTrace);
  if (traces.length === 0 || spss === 0) return traces;
  const window = traceWindow(traces);
  const picked = await queryRows(
    connection,
    `SELECT trace_id, list(sid ORDER BY start_ns, sid)[1:?] FROM spans
     WHERE start_ns BETWEEN ? AND ? AND trace_id IN (${traces.map(() => '?').join(', ')})
     GROUP BY trace_id`,
    [BigInt(spss), window.start, window.end, ...traces.map((t) => t.traceId)],
  );
  const byTrace = new Map(picked.map((r) => [r[0] as string, listOfBigints(r[1])]));
  for (const t of traces) t.sids = byTrace.get(t.traceId) ?? [];
  return traces;
}

function listOfBigints(value: DuckDBValue | undefined): bigint[] {
  if (value === null || value === undefined || typeof value !== 'object' || !('items' in value)) return [];
  return (value.items as DuckDBValue[]).map((v) => v as bigint);
}

function toTopTrace(r: DuckDBValue[]): TopTrace {
  return {
    traceId: r[0] as string,
    start: r[1] as bigint,
    end: r[2] as bigint,
    duration: r[3] as bigint,
    rootService: r[4] as string | null,
    rootName: r[5] as string | null,
    matched: Number(r[6] as bigint),
    sids: listOfBigints(r[7]),
  };
}

/** The union of the traces' windows: every span of these traces starts inside it. */
export function traceWindow(traces: readonly TopTrace[]): { start: bigint; end: bigint } {
  let start = traces[0]?.start ?? 0n;
  let end = traces[0]?.end ?? 0n;
  for (const t of traces) {
    if (t.start < start) start = t.start;
    if (t.end > end) end = t.end;
  }
  return { start, end };
}
