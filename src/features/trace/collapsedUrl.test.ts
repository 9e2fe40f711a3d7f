import { describe, expect, it } from 'vitest';
import { buildTrace } from '../../model/buildTrace';
import { makeSpan } from '../../model/testing/makeSpan';
import { collapsedFromTokens, collapsibleKeys, tokensFromCollapsed } from './collapsedUrl';

const id = (n: number) => n.toString(16).padStart(16, '0');
// A root with 6 children, each with one child, and an orphan under a missing parent.
const trace = buildTrace([
  makeSpan({ spanId: id(1), duration: 100 }),
  ...[2, 3, 4, 5, 6, 7].flatMap((n) => [
    makeSpan({ spanId: id(n), parentSpanId: id(1), start: n }),
    makeSpan({ spanId: id(n * 16), parentSpanId: id(n), start: n }),
  ]),
  makeSpan({ spanId: id(999), parentSpanId: id(998), start: 1 }),
]);
const index = (n: number) => trace.spans.findIndex((s) => s.spanId === id(n));

describe('collapsed rows in the URL', () => {
  it('lists the collapsible rows: parents and missing-parent groups', () => {
    expect(collapsibleKeys(trace)).toHaveLength(8);
    expect(collapsibleKeys(trace)).toContain(`mp:${id(998)}`);
  });

  it('lists a few collapsed rows by span ID and reads them back', () => {
    const set = new Set([index(3), `mp:${id(998)}` as const]);
    const tokens = tokensFromCollapsed(trace, set);
    expect(tokens).toEqual([id(3), `mp:${id(998)}`]);
    expect(collapsedFromTokens(trace, tokens)).toEqual(set);
  });

  it('writes all,-<exceptions> when most rows are collapsed', () => {
    const set = new Set(collapsibleKeys(trace));
    set.delete(index(5));
    const tokens = tokensFromCollapsed(trace, set);
    expect(tokens).toEqual(['all', `-${id(5)}`]);
    expect(collapsedFromTokens(trace, tokens)).toEqual(set);
  });

  it('ignores IDs that are not in the trace', () => {
    expect(collapsedFromTokens(trace, [id(12345)]).size).toBe(0);
  });
});
