import { describe, expect, it } from 'vitest';
import { buildTrace } from './buildTrace';
import { MAX_SKEW_WARNINGS, adjustClockSkew, spanHost } from './clockSkew';
import { BASE_TIME_NS, makeSpan, msToNs } from './testing/makeSpan';
import type { Attribute, Resource, SpanData, Trace } from './types';

const MS = 1_000_000;

function byId(trace: Trace, spanId: string) {
  const span = trace.spans.find((s) => s.spanId === spanId);
  if (span === undefined) throw new Error(`no span ${spanId}`);
  return span;
}

/** [spanId, start ms, skewShift ms] in display order. */
function layout(trace: Trace): [string, number, number][] {
  return trace.spans.map((s) => [s.spanId, s.start / MS, s.skewShift / MS]);
}

/** Checks the tree invariants buildTrace guarantees. */
function expectConsistent(trace: Trace): void {
  trace.spans.forEach((span, i) => {
    expect(span.index).toBe(i);
    if (span.parent !== -1) expect(trace.spans[span.parent]!.children).toContain(i);
    for (const c of span.children) expect(trace.spans[c]!.parent).toBe(i);
    for (let k = 1; k < span.children.length; k++) {
      expect(trace.spans[span.children[k]!]!.start).toBeGreaterThanOrEqual(trace.spans[span.children[k - 1]!]!.start);
    }
  });
}

