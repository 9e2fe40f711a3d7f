/**
 * Trace by ID as OTLP JSON text, for the API's big-trace path. Building SpanData objects and
 * then a JSON object tree for 100k spans took seconds, mostly reading millions of strings out
 * of DuckDB one native call each, and GC. Here DuckDB writes each span's JSON and concatenates
 * them per (resource, scope, sid bucket) (traceJsonSql.ts); JavaScript gets a few hundred byte
 * strings and never decodes them.
 *
 * Output order is encodeResourceSpans's: resources, then their scopes, in first-seen order;
 * spans in arrival order. A cheap first query plans it: the trace's spans per (resource,
 * scope) cut into units of at most MAX_BATCH_SPANS, and consecutive units into batches of at
 * most MAX_BATCH_SPANS. Each batch is one query, run when the response stream reaches it, so
 * the first bytes leave after the first batch and memory stays bounded (one query over a
 * 1M-span trace ran out of DuckDB's memory limit, then 1 GB).
 *
 * What the SQL cannot encode exactly (events, links, raw attribute values) is left as holes
 * (see traceJsonSql.ts); their data is read with the batch, decoded, and handed over by hole
 * name for the encoder to fill in.
 */
import { BIGINT, VARCHAR } from '@duckdb/node-api';
import type { DuckDBBlobVector, DuckDBDataChunk, DuckDBType } from '@duckdb/node-api';
import type { AttributeValue, Resource, Scope, SpanEvent, SpanLink } from '../../src/model/types';
import { bytesToBase64, hexToBytes } from '../../src/sources/ids';
import { decodeEvents, decodeLinks, decodeValue } from './attributeCodec';
import { queryRows } from './db';
import type { SqlParam } from './db';
import type { Connections, TimeRangeNs, TraceWindow } from './readTrace';
import { CatalogCache, findTraceWindow, loadCatalog } from './readTrace';
import type { SpanStore } from './spanStore';
import { traceJsonSql, unitsFilter } from './traceJsonSql';
import type { SqlDialect } from './traceJsonSql';

export type { SqlDialect };

/** Spans per batch query (and per unit): bounds DuckDB's memory and the wait for first bytes. */
export const MAX_BATCH_SPANS = 100_000;

/** A run of consecutive spans of one scope, as the JSON text of its span objects joined by ','. */
export interface SpanPiece {
  /** UTF-8 bytes (read from DuckDB's chunk on demand). */
  bytes(): Uint8Array;
  byteLength: number;
  /** True when the text has `\0<name>\0` holes (see UnitSpans.holes). */
  hasHoles: boolean;
}

/** A hole's content: `,"events":[…]`, `,"links":[…]`, or one AnyValue. */
export type Hole = { type: 'events'; events: SpanEvent[] } | { type: 'links'; links: SpanLink[] } | { type: 'value'; value: AttributeValue };

export interface UnitSpans {
  pieces: SpanPiece[];
  /** What fills each hole of the pieces, by name (the text between the NULs, e.g. `e42`). */
  holes: ReadonlyMap<string, Hole>;
}

/** Consecutive spans of one scope of one resource. */
export interface TraceJsonUnit {
  /** Runs (or joins) its batch's query; call once per unit, in order. */
  spans(): Promise<UnitSpans>;
}

export interface TraceJsonScope {
  scope: Scope;
  units: TraceJsonUnit[];
}

export interface TraceJsonResource {
  resource: Resource;
  scopes: TraceJsonScope[];
}

export interface TraceJson {
  resources: TraceJsonResource[];
  spanCount: number;
  /** Batch queries behind the units (1: the whole trace is read by the first `spans()`). */
  batchCount: number;
}

interface UnitRow {
  resourceId: bigint;
  scopeId: bigint;
  lo: bigint;
  hi: bigint;
  count: number;
}

const WHERE = 'start_ns BETWEEN ? AND ? AND sid BETWEEN ? AND ?';

