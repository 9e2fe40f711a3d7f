/**
 * Trace by ID: the `traces` row gives the trace's time window, so the span scan only touches
 * the row groups whose start_ns zone map overlaps it (spans are stored in arrival order, which
 * tracks time), then filters on trace_id.
 */
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { SPAN_KINDS, STATUS_CODES } from '../../src/model/types';
import type { Attribute, Resource, Scope, SpanData } from '../../src/model/types';
import { decodeAttributes, decodeEvents, decodeLinks } from './attributeCodec';
import { nsFromDb, nsToDb, queryRows, sqlBigint, sqlString } from './db';
import type { ConnectionPool } from './db';
import { ATTRIBUTE_ID_ROW_COLUMNS, collectAttributes, sortAttributeRows, withKeyNames } from './spanAttributeRows';
import { traceKey } from './traceKey';
import type { TraceRowFilter, TraceRowLocator } from './traceRowIndex';

/**
 * Where reads get a connection: the store's ConnectionPool (or SpanStore.read), and where the
 * store's index says a trace's `traces` row is (without it, lookups scan `traces`).
 */
export type Connections = Pick<ConnectionPool, 'use' | 'traceRows'>;

/**
 * The filter that finds a trace's `traces` row: the store's index narrows it to a first_sid
 * range (zone maps skip the rest), or 'none' when the index knows no row can exist.
 */
export function traceRowFilter(traceRows: TraceRowLocator | undefined, traceId: string): TraceRowFilter | 'none' {
  if (traceRows === undefined) return `trace_key = ${traceKey(traceId)}`;
  return traceRows.rowFilter(traceId) ?? 'none';
}

export interface TimeRangeNs {
  startNs?: bigint;
  endNs?: bigint;
}

/**
 * Decoded resources and scopes by ID. Content-addressed and immutable, so one object can be
 * shared by every span (and every trace) that refers to it.
 */
export class CatalogCache {
  private static readonly MAX = 10_000;
  readonly resources = new Map<bigint, Resource>();
  readonly scopes = new Map<bigint, Scope>();
  /**
   * Span attribute key names by key_id. An id never names another key within a process
   * (Catalog.keyIdOf numbers on), so a cached name cannot go stale.
   */
  readonly keys = new Map<number, string>();

  trim(): void {
    if (this.resources.size > CatalogCache.MAX) this.resources.clear();
    if (this.scopes.size > CatalogCache.MAX) this.scopes.clear();
    if (this.keys.size > CatalogCache.MAX) this.keys.clear();
  }
}

/** Loads the attribute key names the cache lacks for `rows` (of ATTRIBUTE_ID_ROW_COLUMNS). */
async function loadKeyNames(connection: DuckDBConnection, rows: readonly DuckDBValue[][], cache: CatalogCache): Promise<void> {
  const missing = [...new Set(rows.map((r) => r[3] as number))].filter((id) => !cache.keys.has(id));
  if (missing.length === 0) return;
  for (const [id, key] of await queryRows(connection, `SELECT key_id, key FROM attribute_keys WHERE key_id IN (${missing.join(', ')})`)) {
    cache.keys.set(id as number, key as string);
  }
}

/**
 * The span columns `storedSpan` reads, in its order. The first is the trace ID, the same on every
 * row: selected as '' (not read 100k times).
 */
export const SPAN_COLUMNS = `'' AS same_trace_id, span_id, parent_span_id, trace_state, name, kind, start_ns, end_ns, status_code,
  status_message, flags, resource_id, scope_id, sid, dropped_attributes_count, events, dropped_events_count,
  links, dropped_links_count`;

const str = (v: DuckDBValue | undefined): string => v as string;
const num = (v: DuckDBValue | undefined): number => v as number;
const big = (v: DuckDBValue | undefined): bigint => v as bigint;

function inList(ids: readonly bigint[]): string {
  return ids.map(() => '?').join(', ');
}

