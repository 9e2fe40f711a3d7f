import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { OtlpDecodeError, decodeProtobuf } from './decodeProtobuf';
import { TRACE_ID, encodeRequest, hex, requestWithOneBadSpan, requestWithSpans, span } from './testing/requests';

const one = (bytes: Uint8Array) => {
  const result = decodeProtobuf(bytes);
  expect(result.rejected).toEqual([]);
  expect(result.spans).toHaveLength(1);
  return result.spans[0]!;
};

describe('decodeProtobuf: values', () => {
  it('reads every AnyValue type, including those the SDK cannot send', () => {
    const attributes = [
      { key: 's', value: { stringValue: 'text ✓' } },
      { key: 's0', value: { stringValue: '' } },
      { key: 'b', value: { boolValue: false } },
      { key: 'i', value: { intValue: '42' } },
      { key: 'i0', value: { intValue: '0' } },
      { key: 'imax', value: { intValue: '9223372036854775807' } },
      { key: 'imin', value: { intValue: '-9223372036854775808' } },
      { key: 'ineg', value: { intValue: '-1' } },
      { key: 'i49', value: { intValue: '562949953421312' } }, // 2^49: first value past the fast path
      { key: 'd', value: { doubleValue: -0.125 } },
      { key: 'd0', value: { doubleValue: 0 } },
      { key: 'bytes', value: { bytesValue: Buffer.from([0, 1, 254, 255]) } },
      { key: 'arr', value: { arrayValue: { values: [{ stringValue: 'x' }, { intValue: '7' }, { arrayValue: { values: [{ boolValue: true }] } }] } } },
      { key: 'kv', value: { kvlistValue: { values: [{ key: 'inner', value: { kvlistValue: { values: [{ key: 'deep', value: { doubleValue: 1.5 } }] } } }] } } },
      { key: 'emptyArr', value: { arrayValue: {} } },
      { key: 'emptyKv', value: { kvlistValue: {} } },
      { key: 'empty', value: {} },
      { key: 'noValue' },
    ];
    const s = one(requestWithSpans([span({ spanId: '0102030405060708', attributes })]));
    expect(s.attributes).toEqual([
      { key: 's', value: { type: 'string', value: 'text ✓' } },
      { key: 's0', value: { type: 'string', value: '' } },
      { key: 'b', value: { type: 'bool', value: false } },
      { key: 'i', value: { type: 'int', value: 42n } },
      { key: 'i0', value: { type: 'int', value: 0n } },
      { key: 'imax', value: { type: 'int', value: 9223372036854775807n } },
      { key: 'imin', value: { type: 'int', value: -9223372036854775808n } },
      { key: 'ineg', value: { type: 'int', value: -1n } },
      { key: 'i49', value: { type: 'int', value: 562949953421312n } },
      { key: 'd', value: { type: 'double', value: -0.125 } },
      { key: 'd0', value: { type: 'double', value: 0 } },
      { key: 'bytes', value: { type: 'bytes', value: new Uint8Array([0, 1, 254, 255]) } },
      {
        key: 'arr',
        value: {
          type: 'array',
          value: [
            { type: 'string', value: 'x' },
            { type: 'int', value: 7n },
            { type: 'array', value: [{ type: 'bool', value: true }] },
          ],
        },
      },
      {
        key: 'kv',
        value: {
          type: 'kvlist',
          value: [{ key: 'inner', value: { type: 'kvlist', value: [{ key: 'deep', value: { type: 'double', value: 1.5 } }] } }],
        },
      },
      { key: 'emptyArr', value: { type: 'array', value: [] } },
      { key: 'emptyKv', value: { type: 'kvlist', value: [] } },
      { key: 'empty', value: { type: 'empty' } },
      { key: 'noValue', value: { type: 'empty' } },
    ]);
  });

  it('copies bytes values out of the request buffer', () => {
    const bytes = Buffer.from(requestWithSpans([span({ spanId: '0102030405060708', attributes: [{ key: 'b', value: { bytesValue: Buffer.from([9, 9]) } }] })]));
    const value = one(bytes).attributes[0]!.value;
    bytes.fill(0);
    expect(value).toEqual({ type: 'bytes', value: new Uint8Array([9, 9]) });
    expect(value.type === 'bytes' && Buffer.isBuffer(value.value)).toBe(false);
  });

  it('keeps every span field, with exact 64-bit times', () => {
    const s = one(
      requestWithSpans([
        span({
          spanId: 'A1B2C3D4E5F60718',
          parentSpanId: '0000000000000009',
          traceState: 'k=v',
          name: 'op',
          kind: 5,
          startTimeUnixNano: '18446744073709551615', // the largest fixed64
          endTimeUnixNano: '18446744073709551615',
          droppedAttributesCount: 1,
          events: [{ timeUnixNano: '1700000000000000001', name: 'e', attributes: [{ key: 'a', value: { boolValue: true } }], droppedAttributesCount: 2 }],
          droppedEventsCount: 3,
          links: [{ traceId: hex('00000000000000000000000000000001'), spanId: hex('0000000000000002'), traceState: 't=1', droppedAttributesCount: 4, flags: 0x301 }],
          droppedLinksCount: 5,
          status: { code: 2, message: 'bad' },
          flags: 0xffffffff,
        }),
      ]),
    );
    expect({ ...s, resource: undefined, scope: undefined }).toEqual({
      traceId: TRACE_ID,
      spanId: 'a1b2c3d4e5f60718',
      parentSpanId: '0000000000000009',
      traceState: 'k=v',
      name: 'op',
      kind: 'consumer',
      startTimeUnixNano: 18446744073709551615n,
      endTimeUnixNano: 18446744073709551615n,
      attributes: [],
      droppedAttributesCount: 1,
      events: [{ timeUnixNano: 1700000000000000001n, name: 'e', attributes: [{ key: 'a', value: { type: 'bool', value: true } }], droppedAttributesCount: 2 }],
      droppedEventsCount: 3,
      links: [{ traceId: '00000000000000000000000000000001', spanId: '0000000000000002', traceState: 't=1', attributes: [], droppedAttributesCount: 4, flags: 0x301 }],
      droppedLinksCount: 5,
      status: { code: 'error', message: 'bad' },
      flags: 0xffffffff,
      resource: undefined,
      scope: undefined,
    });
  });

  it('treats an all-zero parent as none', () => {
    expect(one(requestWithSpans([span({ spanId: '0102030405060708', parentSpanId: '0000000000000000' })])).parentSpanId).toBe('');
  });
});