/** The trace's units: per (resource, scope), runs of at most MAX_BATCH_SPANS spans by sid. */
async function readUnits(pool: Connections, traceId: string, bounds: bigint[], maxSpans: number): Promise<UnitRow[]> {
  const rows = await pool.use((c) =>
    queryRows(
      c,
      `SELECT resource_id, scope_id, min(sid), max(sid), count(*) FROM (
         SELECT resource_id, scope_id, sid,
           (row_number() OVER (PARTITION BY resource_id, scope_id ORDER BY sid) - 1) // ${Math.max(1, Math.floor(maxSpans))} AS part
         FROM spans WHERE ${WHERE} AND trace_id = ?
       ) GROUP BY resource_id, scope_id, part`,
      [...bounds, traceId],
    ),
  );
  const units = rows.map(([resourceId, scopeId, lo, hi, count]) => ({
    resourceId: resourceId as bigint,
    scopeId: scopeId as bigint,
    lo: lo as bigint,
    hi: hi as bigint,
    count: Number(count as bigint),
  }));
  // First-seen order: a resource (scope) ranks by its earliest span.
  const firstOf = new Map<string, bigint>();
  const first = (key: string, sid: bigint): void => {
    const seen = firstOf.get(key);
    if (seen === undefined || sid < seen) firstOf.set(key, sid);
  };
  for (const u of units) {
    first(`${u.resourceId}`, u.lo);
    first(`${u.resourceId}/${u.scopeId}`, u.lo);
  }
  const rank = (u: UnitRow): bigint[] => [firstOf.get(`${u.resourceId}`)!, firstOf.get(`${u.resourceId}/${u.scopeId}`)!, u.lo];
  return units.sort((a, b) => {
    const [ra, rb] = [rank(a), rank(b)];
    for (let i = 0; i < 3; i++) if (ra[i] !== rb[i]) return ra[i]! < rb[i]! ? -1 : 1;
    return 0;
  });
}

/**
 * Consecutive units, up to `maxSpans` spans a batch. Every unit but a scope's last has exactly
 * `maxSpans` spans, so two units of one scope never share a batch, and a piece (one sid bucket
 * of one scope within a batch) never straddles two units.
 */
