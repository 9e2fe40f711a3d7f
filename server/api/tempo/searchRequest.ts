import { parseDuration, parseTraceQL } from '../../../src/traceql';
import { compileTraceQL } from '../../store/traceql/compile';
import type { SearchParams, TagFilter } from '../../store/search';
import { parseLogfmt } from './logfmt';
import { toSqlParams } from '../../store/db';
import type { SqlFragment } from '../../store/searchSql';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** Tempo's `start`/`end` parameters (unix seconds), shared by search and the tag endpoints. */
export function parseSecondsRange(query: (name: string) => string | undefined): Parsed<{ startSec?: number; endSec?: number }> {
  const range: { startSec?: number; endSec?: number } = {};
  for (const [name, key] of [['start', 'startSec'], ['end', 'endSec']] as const) {
    const raw = query(name);
    if (raw === undefined || raw === '') continue;
    if (!/^\d+$/.test(raw)) return { ok: false, message: `invalid ${name}: expected unix seconds, got "${raw}"` };
    range[key] = Number(raw);
  }
  return { ok: true, value: range };
}

/** Tempo's search parameters (`/api/search`), checked as Tempo checks them. */
export function parseSearchRequest(query: (name: string) => string | undefined): Parsed<SearchParams & { select: string[] }> {
  const q = query('q');
  const tags = query('tags');
  if (q && tags) return { ok: false, message: 'invalid request: cannot use both q (TraceQL) and tags' };
  const params: SearchParams & { select: string[] } = { select: [] };

  const limit = query('limit');
  if (limit !== undefined && limit !== '') {
    const n = Number(limit);
    if (!Number.isInteger(n) || n <= 0) return { ok: false, message: 'invalid limit: must be a positive number' };
    params.limit = n;
  }
  const spss = query('spss');
  if (spss !== undefined && spss !== '') {
    const n = Number(spss);
    if (!Number.isInteger(n) || n <= 0) return { ok: false, message: 'invalid spss: must be a positive number' };
    params.spss = n;
  }
  for (const [name, key] of [['minDuration', 'minDurationNs'], ['maxDuration', 'maxDurationNs']] as const) {
    const raw = query(name);
    if (raw === undefined || raw === '') continue;
    const ns = parseDuration(raw);
    if (ns === null) return { ok: false, message: `invalid ${name}: "${raw}" is not a duration like 250ms or 1.5s` };
    params[key] = ns;
  }
  if (params.minDurationNs !== undefined && params.maxDurationNs !== undefined && params.maxDurationNs < params.minDurationNs) {
    return { ok: false, message: 'invalid maxDuration: must be greater than minDuration' };
  }
  const range = parseSecondsRange(query);
  if (!range.ok) return range;
  Object.assign(params, range.value);
  if (params.startSec !== undefined && params.endSec !== undefined && params.endSec < params.startSec) {
    return { ok: false, message: 'invalid start: must be before end' };
  }

  if (tags) {
    const parsed = parseLogfmt(tags);
    if (!parsed.ok) return parsed;
    params.tags = parsed.pairs.map(tagFilter);
  }
  if (q) {
    const compiled = compileQuery(q);
    if (!compiled.ok) return compiled;
    params.spanFilterSql = { sql: compiled.value.sql, params: compiled.value.params };
    params.select = compiled.value.select;
  }
  return { ok: true, value: params };
}

/** A TraceQL query compiled to a span condition, or Tempo's 400 message with the position. */
function compileQuery(q: string): Parsed<ReturnType<typeof compileTraceQL>> {
  const parsed = parseTraceQL(q);
  if (!parsed.ok) {
    const { message, line, column } = parsed.error;
    // The parser's message already starts with "unsupported TraceQL:" for valid TraceQL we
    // do not run, so it is passed on as is, with the position Grafana's editors show.
    const text = message.startsWith('unsupported TraceQL') ? message : `invalid TraceQL query: ${message}`;
    return { ok: false, message: `${text} at line ${line}, col ${column}` };
  }
  return { ok: true, value: compileTraceQL(parsed.ast) };
}

/**
 * The `q=` of Tempo's v2 tag-values endpoint: values only of spans matching the query (how
 * Grafana and the app list the operations of one service). Absent or `{}` means no filter.
 */
export function parseTagValuesFilter(q: string | undefined): Parsed<SqlFragment | undefined> {
  if (q === undefined || /^\s*(\{\s*\})?\s*$/.test(q)) return { ok: true, value: undefined };
  const compiled = compileQuery(q);
  if (!compiled.ok) return compiled;
  return { ok: true, value: { sql: compiled.value.sql, params: toSqlParams(compiled.value.params) } };
}

/**
 * Tempo's tag search keys: scoped ones (`span.x`, `resource.x`) match that scope; the store
 * resolves unscoped keys, including intrinsics like `name` and `status`.
 */
function tagFilter({ key, value }: { key: string; value: string }): TagFilter {
  if (key.startsWith('span.')) return { key: key.slice(5), value, scope: 'span' };
  if (key.startsWith('resource.')) return { key: key.slice(9), value, scope: 'resource' };
  return { key, value, scope: 'any' };
}