describe('adjustClockSkew', () => {
  it('is off by default: buildTrace leaves times as received', () => {
    const trace = buildTrace([
      makeSpan({ spanId: 'p', host: 'h1', start: 10, duration: 100 }),
      makeSpan({ spanId: 'c', parentSpanId: 'p', host: 'h2', start: 0, duration: 30 }),
    ]);
    expect(trace.skewAdjusted).toBe(false);
    expect(trace.spans.map((s) => s.skewShift)).toEqual([0, 0]);
    expect(byId(trace, 'c').start).toBe(0);
  });

  it('moves a child on another host that starts before its parent, with its same-host descendants', () => {
    const input: SpanData[] = [
      makeSpan({ spanId: 'p', host: 'h1', start: 10, duration: 100 }), // 10–110
      makeSpan({ spanId: 'c', parentSpanId: 'p', host: 'h2', service: 'backend', start: 0, duration: 30 }), // 0–30
      makeSpan({ spanId: 'd', parentSpanId: 'c', host: 'h2', service: 'backend', start: 5, duration: 20 }), // same host
      makeSpan({ spanId: 'e1', parentSpanId: 'c', host: 'h3', service: 'db', start: 2, duration: 10 }), // before moved c
      makeSpan({ spanId: 'e2', parentSpanId: 'c', host: 'h3', service: 'db', start: 20, duration: 10 }), // inside moved c
    ];
    const trace = buildTrace(input);
    const adjusted = adjustClockSkew(trace);

    expect(adjusted).not.toBe(trace);
    expect(adjusted.skewAdjusted).toBe(true);
    // c +10 ms → 10–40; d with it → 15–35; e1 against the moved c: +8 ms → 10–20; e2 fits: 20–30.
    // The earliest start is now 10 ms: offsets are re-based on it.
    expect(layout(adjusted)).toEqual([
      ['p', 0, 0],
      ['c', 0, 10],
      ['e1', 0, 8],
      ['d', 5, 10],
      ['e2', 10, 0],
    ]);
    expectConsistent(adjusted);
    expect(adjusted.startTimeUnixNano).toBe(BASE_TIME_NS + msToNs(10));
    expect(adjusted.endTimeUnixNano).toBe(BASE_TIME_NS + msToNs(110));
    expect(adjusted.summary.startTimeUnixNano).toBe(BASE_TIME_NS + msToNs(10));
    expect(adjusted.summary.duration).toBe(100 * MS);
    expect(adjusted.warnings).toEqual([
      {
        kind: 'clock-skew',
        message: 'Span "op-c" on host h2 started 10 ms before its parent on host h1: shifted by +10 ms.',
        spanIds: ['c'],
      },
      {
        kind: 'clock-skew',
        message: 'Span "op-e1" on host h3 started 8 ms before its parent on host h2: shifted by +8 ms.',
        spanIds: ['e1'],
      },
    ]);
    // Received timestamps stay as imported.
    expect(byId(adjusted, 'c').startTimeUnixNano).toBe(input[1]!.startTimeUnixNano);
    expect(byId(adjusted, 'c').endTimeUnixNano).toBe(input[1]!.endTimeUnixNano);
    expect(byId(adjusted, 'c').duration).toBe(30 * MS);

    // The input trace is untouched.
    expect(trace.skewAdjusted).toBe(false);
    expect(layout(trace)).toEqual([
      ['p', 10, 0],
      ['c', 0, 0],
      ['e1', 2, 0],
      ['d', 5, 0],
      ['e2', 20, 0],
    ]);
    expect(trace.startTimeUnixNano).toBe(BASE_TIME_NS);
    expect(trace.warnings).toEqual([]);

    expect(Object.isFrozen(adjusted)).toBe(true);
    expect(Object.isFrozen(adjusted.spans)).toBe(true);
    expect(adjusted.spans.every((s) => Object.isFrozen(s) && Object.isFrozen(s.children))).toBe(true);
    expect(Object.isFrozen(adjusted.warnings)).toBe(true);
    expect(Object.isFrozen(adjusted.summary)).toBe(true);
  });

  it('pulls back a child that ends after its parent and re-sorts siblings', () => {
    const trace = buildTrace([
      makeSpan({ spanId: 'p', host: 'h1', start: 0, duration: 100 }),
      makeSpan({ spanId: 's', parentSpanId: 'p', host: 'h1', start: 90, duration: 5 }),
      makeSpan({ spanId: 'c', parentSpanId: 'p', host: 'h2', start: 95, duration: 20 }), // 95–115
      makeSpan({ spanId: 'd', parentSpanId: 'c', host: 'h2', start: 100, duration: 10 }),
    ]);
    expect(trace.spans.map((s) => s.spanId)).toEqual(['p', 's', 'c', 'd']);
    const adjusted = adjustClockSkew(trace);
    expect(layout(adjusted)).toEqual([
      ['p', 0, 0],
      ['c', 80, -15],
      ['d', 85, -15],
      ['s', 90, 0],
    ]);
    expectConsistent(adjusted);
    expect(adjusted.spans[0]!.children).toEqual([1, 3]);
    expect(adjusted.spans[2]!.parent).toBe(1);
    expect(adjusted.topLevel).toEqual([{ kind: 'span', span: 0 }]);
    expect(adjusted.endTimeUnixNano).toBe(BASE_TIME_NS + msToNs(100));
    expect(adjusted.summary.duration).toBe(100 * MS);
    expect(adjusted.warnings.map((w) => w.message)).toEqual([
      'Span "op-c" on host h2 ended 15 ms after its parent on host h1: shifted by -15 ms.',
    ]);
  });

  it('aligns the start of a child longer than its parent', () => {
    const trace = buildTrace([
      makeSpan({ spanId: 'p', host: 'h1', start: 0, duration: 10 }),
      makeSpan({ spanId: 'c', parentSpanId: 'p', host: 'h2', start: 5, duration: 20 }),
    ]);
    const adjusted = adjustClockSkew(trace);
    expect(layout(adjusted)).toEqual([
      ['p', 0, 0],
      ['c', 0, -5],
    ]);
    expect(adjusted.warnings.map((w) => w.message)).toEqual([
      'Span "op-c" on host h2 ended 15 ms after its parent on host h1: shifted by -5 ms.',
    ]);
    expect(adjusted.summary.duration).toBe(20 * MS);
  });

  it('never moves a span on the same host as its parent', () => {
    const trace = buildTrace([
      makeSpan({ spanId: 'p', host: 'h1', start: 10, duration: 100 }),
      makeSpan({ spanId: 'c', parentSpanId: 'p', host: 'h1', service: 'other', start: 0, duration: 30 }),
    ]);
    const adjusted = adjustClockSkew(trace);
    expect(adjusted).not.toBe(trace);
    expect(adjusted.skewAdjusted).toBe(true);
    expect(adjusted.spans).toBe(trace.spans);
    expect(adjusted.warnings).toEqual([]);
    expect(adjusted.startTimeUnixNano).toBe(trace.startTimeUnixNano);
    expect(Object.isFrozen(adjusted)).toBe(true);
  });

  it('leaves a child on another host alone when it lies inside its parent', () => {
    const trace = buildTrace([
      makeSpan({ spanId: 'p', host: 'h1', start: 0, duration: 100 }),
      makeSpan({ spanId: 'c', parentSpanId: 'p', host: 'h2', start: 0, duration: 100 }),
      makeSpan({ spanId: 'd', parentSpanId: 'p', host: 'h3', start: 40, duration: 20 }),
    ]);
    const adjusted = adjustClockSkew(trace);
    expect(adjusted.spans).toBe(trace.spans);
    expect(adjusted.spans.map((s) => s.skewShift)).toEqual([0, 0, 0]);
    expect(adjusted.warnings).toEqual([]);
    expect(adjusted.skewAdjusted).toBe(true);
  });

  it('keeps the warnings buildTrace made and adds its own after them', () => {
    const trace = buildTrace([
      makeSpan({ spanId: 'p', parentSpanId: 'gone', host: 'h1', start: 10, duration: 100 }),
      makeSpan({ spanId: 'c', parentSpanId: 'p', host: 'h2', start: 0, duration: 30 }),
    ]);
    const adjusted = adjustClockSkew(trace);
    expect(adjusted.warnings.map((w) => w.kind)).toEqual(['no-root', 'missing-parent', 'clock-skew']);
    expect(adjusted.topLevel).toEqual([{ kind: 'missing-parent', parentSpanId: 'gone', children: [0], start: 0 }]);
  });

  it('falls back to the service name as host', () => {
    const trace = buildTrace([
      makeSpan({ spanId: 'p', service: 'a', start: 10, duration: 100 }),
      makeSpan({ spanId: 'c', parentSpanId: 'p', service: 'b', start: 0, duration: 30 }),
    ]);
    expect(adjustClockSkew(trace).warnings.map((w) => w.message)).toEqual([
      'Span "op-c" on host b started 10 ms before its parent on host a: shifted by +10 ms.',
    ]);
  });

  it('returns an already adjusted trace as it is', () => {
    const trace = buildTrace([
      makeSpan({ spanId: 'p', host: 'h1', start: 10, duration: 100 }),
      makeSpan({ spanId: 'c', parentSpanId: 'p', host: 'h2', start: 0, duration: 30 }),
    ]);
    const once = adjustClockSkew(trace);
    expect(adjustClockSkew(once)).toBe(once);
  });

  it('summarises moves beyond the warning limit in one warning', () => {
    const spans: SpanData[] = [makeSpan({ spanId: 'p', host: 'h1', start: 10, duration: 100 })];
    const n = MAX_SKEW_WARNINGS + 3;
    for (let i = 0; i < n; i++) {
      spans.push(makeSpan({ spanId: `c${i}`, parentSpanId: 'p', host: 'h2', start: 5 + i / 1000, duration: 1 }));
    }
    const adjusted = adjustClockSkew(buildTrace(spans));
    expect(adjusted.warnings.length).toBe(MAX_SKEW_WARNINGS + 1);
    const last = adjusted.warnings[MAX_SKEW_WARNINGS]!;
    expect(last.message).toBe(
      '3 more spans on other hosts than their parents were moved inside them (shifts of +4.9 ms to +4.9 ms), each with its same-host descendants.',
    );
    expect(last.spanIds).toEqual(['c100', 'c101', 'c102']);
  });
});

describe('spanHost', () => {
  const resource = (attributes: Record<string, string>): Resource => ({
    serviceName: 'svc',
    attributes: Object.entries(attributes).map(
      ([key, value]): Attribute => ({ key, value: { type: 'string', value } }),
    ),
    droppedAttributesCount: 0,
    schemaUrl: '',
  });
  const host = (attributes: Record<string, string>) => spanHost({ serviceName: 'svc', resource: resource(attributes) });

  it('prefers host.name, then host.id, k8s.pod.name, service.instance.id, then the service', () => {
    const all = { 'service.instance.id': 'i', 'k8s.pod.name': 'pod', 'host.id': 'id', 'host.name': 'name' };
    expect(host(all)).toBe('name');
    expect(host({ ...all, 'host.name': '' })).toBe('id');
    expect(host({ 'service.instance.id': 'i', 'k8s.pod.name': 'pod', 'host.id': 'id' })).toBe('id');
    expect(host({ 'service.instance.id': 'i', 'k8s.pod.name': 'pod' })).toBe('pod');
    expect(host({ 'service.instance.id': 'i' })).toBe('i');
    expect(host({})).toBe('svc');
  });
});
