/**
 * The skeleton of a stored trace (layout: src/sources/skeleton/format.ts): every span field the
 * trace view draws, as fixed-width columns, without the span attributes.
 *
 * Why it is built this way: reading a million rows through DuckDB's JS value API took 1.3–2.5 s.
 * Here every selected column is fixed-width (IDs as UBIGINT, times as DOUBLE, strings as UINTEGER
 * indexes into a string table), so each fetched chunk is copied with one `TypedArray.set` per
 * column straight from DuckDB's vector memory into the response buffer.
 *
 * The string table, resources and scopes are read first (a small query), then passed to the span
 * query as list parameters: `list_position` against a short constant list measured ~3x cheaper
 * than hash joins, whose probe side drags every column of a million rows (1M spans: ~0.45 s vs
 * 1.4–2.7 s for the query). A long list makes `list_position` linear per row (100k strings:
 * 4–7 s), so beyond LIST_LOOKUP_MAX entries that column is mapped with a join instead.
 *
 * The span query also brings each row's sid, to check the order (see spanSql). Events and links
 * come from a second query restricted to the few spans that have them: selecting the two text
 * columns in the span query made the node API decode two million (mostly empty) strings.
 *
 * All queries of one skeleton run in one transaction: the indexes in the span rows must match
 * the tables read before them, even if retention deletes spans meanwhile.
 */
import { BIGINT, DuckDBListValue, HUGEINT, LIST, VARCHAR, listValue } from '@duckdb/node-api';
import type { DuckDBConnection, DuckDBType, DuckDBValue } from '@duckdb/node-api';
import { endianness } from 'node:os';
import type { Resource, Scope, SpanEvent, SpanLink } from '../../src/model/types';
import { COLUMNS, columnOffsets } from '../../src/sources/skeleton/format';
import type { ColumnType } from '../../src/sources/skeleton/format';
import { decodeEvents, decodeLinks } from './attributeCodec';
import { queryRows } from './db';
import type { Connections } from './readTrace';
import { CatalogCache, loadCatalog, traceRowFilter } from './readTrace';
import type { SpanStore } from './spanStore';
import type { TraceRowLocator } from './traceRowIndex';

/** Longest string/resource/scope table looked up with `list_position` (longer: a hash join). */
export const LIST_LOOKUP_MAX = 1024;

/**
 * A skeleton as the store reads it: the header's content as model values (server/api encodes
 * them as OTLP JSON) and the column bytes, ready to send after the header.
 */
export interface TraceSkeleton {
  traceId: string;
  spanCount: number;
  /** Earliest span start, ns since the epoch. */
  startTimeUnixNano: bigint;
  strings: string[];
  resources: Resource[];
  scopes: Scope[];
  /** [row, events] for each row with events, in row order. */
  events: [number, SpanEvent[]][];
  links: [number, SpanLink[]][];
  /** The columns in COLUMNS order, each padded to a multiple of 8 bytes. */
  columns: Uint8Array;
}

/** Where the trace's spans are (stored forms) and how many the `traces` row counts. */
interface Window {
  start: bigint;
  end: bigint;
  firstSid: bigint;
  lastSid: bigint;
  spanCount: number;
}

type TypedColumn = BigUint64Array | Float64Array | Uint32Array | Uint8Array;
type ColumnCtor = { new (buffer: ArrayBuffer, byteOffset: number, length: number): TypedColumn };

const ARRAY_OF: Readonly<Record<ColumnType, ColumnCtor>> = { u64: BigUint64Array, f64: Float64Array, u32: Uint32Array, u8: Uint8Array };

// Typed arrays use the platform's byte order and the format is little-endian.
const LITTLE_ENDIAN = endianness() === 'LE';

const WHERE = 'start_ns BETWEEN $1 AND $2 AND sid BETWEEN $3 AND $4 AND trace_id = $5';
const BOUND_TYPES: DuckDBType[] = [BIGINT, BIGINT, BIGINT, BIGINT, VARCHAR];

/**
 * The `traces` row (found through the store's index: traceRowFilter), or, on a key collision,
 * a scan of the spans.
 */
