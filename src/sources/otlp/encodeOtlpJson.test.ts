import { describe, expect, it } from 'vitest';
import { buildTrace } from '../../model/buildTrace';
import type { Resource, Scope, SpanData } from '../../model/types';
import { readFixture } from '../testing/fixtures';
import { importTempoV1 } from '../tempo/tempoV1';
import { importTempoV2 } from '../tempo/tempoV2';
import type { Importer } from '../importResult';
import { encodeAnyValue, encodeOtlpJson, encodeResourceSpans } from './encodeOtlpJson';
import { importOtlpJson } from './otlpJson';

/** Encode → JSON text → parse → import: what a downloaded file goes through. */
function roundTrip(spans: readonly SpanData[]): SpanData[] {
  const text = JSON.stringify(encodeOtlpJson(spans));
  const back = importOtlpJson(JSON.parse(text));
  expect(back.issues).toEqual([]);
  return back.spans;
}

const FIXTURES: [string, Importer][] = [
  ['otlp/examples-trace.json', importOtlpJson],
  ['otlp/jaeger-memory-otel_traces_01.json', importOtlpJson],
  ['otlp/otlp2jaeger-in.json', importOtlpJson],
  ['tempo/trace-v2-body-vulture.json', importOtlpJson],
  ['tempo/trace-v2-body-servicegraphs-failed-requests.json', importOtlpJson],
  ['tempo/trace-v2-response-docs-push-spans.json', importTempoV2],
  ['tempo/trace-v1-legacy-instrumentationLibrarySpans-grafana-mock-EXCERPT.json', importTempoV1],
];

describe('encodeOtlpJson round trip through the OTLP/JSON importer', () => {
  for (const [path, importer] of FIXTURES) {
    it(`keeps every span field of ${path}`, () => {
      const imported = importer(readFixture(path));
      expect(imported.spans.length).toBeGreaterThan(0);
      // Through the model, as the JSON view does: the trace's depth-first spans.
      const trace = buildTrace(imported.spans);
      const original: SpanData[] = trace.spans.map((s) => dataOf(s));
      const back = roundTrip(original);
      expect(back).toEqual(original);
      // The batch structure survives: one Resource/Scope object per group, as before.
      expect(distinct(back.map((s) => s.resource)).length).toBe(distinct(original.map((s) => s.resource)).length);
      expect(distinct(back.map((s) => s.scope)).length).toBe(distinct(original.map((s) => s.scope)).length);
    });
  }
});

function distinct<T>(values: T[]): T[] {
  return [...new Set(values)];
}

/** The SpanData part of a model Span (what the importer produces). */
function dataOf(span: SpanData): SpanData {
  const { traceId, spanId, parentSpanId, traceState, name, kind, startTimeUnixNano, endTimeUnixNano, attributes, droppedAttributesCount, events, droppedEventsCount, links, droppedLinksCount, status, flags, resource, scope } = span;
  return { traceId, spanId, parentSpanId, traceState, name, kind, startTimeUnixNano, endTimeUnixNano, attributes, droppedAttributesCount, events, droppedEventsCount, links, droppedLinksCount, status, flags, resource, scope };
}

describe('encodeOtlpJson wire details', () => {
  const resource: Resource = { serviceName: 'svc', attributes: [{ key: 'service.name', value: { type: 'string', value: 'svc' } }], droppedAttributesCount: 2, schemaUrl: 'https://opentelemetry.io/schemas/1.21.0' };
  const scope: Scope = { name: 'lib', version: '1.2', attributes: [], droppedAttributesCount: 0, schemaUrl: '' };
  const span: SpanData = {
    traceId: '0123456789abcdef0123456789abcdef',
    spanId: '0123456789abcdef',
    parentSpanId: '',
    traceState: 'k=v',
    name: 'op',
    kind: 'client',
    // Above 2^53: must stay exact.
    startTimeUnixNano: 1_700_000_000_123_456_789n,
    endTimeUnixNano: 1_700_000_000_223_456_789n,
    attributes: [
      { key: 'big', value: { type: 'int', value: 9_007_199_254_740_993n } },
      { key: 'neg', value: { type: 'int', value: -5n } },
      { key: 'd', value: { type: 'double', value: 1.5 } },
      { key: 'nan', value: { type: 'double', value: NaN } },
      { key: 'inf', value: { type: 'double', value: -Infinity } },
      { key: 'b', value: { type: 'bool', value: false } },
      { key: 'bytes', value: { type: 'bytes', value: new Uint8Array([0, 1, 254, 255]) } },
      { key: 'arr', value: { type: 'array', value: [{ type: 'string', value: 'x' }, { type: 'int', value: 1n }] } },
      { key: 'kv', value: { type: 'kvlist', value: [{ key: 'inner', value: { type: 'bool', value: true } }] } },
      { key: 'none', value: { type: 'empty' } },
      { key: 'emptyArr', value: { type: 'array', value: [] } },
    ],
    droppedAttributesCount: 1,
    events: [{ timeUnixNano: 1_700_000_000_150_000_000n, name: 'ev', attributes: [], droppedAttributesCount: 0 }],
    droppedEventsCount: 3,
    links: [{ traceId: 'ffffffffffffffffffffffffffffffff', spanId: 'eeeeeeeeeeeeeeee', traceState: '', attributes: [], droppedAttributesCount: 0, flags: 1 }],
    droppedLinksCount: 0,
    status: { code: 'error', message: 'boom' },
    flags: 257,
    resource,
    scope,
  };

  it('writes hex IDs, string int64s, integer enums and base64 bytes', () => {
    const json = encodeOtlpJson([span]);
    const text = JSON.stringify(json);
    expect(text).toContain('"startTimeUnixNano":"1700000000123456789"');
    expect(text).toContain('"intValue":"9007199254740993"');
    expect(text).toContain('"kind":3');
    expect(text).toContain('"status":{"message":"boom","code":2}');
    expect(text).toContain('"bytesValue":"AAH+/w=="');
    expect(text).toContain('"doubleValue":"NaN"');
    expect(text).toContain('"schemaUrl":"https://opentelemetry.io/schemas/1.21.0"');
    // Defaults are omitted, as proto3 JSON does.
    expect(text).not.toContain('parentSpanId');
    expect(text).not.toContain('droppedLinksCount');
  });

  it('reads back exactly what it wrote', () => {
    const [back] = roundTrip([span]);
    expect(back).toEqual(span);
  });

  it('encodes values of every type', () => {
    expect(encodeAnyValue({ type: 'empty' })).toEqual({});
    expect(encodeAnyValue({ type: 'double', value: Infinity })).toEqual({ doubleValue: 'Infinity' });
    // An empty repeated field is left out, as proto3 JSON does; the importers read it as empty.
    expect(encodeAnyValue({ type: 'kvlist', value: [] })).toEqual({ kvlistValue: {} });
    expect(encodeAnyValue({ type: 'array', value: [] })).toEqual({ arrayValue: {} });
  });

  it('writes the Tempo dialect with base64 IDs and enum names', () => {
    const text = JSON.stringify(encodeResourceSpans([span], 'tempo'));
    expect(text).toContain('"traceId":"ASNFZ4mrze8BI0VniavN7w=="');
    expect(text).toContain('"kind":"SPAN_KIND_CLIENT"');
    expect(text).toContain('"status":{"message":"boom","code":"STATUS_CODE_ERROR"}');
    expect(text).toContain('"startTimeUnixNano":"1700000000123456789"');
  });
});
