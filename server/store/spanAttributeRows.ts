/**
 * Span attributes as rows of `span_attribute_values`: the only place they are stored, both
 * for filtering and for giving them back exactly (a JSON copy on each span row took ~38% of
 * the database and a good share of ingest CPU).
 *
 * Row layout (see schema.ts):
 * - idx: the attribute's position in the span's list (duplicate keys stay distinct).
 * - elem: NULL for a non-array value; for an array, the element's position, one row per
 *   element (-1 marks an empty array, which has no element rows).
 * - str_value / int_value / dbl_value / bool_value: the scalar (or scalar element), typed, so
 *   filters can use it.
 * - raw: the exact value as attributeCodec JSON `[tag, payload]` when the typed column cannot
 *   hold it exactly (bytes, kvlists, nested arrays, empty values, NaN / -0, strings that are not
 *   well-formed UTF-16, ints beyond int64); otherwise NULL. When set, it wins on the way back.
 */
import type { DuckDBValue } from '@duckdb/node-api';
import type { Attribute, AttributeValue } from '../../src/model/types';
import { decodeValue, encodeValue } from './attributeCodec';
import type { Catalog } from './catalog';
import type { ChunkBuilder, ColumnKind } from './columnAppender';

/** Column kinds of span_attribute_values, in table order. */
export const SPAN_ATTRIBUTE_KINDS: ColumnKind[] = [
  'bigint', // sid
  'bigint', // start_ns
  'integer', // key_id
  'integer', // idx
  'integer', // elem
  'varchar', // str_value
  'bigint', // int_value
  'double', // dbl_value
  'boolean', // bool_value
  'varchar', // raw
];

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

/** String.prototype.isWellFormed (Node 20; not in this project's ES2023 lib typings). */
function isWellFormed(text: string): boolean {
  return (text as unknown as { isWellFormed(): boolean }).isWellFormed();
}

/** Sets the value columns of one row; false when the value is not a scalar (caller uses raw). */
function setScalar(w: ChunkBuilder, value: AttributeValue): boolean {
  switch (value.type) {
    case 'string':
      w.varchar(5, value.value);
      // DuckDB stores UTF-8: a lone surrogate would come back as U+FFFD.
      if (!isWellFormed(value.value)) w.varchar(9, encodeValue(value));
      return true;
    case 'int':
      if (value.value >= INT64_MIN && value.value <= INT64_MAX) w.bigint(6, value.value);
      else w.varchar(9, encodeValue(value));
      return true;
    case 'double':
      w.number(7, value.value);
      if (Number.isNaN(value.value) || Object.is(value.value, -0)) w.varchar(9, encodeValue(value));
      return true;
    case 'bool':
      w.boolean(8, value.value);
      return true;
    default:
      return false;
  }
}

function endRow(w: ChunkBuilder, sid: bigint, start: bigint, keyId: number, idx: number, elem: number | null): void {
  w.bigint(0, sid);
  w.bigint(1, start);
  w.number(2, keyId);
  w.number(3, idx);
  w.number(4, elem);
  w.endRow();
}

/** Appends the rows of one span's attributes; records the keys used in `keys`. */
export function addSpanAttributes(
  w: ChunkBuilder,
  sid: bigint,
  start: bigint,
  attributes: readonly Attribute[],
  catalog: Catalog,
  keys: Map<number, string>,
): void {
  for (let idx = 0; idx < attributes.length; idx++) {
    const { key, value } = attributes[idx] as Attribute;
    const keyId = catalog.keyIdOf(key);
    keys.set(keyId, key);
    if (value.type === 'array') {
      if (value.value.length === 0) endRow(w, sid, start, keyId, idx, -1);
      for (let elem = 0; elem < value.value.length; elem++) {
        const element = value.value[elem] as AttributeValue;
        if (!setScalar(w, element)) w.varchar(9, encodeValue(element));
        endRow(w, sid, start, keyId, idx, elem);
      }
      continue;
    }
    if (!setScalar(w, value)) w.varchar(9, encodeValue(value));
    endRow(w, sid, start, keyId, idx, null);
  }
}

