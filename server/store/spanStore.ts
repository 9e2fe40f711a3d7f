/**
 * The embedded span store: spans in a DuckDB file under the data directory.
 *
 * Writes go through a group-commit queue onto one writer connection (DuckDB allows one writer
 * per table at a time anyway); reads use a pool of other connections and see committed data.
 * A write resolves after COMMIT, i.e. after DuckDB has written (and synced) its WAL, so a crash
 * right after loses nothing that was acknowledged.
 */
import { constants } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { SpanData } from '../../src/model/types';
import { Catalog } from './catalog';
import { ConnectionPool, execute, openInstance, queryRows } from './db';
import { GroupCommitQueue, SerialLock } from './groupCommit';
import { commitPrepared, prepareBatch } from './ingest';
import type { PreparedBatch } from './ingest';
import { CatalogCache, readSmallTrace, readTrace, readTraceSummary } from './readTrace';
import type { TimeRangeNs, TraceSummaryRow } from './readTrace';
import { DEFAULT_MAX_DISK_BYTES, DEFAULT_RETENTION_MS, enforceRetention, forEachTraceRow } from './retention';
import type { RetentionResult } from './retention';
import { MIGRATIONS, SCHEMA_DDL, SCHEMA_VERSION, TRACE_STAGE_DDL } from './schema';
import { TraceRowIndex } from './traceRowIndex';
import type { TraceRowLocator } from './traceRowIndex';

export const DATABASE_FILE = 'tracescope.duckdb';

export interface SpanStoreOptions {
  /** Spans older than this (by ingest time) are dropped. Default 7 days. */
  retentionMs?: number;
  /** When the database exceeds this size, the oldest spans are dropped. Default 2 GB. */
  maxDiskBytes?: number;
  /** How often retention runs in the background; 0 disables the timer. Default 60 s. */
  retentionIntervalMs?: number;
  /** A group commit stops growing at this many spans. Default 50 000. */
  maxBatchSpans?: number;
}

export interface SpanStoreStats {
  /** Transactions committed by the write path. Fewer than `writes` means group commit worked. */
  commits: number;
  /** `write` calls that resolved. */
  writes: number;
  /** Spans committed. */
  spans: number;
}