describe('decodeProtobuf: resources and scopes', () => {
  it('shares one Resource per ResourceSpans and one Scope per ScopeSpans', () => {
    const bytes = encodeRequest({
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'a' } }], droppedAttributesCount: 2 },
          schemaUrl: 'https://opentelemetry.io/schemas/1.26.0',
          scopeSpans: [
            { scope: { name: 's1', version: '1', attributes: [{ key: 'x', value: { intValue: '1' } }], droppedAttributesCount: 3 }, schemaUrl: 'scope-schema', spans: [span({ spanId: '0000000000000001' }), span({ spanId: '0000000000000002' })] },
            { spans: [span({ spanId: '0000000000000003' })] },
          ],
        },
        { scopeSpans: [{ spans: [span({ spanId: '0000000000000004' })] }] },
      ],
    });
    const [a, b, c, d] = decodeProtobuf(bytes).spans;
    expect(a!.resource).toBe(b!.resource);
    expect(a!.resource).toBe(c!.resource);
    expect(a!.scope).toBe(b!.scope);
    expect(a!.scope).not.toBe(c!.scope);
    expect(a!.resource).toEqual({
      serviceName: 'a',
      attributes: [{ key: 'service.name', value: { type: 'string', value: 'a' } }],
      droppedAttributesCount: 2,
      schemaUrl: 'https://opentelemetry.io/schemas/1.26.0',
    });
    expect(a!.scope).toEqual({ name: 's1', version: '1', attributes: [{ key: 'x', value: { type: 'int', value: 1n } }], droppedAttributesCount: 3, schemaUrl: 'scope-schema' });
    expect(c!.scope).toEqual({ name: '', version: '', attributes: [], droppedAttributesCount: 0, schemaUrl: '' });
    // No resource at all: the SDKs' default service name.
    expect(d!.resource).toEqual({ serviceName: 'unknown_service', attributes: [], droppedAttributesCount: 0, schemaUrl: '' });
  });

  it('reads the resource even when it comes after the spans on the wire', () => {
    const w = protobuf.Writer.create();
    w.uint32(10).fork(); // resource_spans
    w.uint32(18).fork(); // scope_spans first
    w.uint32(18).bytes(protobuf.Writer.create().uint32(10).bytes(hex(TRACE_ID)).uint32(18).bytes(hex('0102030405060708')).finish());
    w.ldelim();
    w.uint32(10).fork().uint32(10).fork().uint32(10).string('service.name').uint32(18).fork().uint32(10).string('late').ldelim().ldelim().ldelim();
    w.ldelim();
    const result = decodeProtobuf(w.finish());
    expect(result.spans.map((s) => s.resource.serviceName)).toEqual(['late']);
  });
});

