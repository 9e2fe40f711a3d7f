/** A loopback OTLP/HTTP protobuf load client with a fixed number of requests in flight. */
import { Agent, request } from 'node:http';
import type { SpanData } from '../../src/model/types';
import { encodeTracesProtobuf } from '../../server/otlp/encodeTraces';

export interface LoadResult {
  spans: number;
  seconds: number;
  retries: number;
}

/** One ready-to-send ExportTraceServiceRequest and how many spans it holds. */
export interface EncodedBatch {
  readonly body: Uint8Array;
  readonly spans: number;
}

function post(agent: Agent, port: number, body: Uint8Array): Promise<{ status: number; retryAfter: number }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/v1/traces', method: 'POST', agent, headers: { 'Content-Type': 'application/x-protobuf', 'Content-Length': body.length } },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: Number(res.headers['retry-after'] ?? 1) }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The protobuf request of each batch, encoded as it is pulled. */
export function* encodeBatches(batches: Iterable<SpanData[]>): Generator<EncodedBatch> {
  for (const spans of batches) yield { body: encodeTracesProtobuf(spans), spans: spans.length };
}

/** Sends every batch (ExportTraceServiceRequest of the batch's spans); 429/503 are retried. */
export function sendBatches(port: number, batches: Iterable<SpanData[]>, concurrency: number): Promise<LoadResult> {
  return sendEncoded(port, encodeBatches(batches), concurrency);
}

/**
 * Sends encoded requests, `concurrency` at a time; 429/503 are retried. The time covers
 * whatever pulling from `batches` costs: pass an array of pre-encoded bodies to time the
 * server alone.
 */
export async function sendEncoded(port: number, batches: Iterable<EncodedBatch>, concurrency: number): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const iterator = batches[Symbol.iterator]();
  let spans = 0;
  let retries = 0;
  const started = performance.now();
  const worker = async () => {
    for (let next = iterator.next(); !next.done; next = iterator.next()) {
      const { body } = next.value;
      for (;;) {
        const { status, retryAfter } = await post(agent, port, body);
        if (status === 200) break;
        if (status !== 429 && status !== 503) throw new Error(`OTLP export answered ${status}`);
        retries++;
        await new Promise((r) => setTimeout(r, Math.min(retryAfter, 1) * 200));
      }
      spans += next.value.spans;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  agent.destroy();
  return { spans, seconds: (performance.now() - started) / 1000, retries };
}