function batchUnits(units: readonly UnitRow[], maxSpans: number): UnitRow[][] {
  const batches: UnitRow[][] = [];
  let current: UnitRow[] = [];
  let count = 0;
  for (const unit of units) {
    if (current.length > 0 && count + unit.count > maxSpans) {
      batches.push(current);
      current = [];
      count = 0;
    }
    current.push(unit);
    count += unit.count;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/**
 * The bytes of row i. The vector reads the chunk's native memory, which DuckDB frees when the
 * chunk object is collected: taking `chunk` here keeps it alive for as long as the piece is
 * (without that, a streamed body read freed memory under GC pressure). Strings of ≤ 12 bytes are
 * views into that memory, so they are copied; longer ones come back as a fresh copy.
 */
function pieceBytes(chunk: DuckDBDataChunk, texts: DuckDBBlobVector, i: number): Uint8Array {
  if (i >= chunk.rowCount) throw new RangeError(`trace JSON: row ${i} beyond its chunk`);
  const bytes = texts.getItemBytes(i);
  if (bytes === null) return new Uint8Array(0);
  return bytes.byteLength <= 12 ? bytes.slice() : bytes;
}

interface BatchQuery {
  pool: Connections;
  traceId: string;
  window: TraceWindow;
  dialect: SqlDialect;
  units: readonly UnitRow[];
}

/** One batch: its units' pieces (in unit order, then arrival order) and holes. */
async function readBatch(q: BatchQuery): Promise<{ perUnit: SpanPiece[][]; holes: Map<string, Hole> }> {
  const lo = q.units.reduce((m, u) => (u.lo < m ? u.lo : m), q.units[0]!.lo);
  const hi = q.units.reduce((m, u) => (u.hi > m ? u.hi : m), q.units[0]!.hi);
  const bounds: SqlParam[] = [q.window.start, q.window.end, lo, hi];
  const unitParams: SqlParam[] = q.units.flatMap((u) => [u.resourceId, u.scopeId, u.lo, u.hi]);
  const traceIdText = q.dialect === 'tempo' ? `"${bytesToBase64(hexToBytes(q.traceId))}"` : JSON.stringify(q.traceId);
  const params: SqlParam[] = [traceIdText, ...bounds, ...bounds, q.traceId, ...unitParams, ...bounds, q.traceId, ...unitParams];
  const types: DuckDBType[] = params.map((p) => (typeof p === 'string' ? VARCHAR : BIGINT));
  const chunks = await q.pool.use(async (connection) => {
    const result = await connection.run(traceJsonSql(q.dialect, q.units.length), params as string[], types);
    const out: DuckDBDataChunk[] = [];
    for (let chunk = await result.fetchChunk(); chunk !== null && chunk.rowCount > 0; chunk = await result.fetchChunk()) out.push(chunk);
    return out;
  });
  const perUnit: { firstSid: bigint; piece: SpanPiece }[][] = q.units.map(() => []);
  let anyHoles = false;
  for (const chunk of chunks) {
    const [resourceIds, scopeIds, firstSids, , holeFlags] = [0, 1, 2, 3, 4].map((i) => chunk.getColumnValues(i));
    const texts = chunk.getColumnVector(5) as DuckDBBlobVector;
    const lengths = chunk.getColumnValues(6) as bigint[];
    for (let i = 0; i < chunk.rowCount; i++) {
      const firstSid = firstSids![i] as bigint;
      const unit = q.units.findIndex((u) => u.resourceId === resourceIds![i] && u.scopeId === scopeIds![i] && u.lo <= firstSid && firstSid <= u.hi);
      if (unit < 0) throw new Error(`trace JSON: piece at sid ${firstSid} outside its batch`);
      const hasHoles = holeFlags![i] === true;
      anyHoles ||= hasHoles;
      perUnit[unit]!.push({ firstSid, piece: { bytes: () => pieceBytes(chunk, texts, i), byteLength: Number(lengths[i]), hasHoles } });
    }
  }
  const holes = anyHoles ? await readHoles(q, [...bounds], unitParams) : new Map<string, Hole>();
  return { perUnit: perUnit.map((list) => list.sort((a, b) => (a.firstSid < b.firstSid ? -1 : 1)).map((p) => p.piece)), holes };
}

/** Reads and decodes what fills the holes of a batch (the same rows its query read). */
async function readHoles(q: BatchQuery, bounds: SqlParam[], unitParams: SqlParam[]): Promise<Map<string, Hole>> {
  const spansOfBatch = `SELECT sid FROM spans WHERE ${WHERE} AND trace_id = ? AND (${unitsFilter(q.units.length)})`;
  const [spanRows, rawRows] = await Promise.all([
    q.pool.use((c) =>
      queryRows(c, `SELECT sid, events, links FROM spans WHERE ${WHERE} AND trace_id = ? AND (${unitsFilter(q.units.length)}) AND (events <> '' OR links <> '')`, [
        ...bounds,
        q.traceId,
        ...unitParams,
      ]),
    ),
    q.pool.use((c) =>
      queryRows(c, `SELECT sid, idx, elem, raw FROM span_attribute_values WHERE ${WHERE} AND raw IS NOT NULL AND sid IN (${spansOfBatch})`, [
        ...bounds,
        ...bounds,
        q.traceId,
        ...unitParams,
      ]),
    ),
  ]);
  const holes = new Map<string, Hole>();
  for (const [sid, events, links] of spanRows) {
    if (events !== '') holes.set(`e${String(sid)}`, { type: 'events', events: decodeEvents(events as string) });
    if (links !== '') holes.set(`l${String(sid)}`, { type: 'links', links: decodeLinks(links as string) });
  }
  for (const [sid, idx, elem, raw] of rawRows) {
    const name = `r${String(sid)}.${String(idx)}${elem === null ? '' : `.${String(elem)}`}`;
    holes.set(name, { type: 'value', value: decodeValue(raw as string) });
  }
  return holes;
}

/**
 * The trace's JSON plan, or null when the trace is unknown (or does not overlap `range`; an
 * overlapping trace is returned whole, as readTrace does). Span text is read by `spans()`.
 */
export async function readTraceJson(
  pool: Connections,
  traceId: string,
  range: TimeRangeNs | undefined,
  cache: CatalogCache,
  dialect: SqlDialect,
  maxBatchSpans = MAX_BATCH_SPANS,
): Promise<TraceJson | null> {
  const window = await findTraceWindow(pool, traceId, range);
  if (window === null) return null;
  const units = await readUnits(pool, traceId, [window.start, window.end, window.firstSid, window.lastSid], maxBatchSpans);
  if (units.length === 0) return null;
  cache.trim(); // before loading, so nothing this trace needs is evicted
  await pool.use((c) => loadCatalog(c, units.map((u) => u.resourceId), units.map((u) => u.scopeId), cache));

  const handles = new Map<UnitRow, TraceJsonUnit>();
  const batches = batchUnits(units, maxBatchSpans);
  for (const batchUnitRows of batches) {
    let pending: ReturnType<typeof readBatch> | null = null;
    let left = batchUnitRows.length;
    batchUnitRows.forEach((unit, i) => {
      handles.set(unit, {
        async spans() {
          pending ??= readBatch({ pool, traceId, window, dialect, units: batchUnitRows });
          const batch = await pending;
          if (--left === 0) pending = null; // the stream has the last unit: let the batch go
          return { pieces: batch.perUnit[i]!, holes: batch.holes };
        },
      });
    });
  }

  const resources: TraceJsonResource[] = [];
  const byResource = new Map<bigint, { entry: TraceJsonResource; scopes: Map<bigint, TraceJsonScope> }>();
  for (const unit of units) {
    let r = byResource.get(unit.resourceId);
    if (r === undefined) {
      const resource = cache.resources.get(unit.resourceId);
      if (resource === undefined) throw new Error(`trace JSON: resource ${unit.resourceId} missing`);
      r = { entry: { resource, scopes: [] }, scopes: new Map() };
      byResource.set(unit.resourceId, r);
      resources.push(r.entry);
    }
    let s = r.scopes.get(unit.scopeId);
    if (s === undefined) {
      const scope = cache.scopes.get(unit.scopeId);
      if (scope === undefined) throw new Error(`trace JSON: scope ${unit.scopeId} missing`);
      s = { scope, units: [] };
      r.scopes.set(unit.scopeId, s);
      r.entry.scopes.push(s);
    }
    s.units.push(handles.get(unit)!);
  }
  return { resources, spanCount: units.reduce((n, u) => n + u.count, 0), batchCount: batches.length };
}

/** Catalog caches for readTraceJson by store (SpanStore keeps its own for getTrace private). */
const caches = new WeakMap<object, CatalogCache>();

/** readTraceJson on a SpanStore's read connections. */
export function storeTraceJson(
  store: SpanStore,
  traceId: string,
  range: TimeRangeNs | undefined,
  dialect: SqlDialect,
  maxBatchSpans = MAX_BATCH_SPANS,
): Promise<TraceJson | null> {
  let cache = caches.get(store);
  if (cache === undefined) caches.set(store, (cache = new CatalogCache()));
  return readTraceJson({ use: (fn) => store.read(fn), traceRows: store.traceRows }, traceId, range, cache, dialect, maxBatchSpans);
}
