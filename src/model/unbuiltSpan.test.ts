import { describe, expect, it } from 'vitest';
import { buildTrace } from './buildTrace';
import { makeSpan } from './testing/makeSpan';
import { unbuiltSpan } from './unbuiltSpan';

// A tree with an orphan, a duplicate ID and an error: every derived field gets a non-default value somewhere.
const data = [
  makeSpan({ spanId: 'a000000000000001', name: 'root', service: 'edge', duration: 100 }),
  makeSpan({ spanId: 'a000000000000002', parentSpanId: 'a000000000000001', name: 'child', service: 'db', start: 10, duration: 50, status: 'error' }),
  makeSpan({ spanId: 'a000000000000002', parentSpanId: 'a000000000000001', name: 'dup', service: 'db', start: 20, duration: 5 }),
  makeSpan({ spanId: 'a000000000000004', parentSpanId: 'ffffffffffffffff', name: 'orphan', service: 'edge', start: 30, duration: 5 }),
];

describe('buildTrace({ adopt: true })', () => {
  it('gives the same trace as copying, with the records themselves as the spans', () => {
    const records = data.map(unbuiltSpan);
    const adopted = buildTrace(records, { adopt: true });
    const copied = buildTrace(data);
    expect(adopted.spans).toEqual(copied.spans);
    expect(adopted.topLevel).toEqual(copied.topLevel);
    expect(adopted.warnings).toEqual(copied.warnings);
    expect(adopted.summary).toEqual(copied.summary);
    expect(new Set(adopted.spans)).toEqual(new Set(records));
    expect(adopted.spans.every((s) => Object.isFrozen(s))).toBe(true);
  });

  it('copies records that were already built (frozen), so a second build cannot rewrite the first', () => {
    const records = data.map(unbuiltSpan);
    const first = buildTrace(records, { adopt: true });
    const second = buildTrace(records.slice(1), { adopt: true });
    expect(first.spans.map((s) => s.index)).toEqual([0, 1, 2, 3]);
    expect(second.spans).toHaveLength(3);
    expect(second.spans.some((s) => records.includes(s as (typeof records)[number]))).toBe(false);
  });

  it('copies plain SpanData even when asked to adopt', () => {
    const trace = buildTrace(data, { adopt: true });
    expect(trace.spans.some((s) => (data as readonly object[]).includes(s))).toBe(false);
  });
});
