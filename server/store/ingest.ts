/**
 * One group commit, in two steps:
 * - `prepareBatch` (synchronous, no database access) encodes a batch of spans into DuckDB data
 *   chunks, so the next batch is built on the JS thread while DuckDB commits the previous one;
 * - `commitPrepared` appends the chunks (plus any new resources and scopes and the summaries of
 *   new traces) and merges the summaries of traces seen before, inside the caller's
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
import { aggregate, combine, mergeTraces, stageTraces, TRACE_COLUMN_KINDS, traceValues, writeTraceRow } from './traceSummaries';
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
/** span_id and parent_span_id: nearly every row's is its own (see ChunkBuilder). */
const SPAN_UNIQUE_STRINGS = [2, 3];
/** commits: first_sid, last_sid, ingested_ms, span_count. */
const COMMIT_COLUMN_KINDS: ColumnKind[] = ['bigint', 'bigint', 'bigint', 'bigint'];
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
  /** Per-trace summaries of traces `traces` may already hold (merged at commit). */
  known: TraceAgg[];
  /** Their trace keys, in the same order. */
  knownKeys: bigint[];
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
  const spanRows = new ChunkBuilder(SPAN_COLUMN_KINDS, spans.length, SPAN_UNIQUE_STRINGS);
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

/**
 * Splits the batch's trace summaries by whether `traces` may hold them (traceRowIndex.ts).
 * The certainly new ones become `traces` rows, appended with no SQL at all: their keys are
 * unique within the group too, since a key joins the index as soon as one batch stages it.
 * The others are staged for mergeTraces.
 */
function stageTracesByNovelty(
  traces: Map<string, TraceAgg>,
  catalog: Catalog,
): { known: TraceAgg[]; knownKeys: bigint[]; newTraceChunks: DuckDBDataChunk[] } {
  const known: TraceAgg[] = [];
  const knownKeys: bigint[] = [];
  const fresh = new ChunkBuilder(TRACE_COLUMN_KINDS, traces.size);
  for (const [traceId, t] of traces) {
    const key = traceKey(traceId);
    // Added now, not at commit: a later batch with this trace must take the MERGE path. A
    // known trace's part adds its own first sid too, for the row the MERGE inserts when it
    // finds none.
    if (catalog.traceRows.add(key, t.firstSid)) {
      known.push(t);
      knownKeys.push(key);
      continue;
    }
    writeTraceRow(fresh, key, t, clampInt64(t.end - t.start)); // duration as mergeTraces computes it
  }
  return { known, knownKeys, newTraceChunks: fresh.finish() };
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
 * The group's summaries of traces `traces` may hold, one per key (a MERGE may touch a row only
 * once; several writes of a group can carry the same trace). Copies: a batch whose group
 * fails is committed again on its own.
 */
function combineKnown(batches: readonly PreparedBatch[]): Map<bigint, TraceAgg> {
  const out = new Map<bigint, TraceAgg>();
  for (const b of batches) {
    for (let i = 0; i < b.known.length; i++) {
      const key = b.knownKeys[i]!;
      const part = b.known[i]!;
      const into = out.get(key);
      if (into === undefined) out.set(key, { ...part });
      else combine(into, part);
    }
  }
  return out;
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
 * The commits row is appended too (a parsed INSERT cost ~0.6 ms a commit).
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
  // New traces first: a later batch of the group may merge into the same trace.
  await appendChunks(connection, 'traces', batches.flatMap((b) => b.newTraceChunks));
  const commitRow = new ChunkBuilder(COMMIT_COLUMN_KINDS, 1);
  commitRow.bigint(0, first.firstSid);
  commitRow.bigint(1, last.lastSid);
  commitRow.bigint(2, BigInt(Math.round(nowMs)));
  commitRow.bigint(3, BigInt(spanCount));
  commitRow.endRow();
  await appendChunks(connection, 'commits', commitRow.finish());
  const statements: string[] = [];
  const known = combineKnown(batches);
  const range = catalog.traceRows.sidRange(known.keys());
  if (known.size > 0 && range !== null) {
    const summaries = [...known.values()];
    const keys = [...known.keys()];
    const values = traceValues(summaries, keys);
    if (values !== null) {
      statements.push(mergeTraces(range.lo, range.hi, values));
    } else {
      // trace_stage is empty here: emptied after use, and by the caller after a rollback.
      await appendChunks(connection, 'trace_stage', stageTraces(summaries, keys), 'temp');
      statements.push(mergeTraces(range.lo, range.hi, 'trace_stage'), 'DELETE FROM trace_stage');
    }
  }
  if (thenSql !== '') statements.push(thenSql);
  if (statements.length > 0) await connection.run(statements.join(';\n'));
  return added;
}