/** Loads the resources and scopes the cache lacks. */
export async function loadCatalog(connection: DuckDBConnection, resourceIds: readonly bigint[], scopeIds: readonly bigint[], cache: CatalogCache): Promise<void> {
  const missingResources = [...new Set(resourceIds)].filter((id) => !cache.resources.has(id));
  const missingScopes = [...new Set(scopeIds)].filter((id) => !cache.scopes.has(id));
  if (missingResources.length > 0) {
    const found = await queryRows(
      connection,
      `SELECT resource_id, service_name, attributes, dropped_attributes_count, schema_url FROM resources
       WHERE resource_id IN (${inList(missingResources)})`,
      missingResources,
    );
    for (const r of found) {
      cache.resources.set(big(r[0]), {
        serviceName: str(r[1]),
        attributes: decodeAttributes(str(r[2])),
        droppedAttributesCount: num(r[3]),
        schemaUrl: str(r[4]),
      });
    }
  }
  if (missingScopes.length > 0) {
    const found = await queryRows(
      connection,
      `SELECT scope_id, name, version, attributes, dropped_attributes_count, schema_url FROM scopes
       WHERE scope_id IN (${inList(missingScopes)})`,
      missingScopes,
    );
    for (const r of found) {
      cache.scopes.set(big(r[0]), {
        name: str(r[1]),
        version: str(r[2]),
        attributes: decodeAttributes(str(r[3])),
        droppedAttributesCount: num(r[4]),
        schemaUrl: str(r[5]),
      });
    }
  }
}

/** A row of SPAN_COLUMNS as SpanData (its resource and scope must be in `cache`). */
export function storedSpan(r: DuckDBValue[], traceId: string, cache: CatalogCache, attributes: Map<bigint, Attribute[]>): SpanData {
  const resource = cache.resources.get(big(r[11]));
  const scope = cache.scopes.get(big(r[12]));
  if (resource === undefined || scope === undefined) throw new Error(`span ${str(r[1])}: resource or scope row missing`);
  return {
    traceId,
    spanId: str(r[1]),
    parentSpanId: str(r[2]),
    traceState: str(r[3]),
    name: str(r[4]),
    kind: SPAN_KINDS[num(r[5])] ?? 'unspecified',
    startTimeUnixNano: nsFromDb(big(r[6])),
    endTimeUnixNano: nsFromDb(big(r[7])),
    attributes: attributes.get(big(r[13])) ?? [],
    droppedAttributesCount: num(r[14]),
    events: decodeEvents(str(r[15])),
    droppedEventsCount: num(r[16]),
    links: decodeLinks(str(r[17])),
    droppedLinksCount: num(r[18]),
    status: { code: STATUS_CODES[num(r[8])] ?? 'unset', message: str(r[9]) },
    flags: num(r[10]),
    resource,
    scope,
  };
}

/**
 * The spans of one trace in arrival order, or null when the trace is unknown (or, given a
 * range, does not overlap it; a trace that overlaps is returned whole, as Tempo does).
 */
export async function readTrace(pool: Connections, traceId: string, range: TimeRangeNs | undefined, cache: CatalogCache): Promise<SpanData[] | null> {
  const window = await findTraceWindow(pool, traceId, range);
  if (window === null) return null;
  const spans = await readTraceSpans(pool, traceId, window, cache);
  return spans.length === 0 ? null : spans;
}

/**
 * `readTrace` for a trace of at most `maxSpans` spans (as its summary row counts them), else
 * 'too big' without reading the spans: one lookup of the trace row decides and locates.
 */
export async function readSmallTrace(
  pool: Connections,
  traceId: string,
  range: TimeRangeNs | undefined,
  cache: CatalogCache,
  maxSpans: number,
): Promise<SpanData[] | null | 'too big'> {
  const window = await findTraceWindow(pool, traceId, range);
  if (window === null) return null;
  if (window.spanCount !== undefined && window.spanCount > maxSpans) return 'too big';
  const spans = await readTraceSpans(pool, traceId, window, cache);
  return spans.length === 0 ? null : spans;
}

