/**
 * Open-loop load on the edge gateway: Poisson arrivals at `rate` requests/s (28/s ≈ 2.4M
 * traces a day) with the realistic mix of ./mix.ts, plus the nightly reindex (one trace of
 * more than 5,000 spans) once shortly after start and then every few minutes.
 */
import { nextRequest } from './mix.ts';
import type { EdgeRequest } from './mix.ts';

export interface LoadOptions {
  readonly edgeUrl: string;
  readonly rate: number;
  /** First large batch trace after this many ms, then every `batchEveryMs`. */
  readonly batchFirstMs: number;
  readonly batchEveryMs: number;
  readonly maxInFlight?: number;
}

export interface LoadStats {
  sent: number;
  ok: number;
  failed: number;
  dropped: number;
  batches: number;
}

export class LoadGenerator {
  readonly stats: LoadStats = { sent: 0, ok: 0, failed: 0, dropped: 0, batches: 0 };
  private timers: NodeJS.Timeout[] = [];
  private inFlight = new Set<Promise<void>>();
  private running = false;

  constructor(private readonly options: LoadOptions) {}

  start(): void {
    this.running = true;
    this.scheduleNext();
    const first = setTimeout(() => {
      this.batch();
      this.timers.push(setInterval(() => this.batch(), this.options.batchEveryMs));
    }, this.options.batchFirstMs);
    this.timers.push(first);
  }

  /** Stops sending and waits for the requests in flight. */
  async stop(): Promise<void> {
    this.running = false;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
    await Promise.allSettled([...this.inFlight]);
  }

  private scheduleNext(): void {
    if (!this.running) return;
    const gapMs = (-Math.log(1 - Math.random()) / this.options.rate) * 1000;
    const timer = setTimeout(() => {
      this.timers = this.timers.filter((t) => t !== timer);
      this.fire(nextRequest());
      this.scheduleNext();
    }, gapMs);
    this.timers.push(timer);
  }

  private batch(): void {
    this.stats.batches++;
    this.fire({ method: 'POST', path: '/admin/nightly-reindex', body: {} }, true);
  }

  private fire(request: EdgeRequest, always = false): void {
    if (!always && this.inFlight.size >= (this.options.maxInFlight ?? 256)) {
      this.stats.dropped++;
      return;
    }
    this.stats.sent++;
    const done = this.send(request).finally(() => this.inFlight.delete(done));
    this.inFlight.add(done);
  }

  private async send(request: EdgeRequest): Promise<void> {
    try {
      const response = await fetch(`${this.options.edgeUrl}${request.path}`, {
        method: request.method,
        headers: request.body === undefined ? {} : { 'content-type': 'application/json' },
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: AbortSignal.timeout(30_000),
      });
      await response.arrayBuffer();
      if (response.ok) this.stats.ok++;
      else this.stats.failed++;
    } catch {
      this.stats.failed++;
    }
  }
}
