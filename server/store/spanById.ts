/**
 * The span(s) of a trace with one span ID, attributes included: what the trace view fetches when
 * a span is selected, the skeleton (traceSkeleton.ts) having left attributes out. Span IDs are
 * unique in a well-formed trace, but duplicates are stored as received, so all are returned.
 *
 * Fast because both scans are narrow: spans within the trace's window (zone maps on start_ns
 * and sid) filtered on span_id, then the attribute rows of just the found sids, whose time and
 * sid bounds are those of the found spans.
 */
import type { DuckDBValue } from '@duckdb/node-api';
import type { SpanData } from '../../src/model/types';
import { queryRows } from './db';
import type { Connections } from './readTrace';
import { CatalogCache, SPAN_COLUMNS, findTraceWindow, loadCatalog, storedSpan } from './readTrace';
import { ATTRIBUTE_ROW_COLUMNS, collectAttributes } from './spanAttributeRows';
import type { SpanStore } from './spanStore';

const big = (v: DuckDBValue | undefined): bigint => v as bigint;

/** Where SPAN_COLUMNS (readTrace.ts) puts what this file reads itself; the trace ID comes after them. */
const START = 6;
const RESOURCE = 11;
const SCOPE = 12;
const SID = 13;
const TRACE_ID = 19;

const min = (values: bigint[]): bigint => values.reduce((m, v) => (v < m ? v : m));
const max = (values: bigint[]): bigint => values.reduce((m, v) => (v > m ? v : m));

/** The spans of `traceId` whose ID is `spanId` (16 lowercase hex), in arrival order; [] when none. */
export async function readSpansById(pool: Connections, traceId: string, spanId: string, cache: CatalogCache): Promise<SpanData[]> {
  const window = await findTraceWindow(pool, traceId, undefined);
  if (window === null) return [];
  // The trace ID is compared here, not in SQL: DuckDB tested it on every row of the window
  // (32-character strings; ~2x the time of the span_id test), while few rows have the span ID.
  const found = await pool.use((c) =>
    queryRows(
      c,
      `SELECT ${SPAN_COLUMNS}, trace_id FROM spans WHERE start_ns BETWEEN ? AND ? AND sid BETWEEN ? AND ? AND span_id = ? ORDER BY sid`,
      [window.start, window.end, window.firstSid, window.lastSid, spanId],
    ),
  );
  const rows = found.filter((r) => r[TRACE_ID] === traceId);
  if (rows.length === 0) return [];
  const sids = rows.map((r) => big(r[SID]));
  const starts = rows.map((r) => big(r[START]));
  const attributeRows = await pool.use((c) =>
    queryRows(
      c,
      `SELECT ${ATTRIBUTE_ROW_COLUMNS} FROM span_attributes
       WHERE start_ns BETWEEN ? AND ? AND sid BETWEEN ? AND ? AND sid IN (${sids.map(() => '?').join(', ')})
       ORDER BY sid, idx, elem`,
      [min(starts), max(starts), min(sids), max(sids), ...sids],
    ),
  );
  cache.trim();
  await pool.use((c) => loadCatalog(c, rows.map((r) => big(r[RESOURCE])), rows.map((r) => big(r[SCOPE])), cache));
  const attributes = collectAttributes(attributeRows);
  return rows.map((r) => storedSpan(r, traceId, cache, attributes));
}

const caches = new WeakMap<object, CatalogCache>();

/** readSpansById on a SpanStore's read connections. */
export function storeSpansById(store: SpanStore, traceId: string, spanId: string): Promise<SpanData[]> {
  let cache = caches.get(store);
  if (cache === undefined) caches.set(store, (cache = new CatalogCache()));
  return readSpansById({ use: (fn) => store.read(fn), traceRows: store.traceRows }, traceId, spanId, cache);
}
