/**
 * Fast bulk appends through DuckDB's Appender.
 *
 * Why not `DuckDBDataChunk.setColumns`: it routes every value through generic per-item setters
 * and tracks validity with BigInt arithmetic; at ~10 attribute rows per span that was most of
 * the ingest CPU. Here each column is a plain typed array (one memcpy into the vector per
 * 2048-row chunk), validity is a byte-addressed bitmap, and only strings cost a native call.
 *
 * Uses the low-level `@duckdb/node-bindings` (the exact-pinned binding package that
 * `@duckdb/node-api` itself is built on) for the vector copies.
 */
import duckdb from '@duckdb/node-bindings';
import { BIGINT, BOOLEAN, DOUBLE, DuckDBDataChunk, INTEGER, TINYINT, UINTEGER, VARCHAR } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';

/** DuckDB's vector size: the most rows one data chunk holds. */
const CHUNK_ROWS = 2048;

export type ColumnKind = 'bigint' | 'integer' | 'uinteger' | 'tinyint' | 'double' | 'boolean' | 'varchar';

const DUCKDB_TYPES = { bigint: BIGINT, integer: INTEGER, uinteger: UINTEGER, tinyint: TINYINT, double: DOUBLE, boolean: BOOLEAN, varchar: VARCHAR };

type NumericArray = BigInt64Array | Int32Array | Uint32Array | Int8Array | Float64Array | Uint8Array;

function numericArray(kind: Exclude<ColumnKind, 'varchar'>, rows: number): NumericArray {
  switch (kind) {
    case 'bigint':
      return new BigInt64Array(rows);
    case 'integer':
      return new Int32Array(rows);
    case 'uinteger':
      return new Uint32Array(rows);
    case 'tinyint':
      return new Int8Array(rows);
    case 'double':
      return new Float64Array(rows);
    case 'boolean':
      return new Uint8Array(rows);
  }
}

/** One DuckDB logical type per column kind, shared (create_data_chunk copies them). */
const LOGICAL_TYPES = new Map<ColumnKind, duckdb.LogicalType>();
function logicalType(kind: ColumnKind): duckdb.LogicalType {
  let type = LOGICAL_TYPES.get(kind);
  if (type === undefined) {
    type = DUCKDB_TYPES[kind].toLogicalType().logical_type;
    LOGICAL_TYPES.set(kind, type);
  }
  return type;
}

/** Writes `s` inline into the 16-byte header at `base` when it is ASCII; false when it is not. */
function inlineAscii(s: string, headers: Uint8Array, base: number): boolean {
  const length = s.length;
  for (let i = 0; i < length; i++) {
    const code = s.charCodeAt(i);
    if (code > 0x7f) {
      headers.fill(0, base + 4, base + 16);
      return false;
    }
    headers[base + 4 + i] = code;
  }
  headers[base] = length; // little-endian uint32; length ≤ 12 fits the low byte
  return true;
}

/**
 * Scratch space of `flushStrings`, shared by every builder (a flush is synchronous, so one set
 * serves all; per builder it was ~200 KB allocated per batch, i.e. GC work).
 */
class StringScratch {
  readonly headers = new Uint8Array(CHUNK_ROWS * 16);
  /** The same bytes as little-endian uint32 words (x86 and ARM Node are little-endian). */
  readonly words = new Uint32Array(this.headers.buffer);
  /** The long rows with their pool offsets and sizes. */
  readonly longRows = new Int32Array(CHUNK_ROWS);
  readonly longAt = new Int32Array(CHUNK_ROWS);
  readonly longBytes = new Int32Array(CHUNK_ROWS);
  /** The distinct long strings of the column: entry number, offset and size in the pool. */
  readonly distinct = new Map<string, number>();
  readonly distinctAt = new Int32Array(CHUNK_ROWS);
  readonly distinctBytes = new Int32Array(CHUNK_ROWS);
  distinctCount = 0;
  pool = Buffer.allocUnsafe(CHUNK_ROWS * 40);

  /** Appends `s` as UTF-8 to the pool at `used` as a new distinct entry; returns the new end. */
  poolString(s: string, used: number): number {
    const length = s.length;
    // At most 3 UTF-8 bytes per UTF-16 unit (a surrogate pair: 4 bytes for 2 units).
    if (used + length * 3 > this.pool.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.pool.length * 2, used + length * 3));
      this.pool.copy(grown, 0, 0, used);
      this.pool = grown;
    }
    const pool = this.pool;
    let i = 0;
    for (; i < length; i++) {
      const code = s.charCodeAt(i);
      if (code > 0x7f) break;
      pool[used + i] = code;
    }
    // Lone surrogates become U+FFFD, as N-API's conversion did (spanAttributeRows keeps them exact in `raw`).
    const bytes = i === length ? length : pool.write(s, used, 'utf8');
    this.distinctAt[this.distinctCount] = used;
    this.distinctBytes[this.distinctCount] = bytes;
    return used + bytes;
  }
}

