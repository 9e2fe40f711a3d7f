/**
 * SQL that has DuckDB write the OTLP JSON of a trace's spans itself (see traceJson.ts for why).
 * Each span becomes the JSON text `encodeSpan` in src/sources/otlp/encodeOtlpJson.ts would produce
 * (same fields, same zero-value omission; key order and string escapes may differ, the parsed
 * value does not), and spans are concatenated per (resource, scope, sid bucket) with
 * string_agg, so JavaScript handles a few hundred strings instead of millions of values.
 *
 * What this SQL cannot encode exactly — events and links (attributeCodec JSON) and attribute
 * values whose exact form lives in `raw` — is left as a hole for JavaScript to fill:
 *   `\0e<sid>\0`               → `,"events":[…]`
 *   `\0l<sid>\0`               → `,"links":[…]`
 *   `\0r<sid>.<idx>[.<elem>]\0` → the AnyValue JSON of that attribute row
 * to_json escapes control characters, so a NUL byte cannot occur in the JSON text itself.
 */
import { SPAN_KINDS, STATUS_CODES } from '../../src/model/types';

export type SqlDialect = 'tempo' | 'otlp';

/** Spans per string_agg bucket (before splitting by resource/scope): ~100 kB–1 MB pieces. */
export const SID_BUCKET = 4096;

/** Stored BIGINT ns → the unsigned decimal text (see nsFromDb in db.ts). */
const unsignedNs = (column: string): string =>
  `CASE WHEN ${column} < 0 THEN (${column}::HUGEINT + 18446744073709551616)::VARCHAR ELSE ${column}::VARCHAR END`;

/** A hex ID column as JSON string text: base64 of the bytes (tempo) or the hex (otlp). */
const idText = (column: string, dialect: SqlDialect): string =>
  dialect === 'tempo' ? `'"' || to_base64(unhex(${column})) || '"'` : `to_json(${column})::VARCHAR`;

/** `,"field":<value>` unless the column is '' (compact drops empty strings). */
const optionalString = (field: string, column: string, valueSql: string): string =>
  `CASE WHEN ${column} = '' THEN '' ELSE ',"${field}":' || ${valueSql} END`;

const optionalNumber = (field: string, column: string): string => `CASE WHEN ${column} = 0 THEN '' ELSE ',"${field}":' || ${column}::VARCHAR END`;

/** An enum column: tempo writes the upper-case name, otlp the number; 0 and unknown values are omitted. */
function enumField(field: string, column: string, names: readonly string[], prefix: string, dialect: SqlDialect): string {
  const cases = names
    .map((name, i) => (i === 0 ? '' : ` WHEN ${i} THEN '"${field}":${dialect === 'tempo' ? `"${prefix}${name.toUpperCase()}"` : i}'`))
    .join('');
  return `CASE ${column}${cases} ELSE NULL END`;
}

/**
 * string_agg(text, ',' ORDER BY key) without DuckDB's ordered-aggregate machinery, which took
 * 3–4x longer than sorting a list of structs (measured on 100k spans).
 */
const orderedJoin = (key: string, text: string): string =>
  `array_to_string(list_transform(list_sort(list({k: ${key}, t: ${text}})), x -> x.t), ',')`;

/** AnyValue JSON of one typed row (raw rows are never encoded here). */
const VALUE_SQL = `CASE
  WHEN str_value IS NOT NULL THEN '{"stringValue":' || to_json(str_value)::VARCHAR || '}'
  WHEN int_value IS NOT NULL THEN '{"intValue":"' || int_value::VARCHAR || '"}'
  WHEN dbl_value IS NOT NULL THEN '{"doubleValue":' || (CASE WHEN isinf(dbl_value) THEN (CASE WHEN dbl_value > 0 THEN '"Infinity"' ELSE '"-Infinity"' END) ELSE to_json(dbl_value)::VARCHAR END) || '}'
  WHEN bool_value IS NOT NULL THEN (CASE WHEN bool_value THEN '{"boolValue":true}' ELSE '{"boolValue":false}' END)
  ELSE NULL END`;

/**
 * `(resource_id = ? AND scope_id = ? AND sid BETWEEN ? AND ?) OR …`: the spans of some units
 * (runs of one scope's spans; see traceJson.ts).
 */
export function unitsFilter(unitCount: number, alias = ''): string {
  const unit = `(${alias}resource_id = ? AND ${alias}scope_id = ? AND ${alias}sid BETWEEN ? AND ?)`;
  return Array.from({ length: unitCount }, () => unit).join(' OR ');
}

