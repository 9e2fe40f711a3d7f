/**
 * One group commit, in two steps:
 * - `prepareBatch` (synchronous, no database access) encodes a batch of spans into DuckDB data
 *   chunks, so the next batch is built on the JS thread while DuckDB commits the previous one;
 * - `commitPrepared` appends the chunks (plus any new resources and scopes and the summaries of
 *   new traces) and upserts the summaries of traces seen before, inside the caller's
 *   transaction.
 */
import type { DuckDBConnection, DuckDBDataChunk } from '@duckdb/node-api';
import { SPAN_KINDS, STATUS_CODES } from '../../src/model/types';
import type { Attribute, Resource, Scope, SpanData, SpanKind, StatusCode } from '../../src/model/types';
import { attributeRows, encodeAttributes, encodeEvents, encodeLinks } from './attributeCodec';
import type { Catalog } from './catalog';
import { appendChunks, ChunkBuilder } from './columnAppender';
import type { ColumnKind } from './columnAppender';
import { nsToDb } from './db';
import { addSpanAttributes, SPAN_ATTRIBUTE_KINDS } from './spanAttributeRows';
import { aggregate, stageTraces, UPSERT_TRACES } from './traceSummaries';
import { traceKey } from './traceKey';
import type { TraceAgg } from './traceSummaries';

/** Column kinds of `spans`, in table order (see schema.ts). */
const SPAN_COLUMN_KINDS: ColumnKind[] = [
  'bigint', // sid
  'varchar', // trace_id
  'varchar', // span_id
  'varchar', // parent_span_id
  'varchar', // trace_state
  'varchar', // name
  'tinyint', // kind
  'bigint', // start_ns
  'bigint', // end_ns
  'bigint', // duration_ns
  'tinyint', // status_code
  'varchar', // status_message
  'uinteger', // flags
  'varchar', // service_name
  'bigint', // resource_id
  'bigint', // scope_id
  'varchar', // scope_name
  'varchar', // scope_version
  'uinteger', // dropped_attributes_count
  'varchar', // events
  'uinteger', // dropped_events_count
  'varchar', // links
  'uinteger', // dropped_links_count
];
/** resource_attributes / scope_attributes: owner id, key, values. */
const OWNER_ATTRIBUTE_KINDS: ColumnKind[] = ['bigint', 'varchar', 'varchar', 'bigint', 'double', 'boolean'];

const KIND_CODES = new Map<SpanKind, number>(SPAN_KINDS.map((k, i) => [k, i]));
const STATUS_CODE_NUMBERS = new Map<StatusCode, number>(STATUS_CODES.map((c, i) => [c, i]));

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

function clampInt64(value: bigint): bigint {
  return value < INT64_MIN ? INT64_MIN : value > INT64_MAX ? INT64_MAX : value;
}

/** uint32 columns: anything else would make DuckDB reject the whole batch. */
function u32(value: number): number {
  return Number.isInteger(value) && value >= 0 && value <= 0xffffffff ? value : 0;
}


/** A batch encoded and ready to append. */
export interface PreparedBatch {
  firstSid: bigint;
  lastSid: bigint;
  spanCount: number;
  spanChunks: DuckDBDataChunk[];
  attributeChunks: DuckDBDataChunk[];
  /** Per-trace summaries of traces `traces` may already hold, for trace_stage (upserted). */
  traceChunks: DuckDBDataChunk[];
  /** Rows of `traces` for the traces certainly new (appended as they are). */
  newTraceChunks: DuckDBDataChunk[];
  /** Every resource, scope and attribute key the batch refers to (see Catalog). */
  resources: Map<bigint, Resource>;
  scopes: Map<bigint, Scope>;
  keys: Map<number, string>;
}

function addSpan(w: ChunkBuilder, span: SpanData, sid: bigint, start: bigint, end: bigint, status: number, resourceId: bigint, scopeId: bigint): void {
  w.bigint(0, sid);
  w.varchar(1, span.traceId);
  w.varchar(2, span.spanId);
  w.varchar(3, span.parentSpanId);
  w.varchar(4, span.traceState);
  w.varchar(5, span.name);
  w.number(6, KIND_CODES.get(span.kind) ?? 0);
  w.bigint(7, start);
  w.bigint(8, end);
  w.bigint(9, clampInt64(span.endTimeUnixNano - span.startTimeUnixNano));
  w.number(10, status);
  w.varchar(11, span.status.message);
  w.number(12, u32(span.flags));
  w.varchar(13, span.resource.serviceName);
  w.bigint(14, resourceId);
  w.bigint(15, scopeId);
  w.varchar(16, span.scope.name);
  w.varchar(17, span.scope.version);
  w.number(18, u32(span.droppedAttributesCount));
  w.varchar(19, encodeEvents(span.events));
  w.number(20, u32(span.droppedEventsCount));
  w.varchar(21, encodeLinks(span.links));
  w.number(22, u32(span.droppedLinksCount));
  w.endRow();
}

