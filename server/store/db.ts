/**
 * DuckDB plumbing: opening the database file, a small pool of read connections, parameter
 * typing, and the two's-complement mapping of OTLP's unsigned nanosecond times.
 */
import { BIGINT, BOOLEAN, DOUBLE, DuckDBInstance, VARCHAR } from '@duckdb/node-api';
import type { DuckDBConnection, DuckDBType, DuckDBValue } from '@duckdb/node-api';
import type { TraceRowLocator } from './traceRowIndex';

/** A SQL parameter as search and the TraceQL compiler pass them. */
export type SqlParam = string | number | bigint | boolean | null;

/**
 * DuckDB types for positional parameters. Without them DuckDB infers INTEGER for numbers and
 * HUGEINT for bigints, and a BIGINT column compared with a HUGEINT parameter is cast per row,
 * which defeats zone-map pruning.
 */
export function paramTypes(params: readonly SqlParam[]): DuckDBType[] {
  return params.map((p) => {
    switch (typeof p) {
      case 'bigint':
        return BIGINT;
      case 'number':
        return Number.isInteger(p) && Number.isSafeInteger(p) ? BIGINT : DOUBLE;
      case 'boolean':
        return BOOLEAN;
      default:
        return VARCHAR;
    }
  });
}

export function toSqlParams(params: readonly unknown[]): SqlParam[] {
  return params.map((p, i) => {
    if (p === null || typeof p === 'string' || typeof p === 'number' || typeof p === 'bigint' || typeof p === 'boolean') return p;
    throw new TypeError(`SQL parameter ${i + 1} has unsupported type ${typeof p}`);
  });
}

/**
 * Runs a query and returns its rows as arrays of DuckDB's JS values (bigint for BIGINT).
 * Without params it is one call into DuckDB; with params (even none, as an empty list) the
 * client prepares, binds and runs: two round trips through the thread pool.
 */
export async function queryRows(connection: DuckDBConnection, sql: string, params: readonly SqlParam[] = []): Promise<DuckDBValue[][]> {
  const reader = params.length === 0 ? await connection.runAndReadAll(sql) : await connection.runAndReadAll(sql, params as SqlParam[], paramTypes(params));
  return reader.getRows();
}

export async function execute(connection: DuckDBConnection, sql: string, params: readonly SqlParam[] = []): Promise<void> {
  await connection.run(sql, params as SqlParam[], paramTypes(params));
}

/**
 * A string as a SQL literal. For statements run without parameters, which skip the prepare
 * and bind round trips (see queryRows). The text must not contain NUL (DuckDB's C API reads
 * the SQL as a C string: it would end there).
 */
export function sqlString(text: string | null): string {
  return text === null ? 'NULL::VARCHAR' : `'${text.replaceAll("'", "''")}'`;
}

/** A bigint as a typed SQL literal (a bare literal this large would be HUGEINT). */
export function sqlBigint(value: bigint | null): string {
  return value === null ? 'NULL::BIGINT' : `(${value})::BIGINT`;
}

const TWO_64 = 1n << 64n;

/** OTLP fixed64 ns → the stored BIGINT (values ≥ 2^63 wrap to negative, reversibly). */
export function nsToDb(ns: bigint): bigint {
  return BigInt.asIntN(64, ns);
}

/** Stored BIGINT → ns (inverse of nsToDb for every value in [0, 2^64)). */
export function nsFromDb(stored: bigint): bigint {
  return stored < 0n ? stored + TWO_64 : stored;
}

/**
 * DuckDB checkpoints (compresses the WAL's rows into the main file) once the WAL reaches this
 * size. The default 16 MB made ingest spend ~40% of its CPU re-compressing partially filled
 * row groups and re-serialising the traces index; at 128 MB that drops to ~10%, at the price of
 * a longer WAL replay after a crash (a few seconds) and ~128 MB more memory.
 */
const CHECKPOINT_THRESHOLD = '128MB';

/**
 * DuckDB's buffer manager defaults to 80% of the machine's RAM and keeps what it read cached,
 * so a large store grew the server past 2 GB RSS. Bounding it keeps `tracescope serve` a good
 * neighbour on a laptop; DuckDB spills to `<db>.tmp` beyond it. At 1 GB the server peaked at
 * 1.36–1.41 GB RSS filling a store to 20M spans (`npm run bench`); at 900 MB, 1.31 GB, with
 * ingest, trace-by-ID and search figures as fast as before.
 */
const MEMORY_LIMIT = '900MB';

/** Opens (creating if needed) the database file. */
export async function openInstance(path: string): Promise<DuckDBInstance> {
  return DuckDBInstance.create(path, { checkpoint_threshold: CHECKPOINT_THRESHOLD, memory_limit: MEMORY_LIMIT });
}

/**
 * Read connections, reused. One DuckDB connection runs one statement at a time; readers share
 * the instance with the writer and see committed data only (MVCC).
 */
export class ConnectionPool {
  private readonly idle: DuckDBConnection[] = [];
  private closed = false;

  /** `traceRows`: where `traces` rows are (the store's index); readers scan without it. */
  constructor(
    private readonly instance: DuckDBInstance,
    readonly traceRows?: TraceRowLocator,
  ) {}

  async use<T>(fn: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    if (this.closed) throw new Error('SpanStore is closed');
    let connection = this.idle.pop();
    if (connection === undefined) {
      connection = await this.instance.connect();
    }
    try {
      return await fn(connection);
    } finally {
      if (this.closed) connection.closeSync();
      else this.idle.push(connection);
    }
  }

  close(): void {
    this.closed = true;
    for (const connection of this.idle) connection.closeSync();
    this.idle.length = 0;
  }
}
