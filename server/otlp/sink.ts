/**
 * Where receivers put decoded spans. The store implements `SpanSink`; `BoundedIngest`
 * (ingestQueue.ts) wraps one to bound memory. Receivers map the two failure kinds to protocol
 * answers: `IngestBusyError` → HTTP 429 / gRPC RESOURCE_EXHAUSTED (retry later), anything else
 * → HTTP 503 / gRPC UNAVAILABLE.
 */
import type { SpanData } from '../../src/model/types';

export interface SpanSink {
  /** Resolves only once the spans are durably committed; rejects when they are not. */
  write(spans: readonly SpanData[]): Promise<void>;
}

/** The sink or queue is full; the sender should retry after `retryAfterSeconds`. */
export class IngestBusyError extends Error {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds = 1, message = 'ingest queue is full; retry later') {
    super(message);
    this.name = 'IngestBusyError';
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
