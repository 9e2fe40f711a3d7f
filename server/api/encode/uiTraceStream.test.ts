import { describe, expect, it } from 'vitest';
import { makeSpan } from '../../../src/model/testing/makeSpan';
import { encodeUiTrace } from '../jaeger/uiModel';
import { uiTraceStream } from './uiTraceStream';

const TRACE = '0123456789abcdef0123456789abcdef';

async function text(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describe('uiTraceStream', () => {
  it.each([1, 1000, 2500])('writes exactly JSON.stringify of the v1 envelope (%i spans)', async (count) => {
    const spans = Array.from({ length: count }, (_, i) =>
      makeSpan({ traceId: TRACE, spanId: (i + 1).toString(16).padStart(16, '0'), parentSpanId: i === 0 ? '' : '0000000000000001', service: i % 2 ? 'a' : 'b "quoted"', attributes: { i } }),
    );
    const trace = encodeUiTrace(TRACE, spans);
    expect(await text(uiTraceStream(trace))).toBe(JSON.stringify({ data: [trace], total: 0, limit: 0, offset: 0, errors: null }));
  });
});