/** The trace's window, or null when the trace is unknown or does not overlap `range`. */
export async function findTraceWindow(pool: Connections, traceId: string, range: TimeRangeNs | undefined): Promise<TraceWindow | null> {
  const window = await pool.use((c) => traceWindow(c, traceId, pool.traceRows));
  if (window === null) return null;
  if (range?.endNs !== undefined && window.start > nsToDb(range.endNs)) return null;
  if (range?.startNs !== undefined && window.end < nsToDb(range.startNs)) return null;
  return window;
}

/**
 * A trace's attribute rows are read by its sid range alone (rows of other spans in the range,
 * which the time window has not already cut, are fetched and dropped) when the range spans at
 * most ATTRIBUTE_RANGE_SIDS sids, or ATTRIBUTE_RANGE_SIDS_PER_SPAN per span of the trace;
 * beyond that, through the trace's span sids (a semi-join, dearer than the extra rows of a
 * short range). An OTLP request's spans are grouped by resource, so a trace that came in one
 * request of 1000 spans spans up to ~1000 sids: at 20M spans, reading such a trace's attribute
 * rows by range took 1.7 ms (p50, ~330 rows) against 2.7–3.8 ms through the semi-join.
 */
const ATTRIBUTE_RANGE_SIDS = 1024n;
const ATTRIBUTE_RANGE_SIDS_PER_SPAN = 4;

/**
 * The trace's spans within its window, in arrival order. The span rows and their attribute
 * rows are read in parallel on two connections.
 *
 * Point reads at 20M spans cost ~3 ms a query; what made them 5–6 ms was measured away:
 * - each query is one call into DuckDB with the values written into the SQL (bigints, and the
 *   trace ID as a quoted literal): a prepared statement's bind round trips cost ~1.8 ms;
 * - no ORDER BY (~1 ms): the few rows are sorted here;
 * - attribute rows come from the physical table with key_id; the names come from the cache
 *   (the attribute_keys join cost ~1.5 ms);
 * - a trace that arrived in one go has its attribute rows in a short sid range, so they are
 *   read by that range alone (rows of other spans there are dropped before their keys are
 *   looked up); the semi-join on the trace's span sids is only for traces whose parts came
 *   far apart (ATTRIBUTE_RANGE_SIDS).
 */
async function readTraceSpans(pool: Connections, traceId: string, window: TraceWindow, cache: CatalogCache): Promise<SpanData[]> {
  // Both the time window and the sid range hit zone maps; the sid range is the tighter one
  // when the trace arrived in one go, the time window when its spans came minutes apart.
  const where = `start_ns BETWEEN ${sqlBigint(window.start)} AND ${sqlBigint(window.end)} AND sid BETWEEN ${sqlBigint(window.firstSid)} AND ${sqlBigint(window.lastSid)}`;
  const spanWhere = `${where} AND trace_id = ${sqlString(traceId)}`;
  const sidSpan = window.lastSid - window.firstSid + 1n;
  const byRange = sidSpan <= ATTRIBUTE_RANGE_SIDS || (window.spanCount !== undefined && sidSpan <= BigInt(window.spanCount * ATTRIBUTE_RANGE_SIDS_PER_SPAN));
  const attributeWhere = byRange ? where : `${where} AND sid IN (SELECT sid FROM spans WHERE ${spanWhere})`;
  const [rows, attributeRows] = await Promise.all([
    pool.use((c) => queryRows(c, `SELECT ${SPAN_COLUMNS} FROM spans WHERE ${spanWhere}`)),
    pool.use((c) => queryRows(c, `SELECT ${ATTRIBUTE_ID_ROW_COLUMNS} FROM span_attribute_values WHERE ${attributeWhere}`)),
  ]);
  if (rows.length === 0) return [];
  rows.sort((a, b) => (big(a[13]) < big(b[13]) ? -1 : 1)); // by sid: arrival order
  // Rows of other spans (read by range) are dropped before any work is spent on them.
  const sids = new Set(rows.map((r) => big(r[13])));
  const ownRows = byRange ? attributeRows.filter((r) => sids.has(big(r[0]))) : attributeRows;
  cache.trim(); // before loading, so nothing this trace needs is evicted
  await pool.use(async (c) => {
    await loadCatalog(c, rows.map((r) => big(r[11])), rows.map((r) => big(r[12])), cache);
    await loadKeyNames(c, ownRows, cache);
  });
  const attributes = collectAttributes(sortAttributeRows(withKeyNames(ownRows, cache.keys)));
  return rows.map((r) => storedSpan(r, traceId, cache, attributes));
}

