/**
 * Jaeger v1's trace-by-ID response (`{"data":[trace],"total":0,…}`) as a byte stream. One
 * JSON.stringify of a 1M-span trace exceeds V8's maximum string length (~512 MB of Jaeger's
 * verbose JSON), so the spans are stringified in slices; the text is otherwise exactly what
 * JSON.stringify(envelope) gives.
 */
import type { UiTrace } from '../jaeger/uiModel';

/** Spans per stringified slice (~0.3 kB each): a few hundred kB a chunk. */
const SLICE = 1000;

const encoder = new TextEncoder();

function* uiTraceChunks(trace: UiTrace): Generator<Uint8Array> {
  yield encoder.encode(`{"data":[{"traceID":${JSON.stringify(trace.traceID)},"spans":[`);
  for (let i = 0; i < trace.spans.length; i += SLICE) {
    const text = JSON.stringify(trace.spans.slice(i, i + SLICE));
    yield encoder.encode((i === 0 ? '' : ',') + text.slice(1, -1));
  }
  yield encoder.encode(`],"processes":${JSON.stringify(trace.processes)},"warnings":${JSON.stringify(trace.warnings)}}],"total":0,"limit":0,"offset":0,"errors":null}`);
}

/** The body, produced as the consumer reads it. */
export function uiTraceStream(trace: UiTrace): ReadableStream<Uint8Array> {
  const chunks = uiTraceChunks(trace);
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks.next();
      if (next.done === true) controller.close();
      else controller.enqueue(next.value);
    },
  });
}
