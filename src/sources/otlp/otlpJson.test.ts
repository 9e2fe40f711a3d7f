import { describe, expect, it } from 'vitest';
import { readFixture } from '../testing/fixtures';
import { importOtlpJson } from './otlpJson';
import { ImportError } from '../importResult';


const str = (value: string) => ({ type: 'string', value });

describe('importOtlpJson', () => {
  it('reads the spec example (upper-case hex IDs, integer kind)', () => {
    const { format, spans, issues } = importOtlpJson(readFixture('otlp/examples-trace.json'));
    expect(format).toBe('otlp-json');
    expect(issues).toEqual([]);
    expect(spans).toHaveLength(1);
    const [s] = spans;
    expect(s).toMatchObject({
      traceId: '5b8efff798038103d269b633813fc60c',
      spanId: 'eee19b7ec3c1b174',
      parentSpanId: 'eee19b7ec3c1b173',
      name: "I'm a server span",
      kind: 'server',
      startTimeUnixNano: 1544712660000000000n,
      endTimeUnixNano: 1544712661000000000n,
      attributes: [{ key: 'my.span.attr', value: str('some value') }],
      status: { code: 'unset', message: '' },
      events: [],
      links: [],
      flags: 0,
    });
    expect(s?.resource).toEqual({
      serviceName: 'my.service',
      attributes: [{ key: 'service.name', value: str('my.service') }],
      droppedAttributesCount: 0,
      schemaUrl: '',
    });
    expect(s?.scope).toEqual({
      name: 'my.library',
      version: '1.0.0',
      attributes: [{ key: 'my.scope.attribute', value: str('some scope attribute') }],
      droppedAttributesCount: 0,
      schemaUrl: '',
    });
  });

  it("reads Jaeger's /api/transform input (two identical spans, resource schemaUrl)", () => {
    const { spans, issues } = importOtlpJson(readFixture('otlp/otlp2jaeger-in.json'));
    expect(issues).toEqual([]);
    expect(spans).toHaveLength(2);
    for (const s of spans) {
      expect(s).toMatchObject({
        traceId: '83a9efd15c1c98a977e0711cc93ee28b',
        spanId: 'e127af99e3b3e074',
        parentSpanId: '909541b92cf05311',
        name: 'okey-dokey-0',
        kind: 'server',
        startTimeUnixNano: 1706678909209712000n,
        endTimeUnixNano: 1706678909209835000n,
        attributes: [
          { key: 'net.peer.ip', value: str('1.2.3.4') },
          { key: 'peer.service', value: str('telemetrygen-client') },
        ],
        status: { code: 'unset', message: '' },
      });
    }
    expect(spans[0]?.resource).toBe(spans[1]?.resource);
    expect(spans[0]?.resource).toMatchObject({ serviceName: 'telemetrygen', schemaUrl: 'https://opentelemetry.io/schemas/1.4.0' });
    expect(spans[0]?.scope).toMatchObject({ name: 'telemetrygen', version: '' });
  });

  it("reads Jaeger's memory-store fixture (every value type, events, links, flags, traceState)", () => {
    const { spans, issues } = importOtlpJson(readFixture('otlp/jaeger-memory-otel_traces_01.json'));
    expect(issues).toEqual([]);
    expect(spans.map((s) => [s.traceId, s.spanId, s.parentSpanId, s.kind, s.name, s.traceState])).toEqual([
      ['00000000000000010000000000000000', '0000000000000002', '0000000000000003', 'server', 'test-general-conversion-2', 'state.2'],
      ['00000000000000020000000000000000', '0000000000000003', '0000000000000010', 'client', 'test-general-conversion-3', 'state.3'],
      ['00000000000000010000000000000000', '0000000000000004', '0000000000000011', 'producer', 'test-general-conversion-4', 'state.4'],
      ['00000000000000020000000000000000', '0000000000000005', '0000000000000010', 'consumer', 'test-general-conversion-5', 'state.5'],
    ]);
    const [first, second, third] = spans;
    expect(first).toMatchObject({
      flags: 1,
      startTimeUnixNano: 1485467191639875000n,
      endTimeUnixNano: 1485467191639880000n,
      status: { code: 'error', message: '' },
      attributes: [
        { key: 'peer.service', value: str('service-y') },
        { key: 'peer.ipv4', value: { type: 'int', value: 23456n } },
        { key: 'blob', value: { type: 'bytes', value: new Uint8Array([0, 0, 0x30, 0x39]) } },
        { key: 'temperature', value: { type: 'double', value: 72.5 } },
      ],
      events: [
        {
          timeUnixNano: 1485467191639875000n,
          name: 'testing-event',
          attributes: [{ key: 'event-x', value: str('event-y') }],
          droppedAttributesCount: 0,
        },
        { timeUnixNano: 1485467191639875000n, name: '', attributes: [{ key: 'x', value: str('y') }], droppedAttributesCount: 0 },
      ],
      links: [
        {
          traceId: '00000000000000010000000000000000',
          spanId: '0000000000000004',
          traceState: '',
          attributes: [{ key: 'opentracing.ref_type', value: str('follows_from') }],
          droppedAttributesCount: 0,
          flags: 0,
        },
        {
          traceId: '00000000000000ff0000000000000000',
          spanId: '00000000000000ff',
          traceState: '',
          attributes: [{ key: 'opentracing.ref_type', value: str('child_of') }],
          droppedAttributesCount: 0,
          flags: 0,
        },
      ],
    });
    expect(first?.resource.serviceName).toBe('service-x');
    expect(spans.every((s) => s.resource === first?.resource)).toBe(true);
    expect(first?.scope).toBe(second?.scope);
    expect(first?.scope).toEqual({
      name: 'testing-library-2',
      version: '1.1.1',
      attributes: [{ key: 'scope.attributes.2', value: str('attribute-y') }],
      droppedAttributesCount: 0,
      schemaUrl: '',
    });
    expect(third?.scope).toMatchObject({ name: 'testing-library-3', version: '1.1.2' });
  });

  it('throws ImportError with the path for a wrong envelope', () => {
    expect(() => importOtlpJson({ resourceSpans: 5 })).toThrow(new ImportError('resourceSpans', 'expected array, got 5'));
    expect(() => importOtlpJson({})).toThrow(new ImportError('resourceSpans', 'missing: not an OTLP/JSON trace payload'));
    expect(() => importOtlpJson([])).toThrow(ImportError);
    expect(() => importOtlpJson('x')).toThrow('expected an object {"resourceSpans":[…]}, got "x"');
  });

  it('reports malformed spans and keeps the rest', () => {
    const ok = { traceId: 'ab'.repeat(16), spanId: 'cd'.repeat(8), startTimeUnixNano: '1', endTimeUnixNano: '2' };
    const { spans, issues } = importOtlpJson({
      resourceSpans: [{ scopeSpans: [{ spans: [ok, { ...ok, startTimeUnixNano: 'abc' }, ok] }] }],
    });
    expect(spans).toHaveLength(2);
    expect(issues).toEqual([{ path: 'resourceSpans[0].scopeSpans[0].spans[1].startTimeUnixNano', message: 'expected integer, got "abc"' }]);
  });
});