describe('decodeProtobuf: rejected spans and repairs', () => {
  it('rejects a span with a 3-byte span ID by path, and keeps the others', () => {
    const result = decodeProtobuf(requestWithOneBadSpan());
    expect(result.spans.map((s) => s.name)).toEqual(['good-1', 'good-2']);
    expect(result.rejected).toEqual([{ path: 'resourceSpans[0].scopeSpans[0].spans[2].spanId', message: 'expected 8 bytes, got 3' }]);
  });

  it('rejects bad trace IDs, all-zero IDs, missing IDs and odd parents', () => {
    const result = decodeProtobuf(
      requestWithSpans([
        span({ traceId: '5b8efff798038103d269b633813fc6', spanId: '0000000000000001' }),
        span({ traceId: '00000000000000000000000000000000', spanId: '0000000000000002' }),
        span({ spanId: '0000000000000000' }),
        span({ spanId: '0000000000000004', parentSpanId: '0102030405' }),
        { traceId: hex(TRACE_ID) },
        span({ spanId: '0000000000000006', name: 'kept' }),
      ]),
    );
    expect(result.spans.map((s) => s.name)).toEqual(['kept']);
    const at = 'resourceSpans[0].scopeSpans[0].spans';
    expect(result.rejected).toEqual([
      { path: `${at}[0].traceId`, message: 'expected 16 bytes, got 15' },
      { path: `${at}[1].traceId`, message: 'expected a non-zero ID, got 16 zero bytes' },
      { path: `${at}[2].spanId`, message: 'expected a non-zero ID, got 8 zero bytes' },
      { path: `${at}[3].parentSpanId`, message: 'expected 8 bytes or none, got 5' },
      { path: `${at}[4].spanId`, message: 'expected 8 bytes, got 0' },
    ]);
  });

  it('drops a link without proper IDs, repairs unknown enums and missing times, with warnings', () => {
    const result = decodeProtobuf(
      requestWithSpans([
        span({
          spanId: '0000000000000001',
          kind: 9,
          status: { code: 7, message: 'm' },
          startTimeUnixNano: '0',
          links: [{ traceId: hex(TRACE_ID), spanId: hex('0102') }, { traceId: hex(TRACE_ID), spanId: hex('0000000000000000') }],
        }),
      ]),
    );
    const s = result.spans[0]!;
    expect(s.kind).toBe('unspecified');
    expect(s.status).toEqual({ code: 'unset', message: 'm' });
    expect(s.startTimeUnixNano).toBe(s.endTimeUnixNano);
    // The all-zero link is kept: the spec allows links to invalid contexts.
    expect(s.links.map((l) => l.spanId)).toEqual(['0000000000000000']);
    const at = 'resourceSpans[0].scopeSpans[0].spans[0]';
    expect(result.warnings).toEqual([
      { path: `${at}.links[0].spanId`, message: 'expected 8 bytes, got 2 (link dropped)' },
      { path: `${at}.status.code`, message: 'unknown status code 7; taken as unset' },
      { path: `${at}.startTimeUnixNano`, message: 'missing; taken as the end time (zero duration)' },
      { path: `${at}.kind`, message: 'unknown span kind 9; taken as unspecified' },
    ]);
    expect(result.rejected).toEqual([]);
  });

  it("forgets a rejected span's warnings", () => {
    const result = decodeProtobuf(requestWithSpans([span({ spanId: '01', kind: 9 })]));
    expect(result.rejected).toHaveLength(1);
    expect(result.warnings).toEqual([]);
  });
});