const scratch = new StringScratch();

/**
 * Row-at-a-time builder of DuckDB data chunks: set each column of the current row with the
 * typed setters (a column left unset in a row is NULL), then `endRow()`. Building needs no
 * connection, so the next batch can be built while the previous one commits; `appendChunks`
 * then hands the chunks to a table's appender inside the transaction.
 */
export class ChunkBuilder {
  private readonly logicalTypes: duckdb.LogicalType[];
  private readonly numbers: (NumericArray | null)[];
  private readonly strings: (string[] | null)[];
  /** Per column: validity bitmap (bit set = valid) of the current chunk. */
  private readonly validity: Uint8Array[];
  /**
   * Rows the arrays hold: sized from the caller's hint and doubled as needed up to a chunk,
   * so a builder of a few rows (trace summaries, catalog rows) does not allocate ~16 KB per
   * column.
   */
  private capacity: number;
  private readonly written: Uint8Array;
  private readonly hasNull: boolean[];
  private row = 0;
  /** Rows appended in total. */
  count = 0;

  private readonly chunks: DuckDBDataChunk[] = [];

  /**
   * `rowsHint`: the rows expected (more are fine). `uniqueStrings`: VARCHAR columns whose
   * values rarely repeat (span IDs), pooled without looking each up among the column's
   * distinct strings first (hashing a fresh string per row for nothing).
   */
  constructor(
    private readonly kinds: readonly ColumnKind[],
    rowsHint: number = CHUNK_ROWS,
    private readonly uniqueStrings: readonly number[] = [],
  ) {
    // A multiple of 64: validity is copied in 64-bit words.
    this.capacity = Math.min(CHUNK_ROWS, Math.max(64, Math.ceil(rowsHint / 64) * 64));
    const capacity = this.capacity;
    this.logicalTypes = kinds.map(logicalType);
    this.numbers = kinds.map((k) => (k === 'varchar' ? null : numericArray(k, capacity)));
    this.strings = kinds.map((k) => (k === 'varchar' ? new Array<string>(capacity) : null));
    this.validity = kinds.map(() => new Uint8Array(capacity / 8));
    this.written = new Uint8Array(kinds.length);
    this.hasNull = kinds.map(() => false);
  }

  bigint(column: number, value: bigint | null): void {
    if (value === null) return;
    (this.numbers[column] as BigInt64Array)[this.row] = value;
    this.written[column] = 1;
  }

  number(column: number, value: number | null): void {
    if (value === null) return;
    (this.numbers[column] as Exclude<NumericArray, BigInt64Array>)[this.row] = value;
    this.written[column] = 1;
  }

  boolean(column: number, value: boolean | null): void {
    if (value === null) return;
    (this.numbers[column] as Uint8Array)[this.row] = value ? 1 : 0;
    this.written[column] = 1;
  }

  varchar(column: number, value: string | null): void {
    if (value === null) return;
    (this.strings[column] as string[])[this.row] = value;
    this.written[column] = 1;
  }

  endRow(): void {
    const bit = 1 << (this.row & 7);
    const byte = this.row >> 3;
    for (let c = 0; c < this.kinds.length; c++) {
      if (this.written[c] === 1) {
        const validity = this.validity[c] as Uint8Array;
        validity[byte] = (validity[byte] as number) | bit;
        this.written[c] = 0;
      } else {
        this.hasNull[c] = true;
      }
    }
    this.count++;
    if (++this.row === this.capacity) {
      if (this.capacity === CHUNK_ROWS) this.flushChunk();
      else this.grow();
    }
  }

  private grow(): void {
    const capacity = Math.min(CHUNK_ROWS, this.capacity * 2);
    for (let c = 0; c < this.kinds.length; c++) {
      const kind = this.kinds[c] as ColumnKind;
      const old = this.numbers[c];
      if (kind !== 'varchar' && old !== null && old !== undefined) {
        const grown = numericArray(kind, capacity);
        // Same element type (both from numericArray(kind)); the cast only unifies the union.
        (grown as Uint8Array).set(old as Uint8Array);
        this.numbers[c] = grown;
      }
      const validity = new Uint8Array(capacity / 8);
      validity.set(this.validity[c] as Uint8Array);
      this.validity[c] = validity;
    }
    this.capacity = capacity;
  }

