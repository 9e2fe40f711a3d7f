import { describe, expect, it } from 'vitest';
import { buildTrace } from './buildTrace';
import type { PreparedInput } from './spanInputs';
import { makeSpan } from './testing/makeSpan';
import type { SpanData } from './types';

// Roots, an orphan group, a duplicate ID, a self-parent and a span that ends before it starts.
const spans: SpanData[] = [
  makeSpan({ spanId: 'a000000000000001', name: 'root', duration: 100 }),
  makeSpan({ spanId: 'a000000000000002', parentSpanId: 'a000000000000001', name: 'child', start: 10, duration: 50 }),
  makeSpan({ spanId: 'a000000000000002', parentSpanId: 'a000000000000001', name: 'dup', start: 20, duration: 5 }),
  makeSpan({ spanId: 'a000000000000004', parentSpanId: 'ffffffffffffffff', name: 'orphan', start: 30, duration: 5 }),
  makeSpan({ spanId: 'a000000000000005', parentSpanId: 'a000000000000005', name: 'self', start: 40, duration: 1 }),
  { ...makeSpan({ spanId: 'a000000000000006', parentSpanId: 'a000000000000001', name: 'backwards', start: 60 }), endTimeUnixNano: makeSpan({ spanId: 'a000000000000006', start: 55 }).startTimeUnixNano },
  makeSpan({ spanId: 'b000000000000001', name: 'second root', start: 5, duration: 200 }),
];

/** What the skeleton decoder computes from its columns. */
function prepare(input: readonly SpanData[]): PreparedInput {
  const n = input.length;
  const traceStart = input.reduce((min, s) => (s.startTimeUnixNano < min ? s.startTimeUnixNano : min), input[0]!.startTimeUnixNano);
  const word = (hex: string, from: number) => (hex === '' ? 0 : parseInt(hex.slice(from, from + 8), 16));
  return {
    times: {
      traceStart,
      start: Float64Array.from(input, (s) => Number(s.startTimeUnixNano - traceStart)),
      end: Float64Array.from(input, (s) => Number(s.endTimeUnixNano - traceStart)),
    },
    words: {
      idHi: Uint32Array.from(input, (s) => word(s.spanId, 0)),
      idLo: Uint32Array.from(input, (s) => word(s.spanId, 8)),
      parentHi: Uint32Array.from(input, (s) => word(s.parentSpanId, 0)),
      parentLo: Uint32Array.from(input, (s) => word(s.parentSpanId, 8)),
      hasParent: Uint8Array.from({ length: n }, (_, i) => (input[i]!.parentSpanId === '' ? 0 : 1)),
    },
  };
}

describe('buildTrace with prepared IDs and times', () => {
  it('builds exactly the trace the strings and BigInts give', () => {
    const expected = buildTrace(spans);
    const prepared = buildTrace(spans, prepare(spans));
    expect(prepared).toEqual(expected);
    // The case list above does exercise the odd paths.
    expect(expected.warnings.map((w) => w.kind).sort()).toEqual(['cycle', 'duplicate-span-id', 'missing-parent', 'negative-duration']);
  });

  it('also with times alone (IDs from the strings)', () => {
    const { times } = prepare(spans);
    expect(buildTrace(spans, { times: times! })).toEqual(buildTrace(spans));
  });
});