/** Encodes `spans` with sids from `firstSid` on. No database access. */
export function prepareBatch(spans: readonly SpanData[], firstSid: bigint, catalog: Catalog): PreparedBatch {
  const resources = new Map<bigint, Resource>();
  const scopes = new Map<bigint, Scope>();
  const keys = new Map<number, string>();
  let attributeCount = 0;
  for (const span of spans) attributeCount += span.attributes.length;
  const spanRows = new ChunkBuilder(SPAN_COLUMN_KINDS, spans.length);
  const attributeRows = new ChunkBuilder(SPAN_ATTRIBUTE_KINDS, attributeCount);
  const traces = new Map<string, TraceAgg>();
  let sid = firstSid;
  for (const span of spans) {
    const resourceId = catalog.resourceIdOf(span.resource);
    resources.set(resourceId, span.resource);
    const scopeId = catalog.scopeIdOf(span.scope);
    scopes.set(scopeId, span.scope);
    const start = nsToDb(span.startTimeUnixNano);
    const end = nsToDb(span.endTimeUnixNano);
    const status = STATUS_CODE_NUMBERS.get(span.status.code) ?? 0;
    addSpan(spanRows, span, sid, start, end, status, resourceId, scopeId);
    aggregate(traces, span, sid, start, end, status === 2);
    addSpanAttributes(attributeRows, sid, start, span.attributes, catalog, keys);
    sid++;
  }
  return {
    firstSid,
    lastSid: sid - 1n,
    spanCount: spans.length,
    spanChunks: spanRows.finish(),
    attributeChunks: attributeRows.finish(),
    ...stageTracesByNovelty(traces, catalog),
    resources,
    scopes,
    keys,
  };
}