  private flushChunk(): void {
    const rows = this.row;
    if (rows === 0) return;
    const chunk = duckdb.create_data_chunk(this.logicalTypes);
    for (let c = 0; c < this.kinds.length; c++) {
      const vector = duckdb.data_chunk_get_vector(chunk, c);
      const validity = this.validity[c] as Uint8Array;
      const strings = this.strings[c];
      if (strings !== null && strings !== undefined) {
        this.flushStrings(vector, strings, validity, rows, !this.uniqueStrings.includes(c));
      } else {
        const data = this.numbers[c] as NumericArray;
        duckdb.copy_data_to_vector(vector, 0, data.buffer as ArrayBuffer, data.byteOffset, rows * data.BYTES_PER_ELEMENT);
      }
      if (this.hasNull[c]) {
        duckdb.vector_ensure_validity_writable(vector);
        duckdb.copy_data_to_vector_validity(vector, 0, validity.buffer as ArrayBuffer, 0, Math.ceil(rows / 64) * 8);
      }
      validity.fill(0);
      this.hasNull[c] = false;
    }
    duckdb.data_chunk_set_size(chunk, rows);
    this.chunks.push(new DuckDBDataChunk(chunk));
    this.row = 0;
  }

  /**
   * Writes a VARCHAR column with two native calls, whatever the rows hold.
   *
   * DuckDB's string header (`duckdb_string_t`, duckdb.h) is 16 bytes: uint32 length, then
   * either the bytes inline (≤ 12, zero padded) or a 4-byte prefix and a pointer to the bytes.
   * Short ASCII strings are written inline into a buffer that is copied into the vector in one
   * go. Longer ones are written as UTF-8 one after the other into a pool (each distinct string
   * once: trace IDs, service, scope and span names repeat from row to row), the pool is handed
   * to DuckDB as ONE string element, which copies it into the vector's own string heap, and the
   * long rows' headers then point into that copy. Assigning each long string with its own call
   * (UTF-16 → UTF-8 in N-API, ~0.2 µs each, 5–7 per span) was half of the prepare time.
   *
   * The pooled string is assigned to row 0 and row 0's header is written last, so nothing
   * refers to the pool as a whole; the heap lives as long as the vector.
   */
  private flushStrings(vector: duckdb.Vector, strings: string[], validity: Uint8Array, rows: number, dedupe: boolean): void {
    const { headers, words, longRows, longAt, longBytes, distinct } = scratch;
    headers.fill(0, 0, rows * 16);
    distinct.clear();
    let longCount = 0;
    let used = 0;
    for (let r = 0; r < rows; r++) {
      if (((validity[r >> 3] as number) & (1 << (r & 7))) === 0) continue;
      const s = strings[r] as string;
      const length = s.length;
      const base = r * 16;
      if (length <= 12 && inlineAscii(s, headers, base)) continue;
      let entry = dedupe ? distinct.get(s) : undefined;
      if (entry === undefined) {
        used = scratch.poolString(s, used);
        entry = scratch.distinctCount++;
        if (dedupe) distinct.set(s, entry);
      }
      const at = scratch.distinctAt[entry] as number;
      const bytes = scratch.distinctBytes[entry] as number;
      if (bytes <= 12) {
        // Non-ASCII but short in UTF-8: DuckDB requires such a string inline.
        scratch.pool.copy(headers, base + 4, at, at + bytes);
        headers[base] = bytes;
        continue;
      }
      longRows[longCount] = r;
      longAt[longCount] = at;
      longBytes[longCount] = bytes;
      longCount++;
    }
    scratch.distinctCount = 0;
    if (longCount > 0) {
      // The pool holds at least one string of > 12 bytes, so DuckDB stores it out of line.
      duckdb.vector_assign_string_element_len(vector, 0, scratch.pool.subarray(0, used));
      const header = duckdb.vector_get_data(vector, 16);
      const view = new DataView(header.buffer, header.byteOffset, 16);
      const low = view.getUint32(8, true);
      const high = view.getUint32(12, true);
      const pool = scratch.pool;
      for (let k = 0; k < longCount; k++) {
        const w = (longRows[k] as number) * 4;
        const at = longAt[k] as number;
        words[w] = longBytes[k] as number;
        words[w + 1] = pool.readUInt32LE(at); // the prefix: the string's first 4 bytes
        const sum = low + at;
        words[w + 2] = sum >>> 0;
        words[w + 3] = sum > 0xffffffff ? high + 1 : high;
      }
    }
    duckdb.copy_data_to_vector(vector, 0, headers.buffer as ArrayBuffer, 0, rows * 16);
  }

  /** The built chunks (call once, after the last row). */
  finish(): DuckDBDataChunk[] {
    this.flushChunk();
    return this.chunks;
  }
}

/** Appends chunks to `table` through the connection (joins its open transaction). */
export async function appendChunks(
  connection: DuckDBConnection,
  table: string,
  chunks: readonly DuckDBDataChunk[],
  catalog?: 'temp',
): Promise<void> {
  if (chunks.length === 0) return;
  const appender = await connection.createAppender(table, 'main', catalog ?? null);
  try {
    for (const chunk of chunks) appender.appendDataChunk(chunk);
  } finally {
    appender.closeSync();
  }
}