/** Where a trace's spans are: time window and sid range (stored forms). */
export interface TraceWindow {
  start: bigint;
  end: bigint;
  firstSid: bigint;
  lastSid: bigint;
  /** As the summary row counts them (absent when the window came from scanning the spans). */
  spanCount?: number;
}

const SUMMARY_COLUMNS = `trace_id, start_ns, end_ns, first_sid, last_sid, duration_ns, span_count, error_count,
  root_service_name, root_span_name`;

/**
 * The `traces` row of a trace (the ID is compared here, not in SQL: the key filter alone is
 * what the zone maps and the scan need), null when it is not found, or 'none' when the store's
 * index rules it out.
 */
async function summaryRow(connection: DuckDBConnection, traceId: string, traceRows: TraceRowLocator | undefined): Promise<DuckDBValue[] | null | 'none'> {
  const filter = traceRowFilter(traceRows, traceId);
  if (filter === 'none') return 'none';
  const rows = await queryRows(connection, `SELECT ${SUMMARY_COLUMNS} FROM traces WHERE ${filter}`);
  return rows.find((row) => row[0] === traceId) ?? null;
}

async function traceWindow(connection: DuckDBConnection, traceId: string, traceRows: TraceRowLocator | undefined): Promise<TraceWindow | null> {
  const r = await summaryRow(connection, traceId, traceRows);
  // Every stored trace has a row under its key, and the index knows every key.
  if (r === 'none') return null;
  if (r !== null) return { start: big(r[1]), end: big(r[2]), firstSid: big(r[3]), lastSid: big(r[4]), spanCount: Number(big(r[6])) };
  // A 64-bit key collision (another trace owns the row): fall back to scanning for the spans.
  const rows = await queryRows(connection, 'SELECT min(start_ns), max(greatest(start_ns, end_ns)), min(sid), max(sid) FROM spans WHERE trace_id = ?', [
    traceId,
  ]);
  const w = rows[0];
  if (w === undefined || w[0] === null) return null;
  return { start: big(w[0]), end: big(w[1]), firstSid: big(w[2]), lastSid: big(w[3]) };
}

/** One row of `traces`, as the store maintains it. */
export interface TraceSummaryRow {
  traceId: string;
  startTimeUnixNano: bigint;
  /** Latest span end (or start, for a span ending before its start). */
  endTimeUnixNano: bigint;
  durationNs: bigint;
  spanCount: number;
  errorCount: number;
  /** null until a root span (no parent) has been received. */
  rootServiceName: string | null;
  rootSpanName: string | null;
}

export async function readTraceSummary(connection: DuckDBConnection, traceId: string, traceRows?: TraceRowLocator): Promise<TraceSummaryRow | null> {
  const r = await summaryRow(connection, traceId, traceRows);
  if (r === null || r === 'none') return null;
  return {
    traceId,
    startTimeUnixNano: nsFromDb(big(r[1])),
    endTimeUnixNano: nsFromDb(big(r[2])),
    durationNs: big(r[5]),
    spanCount: Number(big(r[6])),
    errorCount: Number(big(r[7])),
    rootServiceName: r[8] as string | null,
    rootSpanName: r[9] as string | null,
  };
}
