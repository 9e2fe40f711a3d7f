/**
 * Retention: by age (ingest time of each group commit) and by size (oldest commits first).
 *
 * Deletion always removes whole commits, i.e. a prefix of the sid sequence, so it hits whole
 * row groups of the append-ordered tables; CHECKPOINT then frees those blocks for reuse (and
 * truncates the file when the free blocks sit at its end).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { execute, paramTypes, queryRows } from './db';
import type { SqlParam } from './db';
import { SID_BUCKET_BITS } from './traceRowIndex';
import type { TraceRowIndex } from './traceRowIndex';

export const DEFAULT_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;
export const DEFAULT_MAX_DISK_BYTES = 2 * 1024 ** 3;

/** After a size-triggered cleanup the store aims this far below the limit, so it does not
 * have to delete again on the very next run. */
const SIZE_TARGET_RATIO = 0.8;
const MAX_SIZE_ROUNDS = 6;
/** DuckDB's rows per row group: the unit in which deletes free disk blocks. */
const ROW_GROUP_ROWS = 122_880;

export interface RetentionOptions {
  nowMs: number;
  retentionMs: number;
  maxDiskBytes: number;
  /** The store's index of `traces` rows, kept in step with the rows deleted or moved. */
  traceRows?: TraceRowIndex;
}

/** Calls `fn` with (trace_key, first_sid) of each row the query returns, streamed. */
export async function forEachTraceRow(connection: DuckDBConnection, sql: string, fn: (key: bigint, sid: bigint) => void, params: SqlParam[] = []): Promise<void> {
  const result = await connection.stream(sql, params, paramTypes(params));
  for (let chunk = await result.fetchChunk(); chunk !== null && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
    const keys = chunk.getColumnValues(0);
    const sids = chunk.getColumnValues(1);
    for (let i = 0; i < keys.length; i++) fn(keys[i] as bigint, sids[i] as bigint);
  }
}

export interface RetentionResult {
  deletedSpans: number;
  /** Spans with sid ≤ this were dropped (null when nothing was). */
  cutSid: bigint | null;
  /** Bytes in use (blocks + WAL) before and after. */
  bytesBefore: number;
  bytesAfter: number;
}

/** Bytes the database occupies in use: used blocks plus the WAL not yet checkpointed. */
export async function usedBytes(connection: DuckDBConnection): Promise<number> {
  const rows = await queryRows(connection, 'SELECT block_size, used_blocks, wal_size FROM pragma_database_size()');
  const [blockSize, usedBlocks, wal] = rows[0] ?? [0n, 0n, '0 bytes'];
  return Number(blockSize) * Number(usedBlocks) + parseSize(String(wal));
}

const UNITS: Record<string, number> = { bytes: 1, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3, TiB: 1024 ** 4, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12 };

/** DuckDB reports wal_size as text such as "1.2 MiB". */
function parseSize(text: string): number {
  const match = /^([\d.]+)\s*(\w+)$/.exec(text.trim());
  if (match === null) return 0;
  return Number(match[1]) * (UNITS[match[2] as string] ?? 1);
}

/** Recomputes the summary of traces that kept some spans after a cut (they straddled it). */
const RECOMPUTE_STRADDLERS = `
UPDATE traces SET
  start_ns = a.start_ns, end_ns = a.end_ns,
  duration_ns = CAST(least(greatest(a.end_ns::HUGEINT - a.start_ns, -9223372036854775808), 9223372036854775807) AS BIGINT),
  span_count = a.span_count, error_count = a.error_count,
  root_service_name = a.root_service_name, root_span_name = a.root_span_name, root_start_ns = a.root_start_ns,
  first_sid = a.first_sid
FROM (
  SELECT trace_id, min(start_ns) AS start_ns, max(greatest(start_ns, end_ns)) AS end_ns, count(*) AS span_count,
         count_if(status_code = 2) AS error_count,
         arg_min(service_name, start_ns) FILTER (WHERE parent_span_id = '') AS root_service_name,
         arg_min(name, start_ns) FILTER (WHERE parent_span_id = '') AS root_span_name,
         min(start_ns) FILTER (WHERE parent_span_id = '') AS root_start_ns,
         min(sid) AS first_sid
  FROM spans
  WHERE sid > ? AND trace_id IN (SELECT trace_id FROM traces WHERE first_sid <= ?)
    -- The straddlers' spans all start inside their windows: lets zone maps skip the rest.
    AND start_ns BETWEEN (SELECT min(start_ns) FROM traces WHERE first_sid <= ?)
                     AND (SELECT max(end_ns) FROM traces WHERE first_sid <= ?)
  GROUP BY trace_id
) a
WHERE traces.trace_id = a.trace_id`;

/**
 * Drops every commit with last_sid ≤ cut, in one transaction. Returns the spans removed.
 *
 * The index of `traces` rows forgets the buckets wholly at or below the cut: those rows are
 * deleted, or are straddlers whose first_sid moves to their earliest remaining span, which
 * begins a part written after the cut, whose bucket the index got when that part was
 * prepared. A bucket that straddles the cut stays (a spare entry only widens a scan; a missing
 * one would lose a trace).
 */
