import { describe, expect, it } from 'vitest';
import { buildTrace, buildTraces, groupByTrace } from './buildTrace';
import { BASE_TIME_NS, TEST_TRACE_ID, makeSpan } from './testing/makeSpan';
import { indexSpanIds, usesHexTable } from './spanIdIndex';
import type { SpanData, Trace } from './types';

const MS = 1_000_000; // ns

const ids = (trace: Trace): string[] => trace.spans.map((s) => s.spanId);
const byId = (trace: Trace, id: string) => {
  const span = trace.spans.find((s) => s.spanId === id);
  if (span === undefined) throw new Error(`no span ${id}`);
  return span;
};
const idsOf = (trace: Trace, indices: readonly number[]): string[] =>
  indices.map((i) => trace.spans[i]?.spanId ?? `#${i}`);

/** Every input span appears exactly once, and index/parent/children/depth agree. */
function expectConsistent(trace: Trace, input: readonly SpanData[]): void {
  expect(trace.spans.length).toBe(input.length);
  expect(new Set(trace.spans).size).toBe(input.length);
  trace.spans.forEach((span, i) => {
    expect(span.index).toBe(i);
    if (span.parent === -1) {
      expect(span.depth).toBe(0);
    } else {
      const parent = trace.spans[span.parent];
      expect(parent?.children).toContain(i);
      expect(span.depth).toBe((parent?.depth ?? NaN) + 1);
      expect(span.parent).toBeLessThan(i);
    }
    for (const c of span.children) expect(trace.spans[c]?.parent).toBe(i);
  });
}

describe('buildTrace: tree shape', () => {
  it('links children to their root, sorted by start, in depth-first order', () => {
    const input = [
      makeSpan({ spanId: 'c', parentSpanId: 'r', start: 5, duration: 1 }),
      makeSpan({ spanId: 'r', start: 0, duration: 10 }),
      makeSpan({ spanId: 'b1', parentSpanId: 'b', start: 3.5, duration: 0.5 }),
      makeSpan({ spanId: 'b', parentSpanId: 'r', start: 3, duration: 2 }),
      makeSpan({ spanId: 'a', parentSpanId: 'r', start: 1, duration: 1 }),
      makeSpan({ spanId: 'a2', parentSpanId: 'r', start: 1, duration: 4 }), // tie with a: input order
    ];
    const trace = buildTrace(input);
    expect(ids(trace)).toEqual(['r', 'a', 'a2', 'b', 'b1', 'c']);
    expect(trace.spans.map((s) => s.parent)).toEqual([-1, 0, 0, 0, 3, 0]);
    expect(trace.spans.map((s) => s.depth)).toEqual([0, 1, 1, 1, 2, 1]);
    expect(trace.spans[0]?.children).toEqual([1, 2, 3, 5]);
    expect(trace.spans[3]?.children).toEqual([4]);
    expect(trace.spans.map((s) => s.start)).toEqual([0, 1 * MS, 1 * MS, 3 * MS, 3.5 * MS, 5 * MS]);
    expect(trace.spans.map((s) => s.duration)).toEqual([10 * MS, 1 * MS, 4 * MS, 2 * MS, 0.5 * MS, 1 * MS]);
    expect(trace.topLevel).toEqual([{ kind: 'span', span: 0 }]);
    expect(trace.warnings).toEqual([]);
    expect(trace.skewAdjusted).toBe(false);
    for (const span of trace.spans) {
      expect(span.skewShift).toBe(0);
      expect(span.isOrphan || span.isDuplicate || span.cycleBroken).toBe(false);
    }
    expectConsistent(trace, input);
  });

  it('copies every SpanData field and derives serviceName and isError', () => {
    const data = makeSpan({
      spanId: 'r',
      service: 'checkout',
      host: 'node-1',
      status: { code: 'error', message: 'boom' },
      attributes: { 'http.status_code': 500 },
    });
    const span = buildTrace([data]).spans[0];
    for (const key of Object.keys(data) as (keyof SpanData)[]) expect(span?.[key]).toBe(data[key]);
    expect(span?.serviceName).toBe('checkout');
    expect(span?.isError).toBe(true);
    expect(span?.resource.attributes).toEqual([
      { key: 'service.name', value: { type: 'string', value: 'checkout' } },
      { key: 'host.name', value: { type: 'string', value: 'node-1' } },
    ]);
    // One shape for all spans: SpanData fields, then the derived ones, in this order.
    expect(Object.keys(span ?? {})).toEqual([
      ...Object.keys(data),
      'index',
      'serviceName',
      'start',
      'duration',
      'parent',
      'children',
      'depth',
      'isOrphan',
      'isDuplicate',
      'cycleBroken',
      'skewShift',
      'isError',
    ]);
  });

  it('keeps several roots, sorted by start', () => {
    const input = [
      makeSpan({ spanId: 'late', start: 5 }),
      makeSpan({ spanId: 'late.child', parentSpanId: 'late', start: 6 }),
      makeSpan({ spanId: 'early', start: 2, service: 'batch' }),
    ];
    const trace = buildTrace(input);
    expect(ids(trace)).toEqual(['early', 'late', 'late.child']);
    expect(trace.topLevel).toEqual([
      { kind: 'span', span: 0 },
      { kind: 'span', span: 1 },
    ]);
    expect(trace.summary.rootName).toBe('op-early');
    expect(trace.summary.rootService).toBe('batch');
    expect(trace.summary.hasRoot).toBe(true);
    expect(trace.warnings).toEqual([]);
    expectConsistent(trace, input);
  });
});