async function readWindow(connection: DuckDBConnection, traceId: string, traceRows: TraceRowLocator | undefined): Promise<Window | null> {
  const filter = traceRowFilter(traceRows, traceId);
  if (filter === 'none') return null;
  const rows = await queryRows(connection, `SELECT trace_id, start_ns, end_ns, first_sid, last_sid, span_count FROM traces WHERE ${filter}`);
  const r = rows.find((row) => row[0] === traceId);
  if (r !== undefined) {
    return { start: r[1] as bigint, end: r[2] as bigint, firstSid: r[3] as bigint, lastSid: r[4] as bigint, spanCount: Number(r[5] as bigint) };
  }
  const scan = await queryRows(
    connection,
    'SELECT min(start_ns), max(greatest(start_ns, end_ns)), min(sid), max(sid), count(*) FROM spans WHERE trace_id = ?',
    [traceId],
  );
  const w = scan[0];
  if (w === undefined || w[0] === null || w[0] === undefined) return null;
  return { start: w[0] as bigint, end: w[1] as bigint, firstSid: w[2] as bigint, lastSid: w[3] as bigint, spanCount: Number(w[4] as bigint) };
}

/** A stored (two's-complement) ns column as its unsigned value (see nsToDb in db.ts). */
const unsignedNs = (column: string): string =>
  `(${column}::HUGEINT + CASE WHEN ${column} < 0 THEN 18446744073709551616::HUGEINT ELSE 0::HUGEINT END)`;

interface Tables {
  /** Sorted distinct names, status messages and trace states. */
  strings: string[];
  /** resource_id / scope_id in first-seen (sid) order. */
  resourceIds: bigint[];
  scopeIds: bigint[];
  /** Earliest span start, unsigned ns. */
  start: bigint;
}

async function readTables(connection: DuckDBConnection, bounds: DuckDBValue[]): Promise<Tables | null> {
  const reader = await connection.runAndReadAll(
    `SELECT
       (SELECT list(str ORDER BY str) FROM (SELECT DISTINCT unnest([name, status_message, trace_state]) AS str FROM spans WHERE ${WHERE})),
       (SELECT list(resource_id ORDER BY first) FROM (SELECT resource_id, min(sid) AS first FROM spans WHERE ${WHERE} GROUP BY resource_id)),
       (SELECT list(scope_id ORDER BY first) FROM (SELECT scope_id, min(sid) AS first FROM spans WHERE ${WHERE} GROUP BY scope_id)),
       (SELECT min(${unsignedNs('start_ns')})::VARCHAR FROM spans WHERE ${WHERE})`,
    bounds,
    BOUND_TYPES,
  );
  const [strings, resources, scopes, start] = reader.getRows()[0] ?? [];
  if (typeof start !== 'string') return null; // no span within the window
  const items = (v: DuckDBValue | undefined): readonly DuckDBValue[] => (v instanceof DuckDBListValue ? v.items : []);
  return {
    strings: [...items(strings)] as string[],
    resourceIds: [...items(resources)] as bigint[],
    scopeIds: [...items(scopes)] as bigint[],
    start: BigInt(start),
  };
}

/**
 * SQL (and joins) mapping `column` to its index in the list bound to `param`: list_position for
 * short lists, a hash join with the list unnested for long ones.
 */
function lookup(column: string, param: string, size: number, alias: string): { expr: string; join: string } {
  if (size <= LIST_LOOKUP_MAX) return { expr: `(list_position(${param}, s.${column}) - 1)::UINTEGER`, join: '' };
  return {
    expr: `${alias}.i`,
    join: `LEFT JOIN (SELECT unnest(${param}) AS v, unnest(range(len(${param})))::UINTEGER AS i) ${alias} ON ${alias}.v = s.${column}`,
  };
}

/**
 * The span query: the COLUMNS in order, then the sid (as an offset from the first, DOUBLE: cheap
 * to compare in JS).
 *
 * Without `ordered`, rows come in table order (DuckDB preserves insertion order), which is sid
 * order as the store appends in sid order: sorting 1M wide rows cost ~0.1 s. The caller checks
 * the sids and asks again with ORDER BY if they are not ascending.
 */
