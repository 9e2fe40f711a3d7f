/**
 * Find in a trace by attribute text (`/api/tracescope/traces/{id}/find`, see
 * src/sources/skeleton/format.ts): for each term, the IDs of the trace's spans having a span
 * attribute whose lowercased `key=value` text contains it. The skeleton carries no attributes, so
 * the trace view asks the store instead of searching them in the browser.
 *
 * One scan of the trace's attribute rows (zone maps on start_ns and sid, then the trace's sids)
 * computes each row's text once and tests every term on it.
 */
import { BIGINT, VARCHAR } from '@duckdb/node-api';
import type { DuckDBType, DuckDBValue } from '@duckdb/node-api';
import type { Connections } from './readTrace';
import { findTraceWindow } from './readTrace';
import type { SpanStore } from './spanStore';

export interface TermMatches {
  /** The term, lowercased. */
  term: string;
  /** Distinct span IDs (spans without an ID are left out), in arrival order of their first span. */
  spanIds: string[];
}

const WINDOW = 'start_ns BETWEEN $1 AND $2 AND sid BETWEEN $3 AND $4';

/** Parameter placeholder for a value pushed on `params` ($1..$5 are the window and trace ID). */
function bind(params: DuckDBValue[], types: DuckDBType[], value: string): string {
  params.push(value);
  types.push(VARCHAR);
  return `$${params.length}`;
}

const keyIdList = (ids: readonly number[]): string => (ids.length === 0 ? 'false' : `key_id IN (${ids.join(', ')})`);

/**
 * SQL true when a row's lowercased `key=value` text contains `term`. The text is never built:
 * a term without '=' lies within the key (keys are few, matched here in JS) or within the value;
 * a term with '=' may also straddle the separator (key ends with what precedes an '=', value starts
 * with what follows it). Only the value needs testing per row, and only in the typed columns
 * whose text could hold the term (ints are digits and '-', bools 'true'/'false').
 */
function termSql(term: string, keys: readonly { id: number; text: string }[], params: DuckDBValue[], types: DuckDBType[]): string {
  const parts: string[] = [];
  const inKey = keys.filter((k) => `${k.text}=`.includes(term)).map((k) => k.id);
  if (inKey.length > 0) parts.push(keyIdList(inKey));
  parts.push(valueSql(term, 'contains', params, types));
  for (let at = term.indexOf('='); at >= 0; at = term.indexOf('=', at + 1)) {
    const before = term.slice(0, at);
    const ids = keys.filter((k) => k.text.endsWith(before)).map((k) => k.id);
    if (ids.length > 0) parts.push(`(${keyIdList(ids)} AND ${valueSql(term.slice(at + 1), 'starts_with', params, types)})`);
  }
  return `(${parts.join(' OR ')})`;
}

/** Double text as JavaScript writes it: NaN, Infinity, integral values without '.0'. */
const DOUBLE_TEXT = `CASE WHEN isnan(dbl_value) THEN 'nan' WHEN isinf(dbl_value) THEN (CASE WHEN dbl_value > 0 THEN 'infinity' ELSE '-infinity' END)
  WHEN dbl_value = trunc(dbl_value) AND abs(dbl_value) < 1e15 THEN dbl_value::BIGINT::VARCHAR ELSE lower(dbl_value::VARCHAR) END`;

/** `fn(value text, text)` over the typed columns that could match. */
function valueSql(text: string, fn: 'contains' | 'starts_with', params: DuckDBValue[], types: DuckDBType[]): string {
  const p = bind(params, types, text);
  const parts = [`${fn}(lower(str_value), ${p})`];
  if (/^[0-9-]*$/.test(text)) parts.push(`${fn}(int_value::VARCHAR, ${p})`);
  if (/^[0-9.e+\-nainfity]*$/.test(text)) parts.push(`${fn}(${DOUBLE_TEXT}, ${p})`);
  if ('true'.includes(text) || 'false'.includes(text)) parts.push(`${fn}(CASE WHEN bool_value THEN 'true' WHEN NOT bool_value THEN 'false' END, ${p})`);
  return `coalesce(${parts.join(' OR ')}, false)`;
}

/**
 * Matches for each term (lowercased, in the given order), or null when the trace is unknown.
 */
export async function findInTrace(pool: Connections, traceId: string, terms: readonly string[]): Promise<TermMatches[] | null> {
  const window = await findTraceWindow(pool, traceId, undefined);
  if (window === null) return null;
  const lowered = terms.map((term) => term.toLowerCase());
  const out = lowered.map((term) => ({ term, spanIds: [] as string[] }));
  if (lowered.length === 0) return out;
  return pool.use(async (connection) => {
    const keyRows = (await connection.runAndReadAll('SELECT key_id, lower(key) FROM attribute_keys')).getRows();
    const keys = keyRows.map(([id, text]) => ({ id: id as number, text: text as string }));
    const params: DuckDBValue[] = [window.start, window.end, window.firstSid, window.lastSid, traceId];
    const types: DuckDBType[] = [BIGINT, BIGINT, BIGINT, BIGINT, VARCHAR];
    const predicates = lowered.map((term) => termSql(term, keys, params, types));
    // Rows of other traces in the window are matched too and dropped by the join with spans:
    // cheaper than restricting the attribute scan to the trace's sids first (a semi-join).
    const sql = `
      WITH matched AS MATERIALIZED (
        SELECT sid, ${predicates.map((p, i) => `${p} AS m${i}`).join(', ')}
        FROM span_attribute_values WHERE ${WINDOW} AND (${predicates.join(' OR ')})
      ),
      hits AS (${predicates.map((_, i) => `SELECT DISTINCT ${i} AS t, sid FROM matched WHERE m${i}`).join(' UNION ALL ')})
      SELECT t, array_to_string(list_transform(list_sort(list({first: first, id: span_id})), x -> x.id), ',') FROM (
        SELECT hits.t, s.span_id, min(s.sid) AS first FROM hits JOIN spans s ON s.sid = hits.sid
        WHERE s.start_ns BETWEEN $1 AND $2 AND s.sid BETWEEN $3 AND $4 AND s.trace_id = $5 AND s.span_id <> ''
        GROUP BY hits.t, s.span_id
      ) GROUP BY t`;
    // One comma-joined string per term: reading 500k values one by one took longer than the query.
    const rows = (await connection.runAndReadAll(sql, params, types)).getRows();
    for (const [t, ids] of rows) out[t as number]!.spanIds = (ids as string).split(',');
    return out;
  });
}

/** findInTrace on a SpanStore's read connections. */
export function storeFindInTrace(store: SpanStore, traceId: string, terms: readonly string[]): Promise<TermMatches[] | null> {
  return findInTrace({ use: (fn) => store.read(fn), traceRows: store.traceRows }, traceId, terms);
}
