import { describe, expect, it } from 'vitest';
import { buildTrace } from '../../src/model/buildTrace';
import { bigTraceBatches, bigTraceId, parentOf } from './bigTrace';

describe('bigTraceBatches', () => {
  it('generates one well-formed tree of the requested size', () => {
    const spans = [...bigTraceBatches(1000, 7, Date.now(), 300)].flat();
    expect(spans).toHaveLength(1000);
    const trace = buildTrace(spans);
    expect(trace.traceId).toBe(bigTraceId(7));
    expect(trace.warnings.filter((w) => w.kind !== 'clock-skew')).toEqual([]);
    expect(trace.topLevel).toHaveLength(1);
    expect(trace.summary.depth).toBe(5);
    // Children start inside their parent.
    for (const span of trace.spans) {
      if (span.parent < 0) continue;
      const parent = trace.spans[span.parent]!;
      expect(span.start).toBeGreaterThanOrEqual(parent.start);
      expect(span.start + span.duration).toBeLessThanOrEqual(parent.start + parent.duration);
    }
  });

  it('shapes the tree with a fixed fan-out', () => {
    expect(parentOf(0)).toBe(-1);
    expect(parentOf(1)).toBe(0);
    expect(parentOf(8)).toBe(0);
    expect(parentOf(9)).toBe(1);
  });
});
