/**
 * Bounds what receivers hold in memory while the store commits. Every request's spans stay
 * alive from decoding until `write` settles; without a bound, a slow disk plus fast senders
 * grow the heap until the process dies. Beyond the bound, `write` fails at once with
 * `IngestBusyError` so the sender backs off (HTTP 429 / gRPC RESOURCE_EXHAUSTED) and retries.
 */
import type { Attribute, AttributeValue, SpanData } from '../../src/model/types';
import type { SpanSink } from './sink';
import { IngestBusyError } from './sink';

export interface BoundedIngestOptions {
  /** In-flight spans beyond which writes are refused. Default 200 000. */
  readonly maxSpans?: number;
  /** Estimated in-flight bytes beyond which writes are refused. Default 256 MiB. */
  readonly maxBytes?: number;
  /** What a refusal tells the sender to wait, in seconds. Default 1. */
  readonly retryAfterSeconds?: number;
}

export interface IngestLoad {
  readonly spans: number;
  readonly bytes: number;
}

export class BoundedIngest implements SpanSink {
  private readonly inner: SpanSink;
  private readonly maxSpans: number;
  private readonly maxBytes: number;
  private readonly retryAfterSeconds: number;
  private spans = 0;
  private bytes = 0;

  constructor(inner: SpanSink, options: BoundedIngestOptions = {}) {
    this.inner = inner;
    this.maxSpans = options.maxSpans ?? 200_000;
    this.maxBytes = options.maxBytes ?? 256 * 1024 * 1024;
    this.retryAfterSeconds = options.retryAfterSeconds ?? 1;
  }

  /** What is in flight now. */
  get load(): IngestLoad {
    return { spans: this.spans, bytes: this.bytes };
  }

  write(spans: readonly SpanData[]): Promise<void> {
    const bytes = estimateBytes(spans);
    // A batch larger than the whole bound is still let through when nothing else is in
    // flight; otherwise it could never be written (receivers cap request size separately).
    const idle = this.spans === 0;
    if (!idle && (this.spans + spans.length > this.maxSpans || this.bytes + bytes > this.maxBytes)) {
      return Promise.reject(new IngestBusyError(this.retryAfterSeconds));
    }
    this.spans += spans.length;
    this.bytes += bytes;
    const release = (): void => {
      this.spans -= spans.length;
      this.bytes -= bytes;
    };
    let written: Promise<void>;
    try {
      written = this.inner.write(spans);
    } catch (error) {
      // A sink that throws instead of rejecting must not leak its reservation.
      release();
      return Promise.reject(error);
    }
    return written.finally(release);
  }
}

// ---------------------------------------------------------------------------------------------
// Size estimate. Rough on purpose (it runs per request on the ingest path): V8 object headers
// and fields, strings at 1 byte per character plus a header (most telemetry is one-byte text).
// Resource and Scope are shared by a whole batch, so they are not counted per span.

const SPAN_BYTES = 400; // the SpanData object, its IDs, bigint times, status
const ATTRIBUTE_BYTES = 80; // {key, value} objects and headers
const EVENT_BYTES = 120;
const LINK_BYTES = 200;

export function estimateBytes(spans: readonly SpanData[]): number {
  let total = 0;
  for (const span of spans) {
    total += SPAN_BYTES + span.name.length + span.traceState.length + attributesBytes(span.attributes);
    for (const event of span.events) total += EVENT_BYTES + event.name.length + attributesBytes(event.attributes);
    for (const link of span.links) total += LINK_BYTES + link.traceState.length + attributesBytes(link.attributes);
  }
  return total;
}

function attributesBytes(attributes: readonly Attribute[]): number {
  let total = 0;
  for (const { key, value } of attributes) total += ATTRIBUTE_BYTES + key.length + valueBytes(value);
  return total;
}

function valueBytes(value: AttributeValue): number {
  switch (value.type) {
    case 'string':
      return value.value.length;
    case 'bytes':
      return value.value.byteLength;
    case 'array': {
      let total = 0;
      for (const item of value.value) total += ATTRIBUTE_BYTES + valueBytes(item);
      return total;
    }
    case 'kvlist':
      return attributesBytes(value.value);
    default:
      return 0;
  }
}
