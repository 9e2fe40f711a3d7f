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
import type { Attribute, SpanData } from '../../src/model/types';
import { SPAN_KINDS, STATUS_CODES } from '../../src/model/types';
import { decodeEvents, decodeLinks } from './attributeCodec';
import { nsFromDb, queryRows } from './db';
import type { Connections } from './readTrace';
import { CatalogCache, findTraceWindow, loadCatalog } from './readTrace';
import { ATTRIBUTE_ROW_COLUMNS, collectAttributes } from './spanAttributeRows';
import type { SpanStore } from './spanStore';

const SPAN_COLUMNS = `sid, span_id, parent_span_id, trace_state, name, kind, start_ns, end_ns, status_code, status_message, flags,
  resource_id, scope_id, dropped_attributes_count, events, dropped_events_count, links, dropped_links_count`;

const str = (v: DuckDBValue | undefined): string => v as string;
const num = (v: DuckDBValue | undefined): number => v as number;
const big = (v: DuckDBValue | undefined): bigint => v as bigint;

function toSpan(r: DuckDBValue[], traceId: string, cache: CatalogCache, attributes: Map<bigint, Attribute[]>): SpanData {
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
    attributes: attributes.get(big(r[0])) ?? [],
    droppedAttributesCount: num(r[13]),
    events: decodeEvents(str(r[14])),
    droppedEventsCount: num(r[15]),
    links: decodeLinks(str(r[16])),
    droppedLinksCount: num(r[17]),
    status: { code: STATUS_CODES[num(r[8])] ?? 'unset', message: str(r[9]) },
    flags: num(r[10]),
    resource,
    scope,
  };
}

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
  const rows = found.filter((r) => r[18] === traceId);
  if (rows.length === 0) return [];
  const sids = rows.map((r) => big(r[0]));
  const starts = rows.map((r) => big(r[6]));
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
  await pool.use((c) => loadCatalog(c, rows.map((r) => big(r[11])), rows.map((r) => big(r[12])), cache));
  const attributes = collectAttributes(attributeRows);
  return rows.map((r) => toSpan(r, traceId, cache, attributes));
}

const caches = new WeakMap<object, CatalogCache>();

/** readSpansById on a SpanStore's read connections. */
export function storeSpansById(store: SpanStore, traceId: string, spanId: string): Promise<SpanData[]> {
  let cache = caches.get(store);
  if (cache === undefined) caches.set(store, (cache = new CatalogCache()));
  return readSpansById({ use: (fn) => store.read(fn) }, traceId, spanId, cache);
}