/** Column kinds of `traces`, in table order (see schema.ts). */
const TRACE_COLUMN_KINDS: ColumnKind[] = [
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

/**
 * Splits the batch's trace summaries by whether `traces` may hold them (traceKeyFilter.ts).
 * The certainly new ones become `traces` rows, appended with no SQL at all: their keys are
 * unique within the group too, since a key joins the filter as soon as one batch stages it.
 * The others are staged for UPSERT_TRACES.
 */
function stageTracesByNovelty(traces: Map<string, TraceAgg>, catalog: Catalog): { traceChunks: DuckDBDataChunk[]; newTraceChunks: DuckDBDataChunk[] } {
  const known = new Map<string, TraceAgg>();
  const fresh = new ChunkBuilder(TRACE_COLUMN_KINDS, traces.size);
  for (const [traceId, t] of traces) {
    const key = traceKey(traceId);
    // Added now, not at commit: a later batch with this trace must take the upsert path.
    if (catalog.traceKeys.testAndAdd(key)) {
      known.set(traceId, t);
      continue;
    }
    fresh.bigint(0, key);
    fresh.varchar(1, traceId);
    fresh.bigint(2, t.start);
    fresh.bigint(3, t.end);
    fresh.bigint(4, clampInt64(t.end - t.start)); // as UPSERT_TRACES computes it
    fresh.bigint(5, BigInt(t.spans));
    fresh.bigint(6, BigInt(t.errors));
    fresh.varchar(7, t.rootService);
    fresh.varchar(8, t.rootName);
    fresh.bigint(9, t.rootStart);
    fresh.bigint(10, t.firstSid);
    fresh.bigint(11, t.lastSid);
    fresh.endRow();
  }
  return { traceChunks: known.size > 0 ? stageTraces(known) : [], newTraceChunks: fresh.finish() };
}

function addOwnerAttributes(w: ChunkBuilder, owner: bigint, attributes: readonly Attribute[]): void {
  for (const r of attributeRows(attributes)) {
    w.bigint(0, owner);
    w.varchar(1, r.key);
    w.varchar(2, r.str);
    w.bigint(3, r.int);
    w.number(4, r.dbl);
    w.boolean(5, r.bool);
    w.endRow();
  }
}

/** Appends the resources and scopes still missing; returns the IDs added. */
async function appendCatalog(
  connection: DuckDBConnection,
  resources: Map<bigint, Resource>,
  scopes: Map<bigint, Scope>,
  keys: Map<number, string>,
  catalog: Catalog,
): Promise<CatalogAdditions> {
  const added: CatalogAdditions = { resources: [], scopes: [], keys: [] };
  const keyRows = new ChunkBuilder(['integer', 'varchar'], keys.size);
  for (const [id, key] of keys) {
    if (catalog.storedKeys.has(id)) continue;
    added.keys.push([id, key]);
    keyRows.number(0, id);
    keyRows.varchar(1, key);
    keyRows.endRow();
  }
  const resourceRows = new ChunkBuilder(['bigint', 'varchar', 'varchar', 'uinteger', 'varchar'], resources.size);
  const resourceAttributes = new ChunkBuilder(OWNER_ATTRIBUTE_KINDS, resources.size * 4);
  for (const [id, r] of resources) {
    if (catalog.storedResources.has(id)) continue; // committed by an earlier batch meanwhile
    added.resources.push(id);
    resourceRows.bigint(0, id);
    resourceRows.varchar(1, r.serviceName);
    resourceRows.varchar(2, encodeAttributes(r.attributes));
    resourceRows.number(3, u32(r.droppedAttributesCount));
    resourceRows.varchar(4, r.schemaUrl);
    resourceRows.endRow();
    addOwnerAttributes(resourceAttributes, id, r.attributes);
  }
  const scopeRows = new ChunkBuilder(['bigint', 'varchar', 'varchar', 'varchar', 'uinteger', 'varchar'], scopes.size);
  const scopeAttributes = new ChunkBuilder(OWNER_ATTRIBUTE_KINDS, scopes.size);
  for (const [id, s] of scopes) {
    if (catalog.storedScopes.has(id)) continue;
    added.scopes.push(id);
    scopeRows.bigint(0, id);
    scopeRows.varchar(1, s.name);
    scopeRows.varchar(2, s.version);
    scopeRows.varchar(3, encodeAttributes(s.attributes));
    scopeRows.number(4, u32(s.droppedAttributesCount));
    scopeRows.varchar(5, s.schemaUrl);
    scopeRows.endRow();
    addOwnerAttributes(scopeAttributes, id, s.attributes);
  }
  await appendChunks(connection, 'attribute_keys', keyRows.finish());
  await appendChunks(connection, 'resources', resourceRows.finish());
  await appendChunks(connection, 'resource_attributes', resourceAttributes.finish());
  await appendChunks(connection, 'scopes', scopeRows.finish());
  await appendChunks(connection, 'scope_attributes', scopeAttributes.finish());
  return added;
}

export interface CatalogAdditions {
  resources: bigint[];
  scopes: bigint[];
  keys: [number, string][];
}

/**
 * Writes prepared batches (in sid order) as one unit, inside the transaction the caller opened
 * on `connection`, and then runs `thenSql` (the caller's COMMIT) in the same call. The caller
 * records the returned catalog IDs as stored once that succeeded, or rolls back.
 *
 * The appends are synchronous (the appender copies into the transaction's local storage); the
 * statements after them go to DuckDB as ONE multi-statement query. Each separate `run` is a
 * round trip through the thread pool and back to the event loop, which under load waits behind
 * the decoding and preparing of the next requests: with six of them per commit, a commit's
 * latency (and so, with a few clients in flight, the throughput) was mostly that waiting.
 */
export async function commitPrepared(
  connection: DuckDBConnection,
  batches: readonly PreparedBatch[],
  catalog: Catalog,
  nowMs: number,
  thenSql = '',
): Promise<CatalogAdditions> {
  const first = batches[0];
  const last = batches[batches.length - 1];
  if (first === undefined || last === undefined) return { resources: [], scopes: [], keys: [] };
  const resources = new Map<bigint, Resource>();
  const scopes = new Map<bigint, Scope>();
  const keys = new Map<number, string>();
  let spanCount = 0;
  await appendChunks(connection, 'spans', batches.flatMap((b) => b.spanChunks));
  await appendChunks(connection, 'span_attribute_values', batches.flatMap((b) => b.attributeChunks));
  for (const b of batches) {
    for (const [id, r] of b.resources) resources.set(id, r);
    for (const [id, sc] of b.scopes) scopes.set(id, sc);
    for (const [id, key] of b.keys) keys.set(id, key);
    spanCount += b.spanCount;
  }
  const added = await appendCatalog(connection, resources, scopes, keys, catalog);
  // New traces first: a later batch of the group may upsert the same trace.
  await appendChunks(connection, 'traces', batches.flatMap((b) => b.newTraceChunks));
  const statements: string[] = [];
  const knownTraces = batches.flatMap((b) => b.traceChunks);
  if (knownTraces.length > 0) {
    // Emptied before (whatever a failed ROLLBACK may have left) and after use.
    await connection.run('DELETE FROM trace_stage');
    await appendChunks(connection, 'trace_stage', knownTraces, 'temp');
    statements.push(UPSERT_TRACES, 'DELETE FROM trace_stage');
  }
  // Every value is a bigint, safe to write as a literal.
  statements.push(`INSERT INTO commits VALUES (${[first.firstSid, last.lastSid, BigInt(Math.round(nowMs)), BigInt(spanCount)].join(', ')})`);
  if (thenSql !== '') statements.push(thenSql);
  await connection.run(statements.join(';\n'));
  return added;
}
