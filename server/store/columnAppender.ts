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

function numericArray(kind: Exclude<ColumnKind, 'varchar'>): NumericArray {
  switch (kind) {
    case 'bigint':
      return new BigInt64Array(CHUNK_ROWS);
    case 'integer':
      return new Int32Array(CHUNK_ROWS);
    case 'uinteger':
      return new Uint32Array(CHUNK_ROWS);
    case 'tinyint':
      return new Int8Array(CHUNK_ROWS);
    case 'double':
      return new Float64Array(CHUNK_ROWS);
    case 'boolean':
      return new Uint8Array(CHUNK_ROWS);
  }
}

const encoder = new TextEncoder();

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
  private readonly written: Uint8Array;
  private readonly hasNull: boolean[];
  private readonly stringHeaders = new Uint8Array(CHUNK_ROWS * 16);
  private row = 0;
  /** Rows appended in total. */
  count = 0;

  private readonly chunks: DuckDBDataChunk[] = [];

  constructor(private readonly kinds: readonly ColumnKind[]) {
    this.logicalTypes = kinds.map((k) => DUCKDB_TYPES[k].toLogicalType().logical_type);
    this.numbers = kinds.map((k) => (k === 'varchar' ? null : numericArray(k)));
    this.strings = kinds.map((k) => (k === 'varchar' ? new Array<string>(CHUNK_ROWS) : null));
    this.validity = kinds.map(() => new Uint8Array(CHUNK_ROWS / 8));
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
    if (++this.row === CHUNK_ROWS) this.flushChunk();
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
        this.flushStrings(vector, strings, validity, rows);
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
   * Short ASCII strings (≤ 12 bytes) are stored inline in DuckDB's 16-byte string header
   * (`duckdb_string_t`: uint32 length + 12 bytes, zero padded), so they are written into a
   * buffer that is copied into the vector in one go; only longer strings need a native call
   * each (DuckDB copies them into the vector's string heap). Most IDs are longer, but many
   * values are short: '', keys like 'http.method', 'GET', service and span names.
   */
  private flushStrings(vector: duckdb.Vector, strings: string[], validity: Uint8Array, rows: number): void {
    const headers = this.stringHeaders;
    headers.fill(0, 0, rows * 16);
    const long: number[] = [];
    for (let r = 0; r < rows; r++) {
      if (((validity[r >> 3] as number) & (1 << (r & 7))) === 0) continue;
      const s = strings[r] as string;
      const length = s.length;
      let inline = length <= 12;
      if (inline) {
        const base = r * 16;
        for (let i = 0; i < length; i++) {
          const code = s.charCodeAt(i);
          if (code > 0x7f) {
            inline = false;
            break;
          }
          headers[base + 4 + i] = code;
        }
        if (inline) {
          headers[base] = length; // little-endian uint32; length ≤ 12 fits the low byte
          continue;
        }
        headers.fill(0, base, base + 16);
      }
      long.push(r);
    }
    duckdb.copy_data_to_vector(vector, 0, headers.buffer as ArrayBuffer, 0, rows * 16);
    for (const r of long) {
      const s = strings[r] as string;
      // The plain variant takes a C string: a NUL inside would cut the value short.
      if (s.includes('\0')) duckdb.vector_assign_string_element_len(vector, r, encoder.encode(s));
      else duckdb.vector_assign_string_element(vector, r, s);
    }
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