async function prepareDataDir(dataDir: string): Promise<void> {
  try {
    await mkdir(dataDir, { recursive: true });
    await access(dataDir, constants.W_OK);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Span store: data directory ${dataDir} is not writable (${reason})`, { cause: error });
  }
}

async function initSchema(connection: DuckDBConnection): Promise<void> {
  for (const ddl of SCHEMA_DDL) await connection.run(ddl);
  await connection.run(TRACE_STAGE_DDL);
  const rows = await queryRows(connection, "SELECT value FROM store_meta WHERE key = 'schema_version'");
  const stored = rows[0]?.[0];
  if (stored === undefined) {
    await execute(connection, "INSERT INTO store_meta VALUES ('schema_version', ?)", [String(SCHEMA_VERSION)]);
    return;
  }
  for (let version = Number(stored); version < SCHEMA_VERSION; version++) {
    const steps = MIGRATIONS[version];
    if (steps === undefined) break;
    await connection.run('BEGIN TRANSACTION');
    try {
      for (const sql of steps) await connection.run(sql);
      await execute(connection, "UPDATE store_meta SET value = ? WHERE key = 'schema_version'", [String(version + 1)]);
      await connection.run('COMMIT');
    } catch (error) {
      await connection.run('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }
  const current = (await queryRows(connection, "SELECT value FROM store_meta WHERE key = 'schema_version'"))[0]?.[0];
  if (current !== String(SCHEMA_VERSION)) {
    throw new Error(`Span store: database schema version ${String(stored)} is not supported (expected ${SCHEMA_VERSION})`);
  }
}

export class SpanStore {
  readonly stats: SpanStoreStats = { commits: 0, writes: 0, spans: 0 };
  readonly retentionMs: number;
  readonly maxDiskBytes: number;
  private readonly lock = new SerialLock();
  private readonly queue: GroupCommitQueue<SpanData, PreparedBatch>;
  private readonly readers: ConnectionPool;
  private readonly cache = new CatalogCache();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private inTransaction = false;

  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    private readonly writer: DuckDBConnection,
    private readonly catalog: Catalog,
    private nextSid: bigint,
    options: SpanStoreOptions,
  ) {
    this.retentionMs = options.retentionMs ?? DEFAULT_RETENTION_MS;
    this.maxDiskBytes = options.maxDiskBytes ?? DEFAULT_MAX_DISK_BYTES;
    this.readers = new ConnectionPool(instance, catalog.traceRows);
    this.queue = new GroupCommitQueue<SpanData, PreparedBatch>(
      this.lock,
      {
        prepare: (spans) => this.prepare(spans),
        commit: (batches) => this.commit(batches),
      },
      options.maxBatchSpans ?? 50_000,
    );
    const interval = options.retentionIntervalMs ?? 60_000;
    if (interval > 0) {
      this.timer = setInterval(() => {
        this.runRetention(Date.now()).catch((error: unknown) => console.error('span store retention failed:', error));
      }, interval);
      this.timer.unref();
    }
  }

  /** Opens (creating if needed) `<dataDir>/tracescope.duckdb`. */
  static async open(dataDir: string, options: SpanStoreOptions = {}): Promise<SpanStore> {
    await prepareDataDir(dataDir);
    const path = join(dataDir, DATABASE_FILE);
    let instance: DuckDBInstance;
    try {
      instance = await openInstance(path);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`Span store: cannot open ${path} (${reason})`, { cause: error });
    }
    const writer = await instance.connect();
    try {
      await initSchema(writer);
      const catalog = new Catalog();
      await SpanStore.loadCatalogIds(writer, catalog);
      catalog.traceRows = await SpanStore.loadTraceRows(writer);
      const maxSid = (await queryRows(writer, 'SELECT max(sid) FROM spans'))[0]?.[0];
      const nextSid = typeof maxSid === 'bigint' ? maxSid + 1n : 1n;
      return new SpanStore(path, instance, writer, catalog, nextSid, options);
    } catch (error) {
      writer.closeSync();
      instance.closeSync();
      throw error;
    }
  }

  private static async loadCatalogIds(connection: DuckDBConnection, catalog: Catalog): Promise<void> {
    catalog.storedResources.clear();
    catalog.storedScopes.clear();
    catalog.storedKeys.clear();
    for (const [id, key] of await queryRows(connection, 'SELECT key_id, key FROM attribute_keys')) catalog.loadKey(id as number, key as string);
    for (const [id] of await queryRows(connection, 'SELECT resource_id FROM resources')) catalog.storedResources.add(id as bigint);
    for (const [id] of await queryRows(connection, 'SELECT scope_id FROM scopes')) catalog.storedScopes.add(id as bigint);
  }

  /** Where every stored trace's row is (read once, at open). */
  private static async loadTraceRows(connection: DuckDBConnection): Promise<TraceRowIndex> {
    const count = (await queryRows(connection, 'SELECT count(*) FROM traces'))[0]?.[0];
    const index = new TraceRowIndex(Number(count ?? 0));
    await forEachTraceRow(connection, 'SELECT trace_key, first_sid FROM traces', (key, sid) => index.add(key, sid));
    return index;
  }

  /** Finds `traces` rows for readers (see readTrace.ts). */
  get traceRows(): TraceRowLocator {
    return this.catalog.traceRows;
  }

  /** Stores spans; resolves once they are committed (durable). Concurrent calls share commits. */
  async write(spans: readonly SpanData[]): Promise<void> {
    if (this.closed) throw new Error('SpanStore is closed');
    if (spans.length === 0) return;
    await this.queue.enqueue(spans);
    this.stats.writes++;
  }

  /** Encodes a write and reserves its sids (sids follow write order). */
  private prepare(spans: readonly SpanData[]): PreparedBatch {
    const batch = prepareBatch(spans, this.nextSid, this.catalog);
    this.nextSid = batch.lastSid + 1n;
    return batch;
  }

  /**
   * The writer keeps a transaction open between commits: each COMMIT is sent with the next
   * BEGIN, which saves a round trip through the thread pool per commit. Maintenance ends the
   * (empty) transaction first.
   */
  private async commit(batches: readonly PreparedBatch[]): Promise<void> {
    if (!this.inTransaction) {
      await this.writer.run('BEGIN TRANSACTION');
      this.inTransaction = true;
    }
    try {
      const added = await commitPrepared(this.writer, batches, this.catalog, Date.now(), 'COMMIT; BEGIN TRANSACTION');
      for (const id of added.resources) this.catalog.storedResources.add(id);
      for (const id of added.scopes) this.catalog.storedScopes.add(id);
      for (const [id, key] of added.keys) this.catalog.loadKey(id, key);
      this.stats.commits++;
      for (const b of batches) this.stats.spans += b.spanCount;
    } catch (error) {
      // A failed batch leaves a gap in the sid sequence, which nothing relies on.
      this.inTransaction = false;
      await this.writer.run('ROLLBACK').catch(() => undefined);
      await this.writer.run('DELETE FROM trace_stage').catch(() => undefined);
      throw error;
    }
  }

  /** Ends the writer's idle transaction (see commit), for maintenance. Under the lock. */
  private async endTransaction(): Promise<void> {
    if (!this.inTransaction) return;
    this.inTransaction = false;
    await this.writer.run('COMMIT');
  }

  /** The spans of a trace (exact SpanData, in arrival order), or null when unknown. */
  async getTrace(traceId: string, range?: TimeRangeNs): Promise<SpanData[] | null> {
    return readTrace(this.readers, traceId, range, this.cache);
  }

  /** The highest sid handed out so far (sids grow with arrival; search starts from here). */
  get newestSid(): bigint {
    return this.nextSid - 1n;
  }

  /** `getTrace` for a trace of at most `maxSpans` spans; 'too big' (spans unread) for a bigger one. */
  async getSmallTrace(traceId: string, range: TimeRangeNs | undefined, maxSpans: number): Promise<SpanData[] | null | 'too big'> {
    return readSmallTrace(this.readers, traceId, range, this.cache, maxSpans);
  }

  /** The stored summary of a trace, or null when unknown. */
  async traceSummary(traceId: string): Promise<TraceSummaryRow | null> {
    return this.readers.use((connection) => readTraceSummary(connection, traceId, this.catalog.traceRows));
  }

  /** Runs `fn` on a read connection (for search, tag listings and tests). */
  read<T>(fn: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    return this.readers.use(fn);
  }

  /** Applies retention by age and size now; `nowMs` is the reference time for age. */
  runRetention(nowMs: number = Date.now()): Promise<RetentionResult> {
    return this.lock.run(async () => {
      await this.endTransaction();
      const result = await enforceRetention(this.writer, {
        nowMs,
        retentionMs: this.retentionMs,
        maxDiskBytes: this.maxDiskBytes,
        traceRows: this.catalog.traceRows,
      });
      if (result.deletedSpans > 0) await SpanStore.loadCatalogIds(this.writer, this.catalog);
      return result;
    });
  }

  /** Waits for queued writes, checkpoints, and closes the database. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.timer !== undefined) clearInterval(this.timer);
    await this.queue.idle();
    await this.lock.run(async () => {
      await this.endTransaction().catch(() => undefined);
      await this.writer.run('CHECKPOINT').catch(() => undefined);
    });
    this.readers.close();
    this.writer.closeSync();
    this.instance.closeSync();
  }
}