describe('buildTrace: orphans', () => {
  const input = [
    makeSpan({ spanId: 'r', start: 0, duration: 10 }),
    makeSpan({ spanId: 'x', parentSpanId: 'm1', start: 4 }),
    makeSpan({ spanId: 'x.child', parentSpanId: 'x', start: 4.5 }),
    makeSpan({ spanId: 'z', parentSpanId: 'm2', start: 3 }),
    makeSpan({ spanId: 'y', parentSpanId: 'm1', start: 2 }),
  ];
  const trace = buildTrace(input);

  it('groups orphans per missing parent under placeholders sorted with the roots', () => {
    expect(ids(trace)).toEqual(['r', 'y', 'x', 'x.child', 'z']);
    expect(trace.topLevel).toEqual([
      { kind: 'span', span: 0 },
      { kind: 'missing-parent', parentSpanId: 'm1', children: [1, 2], start: 2 * MS },
      { kind: 'missing-parent', parentSpanId: 'm2', children: [4], start: 3 * MS },
    ]);
    for (const id of ['x', 'y', 'z']) {
      expect(byId(trace, id)).toMatchObject({ isOrphan: true, parent: -1, depth: 0 });
    }
    expect(byId(trace, 'x.child')).toMatchObject({ isOrphan: false, parent: 2, depth: 1 });
    expect(trace.summary.orphanCount).toBe(3);
    expectConsistent(trace, input);
  });

  it('warns once, counting spans and missing parents', () => {
    expect(trace.warnings).toEqual([
      {
        kind: 'missing-parent',
        message:
          '3 spans name a parent that is not in this trace (2 missing span IDs); they are shown under a “missing parent” placeholder.',
        spanIds: ['x', 'z', 'y'],
      },
    ]);
  });

  it('words a single orphan in the singular, and warns of no root when there is none', () => {
    const lone = buildTrace([
      makeSpan({ spanId: 'o', parentSpanId: 'gone', start: 1, service: 'api' }),
      makeSpan({ spanId: 'o.child', parentSpanId: 'o', start: 2 }),
    ]);
    expect(lone.warnings).toEqual([
      {
        kind: 'no-root',
        message: 'No root span: the trace is incomplete or its root has not arrived yet.',
        spanIds: [],
      },
      {
        kind: 'missing-parent',
        message:
          '1 span names a parent that is not in this trace (1 missing span ID); it is shown under a “missing parent” placeholder.',
        spanIds: ['o'],
      },
    ]);
    expect(lone.topLevel).toEqual([{ kind: 'missing-parent', parentSpanId: 'gone', children: [0], start: 0 }]);
    expect(lone.summary).toMatchObject({ hasRoot: false, rootName: 'op-o', rootService: 'api', depth: 2 });
  });
});

