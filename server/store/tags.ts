/**
 * Tag names and values for Tempo's `/api/search/tags` and `/api/(v2/)search/tag/<tag>/values`.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from './db';
import type { SqlParam } from './db';
import type { SqlFragment } from './searchSql';
import type { SpanStore } from './spanStore';

export type TagNameScope = 'span' | 'resource' | 'intrinsic' | 'instrumentation' | 'event' | 'link';

export type TagValueType = 'string' | 'int' | 'float' | 'bool' | 'keyword' | 'duration';

export interface TagValue {
  type: TagValueType;
  /** The value as text (ints exact; Tempo's v2 endpoint sends every value as a string). */
  value: string;
}

export interface TimeRangeSec {
  startSec?: number;
  endSec?: number;
}

/** Tempo's intrinsic tag names: the legacy ones and the scoped forms. */
export const INTRINSIC_TAGS: readonly string[] = [
  'duration',
  'kind',
  'name',
  'rootName',
  'rootServiceName',
  'status',
  'statusMessage',
  'traceDuration',
  'event:name',
  'instrumentation:name',
  'instrumentation:version',
  'span:duration',
  'span:id',
  'span:kind',
  'span:name',
  'span:parentID',
  'span:status',
  'span:statusMessage',
  'trace:duration',
  'trace:id',
  'trace:rootName',
  'trace:rootService',
];

const DEFAULT_LIMIT = 1000;
const NS_PER_SEC = 1_000_000_000n;

/** `start_ns` bounds of the range on `column` (a span start). */
function rangeCondition(column: string, range: TimeRangeSec | undefined): SqlFragment {
  const parts: string[] = [];
  const params: SqlParam[] = [];
  if (range?.startSec !== undefined) {
    parts.push(`${column} >= ?`);
    params.push(BigInt(Math.floor(range.startSec)) * NS_PER_SEC);
  }
  if (range?.endSec !== undefined) {
    parts.push(`${column} <= ?`);
    params.push(BigInt(Math.floor(range.endSec)) * NS_PER_SEC);
  }
  return { sql: parts.length === 0 ? 'TRUE' : parts.join(' AND '), params };
}

/**
 * Resources / scopes referenced by spans in the range that match `filter` (a condition over
 * `spans s`); all of them without either.
 */
function ownersInRange(column: 'resource_id' | 'scope_id', range: TimeRangeSec | undefined, filter?: SqlFragment): SqlFragment {
  if (range?.startSec === undefined && range?.endSec === undefined && filter === undefined) return { sql: 'TRUE', params: [] };
  const r = rangeCondition('start_ns', range);
  const f = filter ?? { sql: 'TRUE', params: [] };
  return { sql: `${column} IN (SELECT DISTINCT s.${column} FROM spans s WHERE ${r.sql} AND (${f.sql}))`, params: [...r.params, ...f.params] };
}

/** Rows of `spans s` matching the filter, as a condition on a table with `sid` / `trace_id`. */
function filterCondition(column: 'sid' | 'trace_id', filter: SqlFragment | undefined): SqlFragment {
  if (filter === undefined) return { sql: 'TRUE', params: [] };
  return { sql: `${column} IN (SELECT s.${column} FROM spans s WHERE ${filter.sql})`, params: filter.params };
}

async function distinctStrings(connection: DuckDBConnection, sql: string, params: SqlParam[]): Promise<string[]> {
  return (await queryRows(connection, sql, params)).map((r) => r[0] as string);
}

/** Sorted distinct tag names of a scope (all attribute scopes when none is given). */
export async function tagNames(store: SpanStore, scope?: TagNameScope, range?: TimeRangeSec, limit = DEFAULT_LIMIT): Promise<string[]> {
  if (scope === 'intrinsic') return [...INTRINSIC_TAGS];
  if (scope === 'event' || scope === 'link') return []; // events and links are not indexed
  return store.read(async (connection) => {
    const names = new Set<string>();
    if (scope === undefined || scope === 'span') {
      // The key catalog answers without touching the attribute rows unless a range is given.
      const r = rangeCondition('start_ns', range);
      const sql =
        r.params.length === 0
          ? 'SELECT key FROM attribute_keys'
          : `SELECT key FROM attribute_keys WHERE key_id IN (SELECT DISTINCT key_id FROM span_attribute_values WHERE ${r.sql})`;
      for (const n of await distinctStrings(connection, sql, r.params)) names.add(n);
    }
    if (scope === undefined || scope === 'resource') {
      const r = ownersInRange('resource_id', range);
      for (const n of await distinctStrings(connection, `SELECT DISTINCT key FROM resource_attributes WHERE ${r.sql}`, r.params)) names.add(n);
    }
    if (scope === 'instrumentation') {
      const r = ownersInRange('scope_id', range);
      for (const n of await distinctStrings(connection, `SELECT DISTINCT key FROM scope_attributes WHERE ${r.sql}`, r.params)) names.add(n);
    }
    return [...names].sort().slice(0, limit);
  });
}

/** How a tag name maps onto storage. */
type TagSource =
  | { kind: 'column'; table: 'spans' | 'traces'; column: string; type: TagValueType; keywords?: readonly string[] }
  | { kind: 'attributes'; scopes: readonly ('span' | 'resource' | 'instrumentation')[]; key: string };

