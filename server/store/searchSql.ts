/**
 * Building blocks of search SQL: span-level conditions over `spans s` with their parameters,
 * following the compile target documented in schema.ts (the TraceQL compiler emits the same
 * shapes).
 */
import { toSqlParams } from './db';
import type { SqlParam } from './db';
import type { SearchParams, TagFilter } from './searchTypes';

/** A SQL fragment and its positional (`?`) parameters, in textual order. */
export interface SqlFragment {
  sql: string;
  params: SqlParam[];
}


const INT_PATTERN = /^[-+]?\d+$/;
const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

/**
 * The typed comparisons a tag's text value stands for: a string attribute with that text, or
 * an int / double / bool attribute it parses as (Tempo matches `http.status_code=500` against
 * the int 500).
 */
function valueAlternatives(value: string): { column: string; param: SqlParam }[] {
  const alternatives: { column: string; param: SqlParam }[] = [{ column: 'str_value', param: value }];
  const trimmed = value.trim();
  if (INT_PATTERN.test(trimmed)) {
    const int = BigInt(trimmed);
    if (int >= INT64_MIN && int <= INT64_MAX) alternatives.push({ column: 'int_value', param: int });
  }
  const number = Number(trimmed);
  if (trimmed !== '' && Number.isFinite(number)) alternatives.push({ column: 'dbl_value', param: number });
  if (value === 'true' || value === 'false') alternatives.push({ column: 'bool_value', param: value === 'true' });
  return alternatives;
}

/**
 * `<ownerColumn> IN (…rows of <table> with this key and value…)`. One branch per candidate
 * type, joined with UNION ALL: a filter on a single column is pushed into DuckDB's scan, an OR
 * across columns is not (measured 2-5x slower).
 */
function attributeIn(ownerColumn: string, table: string, owner: string, key: string, value: string): SqlFragment {
  const branches = valueAlternatives(value);
  return {
    sql: `${ownerColumn} IN (${branches.map((b) => `SELECT ${owner} FROM ${table} WHERE key = ? AND ${b.column} = ?`).join(' UNION ALL ')})`,
    params: branches.flatMap((b) => [key, b.param]),
  };
}

export function spanAttributeMatch(key: string, value: string): SqlFragment {
  return attributeIn('s.sid', 'span_attributes', 'sid', key, value);
}

export function resourceAttributeMatch(key: string, value: string): SqlFragment {
  return attributeIn('s.resource_id', 'resource_attributes', 'resource_id', key, value);
}

function or(...fragments: SqlFragment[]): SqlFragment {
  return { sql: `(${fragments.map((f) => f.sql).join(' OR ')})`, params: fragments.flatMap((f) => f.params) };
}

const STATUS_NAMES: Record<string, number> = { unset: 0, ok: 1, error: 2, '0': 0, '1': 1, '2': 2 };

/**
 * One tag of Tempo's `tags=` search as a condition on a span. Besides attributes, scope 'any'
 * understands the special names of Tempo's tag search: `name` (span name), `status.code`
 * (unset|ok|error), `error=true` (error status, or an `error` attribute as Jaeger sets it),
 * `root.name` and `root.service.name` (the trace's root span).
 */
export function tagCondition(tag: TagFilter): SqlFragment {
  const scope = tag.scope ?? 'any';
  if (scope === 'span') return spanAttributeMatch(tag.key, tag.value);
  if (scope === 'resource') {
    if (tag.key === 'service.name') return { sql: 's.service_name = ?', params: [tag.value] };
    return resourceAttributeMatch(tag.key, tag.value);
  }
  switch (tag.key) {
    case 'service.name':
      return or({ sql: 's.service_name = ?', params: [tag.value] }, spanAttributeMatch(tag.key, tag.value));
    case 'name':
      return { sql: 's.name = ?', params: [tag.value] };
    case 'status.code': {
      const code = STATUS_NAMES[tag.value.toLowerCase().replace(/^status_code_/, '')];
      return code === undefined ? spanAttributeMatch(tag.key, tag.value) : { sql: 's.status_code = ?', params: [code] };
    }
    case 'error':
      if (tag.value === 'true') return or({ sql: 's.status_code = 2', params: [] }, spanAttributeMatch(tag.key, tag.value));
      break;
    case 'root.name':
      return { sql: 's.trace_id IN (SELECT trace_id FROM traces WHERE root_span_name = ?)', params: [tag.value] };
    case 'root.service.name':
      return { sql: 's.trace_id IN (SELECT trace_id FROM traces WHERE root_service_name = ?)', params: [tag.value] };
  }
  return or(spanAttributeMatch(tag.key, tag.value), resourceAttributeMatch(tag.key, tag.value));
}