describe('buildTrace: duplicate span IDs', () => {
  it('keeps every duplicate, flags them, and attaches children to the first occurrence', () => {
    const input = [
      makeSpan({ spanId: 'r', duration: 10 }),
      makeSpan({ spanId: 'd', parentSpanId: 'r', start: 3, name: 'first d' }),
      makeSpan({ spanId: 'd', parentSpanId: 'r', start: 1, name: 'second d' }),
      makeSpan({ spanId: 'e', parentSpanId: 'd', start: 4 }),
      makeSpan({ spanId: 'd', parentSpanId: 'r', start: 5, name: 'third d' }),
    ];
    const trace = buildTrace(input);
    expect(trace.spans.map((s) => s.name)).toEqual(['op-r', 'second d', 'first d', 'op-e', 'third d']);
    expect(trace.spans.map((s) => s.isDuplicate)).toEqual([false, true, true, false, true]);
    expect(byId(trace, 'e').parent).toBe(2); // 'first d'
    expect(trace.spans[1]?.children).toEqual([]);
    expect(trace.warnings).toEqual([
      {
        kind: 'duplicate-span-id',
        message: 'Span ID d is used by 3 spans; all are shown, and children naming it are attached to the first one.',
        spanIds: ['d'],
      },
    ]);
    expectConsistent(trace, input);
  });

  it('lists several duplicated IDs in one warning', () => {
    const trace = buildTrace([
      makeSpan({ spanId: 'r' }),
      makeSpan({ spanId: 'q', parentSpanId: 'r' }),
      makeSpan({ spanId: 'p', parentSpanId: 'r' }),
      makeSpan({ spanId: 'p', parentSpanId: 'r' }),
      makeSpan({ spanId: 'q', parentSpanId: 'r' }),
    ]);
    expect(trace.warnings).toEqual([
      {
        kind: 'duplicate-span-id',
        message:
          '2 span IDs are each used by more than one span (4 spans in all); all are shown, and children naming such an ID are attached to its first occurrence.',
        spanIds: ['p', 'q'],
      },
    ]);
  });
});

describe('buildTrace: cycles', () => {
  it('breaks a 2-cycle and a self-parent at their earliest span, keeping every span once', () => {
    const input = [
      makeSpan({ spanId: 'r', start: 0 }),
      makeSpan({ spanId: 'a', parentSpanId: 'b', start: 2 }),
      makeSpan({ spanId: 'a.child', parentSpanId: 'a', start: 3 }),
      makeSpan({ spanId: 'b', parentSpanId: 'a', start: 1 }),
      makeSpan({ spanId: 's', parentSpanId: 's', start: 0.5 }),
    ];
    const trace = buildTrace(input);
    expect(ids(trace)).toEqual(['r', 's', 'b', 'a', 'a.child']);
    expect(trace.topLevel).toEqual([
      { kind: 'span', span: 0 },
      { kind: 'span', span: 1 },
      { kind: 'span', span: 2 },
    ]);
    expect(trace.spans.map((s) => s.cycleBroken)).toEqual([false, true, true, false, false]);
    expect(trace.spans.map((s) => s.parent)).toEqual([-1, -1, -1, 2, 3]);
    expect(trace.spans.map((s) => s.depth)).toEqual([0, 0, 0, 1, 2]);
    expect(trace.spans.map((s) => s.isOrphan)).toEqual([false, false, false, false, false]);
    expect(trace.warnings).toEqual([
      {
        kind: 'cycle',
        message:
          '2 spans name each other as parents in a cycle; it was cut at the earliest-starting one (b), which is shown at the top level.',
        spanIds: ['b', 'a'],
      },
      {
        kind: 'cycle',
        message: 'Span s names itself as its parent; it is shown at the top level.',
        spanIds: ['s'],
      },
    ]);
    expect(trace.summary.rootName).toBe('op-r');
    expectConsistent(trace, input);
  });

  it('breaks a longer cycle with no root, listing its spans in tree order', () => {
    const input = [
      makeSpan({ spanId: 'x', parentSpanId: 'z', start: 7 }),
      makeSpan({ spanId: 'y', parentSpanId: 'x', start: 5 }),
      makeSpan({ spanId: 'z', parentSpanId: 'y', start: 9 }),
      makeSpan({ spanId: 'w', parentSpanId: 'y', start: 6 }),
    ];
    const trace = buildTrace(input);
    // Cut at y (earliest): y → z → x, and w under y.
    expect(ids(trace)).toEqual(['y', 'w', 'z', 'x']);
    expect(trace.warnings.map((w) => [w.kind, w.spanIds])).toEqual([
      ['no-root', []],
      ['cycle', ['y', 'z', 'x']],
    ]);
    expect(trace.summary).toMatchObject({ hasRoot: false, rootName: 'op-y', depth: 3 });
    expectConsistent(trace, input);
  });

  it('treats a duplicate that names its own ID as a cycle of one', () => {
    const trace = buildTrace([makeSpan({ spanId: 'r' }), makeSpan({ spanId: 'r', parentSpanId: 'r', start: 1 })]);
    expect(trace.spans.map((s) => [s.parent, s.cycleBroken, s.isDuplicate])).toEqual([
      [-1, false, true],
      [-1, true, true],
    ]);
    expect(trace.warnings.map((w) => w.kind)).toEqual(['duplicate-span-id', 'cycle']);
  });

  it('copes with 150k separate cycles (one warning each)', () => {
    const n = 150_000;
    const trace = buildTrace(Array.from({ length: n }, (_, i) => makeSpan({ spanId: `s${i}`, parentSpanId: `s${i}` })));
    expect(trace.spans).toHaveLength(n);
    expect(trace.topLevel).toHaveLength(n);
    expect(trace.warnings).toHaveLength(n + 1); // + no-root
    expect(trace.warnings[n]).toEqual({
      kind: 'cycle',
      message: `Span s${n - 1} names itself as its parent; it is shown at the top level.`,
      spanIds: [`s${n - 1}`],
    });
  });

  it('handles a 100k-span cycle without recursion', () => {
    const n = 100_000;
    const input = Array.from({ length: n }, (_, i) =>
      makeSpan({ spanId: `s${i}`, parentSpanId: `s${(i + 1) % n}`, start: (n - i) / 1000 }),
    );
    const trace = buildTrace(input);
    // Earliest is s99999; its parent s0 was cut, so the chain runs s99999 → s99998 → … → s0.
    expect(trace.spans[0]?.spanId).toBe('s99999');
    expect(trace.spans[n - 1]?.spanId).toBe('s0');
    expect(trace.summary.depth).toBe(n);
    expect(trace.warnings.find((w) => w.kind === 'cycle')?.spanIds).toHaveLength(n);
  });
});