const INTRINSIC_SOURCES: Record<string, TagSource> = {
  name: { kind: 'column', table: 'spans', column: 'name', type: 'string' },
  statusMessage: { kind: 'column', table: 'spans', column: 'status_message', type: 'string' },
  status: { kind: 'column', table: 'spans', column: 'status_code', type: 'keyword', keywords: ['unset', 'ok', 'error'] },
  kind: {
    kind: 'column',
    table: 'spans',
    column: 'kind',
    type: 'keyword',
    keywords: ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'],
  },
  rootName: { kind: 'column', table: 'traces', column: 'root_span_name', type: 'string' },
  rootServiceName: { kind: 'column', table: 'traces', column: 'root_service_name', type: 'string' },
  'instrumentation:name': { kind: 'column', table: 'spans', column: 'scope_name', type: 'string' },
  'instrumentation:version': { kind: 'column', table: 'spans', column: 'scope_version', type: 'string' },
};

const SCOPED_INTRINSICS: Record<string, string> = {
  'span:name': 'name',
  'span:statusMessage': 'statusMessage',
  'span:status': 'status',
  'span:kind': 'kind',
  'trace:rootName': 'rootName',
  'trace:rootService': 'rootServiceName',
};

/** Strips TraceQL quoting from an attribute name: `"a b"` → `a b`. */
function unquote(name: string): string {
  return name.startsWith('"') && name.endsWith('"') && name.length >= 2 ? name.slice(1, -1).replace(/\\(.)/g, '$1') : name;
}

/**
 * Tag names as Tempo's endpoints take them: `service.name` (v1, unscoped), `.service.name`,
 * `resource.service.name`, `span.http.method`, `instrumentation.x`, or intrinsics such as
 * `name`, `status`, `kind`, `span:name`, `trace:rootService`.
 */
export function tagSource(tag: string): TagSource {
  const intrinsic = INTRINSIC_SOURCES[SCOPED_INTRINSICS[tag] ?? tag];
  if (intrinsic !== undefined) return intrinsic;
  if (tag.startsWith('span.')) return { kind: 'attributes', scopes: ['span'], key: unquote(tag.slice(5)) };
  if (tag.startsWith('resource.')) return { kind: 'attributes', scopes: ['resource'], key: unquote(tag.slice(9)) };
  if (tag.startsWith('instrumentation.')) return { kind: 'attributes', scopes: ['instrumentation'], key: unquote(tag.slice(16)) };
  const key = unquote(tag.startsWith('.') ? tag.slice(1) : tag);
  return { kind: 'attributes', scopes: ['span', 'resource'], key };
}

/**
 * Typed values of an *_attributes table's rows for one key: DISTINCT over the raw value
 * columns first, so the text conversion runs once per distinct value, not once per row.
 */
function attributeValuesSql(table: string, where: string): string {
  return `SELECT CASE WHEN str_value IS NOT NULL THEN 'string' WHEN int_value IS NOT NULL THEN 'int'
            WHEN dbl_value IS NOT NULL THEN 'float' ELSE 'bool' END AS type,
          coalesce(str_value, int_value::VARCHAR, dbl_value::VARCHAR, bool_value::VARCHAR) AS value
   FROM (SELECT DISTINCT str_value, int_value, dbl_value, bool_value FROM ${table} WHERE key = ? AND ${where})
   WHERE str_value IS NOT NULL OR int_value IS NOT NULL OR dbl_value IS NOT NULL OR bool_value IS NOT NULL`;
}

async function columnValues(
  connection: DuckDBConnection,
  source: Extract<TagSource, { kind: 'column' }>,
  range: TimeRangeSec | undefined,
  limit: number,
  filter: SqlFragment | undefined,
): Promise<TagValue[]> {
  const r = rangeCondition('start_ns', range);
  const f = filterCondition(source.table === 'spans' ? 'sid' : 'trace_id', filter);
  const values = await distinctStrings(
    connection,
    `SELECT DISTINCT ${source.column}::VARCHAR FROM ${source.table} WHERE ${source.column} IS NOT NULL AND ${r.sql} AND ${f.sql} ORDER BY 1 LIMIT ?`,
    [...r.params, ...f.params, BigInt(limit)],
  );
  const keywords = source.keywords;
  if (keywords !== undefined) return values.map((v) => ({ type: source.type, value: keywords[Number(v)] ?? v }));
  return values.map((value) => ({ type: source.type, value }));
}

/**
 * Distinct values of a tag (up to `limit`), with Tempo's v2 value types. `filter` (a compiled
 * TraceQL condition over `spans s`, Tempo's `q=`) keeps the values of matching spans only.
 */
export async function tagValues(store: SpanStore, tag: string, range?: TimeRangeSec, limit = DEFAULT_LIMIT, filter?: SqlFragment): Promise<TagValue[]> {
  const source = tagSource(tag);
  return store.read(async (connection) => {
    if (source.kind === 'column') return columnValues(connection, source, range, limit, filter);
    const parts: string[] = [];
    const params: SqlParam[] = [];
    for (const scope of source.scopes) {
      if (scope === 'span') {
        const r = rangeCondition('start_ns', range);
        const f = filterCondition('sid', filter);
        parts.push(attributeValuesSql('span_attributes', `${r.sql} AND ${f.sql}`));
        params.push(source.key, ...r.params, ...f.params);
      } else {
        const r = ownersInRange(scope === 'resource' ? 'resource_id' : 'scope_id', range, filter);
        parts.push(attributeValuesSql(scope === 'resource' ? 'resource_attributes' : 'scope_attributes', r.sql));
        params.push(source.key, ...r.params);
      }
    }
    const rows = await queryRows(connection, `SELECT DISTINCT type, value FROM (${parts.join(' UNION ALL ')}) ORDER BY type, value LIMIT ?`, [
      ...params,
      BigInt(limit),
    ]);
    return rows.map((r) => ({ type: r[0] as TagValueType, value: r[1] as string }));
  });
}
