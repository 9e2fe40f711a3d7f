/**
 * Group commit with pipelining.
 *
 * - Each write is *prepared* (encoded into DuckDB data chunks: pure JS CPU work) as soon as it
 *   arrives, on the JS thread, even while a commit is running on DuckDB's threads. This is what
 *   lets ingest use both cores.
 * - Whenever no commit is running, every prepared write (up to `maxBatchItems` items) is
 *   committed in ONE transaction. Under load this amortises the per-commit cost (WAL sync,
 *   trace-summary upsert) over many writes; when idle a write commits at once.
 *
 * - A group does not wait for more writes. An earlier version lingered up to 10 ms for as many
 *   writes as its last cycle had, to halve the commits with a few senders in flight. Once a
 *   commit cost little more than its data (one round trip, no upsert index), lingering only
 *   kept the JS thread idle while DuckDB committed: with 4 senders, ingest measured
 *   113–117k spans/s without it and 106–109k with it, alternating runs of
 *   bench/server/run.ts --sizes 1000000 (101.7k vs 94.1k filling to 20M).
 *
 * `SerialLock` serialises everything that uses the single writer connection, so maintenance
 * (retention) never interleaves with a commit.
 */

/** Serialises async tasks in call order. */
export class SerialLock {
  private tail: Promise<unknown> = Promise.resolve();

  run<R>(task: () => Promise<R>): Promise<R> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

interface Prepared<P> {
  prepared: P;
  size: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export interface GroupCommitHooks<T, P> {
  /** Encodes one write. Runs synchronously inside `enqueue`; throwing rejects that write only. */
  prepare(items: readonly T[]): P;
  /** Commits prepared writes (in order) in one transaction; throwing rejects them. */
  commit(group: readonly P[]): Promise<void>;
}

export class GroupCommitQueue<T, P> {
  private readonly ready: Prepared<P>[] = [];
  private committing = false;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly lock: SerialLock,
    private readonly hooks: GroupCommitHooks<T, P>,
    private readonly maxBatchItems: number,
  ) {}

  /** Resolves once `items` are committed. */
  enqueue(items: readonly T[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let prepared: P;
      try {
        prepared = this.hooks.prepare(items);
      } catch (error) {
        reject(error);
        return;
      }
      this.ready.push({ prepared, size: items.length, resolve, reject });
      if (!this.committing) void this.commitLoop();
    });
  }

  /** Resolves when nothing is waiting or being committed. */
  idle(): Promise<void> {
    if (!this.committing) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private takeGroup(): Prepared<P>[] {
    let size = 0;
    let n = 0;
    while (n < this.ready.length && (n === 0 || size + (this.ready[n] as Prepared<P>).size <= this.maxBatchItems)) {
      size += (this.ready[n] as Prepared<P>).size;
      n++;
    }
    return this.ready.splice(0, n);
  }

  private async commitLoop(): Promise<void> {
    this.committing = true;
    try {
      // Yield once so writes issued in the same tick join the first transaction.
      await Promise.resolve();
      while (this.ready.length > 0) {
        // The group is taken once the writer is ours: everything prepared meanwhile joins it.
        await this.lock.run(() => this.commitGroup(this.takeGroup()));
      }
    } finally {
      this.committing = false;
      for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }

  private async commitGroup(group: Prepared<P>[]): Promise<void> {
    if (group.length === 0) return;
    try {
      await this.hooks.commit(group.map((g) => g.prepared));
      for (const g of group) g.resolve();
      return;
    } catch (error) {
      if (group.length === 1) {
        (group[0] as Prepared<P>).reject(error);
        return;
      }
    }
    // One bad write must not fail the others that happened to share its transaction.
    for (const g of group) {
      try {
        await this.hooks.commit([g.prepared]);
        g.resolve();
      } catch (error) {
        g.reject(error);
      }
    }
  }
}
