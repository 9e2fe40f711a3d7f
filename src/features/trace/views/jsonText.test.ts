import { describe, expect, it } from 'vitest';
import { buildTrace } from '../../../model/buildTrace';
import { makeSpan } from '../../../model/testing/makeSpan';
import { importOtlpJson } from '../../../sources/otlp/otlpJson';
import { jsonFileName, jsonPreview, traceJson } from './jsonText';

const small = buildTrace([
  makeSpan({ spanId: 'aaaaaaaaaaaaaaaa', start: 0, duration: 10, attributes: { big: 9007199254740993n } }),
  makeSpan({ spanId: 'bbbbbbbbbbbbbbbb', parentSpanId: 'aaaaaaaaaaaaaaaa', start: 1, duration: 2 }),
]);

describe('traceJson', () => {
  it('is OTLP/JSON the importer reads back', () => {
    const text = traceJson(small);
    expect(text).toContain('"intValue": "9007199254740993"');
    const back = importOtlpJson(JSON.parse(text));
    expect(back.spans.map((s) => s.spanId).sort()).toEqual(['aaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbb']);
    expect(jsonFileName(small)).toBe(`trace-${small.traceId}.json`);
  });
});

describe('jsonPreview', () => {
  it('shows a small trace whole', () => {
    const preview = jsonPreview(small);
    expect(preview.truncated).toBe(false);
    expect(preview.text).toBe(traceJson(small));
  });

  it('cuts a big trace at a line end under the limit', () => {
    const spans = [makeSpan({ spanId: 'r', start: 0, duration: 100 })];
    for (let i = 0; i < 3000; i++) spans.push(makeSpan({ spanId: `c${i}`, parentSpanId: 'r', start: 1, duration: 1, attributes: { i } }));
    const big = buildTrace(spans);
    const preview = jsonPreview(big, 50_000);
    expect(preview.truncated).toBe(true);
    expect(preview.text.length).toBeLessThanOrEqual(50_000);
    expect(preview.text.length).toBeGreaterThan(40_000);
    expect(traceJson(big).startsWith(preview.text)).toBe(true);
  });
});