describe('buildTrace: scale', () => {
  it('builds a 100k-deep chain (input in reverse order) without overflowing the stack', () => {
    const n = 100_000;
    const input: SpanData[] = [];
    for (let i = n - 1; i >= 0; i--) {
      input.push(makeSpan({ spanId: `s${i}`, parentSpanId: i === 0 ? '' : `s${i - 1}`, start: i / 1000 }));
    }
    const trace = buildTrace(input);
    expect(trace.summary.depth).toBe(100_000);
    expect(trace.spans[n - 1]).toMatchObject({ spanId: 's99999', depth: 99_999, parent: n - 2 });
    expect(trace.spans[0]?.children).toEqual([1]);
    expect(trace.warnings).toEqual([]);
  });
});

describe('buildTrace: times', () => {
  it('clamps negative durations to 0 and warns', () => {
    const input = [
      makeSpan({ spanId: 'r', duration: 5 }),
      makeSpan({ spanId: 'neg', parentSpanId: 'r', start: 8, duration: -2 }),
    ];
    const trace = buildTrace(input);
    expect(byId(trace, 'neg').duration).toBe(0);
    expect(byId(trace, 'neg').start).toBe(8 * MS);
    expect(trace.warnings).toEqual([
      {
        kind: 'negative-duration',
        message: '1 span ends before it starts; it is drawn with zero duration.',
        spanIds: ['neg'],
      },
    ]);
    // A clamped span ends at its start, which here is the end of the trace.
    expect(trace.endTimeUnixNano).toBe(BASE_TIME_NS + 8_000_000n);
    expect(trace.summary.duration).toBe(8 * MS);
  });

  it('keeps exact nanosecond offsets for timestamps beyond 2^53', () => {
    const at = (spanId: string, parentSpanId: string, start: bigint, end: bigint): SpanData => ({
      ...makeSpan({ spanId, parentSpanId }),
      startTimeUnixNano: start,
      endTimeUnixNano: end,
    });
    // Number(1700000000000000001n) === Number(1700000000000000000n): offsets must come from bigints.
    const trace = buildTrace([
      at('child', 'root', 1_700_000_000_000_000_001n, 1_700_000_000_000_000_004n),
      at('root', '', 1_700_000_000_000_000_000n, 1_700_000_000_000_000_007n),
    ]);
    expect(trace.spans.map((s) => [s.spanId, s.start, s.duration])).toEqual([
      ['root', 0, 7],
      ['child', 1, 3],
    ]);
    expect(trace.startTimeUnixNano).toBe(1_700_000_000_000_000_000n);
    expect(trace.endTimeUnixNano).toBe(1_700_000_000_000_000_007n);
    expect(trace.summary.duration).toBe(7);
  });
});