/** Columns to select, in the order `collectAttributes` reads them. */
export const ATTRIBUTE_ROW_COLUMNS = 'sid, idx, elem, key, str_value, int_value, dbl_value, bool_value, raw';

/**
 * The same columns from the physical table, with key_id where the key goes: no join with
 * attribute_keys (which cost ~1.5 ms of a ~5 ms trace read); `withKeyNames` puts the names in.
 */
export const ATTRIBUTE_ID_ROW_COLUMNS = 'sid, idx, elem, key_id, str_value, int_value, dbl_value, bool_value, raw';

/**
 * Rows of ATTRIBUTE_ID_ROW_COLUMNS with each key_id replaced by its key (in place); rows whose
 * key has no name are left out. Keys are written with the rows that use them and only
 * retention deletes keys, with the last spans using them: a key is missing only when
 * retention dropped the trace between the read of its rows and that of the names (each query
 * sees its own snapshot). The trace was being deleted; failing the whole read for it would
 * turn that race into a 500.
 */
export function withKeyNames(rows: DuckDBValue[][], keys: ReadonlyMap<number, string>): DuckDBValue[][] {
  let kept = 0;
  for (const r of rows) {
    const key = keys.get(r[3] as number);
    if (key === undefined) continue;
    r[3] = key;
    rows[kept++] = r;
  }
  rows.length = kept;
  return rows;
}

const compareBigints = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Sorts attribute rows by sid, idx, elem, as `ORDER BY` would (an element-less row, elem NULL,
 * never shares a (sid, idx) with element rows). Sorting the few rows of a trace here is cheaper
 * than asking DuckDB, whose ORDER BY added ~1 ms to a point read.
 */
export function sortAttributeRows(rows: DuckDBValue[][]): DuckDBValue[][] {
  return rows.sort(
    (a, b) =>
      compareBigints(a[0] as bigint, b[0] as bigint) ||
      (a[1] as number) - (b[1] as number) ||
      ((a[2] as number | null) ?? -2) - ((b[2] as number | null) ?? -2),
  );
}

function rowValue(r: DuckDBValue[]): AttributeValue {
  const raw = r[8];
  if (typeof raw === 'string') return decodeValue(raw);
  if (r[4] !== null && r[4] !== undefined) return { type: 'string', value: r[4] as string };
  if (r[5] !== null && r[5] !== undefined) return { type: 'int', value: r[5] as bigint };
  if (r[6] !== null && r[6] !== undefined) return { type: 'double', value: r[6] as number };
  if (r[7] !== null && r[7] !== undefined) return { type: 'bool', value: r[7] as boolean };
  throw new Error(`span attribute row without a value (sid ${String(r[0])}, idx ${String(r[1])})`);
}

/**
 * Rebuilds each span's attribute list from rows selected with ATTRIBUTE_ROW_COLUMNS, ordered
 * by sid, idx, elem.
 */
export function collectAttributes(rows: readonly DuckDBValue[][]): Map<bigint, Attribute[]> {
  const bySpan = new Map<bigint, Attribute[]>();
  let current: Attribute[] = [];
  let currentSid: bigint | null = null;
  let array: AttributeValue[] | null = null;
  let lastIdx = -1;
  for (const r of rows) {
    const sid = r[0] as bigint;
    const idx = r[1] as number;
    const elem = r[2] as number | null;
    if (sid !== currentSid) {
      current = [];
      bySpan.set(sid, current);
      currentSid = sid;
      lastIdx = -1;
    }
    if (elem === null) {
      current.push({ key: r[3] as string, value: rowValue(r) });
    } else {
      if (idx !== lastIdx) {
        array = [];
        current.push({ key: r[3] as string, value: { type: 'array', value: array } });
      }
      if (elem >= 0) (array as AttributeValue[]).push(rowValue(r));
    }
    lastIdx = idx;
  }
  return bySpan;
}
