import { describe, expect, it } from 'vitest';
import { decodeSkeleton } from './decodeSkeleton';
import type { ColumnName, SkeletonHeader } from './format';
import { BIT_HAS_PARENT, BIT_HAS_SPAN_ID, COLUMNS, SKELETON_MAGIC, align8, columnOffsets } from './format';

type Row = Record<ColumnName, number | bigint>;

/** Writes a skeleton the way format.ts lays it out (the server's encoder is tested against its store). */
function encode(header: SkeletonHeader, rows: readonly Row[]): ArrayBuffer {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const base = align8(8 + json.length);
  const { offsets, end } = columnOffsets(base, rows.length);
  const buffer = new ArrayBuffer(end);
  const bytes = new Uint8Array(buffer);
  bytes.set(new TextEncoder().encode(SKELETON_MAGIC), 0);
  new DataView(buffer).setUint32(4, json.length, true);
  bytes.set(json, 8);
  for (const [name, type] of COLUMNS) {
    const values = rows.map((r) => r[name]);
    if (type === 'u64') new BigUint64Array(buffer, offsets[name], rows.length).set(values.map((v) => BigInt(v)));
    else if (type === 'f64') new Float64Array(buffer, offsets[name], rows.length).set(values.map(Number));
    else if (type === 'u32') new Uint32Array(buffer, offsets[name], rows.length).set(values.map(Number));
    else new Uint8Array(buffer, offsets[name], rows.length).set(values.map(Number));
  }
  return buffer;
}

const header: SkeletonHeader = {
  traceId: '0af7651916cd43dd8448eb211c80319c',
  spanCount: 3,
  startTimeUnixNano: '1795768907568000123',
  strings: ['', 'GET /checkout', 'SELECT ü', 'card declined', 'rojo=00f067aa0ba902b7'],
  resources: [
    { attributes: [{ key: 'service.name', value: { stringValue: 'frontend' } }, { key: 'host.name', value: { stringValue: 'a' } }] },
    { attributes: [{ key: 'service.name', value: { stringValue: 'db' } }], droppedAttributesCount: 2, schemaUrl: 'https://opentelemetry.io/schemas/1.21.0' },
  ],
  scopes: [{}, { name: '@opentelemetry/instrumentation-pg', version: '0.40.0' }],
  events: [[1, [{ timeUnixNano: '1795768907568500123', name: 'retry', attributes: [{ key: 'n', value: { intValue: '9007199254740993' } }] }]]],
  links: [[2, [{ traceId: '11111111111111111111111111111111', spanId: '2222222222222222', attributes: [] }]]],
};

const row = (over: Partial<Row>): Row => ({
  spanId: 0n, parentSpanId: 0n, start: 0, end: 0, name: 0, statusMessage: 0, traceState: 0, resource: 0, scope: 0, flags: 0,
  droppedAttributesCount: 0, droppedEventsCount: 0, droppedLinksCount: 0, kind: 0, statusCode: 0, bits: 0, ...over,
});

const rows: Row[] = [
  row({ spanId: 0x00f067aa0ba902b7n, start: 0, end: 5_000_000, name: 1, kind: 2, bits: BIT_HAS_SPAN_ID, flags: 0x301, traceState: 4 }),
  row({ spanId: 0xfedcba9876543210n, parentSpanId: 0x00f067aa0ba902b7n, start: 1000, end: 2000, name: 2, resource: 1, scope: 1, kind: 3, statusCode: 2, statusMessage: 3, bits: BIT_HAS_SPAN_ID | BIT_HAS_PARENT, droppedAttributesCount: 4, droppedEventsCount: 1 }),
  row({ spanId: 0x0000000000000001n, parentSpanId: 0xaaaaaaaaaaaaaaaan, start: 3000, end: 2500, name: 0, kind: 1, statusCode: 1, bits: BIT_HAS_SPAN_ID | BIT_HAS_PARENT, droppedLinksCount: 7 }),
];

describe('decodeSkeleton', () => {
  it('reads every column, the string table, resources, scopes, events and links', () => {
    const { spans, issues } = decodeSkeleton(encode(header, rows));
    expect(issues).toEqual([]);
    expect(spans.map((s) => [s.spanId, s.parentSpanId, s.name, s.kind, s.status, s.resource.serviceName, s.scope.name])).toEqual([
      ['00f067aa0ba902b7', '', 'GET /checkout', 'server', { code: 'unset', message: '' }, 'frontend', ''],
      ['fedcba9876543210', '00f067aa0ba902b7', 'SELECT ü', 'client', { code: 'error', message: 'card declined' }, 'db', '@opentelemetry/instrumentation-pg'],
      ['0000000000000001', 'aaaaaaaaaaaaaaaa', '', 'internal', { code: 'ok', message: '' }, 'frontend', ''],
    ]);
    // Exact ns beyond 2^53, and an end before the start kept as received.
    expect(spans[0]!.startTimeUnixNano).toBe(1795768907568000123n);
    expect(spans[0]!.endTimeUnixNano).toBe(1795768907573000123n);
    expect(spans[2]!.endTimeUnixNano - spans[2]!.startTimeUnixNano).toBe(-500n);
    expect(spans[0]!.traceState).toBe('rojo=00f067aa0ba902b7');
    expect(spans[0]!.flags).toBe(0x301);
    expect(spans.every((s) => s.traceId === header.traceId && s.attributes.length === 0)).toBe(true);
    expect([spans[1]!.droppedAttributesCount, spans[1]!.droppedEventsCount, spans[2]!.droppedLinksCount]).toEqual([4, 1, 7]);
    expect(spans[1]!.resource).toMatchObject({ droppedAttributesCount: 2, schemaUrl: 'https://opentelemetry.io/schemas/1.21.0' });
    expect(spans[0]!.resource).toBe(spans[2]!.resource);
    expect(spans[1]!.events).toEqual([{ timeUnixNano: 1795768907568500123n, name: 'retry', attributes: [{ key: 'n', value: { type: 'int', value: 9007199254740993n } }], droppedAttributesCount: 0 }]);
    expect(spans[2]!.links).toMatchObject([{ traceId: '11111111111111111111111111111111', spanId: '2222222222222222' }]);
    expect(spans[0]!.events).toEqual([]);
  });

  it('rejects what is not a skeleton, or is cut short, with where and what', () => {
    expect(() => decodeSkeleton(new TextEncoder().encode('{"resourceSpans":[]}').buffer)).toThrow('not a trace skeleton: starts with "{"re"');
    const whole = encode(header, rows);
    expect(() => decodeSkeleton(whole.slice(0, whole.byteLength - 8))).toThrow(/^columns: 3 spans need \d+ bytes, the body has \d+$/);
    const bad = encode({ ...header, traceId: 'xyz' }, rows);
    expect(() => decodeSkeleton(bad)).toThrow('header.traceId: expected 32 lowercase hex');
  });

  it('reports a bad event and keeps the spans', () => {
    const withBadEvent: SkeletonHeader = { ...header, events: [[1, [{ timeUnixNano: 'soon', name: 'x' }]]] };
    const { spans, issues } = decodeSkeleton(encode(withBadEvent, rows));
    expect(spans).toHaveLength(3);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toMatch(/integer/);
  });
});