/** Joins conditions with AND ('TRUE' when there are none). */
export function and(fragments: readonly SqlFragment[]): SqlFragment {
  if (fragments.length === 0) return { sql: 'TRUE', params: [] };
  return { sql: fragments.map((f) => `(${f.sql})`).join(' AND '), params: fragments.flatMap((f) => f.params) };
}

const NS_PER_SEC = 1_000_000_000n;

export function spanConditions(params: SearchParams): SqlFragment[] {
  const conditions: SqlFragment[] = [];
  if (params.service !== undefined) conditions.push({ sql: 's.service_name = ?', params: [params.service] });
  if (params.name !== undefined) conditions.push({ sql: 's.name = ?', params: [params.name] });
  for (const tag of params.tags ?? []) conditions.push(tagCondition(tag));
  if (params.spanFilterSql !== undefined) {
    conditions.push({ sql: params.spanFilterSql.sql, params: toSqlParams(params.spanFilterSql.params) });
  }
  return conditions;
}

export function rangeNs(params: SearchParams): { start?: bigint; end?: bigint } {
  return {
    start: params.startSec === undefined ? undefined : BigInt(Math.floor(params.startSec)) * NS_PER_SEC,
    end: params.endSec === undefined ? undefined : BigInt(Math.floor(params.endSec)) * NS_PER_SEC,
  };
}

function startBetween(column: string, range: { start?: bigint; end?: bigint }): SqlFragment[] {
  const conditions: SqlFragment[] = [];
  if (range.start !== undefined) conditions.push({ sql: `${column} >= ?`, params: [range.start] });
  if (range.end !== undefined) conditions.push({ sql: `${column} <= ?`, params: [range.end] });
  return conditions;
}

/**
 * `WITH` clause (or '') in which, given a time range, CTEs named `spans` and `span_attributes`
 * shadow the tables with their rows whose span starts in the range. Every condition, including
 * a compiled TraceQL filter that names the tables, then reads only the row groups the zone maps
 * on start_ns let through. `more` are further CTEs to append.
 */
export function withRangeShadows(range: { start?: bigint; end?: bigint }, ...more: SqlFragment[]): SqlFragment {
  const ctes: SqlFragment[] = [];
  if (range.start !== undefined || range.end !== undefined) {
    const bounds = and(startBetween('start_ns', range));
    ctes.push({ sql: `spans AS NOT MATERIALIZED (SELECT * FROM main.spans WHERE ${bounds.sql})`, params: bounds.params });
    ctes.push({ sql: `span_attributes AS NOT MATERIALIZED (SELECT * FROM main.span_attributes WHERE ${bounds.sql})`, params: bounds.params });
  }
  ctes.push(...more);
  if (ctes.length === 0) return { sql: '', params: [] };
  return { sql: `WITH ${ctes.map((c) => c.sql).join(',\n')}`, params: ctes.flatMap((c) => c.params) };
}

/** Traces overlapping the range. */
export function traceOverlap(params: SearchParams): SqlFragment[] {
  const range = rangeNs(params);
  const conditions: SqlFragment[] = [];
  if (range.end !== undefined) conditions.push({ sql: 't.start_ns <= ?', params: [range.end] });
  if (range.start !== undefined) conditions.push({ sql: 't.end_ns >= ?', params: [range.start] });
  return conditions;
}

export function durationConditions(params: SearchParams): SqlFragment[] {
  const conditions: SqlFragment[] = [];
  if (params.minDurationNs !== undefined) conditions.push({ sql: 't.duration_ns >= ?', params: [params.minDurationNs] });
  if (params.maxDurationNs !== undefined) conditions.push({ sql: 't.duration_ns <= ?', params: [params.maxDurationNs] });
  return conditions;
}
