import { describe, expect, it } from 'vitest';
import type { Resource, SpanData } from '../../src/model/types';
import { decodeProtobuf } from './decodeProtobuf';
import { encodeTracesProtobuf } from './encodeTraces';
import { ExportTraceServiceRequestType, TracesDataType } from './schema';
import { comparable } from './testing/sdkScenario';
import { encodeRequest, hex, span } from './testing/requests';

/** Spans with every value type, decoded from a hand-built request. */
function richSpans(): SpanData[] {
  const bytes = encodeRequest({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'a' } }], droppedAttributesCount: 1 },
        schemaUrl: 'res-schema',
        scopeSpans: [
          {
            scope: { name: 'lib', version: '2', attributes: [{ key: 'k', value: { boolValue: true } }] },
            schemaUrl: 'scope-schema',
            spans: [
              span({
                spanId: '0000000000000001',
                name: 'root',
                kind: 2,
                traceState: 'a=b',
                attributes: [
                  { key: 'neg', value: { intValue: '-9223372036854775808' } },
                  { key: 'big', value: { intValue: '9223372036854775807' } },
                  { key: 'zero', value: { doubleValue: 0 } },
                  { key: 'false', value: { boolValue: false } },
                  { key: 'empty-string', value: { stringValue: '' } },
                  { key: 'bytes', value: { bytesValue: Buffer.from([0, 255]) } },
                  { key: 'kv', value: { kvlistValue: { values: [{ key: 'x', value: { arrayValue: { values: [{ intValue: '1' }, {}] } } }] } } },
                  { key: 'none', value: {} },
                ],
                events: [{ timeUnixNano: '1700000000123456790', name: 'ev', droppedAttributesCount: 1 }],
                links: [{ traceId: hex('0102030405060708090a0b0c0d0e0f10'), spanId: hex('0102030405060708'), traceState: 'l=1', flags: 0x100 }],
                status: { code: 2, message: 'err' },
                flags: 1,
                droppedAttributesCount: 2,
                droppedEventsCount: 3,
                droppedLinksCount: 4,
              }),
              span({ spanId: '0000000000000002', parentSpanId: '0000000000000001', name: 'child' }),
            ],
          },
        ],
      },
    ],
  });
  return decodeProtobuf(bytes).spans;
}

describe('encodeTracesProtobuf', () => {
  it('round-trips through decodeProtobuf field for field', () => {
    const spans = richSpans();
    expect(spans).toHaveLength(2);
    const back = decodeProtobuf(encodeTracesProtobuf(spans));
    expect(back.rejected).toEqual([]);
    expect(back.warnings).toEqual([]);
    expect(back.spans.map(comparable)).toEqual(spans.map(comparable));
  });

  it('writes what the schema says: protobufjs reads it as TracesData and as ExportTraceServiceRequest', () => {
    const bytes = encodeTracesProtobuf(richSpans());
    const options = { longs: String, bytes: String, defaults: false };
    const asTrace = TracesDataType.toObject(TracesDataType.decode(bytes), options);
    expect(asTrace).toEqual(ExportTraceServiceRequestType.toObject(ExportTraceServiceRequestType.decode(bytes), options));
    const [root, child] = asTrace.resourceSpans[0].scopeSpans[0].spans;
    expect(asTrace.resourceSpans[0].schemaUrl).toBe('res-schema');
    expect(root.traceId).toBe(hex('5b8efff798038103d269b633813fc60c').toString('base64'));
    expect(root.startTimeUnixNano).toBe('1700000000123456789');
    expect(root.kind).toBe(2);
    expect(root.attributes[0]).toEqual({ key: 'neg', value: { intValue: '-9223372036854775808' } });
    expect(root.attributes[2]).toEqual({ key: 'zero', value: { doubleValue: 0 } });
    expect(root.attributes[7]).toEqual({ key: 'none', value: {} });
    expect(root.status).toEqual({ code: 2, message: 'err' });
    // Defaults are left out, as proto3 encoders do.
    expect(Object.keys(child).sort()).toEqual(['endTimeUnixNano', 'name', 'parentSpanId', 'spanId', 'startTimeUnixNano', 'traceId']);
  });

  it('groups by Resource and Scope object identity, in first-seen order', () => {
    const [a, b] = richSpans();
    // Equal content, different object: a different batch, so a different ResourceSpans.
    const twin: Resource = { ...a!.resource };
    const spans = [a!, { ...b!, resource: twin }, { ...b!, spanId: '0000000000000003' }];
    const decoded = ExportTraceServiceRequestType.toObject(ExportTraceServiceRequestType.decode(encodeTracesProtobuf(spans)), { bytes: String });
    expect(decoded.resourceSpans).toHaveLength(2);
    const ids = (i: number) => decoded.resourceSpans[i].scopeSpans[0].spans.map((s: { spanId: string }) => Buffer.from(s.spanId, 'base64').toString('hex'));
    expect(ids(0)).toEqual(['0000000000000001', '0000000000000003']);
    expect(ids(1)).toEqual(['0000000000000002']);
  });

  it('encodes no spans as an empty message', () => {
    expect(encodeTracesProtobuf([])).toHaveLength(0);
  });
});