function spanSql(tables: Tables, ordered: boolean): string {
  const id = (column: string) => `coalesce(TRY_CAST('0x' || s.${column} AS UBIGINT), 0::UBIGINT)`;
  // BIGINT arithmetic when the stored value is a plain (non-negative) ns time, as all are before
  // the year 2262; HUGEINT, ~2x slower per row, only for the two's-complement ones.
  const time = (column: string) =>
    `(CASE WHEN s.${column} >= 0 AND $6 < ${2n ** 63n} THEN (s.${column} - $6::BIGINT) ELSE (${unsignedNs(`s.${column}`)} - $6) END)::DOUBLE`;
  const lookups = [
    lookup('name', '$7', tables.strings.length, 'n'),
    lookup('status_message', '$7', tables.strings.length, 'm'),
    lookup('trace_state', '$7', tables.strings.length, 't'),
    lookup('resource_id', '$8', tables.resourceIds.length, 'r'),
    lookup('scope_id', '$9', tables.scopeIds.length, 'c'),
  ];
  const where = WHERE.replace(/(start_ns|sid|trace_id) /g, 's.$1 ');
  return `SELECT ${id('span_id')}, ${id('parent_span_id')}, ${time('start_ns')}, ${time('end_ns')},
    ${lookups.map((l) => l.expr).join(', ')},
    s.flags, s.dropped_attributes_count, s.dropped_events_count, s.dropped_links_count,
    s.kind::UTINYINT, s.status_code::UTINYINT,
    ((s.span_id <> '')::UTINYINT + 2 * (s.parent_span_id <> '')::UTINYINT)::UTINYINT,
    (s.sid - $3)::DOUBLE
  FROM spans s ${lookups.map((l) => l.join).join(' ')}
  WHERE ${where}
  ${ordered ? 'ORDER BY s.sid' : ''}`;
}

/** Column storage for `capacity` rows in the skeleton's column layout. */
class ColumnBuffer {
  readonly buffer: ArrayBuffer;
  readonly arrays: TypedColumn[];

  constructor(readonly capacity: number) {
    const { offsets, end } = columnOffsets(0, capacity);
    this.buffer = new ArrayBuffer(end);
    this.arrays = COLUMNS.map(([name, type]) => new ARRAY_OF[type](this.buffer, offsets[name], capacity));
  }

  /** A buffer of `capacity` rows holding this one's first `rows` rows. */
  resized(rows: number, capacity: number): ColumnBuffer {
    const next = new ColumnBuffer(capacity);
    this.arrays.forEach((array, i) => (next.arrays[i] as TypedColumn).set(array.subarray(0, rows) as never));
    return next;
  }
}

/** The typed array over a vector's memory (`items`, which the node API keeps private). */
function vectorItems(vector: unknown, ctor: ColumnCtor, rows: number, column: number): TypedColumn {
  const items = (vector as { items?: unknown }).items;
  if (!(items instanceof ctor)) throw new Error(`trace skeleton: column ${column} is not a ${ctor.name}`);
  return items.subarray(0, rows);
}

interface SpanRows {
  columns: ColumnBuffer;
  rows: number;
  /** Each row's sid − first sid, ascending (when `ordered`). */
  sids: Float64Array;
  /** False when the sids were not ascending (the rows are then incomplete: ask with ORDER BY). */
  ordered: boolean;
}

/** Runs the span query, copying each chunk's vectors into the columns. */
async function readSpans(connection: DuckDBConnection, sql: string, params: DuckDBValue[], types: DuckDBType[], expected: number): Promise<SpanRows> {
  let columns = new ColumnBuffer(expected);
  let sids = new Float64Array(expected);
  let rows = 0;
  let lastSid = -1;
  const result = await connection.run(sql, params, types);
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const n = chunk.rowCount;
    const chunkSids = vectorItems(chunk.getColumnVector(COLUMNS.length), Float64Array, n, COLUMNS.length) as Float64Array;
    for (let i = 0; i < n; i++) {
      const sid = chunkSids[i] as number;
      if (sid <= lastSid) return { columns, rows, sids, ordered: false };
      lastSid = sid;
    }
    if (rows + n > columns.capacity) {
      // More rows than the `traces` row counts (it should not happen): grow.
      const capacity = Math.max(rows + n, columns.capacity * 2);
      columns = columns.resized(rows, capacity);
      const grown = new Float64Array(capacity);
      grown.set(sids.subarray(0, rows));
      sids = grown;
    }
    COLUMNS.forEach(([, type], i) => {
      (columns.arrays[i] as TypedColumn).set(vectorItems(chunk.getColumnVector(i), ARRAY_OF[type], n, i) as never, rows);
    });
    sids.set(chunkSids, rows);
    rows += n;
  }
  if (rows !== columns.capacity) columns = columns.resized(rows, rows);
  return { columns, rows, sids: sids.subarray(0, rows), ordered: true };
}

