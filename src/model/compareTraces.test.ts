import { describe, expect, it } from 'vitest';
import { buildTrace } from './buildTrace';
import { classify, compareTraces } from './compareTraces';
import { makeSpan } from './testing/makeSpan';

const A = buildTrace([
  makeSpan({ spanId: 'r', service: 'gw', name: 'GET /', duration: 100 }),
  makeSpan({ spanId: 'a', parentSpanId: 'r', service: 'api', name: 'load', start: 1, duration: 50 }),
  makeSpan({ spanId: 'q1', parentSpanId: 'a', service: 'db', name: 'SELECT', start: 2, duration: 5 }),
  makeSpan({ spanId: 'c', parentSpanId: 'r', service: 'cache', name: 'get', start: 60, duration: 2 }),
]);

const B = buildTrace([
  makeSpan({ spanId: 'R', service: 'gw', name: 'GET /', duration: 200 }),
  makeSpan({ spanId: 'A', parentSpanId: 'R', service: 'api', name: 'load', start: 1, duration: 150 }),
  makeSpan({ spanId: 'Q1', parentSpanId: 'A', service: 'db', name: 'SELECT', start: 2, duration: 5 }),
  makeSpan({ spanId: 'Q2', parentSpanId: 'A', service: 'db', name: 'SELECT', start: 8, duration: 5 }),
  makeSpan({ spanId: 'N', parentSpanId: 'R', service: 'mail', name: 'send', start: 160, duration: 30, status: 'error' }),
]);

describe('compareTraces', () => {
  const result = compareTraces(A, B);
  const byKey = new Map(result.nodes.map((n) => [n.key, n]));

  it('aligns spans by their service:name path and builds a merged tree', () => {
    expect(result.roots.map((r) => r.key)).toEqual(['gw:GET /']);
    expect(result.roots[0]!.children.map((c) => c.key)).toEqual(['gw:GET / > api:load', 'gw:GET / > cache:get', 'gw:GET / > mail:send']);
    expect(result.nodes.map((n) => n.depth)).toEqual([0, 1, 2, 1, 1]);
  });

  it('classifies added, removed, slower and same paths', () => {
    expect(byKey.get('gw:GET /')!.status).toBe('slower');
    expect(byKey.get('gw:GET / > api:load')!.status).toBe('slower');
    expect(byKey.get('gw:GET / > cache:get')!.status).toBe('removed');
    expect(byKey.get('gw:GET / > mail:send')!.status).toBe('added');
    expect(byKey.get('gw:GET / > mail:send')!.b!.errorCount).toBe(1);
    expect(result.summary).toMatchObject({ added: 1, removed: 1, slower: 3, faster: 0, same: 0 });
  });

  it('counts occurrences: one SELECT in A, two in B is slower by the second call', () => {
    const select = byKey.get('gw:GET / > api:load > db:SELECT')!;
    expect(select.a).toMatchObject({ count: 1, totalNs: 5_000_000, spanIds: ['q1'] });
    expect(select.b).toMatchObject({ count: 2, totalNs: 10_000_000, spanIds: ['Q1', 'Q2'] });
    expect(select.deltaNs).toBe(5_000_000);
  });

  it('reports the trace durations and finds a trace equal to itself', () => {
    expect(result.summary.durationA).toBe(100_000_000);
    expect(result.summary.durationB).toBe(200_000_000);
    const self = compareTraces(A, A);
    expect(self.nodes.every((n) => n.status === 'same' && n.deltaNs === 0)).toBe(true);
  });

  it('treats orphans as the top of their own path', () => {
    const orphaned = buildTrace([
      makeSpan({ spanId: 'o', parentSpanId: 'gone', service: 'api', name: 'load', duration: 10 }),
      makeSpan({ spanId: 'k', parentSpanId: 'o', service: 'db', name: 'SELECT', duration: 1 }),
    ]);
    const r = compareTraces(orphaned, orphaned);
    expect(r.nodes.map((n) => n.key)).toEqual(['api:load', 'api:load > db:SELECT']);
  });
});

describe('classify', () => {
  const s = (ms: number) => ({ count: 1, totalNs: ms * 1e6, spanIds: ['x'], errorCount: 0 });
  it('ignores jitter below 10 % or 100 µs', () => {
    expect(classify(s(100), s(109))).toBe('same');
    expect(classify(s(0.05), s(0.12))).toBe('same');
    expect(classify(s(100), s(120))).toBe('slower');
    expect(classify(s(120), s(100))).toBe('faster');
    expect(classify(s(1), s(1), { minRelative: 0, minDeltaNs: 0 })).toBe('same');
  });
  it('names one-sided paths', () => {
    expect(classify(null, s(1))).toBe('added');
    expect(classify(s(1), null)).toBe('removed');
  });
});