describe('decodeProtobuf: wire robustness', () => {
  it('skips unknown fields of every wire type and known fields sent with the wrong wire type', () => {
    const spanBytes = protobuf.Writer.create()
      .uint32(10).bytes(hex(TRACE_ID))
      .uint32(18).bytes(hex('0102030405060708'))
      .uint32((99 << 3) | 2).string('unknown')
      .uint32((100 << 3) | 0).uint64(123456789)
      .uint32((101 << 3) | 1).fixed64(1)
      .uint32((102 << 3) | 5).fixed32(1)
      .uint32((5 << 3) | 0).uint32(7) // `name` as a varint: not a name
      .uint32(42).string('real name')
      .finish();
    const request = protobuf.Writer.create()
      .uint32(10).fork()
      .uint32(10).fork().uint32((3 << 3) | 2).bytes(new Uint8Array([1, 2])).ldelim() // Resource.entity_refs (newer field)
      .uint32(18).fork().uint32(18).bytes(spanBytes).ldelim()
      .ldelim()
      .uint32((7 << 3) | 2).string('unknown top-level field')
      .finish();
    const result = decodeProtobuf(request);
    expect(result.rejected).toEqual([]);
    expect(result.spans.map((s) => [s.spanId, s.name])).toEqual([['0102030405060708', 'real name']]);
  });

  it('reads every string right, interned or not (slot collisions, non-ASCII, the size limit)', () => {
    // 10k distinct short keys over 4096 intern slots: many collide, none may be mixed up.
    const keys = Array.from({ length: 10_000 }, (_, i) => `key.${i}`);
    const edge = ['a'.repeat(48), 'b'.repeat(49), 'ü', 'naïve', '日本語のテキスト', 'x'];
    const texts = [...keys, ...edge, ...edge];
    const attributes = texts.map((key) => ({ key, value: { stringValue: key.toUpperCase() } }));
    const s = one(requestWithSpans([span({ spanId: '0102030405060708', attributes })]));
    expect(s.attributes.map((a) => a.key)).toEqual(texts);
    expect(s.attributes.map((a) => (a.value.type === 'string' ? a.value.value : ''))).toEqual(texts.map((t) => t.toUpperCase()));
  });

  it('accepts a plain Uint8Array as well as a Buffer, and an empty request', () => {
    const bytes = requestWithSpans([span({ spanId: '0102030405060708' })]);
    expect(decodeProtobuf(new Uint8Array(bytes)).spans).toHaveLength(1);
    expect(decodeProtobuf(new Uint8Array(0))).toEqual({ spans: [], rejected: [], warnings: [] });
  });

  it.each([
    ['a length past the end', [0x0a, 0xff, 0x01, 0x00], /index out of range/],
    ['a truncated nested message', [0x0a, 0x04, 0x12, 0x05, 0x12, 0x00], /index out of range/],
    ['an invalid wire type', [0x0f, 0x00], /invalid wire type 7/],
    ['field number 0', [0x00, 0x01], /illegal field number 0/],
    ['a truncated varint', [0x0a, 0x80], /index out of range/],
  ])('throws OtlpDecodeError with the reader’s reason for %s', (_, bytes, reason) => {
    let error: unknown;
    try {
      decodeProtobuf(new Uint8Array(bytes));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OtlpDecodeError);
    expect((error as OtlpDecodeError).reason).toMatch(reason);
    expect((error as OtlpDecodeError).message).toMatch(/^invalid protobuf ExportTraceServiceRequest: /);
  });

  it('refuses attribute values nested deeper than 64 levels', () => {
    // Built by hand: protobufjs's fromObject refuses such depth itself.
    let value = protobuf.Writer.create().uint32(10).string('bottom').finish();
    for (let i = 0; i < 70; i++) {
      const array = protobuf.Writer.create().uint32(10).bytes(value).finish();
      value = protobuf.Writer.create().uint32(42).bytes(array).finish();
    }
    const keyValue = protobuf.Writer.create().uint32(10).string('deep').uint32(18).bytes(value).finish();
    const spanBytes = protobuf.Writer.create().uint32(10).bytes(hex(TRACE_ID)).uint32(18).bytes(hex('0102030405060708')).uint32(74).bytes(keyValue).finish();
    const scopeSpans = protobuf.Writer.create().uint32(18).bytes(spanBytes).finish();
    const resourceSpans = protobuf.Writer.create().uint32(18).bytes(scopeSpans).finish();
    const request = protobuf.Writer.create().uint32(10).bytes(resourceSpans).finish();
    expect(() => decodeProtobuf(request)).toThrow(/nested deeper than 64/);
  });
});