async function deleteUpTo(connection: DuckDBConnection, cut: bigint, traceRows: TraceRowIndex | undefined): Promise<number> {
  await connection.run('BEGIN TRANSACTION');
  try {
    const counted = await queryRows(connection, 'SELECT count(*) FROM spans WHERE sid <= ?', [cut]);
    const gone: [bigint, bigint][] = [];
    if (traceRows !== undefined) {
      const wholeBucketsEnd = ((cut + 1n) >> SID_BUCKET_BITS) << SID_BUCKET_BITS;
      await forEachTraceRow(connection, 'SELECT trace_key, first_sid FROM traces WHERE first_sid < ?', (key, sid) => gone.push([key, sid]), [wholeBucketsEnd]);
    }
    await execute(connection, 'DELETE FROM spans WHERE sid <= ?', [cut]);
    await execute(connection, 'DELETE FROM span_attribute_values WHERE sid <= ?', [cut]);
    await execute(connection, 'DELETE FROM traces WHERE last_sid <= ?', [cut]);
    await execute(connection, RECOMPUTE_STRADDLERS, [cut, cut, cut, cut]);
    await execute(connection, 'DELETE FROM commits WHERE last_sid <= ?', [cut]);
    // Resources, scopes and keys nothing refers to any more (small tables; one pass over the
    // referring columns).
    await connection.run('DELETE FROM resources WHERE resource_id NOT IN (SELECT DISTINCT resource_id FROM spans)');
    await connection.run('DELETE FROM resource_attributes WHERE resource_id NOT IN (SELECT resource_id FROM resources)');
    await connection.run('DELETE FROM scopes WHERE scope_id NOT IN (SELECT DISTINCT scope_id FROM spans)');
    await connection.run('DELETE FROM scope_attributes WHERE scope_id NOT IN (SELECT scope_id FROM scopes)');
    await connection.run('DELETE FROM attribute_keys WHERE key_id NOT IN (SELECT DISTINCT key_id FROM span_attribute_values)');
    await connection.run('COMMIT');
    for (const [key, sid] of gone) traceRows?.remove(key, sid);
    return Number(counted[0]?.[0] ?? 0);
  } catch (error) {
    await connection.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

async function checkpoint(connection: DuckDBConnection): Promise<void> {
  // Fails while another connection holds uncommitted changes; the next run will retry.
  await connection.run('CHECKPOINT').catch(() => undefined);
}

/** The last sid of the oldest commits that together hold at least `spans` spans. */
async function cutForSpanCount(connection: DuckDBConnection, spans: number): Promise<bigint | null> {
  const rows = await queryRows(
    connection,
    `SELECT last_sid FROM (
       SELECT last_sid, first_sid, sum(span_count) OVER (ORDER BY first_sid) AS cumulative FROM commits
     ) WHERE cumulative >= ? ORDER BY first_sid LIMIT 1`,
    [BigInt(spans)],
  );
  const cut = rows[0]?.[0];
  if (typeof cut === 'bigint') return cut;
  const last = (await queryRows(connection, 'SELECT max(last_sid) FROM commits'))[0]?.[0];
  return typeof last === 'bigint' ? last : null;
}

export async function enforceRetention(connection: DuckDBConnection, options: RetentionOptions): Promise<RetentionResult> {
  const bytesBefore = await usedBytes(connection);
  let deletedSpans = 0;
  let cutSid: bigint | null = null;

  const cutoffMs = BigInt(Math.floor(options.nowMs - options.retentionMs));
  const ageCut = (await queryRows(connection, 'SELECT max(last_sid) FROM commits WHERE ingested_ms < ?', [cutoffMs]))[0]?.[0];
  if (typeof ageCut === 'bigint') {
    deletedSpans += await deleteUpTo(connection, ageCut, options.traceRows);
    cutSid = ageCut;
    await checkpoint(connection);
  }

  // The WAL holds rows uncompressed: checkpoint before judging the size, or the estimate of how
  // much to drop would be several times too high.
  if ((await usedBytes(connection)) > options.maxDiskBytes) await checkpoint(connection);
  let previous = Number.POSITIVE_INFINITY;
  for (let round = 0; round < MAX_SIZE_ROUNDS; round++) {
    const used = await usedBytes(connection);
    if (used <= options.maxDiskBytes) break;
    const total = Number((await queryRows(connection, 'SELECT coalesce(sum(span_count), 0) FROM commits'))[0]?.[0] ?? 0);
    if (total === 0) break;
    // Space comes back per whole row group, so a round may free nothing; keep going while the
    // store is large. A small store that still does not fit is mostly fixed overhead (indexes,
    // metadata): stop there rather than delete everything.
    if (used >= previous && total < 2 * ROW_GROUP_ROWS) break;
    previous = used;
    // At most half per round, so a limit below the store's fixed overhead cannot wipe it all.
    const fraction = Math.min(0.5, (used - options.maxDiskBytes * SIZE_TARGET_RATIO) / used);
    const cut = await cutForSpanCount(connection, Math.max(1, Math.ceil(total * fraction)));
    if (cut === null) break;
    deletedSpans += await deleteUpTo(connection, cut, options.traceRows);
    cutSid = cut;
    await checkpoint(connection);
  }

  return { deletedSpans, cutSid, bytesBefore, bytesAfter: await usedBytes(connection) };
}