/** The row holding sid offset `sid` (binary search over the ascending `sids`), or -1. */
function rowOf(sids: Float64Array, sid: number): number {
  let lo = 0;
  let hi = sids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sids[mid] as number;
    if (v === sid) return mid;
    if (v < sid) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Events and links of the spans that have any, by row (in row order). */
async function readExtras(
  connection: DuckDBConnection,
  params: DuckDBValue[],
  sids: Float64Array,
): Promise<{ events: [number, SpanEvent[]][]; links: [number, SpanLink[]][] }> {
  const where = WHERE.replace(/(start_ns|sid|trace_id) /g, 's.$1 ');
  const reader = await connection.runAndReadAll(
    `SELECT (s.sid - $3)::DOUBLE, s.events, s.links FROM spans s WHERE ${where} AND (s.events <> '' OR s.links <> '') ORDER BY s.sid`,
    params,
    BOUND_TYPES,
  );
  const rows = reader.getRows();
  const events: [number, SpanEvent[]][] = [];
  const links: [number, SpanLink[]][] = [];
  for (const [sid, eventText, linkText] of rows) {
    const row = rowOf(sids, sid as number);
    if (row < 0) continue; // not among the span rows read (cannot happen within one transaction)
    if (typeof eventText === 'string' && eventText !== '') events.push([row, decodeEvents(eventText)]);
    if (typeof linkText === 'string' && linkText !== '') links.push([row, decodeLinks(linkText)]);
  }
  return { events, links };
}

/** Runs `fn` in one read transaction (a consistent snapshot for all its queries). */
async function inTransaction<T>(connection: DuckDBConnection, fn: () => Promise<T>): Promise<T> {
  await connection.run('BEGIN TRANSACTION');
  try {
    const value = await fn();
    await connection.run('COMMIT');
    return value;
  } catch (error) {
    await connection.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** The trace's skeleton, or null when the trace is unknown. */
export async function readTraceSkeleton(pool: Connections, traceId: string, cache: CatalogCache): Promise<TraceSkeleton | null> {
  if (!LITTLE_ENDIAN) throw new Error('trace skeleton: needs a little-endian machine');
  return pool.use((connection) =>
    inTransaction(connection, async () => {
      const window = await readWindow(connection, traceId, pool.traceRows);
      if (window === null) return null;
      const bounds: DuckDBValue[] = [window.start, window.end, window.firstSid, window.lastSid, traceId];
      const tables = await readTables(connection, bounds);
      if (tables === null) return null;
      const params: DuckDBValue[] = [...bounds, tables.start, listValue(tables.strings), listValue(tables.resourceIds), listValue(tables.scopeIds)];
      const types: DuckDBType[] = [...BOUND_TYPES, HUGEINT, LIST(VARCHAR), LIST(BIGINT), LIST(BIGINT)];
      let spans = await readSpans(connection, spanSql(tables, false), params, types, window.spanCount);
      if (!spans.ordered) spans = await readSpans(connection, spanSql(tables, true), params, types, window.spanCount);
      const { columns, rows } = spans;
      if (rows === 0) return null;
      const { events, links } = await readExtras(connection, bounds, spans.sids);
      cache.trim();
      await loadCatalog(connection, tables.resourceIds, tables.scopeIds, cache);
      const resources = tables.resourceIds.map((id) => {
        const resource = cache.resources.get(id);
        if (resource === undefined) throw new Error(`trace skeleton: resource ${id} missing`);
        return resource;
      });
      const scopes = tables.scopeIds.map((id) => {
        const scope = cache.scopes.get(id);
        if (scope === undefined) throw new Error(`trace skeleton: scope ${id} missing`);
        return scope;
      });
      return {
        traceId,
        spanCount: rows,
        startTimeUnixNano: tables.start,
        strings: tables.strings,
        resources,
        scopes,
        events,
        links,
        columns: new Uint8Array(columns.buffer),
      };
    }),
  );
}

const caches = new WeakMap<object, CatalogCache>();

/** readTraceSkeleton on a SpanStore's read connections. */
export function storeTraceSkeleton(store: SpanStore, traceId: string): Promise<TraceSkeleton | null> {
  let cache = caches.get(store);
  if (cache === undefined) caches.set(store, (cache = new CatalogCache()));
  return readTraceSkeleton({ use: (fn) => store.read(fn), traceRows: store.traceRows }, traceId, cache);
}
