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
 * - A group waits a little for writes that are on their way back (linger). Each commit has a
 *   fixed cost (WAL sync, the trace upsert), and with a few senders in flight the groups
 *   otherwise settle into a pattern of one write, then the rest, then one (the writes released
 *   by a commit come back while the next, small, one runs): twice the commits for the same
 *   spans. So a group waits, at most `lingerMs`, until as many writes are ready as took part
 *   in the previous cycle (released plus waiting). A lone sender never waits: one write made
 *   its previous cycle, and one is ready.
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
  /** Writes that took part in the last cycle: the group size worth waiting for. */
  private expected = 0;
  private readySize = 0;
  private wake: (() => void) | undefined;

  constructor(
    private readonly lock: SerialLock,
    private readonly hooks: GroupCommitHooks<T, P>,
    private readonly maxBatchItems: number,
    private readonly lingerMs = 0,
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
      this.readySize += items.length;
      if (this.wake !== undefined && (this.ready.length >= this.expected || this.readySize >= this.maxBatchItems)) this.wake();
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
    this.readySize -= size;
    return this.ready.splice(0, n);
  }

  /**
   * Records the cycle's size: the writes being released plus those that came meanwhile. Called
   * before the writes are settled: a released sender's next write must not count twice.
   */
  private noteCycle(released: number): void {
    this.expected = released + this.ready.length;
  }

  /** Waits (at most lingerMs) until the group is as large as the last cycle's. */
  private async gather(): Promise<void> {
    if (this.lingerMs <= 0 || this.ready.length >= this.expected || this.readySize >= this.maxBatchItems) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => this.wake?.(), this.lingerMs);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
    });
  }

  private async commitLoop(): Promise<void> {
    this.committing = true;
    try {
      // Yield once so writes issued in the same tick join the first transaction.
      await Promise.resolve();
      while (this.ready.length > 0) {
        // The group is taken once the writer is ours: everything prepared meanwhile joins it.
        await this.lock.run(async () => {
          await this.gather();
          await this.commitGroup(this.takeGroup());
        });
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
      this.noteCycle(group.length);
      for (const g of group) g.resolve();
      return;
    } catch (error) {
      if (group.length === 1) {
        this.noteCycle(1);
        (group[0] as Prepared<P>).reject(error);
        return;
      }
    }
    this.noteCycle(group.length);
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
