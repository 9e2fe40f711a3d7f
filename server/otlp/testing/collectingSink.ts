/** In-memory sinks for receiver tests: one that keeps everything, and ones that fail on cue. */
import type { SpanData } from '../../../src/model/types';
import type { SpanSink } from '../sink';
import { IngestBusyError } from '../sink';

export class CollectingSink implements SpanSink {
  /** Every span written, in order. */
  readonly spans: SpanData[] = [];
  /** Each write's spans (one entry per request). */
  readonly batches: (readonly SpanData[])[] = [];

  write(spans: readonly SpanData[]): Promise<void> {
    this.batches.push(spans);
    this.spans.push(...spans);
    return Promise.resolve();
  }
}

/** Always full: every write is refused with IngestBusyError. */
export class BusySink implements SpanSink {
  constructor(private readonly retryAfterSeconds = 1) {}
  write(): Promise<void> {
    return Promise.reject(new IngestBusyError(this.retryAfterSeconds));
  }
}

/** The store is broken: every write fails. */
export class FailingSink implements SpanSink {
  constructor(private readonly message = 'disk full') {}
  write(): Promise<void> {
    return Promise.reject(new Error(this.message));
  }
}

/** Writes stay pending until `release()`: models a slow store. */
export class GatedSink implements SpanSink {
  readonly spans: SpanData[] = [];
  private waiting: (() => void)[] = [];

  write(spans: readonly SpanData[]): Promise<void> {
    return new Promise<void>((resolve) => {
      this.waiting.push(() => {
        this.spans.push(...spans);
        resolve();
      });
    });
  }

  get pending(): number {
    return this.waiting.length;
  }

  release(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const done of waiting) done();
  }
}