describe('buildTrace: summary and warnings', () => {
  it('summarises the trace', () => {
    const input = [
      makeSpan({ spanId: 'db', parentSpanId: 'api', start: 2, duration: 3, service: 'db', status: 'error' }),
      makeSpan({ spanId: 'root', start: 1, duration: 10, service: 'frontend', name: 'GET /checkout' }),
      makeSpan({ spanId: 'api', parentSpanId: 'root', start: 1.5, duration: 6, service: 'api', status: 'ok' }),
      makeSpan({ spanId: 'orphan', parentSpanId: 'nope', start: 12, duration: 1, service: 'api', status: 'error' }),
    ];
    const trace = buildTrace(input);
    expect(trace.summary).toEqual({
      traceId: TEST_TRACE_ID,
      spanCount: 4,
      services: ['api', 'db', 'frontend'],
      hasRoot: true,
      rootService: 'frontend',
      rootName: 'GET /checkout',
      startTimeUnixNano: BASE_TIME_NS + 1_000_000n,
      duration: 12 * MS,
      errorCount: 2,
      orphanCount: 1,
      depth: 3,
    });
    expect(trace.traceId).toBe(TEST_TRACE_ID);
    expect(trace.startTimeUnixNano).toBe(BASE_TIME_NS + 1_000_000n);
    expect(trace.endTimeUnixNano).toBe(BASE_TIME_NS + 13_000_000n);
    expect(trace.spans.map((s) => s.isError)).toEqual([false, false, true, true]);
  });

  it('uses the first span’s trace ID when spans disagree', () => {
    const other = 'ffffffffffffffffffffffffffffffff';
    const trace = buildTrace([
      makeSpan({ spanId: 'r' }),
      makeSpan({ spanId: 'c', parentSpanId: 'r', traceId: other }),
    ]);
    expect(trace.traceId).toBe(TEST_TRACE_ID);
    expect(trace.spans).toHaveLength(2);
    expect(trace.warnings).toEqual([
      {
        kind: 'mixed-trace-ids',
        message: `1 span belongs to 1 other trace; it is shown in trace ${TEST_TRACE_ID}.`,
        spanIds: ['c'],
      },
    ]);
  });

  it('builds an empty trace from no spans', () => {
    const trace = buildTrace([]);
    expect(trace.spans).toEqual([]);
    expect(trace.topLevel).toEqual([]);
    expect(trace.warnings).toEqual([]);
    expect(trace.summary).toMatchObject({ spanCount: 0, depth: 0, duration: 0, hasRoot: false, rootName: '' });
  });
});

describe('buildTrace: frozen result', () => {
  const trace = buildTrace([
    makeSpan({ spanId: 'r' }),
    makeSpan({ spanId: 'c', parentSpanId: 'r' }),
    makeSpan({ spanId: 'o', parentSpanId: 'gone' }),
  ]);
  const mutable = <T>(value: T) => value as unknown as Record<string, unknown> & unknown[];

  it('throws on mutation (strict mode)', () => {
    expect(() => {
      mutable(trace).traceId = 'x';
    }).toThrow(TypeError);
    expect(() => mutable(trace.spans).push({})).toThrow(TypeError);
    expect(() => {
      mutable(trace.spans[0]).name = 'x';
    }).toThrow(TypeError);
    expect(() => mutable(trace.spans[0]?.children).push(9)).toThrow(TypeError);
    expect(() => mutable(trace.spans[1]?.children).push(9)).toThrow(TypeError); // shared empty array
    expect(() => mutable(trace.topLevel).pop()).toThrow(TypeError);
    const group = trace.topLevel[1];
    if (group?.kind !== 'missing-parent') throw new Error('expected a missing-parent group');
    expect(() => mutable(group.children).pop()).toThrow(TypeError);
    expect(() => {
      mutable(group).start = 1;
    }).toThrow(TypeError);
    expect(() => {
      mutable(trace.summary).spanCount = 0;
    }).toThrow(TypeError);
    expect(() => mutable(trace.summary.services).push('x')).toThrow(TypeError);
    expect(() => mutable(trace.warnings).pop()).toThrow(TypeError);
    expect(() => mutable(trace.warnings[0]?.spanIds).pop()).toThrow(TypeError);
    expect(Object.isFrozen(trace.warnings[0])).toBe(true);
    expect(trace.spans[0]?.name).toBe('op-r');
  });
});

