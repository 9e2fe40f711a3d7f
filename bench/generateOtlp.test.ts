import { describe, expect, it } from 'vitest';
import { importAuto } from '../src/sources/detect';
import { buildTraces } from '../src/model/buildTrace';
import { generateOtlp, generateOtlpChunks } from './generateOtlp';

interface RawSpan {
  spanId: string;
  parentSpanId?: string;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: { key: string; value: Record<string, unknown> }[];
}
interface RawRequest {
  resourceSpans: { resource: { attributes: { key: string; value: { stringValue?: string } }[] }; scopeSpans: { spans: RawSpan[] }[] }[];
}

describe('generateOtlp', () => {
  it.each([1, 2, 9, 500, 3000])('%i spans import as exactly that many spans of one trace with one root', (n) => {
    const result = importAuto(JSON.parse(generateOtlp(n)));
    expect(result.format).toBe('otlp-json');
    expect(result.issues).toEqual([]);
    expect(result.spans).toHaveLength(n);
    const traces = buildTraces(result.spans);
    expect(traces).toHaveLength(1);
    const trace = traces[0]!;
    expect(trace.summary.spanCount).toBe(n);
    expect(trace.summary.hasRoot).toBe(true);
    expect(trace.summary.orphanCount).toBe(0);
    expect(trace.topLevel).toEqual([{ kind: 'span', span: expect.any(Number) }]);
    expect(trace.warnings).toEqual([]);
    expect(trace.traceId).toMatch(/^[0-9a-f]{32}$/);
  });

  it('is deterministic for a seed, and differs across seeds', () => {
    expect(generateOtlp(400, 3)).toBe(generateOtlp(400, 3));
    expect(generateOtlp(400, 3)).not.toBe(generateOtlp(400, 4));
    expect([...generateOtlpChunks(400, 3)].join('')).toBe(generateOtlp(400, 3));
  });

  it('looks like a real trace: ~12 services, 3–6 mixed-type attributes, nested times, deep tree', () => {
    const n = 5000;
    const request = JSON.parse(generateOtlp(n)) as RawRequest;
    expect(request.resourceSpans.length).toBeGreaterThanOrEqual(10);
    expect(request.resourceSpans.length).toBeLessThanOrEqual(12);
    const spans = request.resourceSpans.flatMap((r) => {
      const service = r.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue;
      expect(service).toBeTruthy();
      return r.scopeSpans.flatMap((s) => s.spans);
    });
    expect(spans).toHaveLength(n);
    const byId = new Map(spans.map((s) => [s.spanId, s]));
    expect(byId.size).toBe(n);
    const valueTypes = new Set<string>();
    let maxDepth = 0;
    const children = new Map<string, number>();
    const bad: string[] = []; // collected, not asserted per span: expect() in a 5000×20 loop is slow
    for (const span of spans) {
      if (!/^[0-9a-f]{16}$/.test(span.spanId)) bad.push(`${span.spanId}: id`);
      if (span.attributes.length < 3 || span.attributes.length > 6) bad.push(`${span.spanId}: ${span.attributes.length} attributes`);
      for (const a of span.attributes) for (const k of Object.keys(a.value)) valueTypes.add(k);
      if (BigInt(span.endTimeUnixNano) < BigInt(span.startTimeUnixNano)) bad.push(`${span.spanId}: ends before start`);
      let depth = 1;
      for (let p = span; p.parentSpanId; depth++) {
        const parent = byId.get(p.parentSpanId)!;
        if (BigInt(p.startTimeUnixNano) < BigInt(parent.startTimeUnixNano) || BigInt(p.endTimeUnixNano) > BigInt(parent.endTimeUnixNano)) {
          bad.push(`${p.spanId}: outside parent`);
        }
        p = parent;
      }
      maxDepth = Math.max(maxDepth, depth);
      if (span.parentSpanId) children.set(span.parentSpanId, (children.get(span.parentSpanId) ?? 0) + 1);
    }
    expect(bad).toEqual([]);
    expect(valueTypes).toEqual(new Set(['stringValue', 'intValue', 'doubleValue', 'boolValue']));
    expect(maxDepth).toBeGreaterThanOrEqual(12);
    expect(maxDepth).toBeLessThanOrEqual(20);
    expect(Math.max(...children.values())).toBeLessThanOrEqual(8);
    const start = BigInt(spans[0]!.startTimeUnixNano);
    expect(start > 1_690_000_000_000_000_000n && start < 1_720_000_000_000_000_000n).toBe(true);
  });
});
