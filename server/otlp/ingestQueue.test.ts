import { describe, expect, it } from 'vitest';
import type { SpanData } from '../../src/model/types';
import { decodeProtobuf } from './decodeProtobuf';
import { BoundedIngest, estimateBytes } from './ingestQueue';
import type { SpanSink } from './sink';
import { IngestBusyError } from './sink';
import { GatedSink } from './testing/collectingSink';
import { requestWithSpans, span } from './testing/requests';

function spans(n: number, attributeBytes = 0): SpanData[] {
  const attributes = attributeBytes > 0 ? [{ key: 'blob', value: { stringValue: 'x'.repeat(attributeBytes) } }] : [];
  const list = Array.from({ length: n }, (_, i) => span({ spanId: (i + 1).toString(16).padStart(16, '0'), attributes }));
  return decodeProtobuf(requestWithSpans(list)).spans;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('BoundedIngest', () => {
  it('passes writes through and settles only when the inner sink has committed', async () => {
    const inner = new GatedSink();
    const ingest = new BoundedIngest(inner);
    let done = false;
    const written = ingest.write(spans(3)).then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(false);
    expect(ingest.load.spans).toBe(3);
    inner.release();
    await written;
    expect(inner.spans).toHaveLength(3);
    expect(ingest.load).toEqual({ spans: 0, bytes: 0 });
  });

  it('refuses at once with IngestBusyError (retry after 1 s) when in-flight spans would pass the limit', async () => {
    const inner = new GatedSink();
    const ingest = new BoundedIngest(inner, { maxSpans: 5 });
    const first = ingest.write(spans(4));
    // 4 + 1 fit exactly: accepted and pending too. One more does not fit.
    const second = ingest.write(spans(1));
    const error = await rejection(ingest.write(spans(1)));
    expect(error).toBeInstanceOf(IngestBusyError);
    expect((error as IngestBusyError).retryAfterSeconds).toBe(1);
    expect(inner.pending).toBe(2);
    inner.release();
    await Promise.all([first, second]);
    // Room again once the store has committed.
    const again = ingest.write(spans(5));
    inner.release();
    await again;
    expect(inner.spans).toHaveLength(10);
  });

  it('bounds estimated bytes too', async () => {
    const inner = new GatedSink();
    const big = spans(2, 100_000);
    const ingest = new BoundedIngest(inner, { maxBytes: estimateBytes(big) + 1000, retryAfterSeconds: 3 });
    const first = ingest.write(big);
    const error = await rejection(ingest.write(spans(1, 5_000)));
    expect(error).toBeInstanceOf(IngestBusyError);
    expect((error as IngestBusyError).retryAfterSeconds).toBe(3);
    inner.release();
    await first;
  });

  it('lets a batch larger than the whole limit through when nothing else is in flight', async () => {
    const inner = new GatedSink();
    const ingest = new BoundedIngest(inner, { maxSpans: 2 });
    const written = ingest.write(spans(5));
    expect(inner.pending).toBe(1);
    inner.release();
    await written;
  });

  it('releases its reservation when the inner sink rejects or throws', async () => {
    const failing: SpanSink = { write: () => Promise.reject(new Error('disk full')) };
    const throwing: SpanSink = {
      write: () => {
        throw new Error('bug');
      },
    };
    for (const inner of [failing, throwing]) {
      const ingest = new BoundedIngest(inner, { maxSpans: 3 });
      expect(((await rejection(ingest.write(spans(3)))) as Error).message).toMatch(/disk full|bug/);
      expect(ingest.load).toEqual({ spans: 0, bytes: 0 });
    }
  });

  it('estimates bytes from strings and structure', () => {
    expect(estimateBytes([])).toBe(0);
    expect(estimateBytes(spans(1, 10_000))).toBeGreaterThan(10_000);
    expect(estimateBytes(spans(2))).toBe(2 * estimateBytes(spans(1)));
  });
});
