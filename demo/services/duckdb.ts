/**
 * A real embedded DuckDB (in memory) for catalog and inventory, every query a CLIENT span with
 * the database semantic conventions (db.system.name, db.query.text, db.operation.name, …).
 */
import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { SpanKind } from '@opentelemetry/api';
import { inSpan } from './runtime.ts';

export type Row = Record<string, DuckDBValue>;
type Param = string | number | boolean | null;

export class TracedDuckDB {
  private constructor(
    private readonly connection: DuckDBConnection,
    private readonly namespace: string,
  ) {}

  /** Opens an in-memory database (one thread: the demo runs twelve processes on small machines). */
  static async open(namespace: string, setupSql: string): Promise<TracedDuckDB> {
    const instance = await DuckDBInstance.create(':memory:', { threads: '1', memory_limit: '64MB' });
    const connection = await instance.connect();
    await connection.run(setupSql);
    return new TracedDuckDB(connection, namespace);
  }

  /** Runs one statement; `collection` is the main table, for the span name and db.collection.name. */
  query(sql: string, params: readonly Param[], collection: string): Promise<Row[]> {
    const operation = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? 'QUERY';
    const attributes = {
      'db.system.name': 'duckdb',
      'db.system': 'duckdb',
      'db.namespace': this.namespace,
      'db.collection.name': collection,
      'db.operation.name': operation,
      'db.query.text': sql.replace(/\s+/g, ' ').trim(),
    };
    return inSpan(
      `${operation} ${collection}`,
      attributes,
      async (span) => {
        const reader = await this.connection.runAndReadAll(sql, [...params]);
        const rows = reader.getRowObjects();
        span.setAttribute('db.response.returned_rows', rows.length);
        return rows;
      },
      SpanKind.CLIENT,
    );
  }
}