describe('groupByTrace / buildTraces', () => {
  const t1 = '11111111111111111111111111111111';
  const t2 = '22222222222222222222222222222222';
  const input = [
    makeSpan({ spanId: 'a', traceId: t1, start: 10 }),
    makeSpan({ spanId: 'b', traceId: t2, start: 3 }),
    makeSpan({ spanId: 'a.1', parentSpanId: 'a', traceId: t1, start: 11 }),
    makeSpan({ spanId: 'b.1', parentSpanId: 'b', traceId: t2, start: 4 }),
  ];

  it('groups by trace ID in order of first appearance', () => {
    const groups = groupByTrace(input);
    expect([...groups.keys()]).toEqual([t1, t2]);
    expect(groups.get(t1)?.map((s) => s.spanId)).toEqual(['a', 'a.1']);
    expect(groups.get(t2)?.map((s) => s.spanId)).toEqual(['b', 'b.1']);
  });

  it('builds each trace and sorts them by start time', () => {
    const traces = buildTraces(input);
    expect(traces.map((t) => [t.traceId, ids(t)])).toEqual([
      [t2, ['b', 'b.1']],
      [t1, ['a', 'a.1']],
    ]);
    expect(traces.every((t) => t.warnings.length === 0)).toBe(true);
    expect(idsOf(traces[0] as Trace, traces[0]?.spans[0]?.children ?? [])).toEqual(['b.1']);
  });
});

describe('buildTrace: hex span IDs (fast index) and other IDs (Map) agree', () => {
  /** Deterministic PRNG (mulberry32). */
  function rng(seed: number): () => number {
    let a = seed;
    return () => {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  /** A messy trace: roots, children, orphans, duplicates, self-parents and cycles. */
  function messy(seed: number, n: number): SpanData[] {
    const rnd = rng(seed);
    const id = (k: number) => (k * 0x9e3779b1 >>> 0).toString(16).padStart(16, '0');
    const spans: SpanData[] = [];
    for (let i = 0; i < n; i++) {
      const r = rnd();
      const own = rnd() < 0.05 && i > 0 ? id(Math.floor(rnd() * i)) : id(i); // duplicates
      const parent =
        r < 0.05 ? '' : r < 0.1 ? id(n + Math.floor(rnd() * 5)) : r < 0.12 ? own : id(Math.floor(rnd() * n));
      spans.push(makeSpan({ spanId: own, parentSpanId: parent, start: Math.floor(rnd() * 50), duration: rnd() * 10 - 1 }));
    }
    return spans;
  }

  const shape = (trace: Trace) => {
    return {
      order: trace.spans.map((s) => s.name),
      derived: trace.spans.map((s) => [s.parent, s.depth, s.children, s.isOrphan, s.isDuplicate, s.cycleBroken]),
      topLevel: trace.topLevel.map((t) => (t.kind === 'span' ? t : { ...t, parentSpanId: t.parentSpanId.replace(/^x/, '') })),
      warnings: trace.warnings.map((w) => [w.kind, w.message.replace(/\bx([0-9a-f]{16})\b/g, '$1'), w.spanIds.map((i) => i.replace(/^x/, ''))]),
    };
  };

  for (const seed of [1, 2, 3, 4, 5]) {
    it(`builds the same tree either way (seed ${seed})`, () => {
      const hexSpans = messy(seed, 400).map((s, i) => ({ ...s, name: `s${i}` }));
      const otherSpans = hexSpans.map((s) => ({
        ...s,
        spanId: `x${s.spanId}`,
        parentSpanId: s.parentSpanId === '' ? '' : `x${s.parentSpanId}`,
      }));
      expect(usesHexTable(indexSpanIds(hexSpans, new Int32Array(hexSpans.length)))).toBe(true);
      expect(usesHexTable(indexSpanIds(otherSpans, new Int32Array(otherSpans.length)))).toBe(false);
      const a = buildTrace(hexSpans);
      const b = buildTrace(otherSpans);
      expectConsistent(a, hexSpans);
      expect(a.warnings.map((w) => w.kind)).toEqual(
        expect.arrayContaining(['missing-parent', 'duplicate-span-id', 'cycle', 'negative-duration']),
      );
      expect(shape(a)).toEqual(shape(b));
    });
  }
});