/**
 * The query for the spans of `unitCount` units: params are the JSON text of the trace ID, then
 * three times the four window bounds (start, end, first sid, last sid), the second and third
 * followed by the trace ID and the units' params (4 each).
 * Rows: resource_id, scope_id, first_sid, span_count, has_holes, text (BLOB: the UTF-8
 * bytes, read without decoding), byte_length.
 */
export function traceJsonSql(dialect: SqlDialect, unitCount: number): string {
  const where = 'start_ns BETWEEN ? AND ? AND sid BETWEEN ? AND ?';
  const kind = enumField('kind', 's.kind', SPAN_KINDS, 'SPAN_KIND_', dialect);
  const status = enumField('code', 's.status_code', STATUS_CODES, 'STATUS_CODE_', dialect);
  const span = `'{"traceId":' || tid.text
    || CASE WHEN s.span_id = '' THEN '' ELSE ',"spanId":' || ${idText('s.span_id', dialect)} END
    || ${optionalString('traceState', 's.trace_state', 'to_json(s.trace_state)::VARCHAR')}
    || CASE WHEN s.parent_span_id = '' THEN '' ELSE ',"parentSpanId":' || ${idText('s.parent_span_id', dialect)} END
    || ${optionalNumber('flags', 's.flags')}
    || ${optionalString('name', 's.name', 'to_json(s.name)::VARCHAR')}
    || coalesce(',' || ${kind}, '')
    || ',"startTimeUnixNano":"' || ${unsignedNs('s.start_ns')} || '","endTimeUnixNano":"' || ${unsignedNs('s.end_ns')} || '"'
    || coalesce(',"attributes":' || a.attrs, '')
    || ${optionalNumber('droppedAttributesCount', 's.dropped_attributes_count')}
    || CASE WHEN s.events = '' THEN '' ELSE chr(0) || 'e' || s.sid::VARCHAR || chr(0) END
    || ${optionalNumber('droppedEventsCount', 's.dropped_events_count')}
    || CASE WHEN s.links = '' THEN '' ELSE chr(0) || 'l' || s.sid::VARCHAR || chr(0) END
    || ${optionalNumber('droppedLinksCount', 's.dropped_links_count')}
    || ',"status":{' || concat_ws(',', CASE WHEN s.status_message = '' THEN NULL ELSE '"message":' || to_json(s.status_message)::VARCHAR END, ${status}) || '}}'`;
  return `
WITH tid AS (SELECT ?::VARCHAR AS text),
vals AS (
  SELECT sid, idx, key_id, elem, raw IS NOT NULL AS is_raw,
    CASE WHEN raw IS NULL THEN ${VALUE_SQL}
         ELSE chr(0) || 'r' || sid::VARCHAR || '.' || idx::VARCHAR || coalesce('.' || elem::VARCHAR, '') || chr(0) END AS val
  FROM span_attribute_values
  WHERE ${where} AND sid IN (SELECT sid FROM spans WHERE ${where} AND trace_id = ? AND (${unitsFilter(unitCount)}))
),
items AS (
  SELECT sid, idx, key_id, is_raw, val FROM vals WHERE elem IS NULL
  UNION ALL
  SELECT sid, idx, any_value(key_id), bool_or(is_raw),
    CASE WHEN max(elem) < 0 THEN '{"arrayValue":{}}'
         ELSE '{"arrayValue":{"values":[' || ${orderedJoin('elem', 'val')} || ']}}' END
  FROM vals WHERE elem IS NOT NULL GROUP BY sid, idx
),
attrs AS (
  SELECT i.sid, bool_or(i.is_raw) AS is_raw,
    '[' || ${orderedJoin('i.idx', `'{"key":' || to_json(k.key)::VARCHAR || ',"value":' || i.val || '}'`)} || ']' AS attrs
  FROM items i JOIN attribute_keys k ON k.key_id = i.key_id GROUP BY i.sid
),
encoded AS (
  SELECT s.sid, s.resource_id, s.scope_id, ${span} AS text,
    s.events <> '' OR s.links <> '' OR coalesce(a.is_raw, false) AS has_holes
  FROM spans s CROSS JOIN tid LEFT JOIN attrs a ON a.sid = s.sid
  WHERE s.start_ns BETWEEN ? AND ? AND s.sid BETWEEN ? AND ? AND s.trace_id = ? AND (${unitsFilter(unitCount, 's.')})
)
SELECT *, octet_length(text) AS byte_length FROM (
  SELECT resource_id, scope_id, min(sid) AS first_sid, count(*) AS span_count,
    bool_or(has_holes) AS has_holes, encode(${orderedJoin('sid', 'text')}) AS text
  FROM encoded GROUP BY resource_id, scope_id, sid // ${SID_BUCKET}
)`;
}
