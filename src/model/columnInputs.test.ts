import { describe, expect, it } from 'vitest';
import { buildTrace, buildTraces } from './buildTrace';
import { ColumnSpan } from './columnSpan';
import { preparedFromSpans } from './columnInputs';
import { SpanColumns } from './spanColumns';
import { makeSpan } from './testing/makeSpan';
import { plainTrace } from './testing/plainSpan';
import type { SpanData } from './types';

// Roots, an orphan group, a duplicate ID, a self-parent, a span that ends before it starts and
// a second root: every odd path of tree building.
const spans: SpanData[] = [
  makeSpan({ spanId: 'a000000000000001', name: 'root', duration: 100 }),
  makeSpan({ spanId: 'a000000000000002', parentSpanId: 'a000000000000001', name: 'child', start: 10, duration: 50, status: 'error' }),
  makeSpan({ spanId: 'a000000000000002', parentSpanId: 'a000000000000001', name: 'dup', start: 20, duration: 5 }),
  makeSpan({ spanId: 'a000000000000004', parentSpanId: 'ffffffffffffffff', name: 'orphan', start: 30, duration: 5 }),
  makeSpan({ spanId: 'a000000000000005', parentSpanId: 'a000000000000005', name: 'self', start: 40, duration: 1 }),
  makeSpan({ spanId: 'a000000000000006', parentSpanId: 'a000000000000001', name: 'backwards', start: 60, duration: -5 }),
  makeSpan({ spanId: 'b000000000000001', name: 'second root', start: 5, duration: 200.000001 }),
];

/** The spans as a decoder keeping columns makes them. */
function columnSpans(input: readonly SpanData[], columns = new SpanColumns(2)): ColumnSpan[] {
  return input.map((s) => {
    const row = columns.next();
    columns.idHi[row] = parseInt(s.spanId.slice(0, 8), 16);
    columns.idLo[row] = parseInt(s.spanId.slice(8), 16);
    columns.hasParent[row] = s.parentSpanId === '' ? 0 : 1;
    if (s.parentSpanId !== '') {
      columns.parentHi[row] = parseInt(s.parentSpanId.slice(0, 8), 16);
      columns.parentLo[row] = parseInt(s.parentSpanId.slice(8), 16);
    }
    columns.setTimes(row, s.startTimeUnixNano, s.endTimeUnixNano);
    return ColumnSpan.of(columns, columns.commit(), s);
  });
}

describe('ColumnSpan', () => {
  it('reads back the exact IDs and ns times it was given, past 2^53', () => {
    const [span] = columnSpans([{ ...spans[1]!, startTimeUnixNano: 1_700_000_000_123_456_789n, endTimeUnixNano: 1_700_000_001_000_000_001n }]);
    expect(span!.spanId).toBe('a000000000000002');
    expect(span!.parentSpanId).toBe('a000000000000001');
    expect(span!.startTimeUnixNano).toBe(1_700_000_000_123_456_789n);
    expect(span!.endTimeUnixNano).toBe(1_700_000_001_000_000_001n);
  });

  it('reads as an unbuilt record until it is built', () => {
    const [span] = columnSpans([spans[1]!]);
    expect([span!.index, span!.parent, span!.depth, span!.isOrphan, span!.skewShift]).toEqual([-1, -1, 0, false, 0]);
    expect(span!.start).toBeNaN();
  });
});

describe('buildTrace over ColumnSpans', () => {
  it('builds exactly the trace the strings and BigInts give, adopting the spans', () => {
    const expected = buildTrace(spans);
    const input = columnSpans(spans);
    const built = buildTrace(input, { adopt: true });
    expect(plainTrace(built)).toEqual(plainTrace(expected));
    expect(built.spans).toContain(input[0]);
    expect(Object.isFrozen(input[0])).toBe(true);
    expect(expected.warnings.map((w) => w.kind).sort()).toEqual(['cycle', 'duplicate-span-id', 'missing-parent', 'negative-duration']);
  });

  it('copies instead of adopting when not asked to, leaving the input unbuilt', () => {
    const input = columnSpans(spans);
    expect(plainTrace(buildTrace(input))).toEqual(plainTrace(buildTrace(spans)));
    expect(input[0]!.index).toBe(-1);
  });

  it('takes the columns as they are for one file of one trace, and gathers any other order', () => {
    const input = columnSpans(spans);
    expect(preparedFromSpans(input).words!.idHi.buffer).toBe(input[0]!.columns.idHi.buffer);
    const reversed = [...input].reverse();
    expect(preparedFromSpans(reversed).words!.idHi.buffer).not.toBe(input[0]!.columns.idHi.buffer);
    expect(plainTrace(buildTrace(reversed, { adopt: true }))).toEqual(plainTrace(buildTrace([...spans].reverse())));
  });

  it('builds several traces, and spans of two files (columns and plain) merged', () => {
    const other = spans.map((s) => ({ ...s, traceId: 'ffffffffffffffffffffffffffffffff' }));
    const columnsA = new SpanColumns();
    const mixed = [...columnSpans(spans.slice(0, 4), columnsA), ...other, ...columnSpans(spans.slice(4), new SpanColumns())];
    const expected = buildTraces([...spans, ...other]).map(plainTrace);
    expect(buildTraces(mixed, { adopt: true }).map(plainTrace)).toEqual(expected);
  });

  it('falls back to the ID strings when a plain span has an ID that is not 16 hex', () => {
    const odd = makeSpan({ spanId: 'not-hex', parentSpanId: 'a000000000000001', start: 1 });
    const input = [...columnSpans(spans), odd];
    expect(preparedFromSpans(input)).toEqual({});
    expect(plainTrace(buildTrace(input, { adopt: true }))).toEqual(plainTrace(buildTrace([...spans, odd])));
  });

  it('keeps placements of rows written after an earlier build of the same columns', () => {
    const columns = new SpanColumns();
    const first = buildTrace(columnSpans(spans.slice(0, 2), columns), { adopt: true });
    const second = buildTrace(columnSpans(spans.slice(2), columns), { adopt: true });
    expect(plainTrace(first)).toEqual(plainTrace(buildTrace(spans.slice(0, 2))));
    expect(plainTrace(second)).toEqual(plainTrace(buildTrace(spans.slice(2))));
  });
});
