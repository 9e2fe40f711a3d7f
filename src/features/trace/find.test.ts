import { describe, expect, it } from 'vitest';
import { buildTrace } from '../../model/buildTrace';
import { makeSpan } from '../../model/testing/makeSpan';
import type { Span, Trace } from '../../model/types';
import { attributeValueText, findMatches, kthSmallest, findTerms, stepMatch, suggestSlowThresholdMs } from './find';
import { NO_FILTERS } from './urlState';

const trace = buildTrace([
  makeSpan({ spanId: 'aaaaaaaaaaaaaaa1', name: 'POST /checkout', service: 'edge', duration: 245, attributes: { 'http.route': '/checkout', 'user.tier': 'gold' } }),
  makeSpan({ spanId: 'aaaaaaaaaaaaaaa2', parentSpanId: 'aaaaaaaaaaaaaaa1', name: 'place-order', service: 'checkout', start: 20, duration: 200, attributes: { 'order.items': 3, 'order.total': 129.5 } }),
  makeSpan({ spanId: 'aaaaaaaaaaaaaaa3', parentSpanId: 'aaaaaaaaaaaaaaa2', name: 'charge-card', service: 'payment', start: 40, duration: 150, status: { code: 'error', message: 'Card declined' } }),
  makeSpan({ spanId: 'aaaaaaaaaaaaaaa4', parentSpanId: 'aaaaaaaaaaaaaaa2', name: 'SELECT orders', service: 'checkout', start: 25, duration: 9, attributes: { 'db.cached': false }, host: 'db-host-7' }),
]);

const idx = (spanId: string) => trace.spans.findIndex((s) => s.spanId === spanId);
const find = (text: string, filters = NO_FILTERS, critical: ReadonlySet<number> | null = null) =>
  findMatches(trace, { text, filters, critical })?.map((i) => trace.spans[i]!.name) ?? null;

describe('findMatches', () => {
  it('is null when nothing is searched', () => {
    expect(find('')).toBeNull();
    expect(find('   ')).toBeNull();
  });

  it('matches names and services, case-insensitively, in display order', () => {
    expect(find('CHECKOUT')).toEqual(['POST /checkout', 'place-order', 'SELECT orders']);
    expect(find('payment')).toEqual(['charge-card']);
  });

  it('matches attribute keys and values of every type, and key=value', () => {
    expect(find('gold')).toEqual(['POST /checkout']);
    expect(find('order.items=3')).toEqual(['place-order']);
    expect(find('129.5')).toEqual(['place-order']);
    expect(find('db.cached=false')).toEqual(['SELECT orders']);
    expect(find('user.tier')).toEqual(['POST /checkout']);
  });

  it('matches span IDs, status messages and resource attributes', () => {
    expect(find('aaaaaaaaaaaaaaa3')).toEqual(['charge-card']);
    expect(find('declined')).toEqual(['charge-card']);
    expect(find('db-host-7')).toEqual(['SELECT orders']);
  });

  it('requires every term (AND), never across fields', () => {
    expect(find('checkout select')).toEqual(['SELECT orders']);
    expect(find('checkout gold')).toEqual(['POST /checkout']);
    expect(find('nowhere')).toEqual([]);
    // "edge" (service) then "aaaa" (span ID) are separate fields: "edge\naaaa" must not match "edgeaaaa".
    expect(find('edgeaaaa')).toEqual([]);
  });

  it('applies the filter pills, alone or with text', () => {
    expect(find('', { ...NO_FILTERS, errorsOnly: true })).toEqual(['charge-card']);
    expect(find('', { ...NO_FILTERS, slowerThanMs: 150 })).toEqual(['POST /checkout', 'place-order']);
    expect(find('', { ...NO_FILTERS, services: ['checkout'] })).toEqual(['place-order', 'SELECT orders']);
    expect(find('order', { ...NO_FILTERS, services: ['checkout'], slowerThanMs: 10 })).toEqual(['place-order']);
    const critical = new Set([idx('aaaaaaaaaaaaaaa1'), idx('aaaaaaaaaaaaaaa3')]);
    expect(find('', { ...NO_FILTERS, criticalOnly: true }, critical)).toEqual(['POST /checkout', 'charge-card']);
    expect(find('', { ...NO_FILTERS, criticalOnly: true }, null)).toEqual([]);
  });
});

describe('attributeValueText', () => {
  it('writes every value type as text', () => {
    expect(attributeValueText({ type: 'int', value: 9007199254740993n })).toBe('9007199254740993');
    expect(attributeValueText({ type: 'bytes', value: new Uint8Array([0, 255]) })).toBe('00ff');
    expect(
      attributeValueText({
        type: 'array',
        value: [
          { type: 'string', value: 'a' },
          { type: 'kvlist', value: [{ key: 'k', value: { type: 'bool', value: true } }] },
        ],
      }),
    ).toBe('[a, {k=true}]');
    expect(attributeValueText({ type: 'empty' })).toBe('');
  });
});

describe('findTerms / stepMatch', () => {
  it('splits on whitespace and lowercases', () => {
    expect(findTerms('  Foo  BAR=1 ')).toEqual(['foo', 'bar=1']);
  });

  it('steps through matches and wraps', () => {
    expect(stepMatch(3, -1, 1)).toBe(0);
    expect(stepMatch(3, -1, -1)).toBe(2);
    expect(stepMatch(3, 2, 1)).toBe(0);
    expect(stepMatch(3, 0, -1)).toBe(2);
    expect(stepMatch(0, 0, 1)).toBe(-1);
  });
});

describe('find on a million spans', () => {
  it('answers a keystroke in well under a second once the texts are built', () => {
    const n = 1_000_000;
    const resource = trace.spans[0]!.resource;
    const template = trace.spans[1]!;
    const spans: Span[] = new Array<Span>(n);
    for (let i = 0; i < n; i++) {
      spans[i] = { ...template, index: i, name: `op-${i % 1000}`, spanId: i.toString(16).padStart(16, '0'), resource, isError: i % 97 === 0 };
    }
    const big = { ...trace, spans } as Trace;
    let t = performance.now();
    expect(findMatches(big, { text: 'op-999', filters: NO_FILTERS, critical: null })).toHaveLength(1000);
    const first = performance.now() - t;
    t = performance.now();
    expect(findMatches(big, { text: 'op-42', filters: NO_FILTERS, critical: null })).toHaveLength(11000);
    const again = performance.now() - t;
    expect(first).toBeLessThan(8000);
    expect(again).toBeLessThan(1500);
  }, 30_000);
});

describe('suggestSlowThresholdMs', () => {
  it('is the 90th percentile duration, 2 significant digits', () => {
    // Durations 245, 200, 150, 9 ms: index floor(4 * 0.9) = 3 of the sorted list → 245.
    expect(suggestSlowThresholdMs(trace)).toBe(250);
    const many = buildTrace(Array.from({ length: 100 }, (_, i) => makeSpan({ spanId: `s${i}`, duration: (i + 1) * 0.0123 })));
    expect(suggestSlowThresholdMs(many)).toBe(1.1);
  });
});

describe('kthSmallest', () => {
  it('agrees with sorting, duplicates and all', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 50);
    for (const n of [1, 2, 3, 10, 101, 1000]) {
      const values = Float64Array.from({ length: n }, rand);
      const sorted = [...values].sort((a, b) => a - b);
      for (const k of [0, Math.floor(n / 2), Math.floor(n * 0.9), n - 1]) expect(kthSmallest(values.slice(), k)).toBe(sorted[k]);
    }
  });
});

describe('findMatches on a trace loaded without attributes', () => {
  const bare = buildTrace([
    makeSpan({ spanId: 'bbbbbbbbbbbbbbb1', name: 'POST /checkout', service: 'edge', duration: 245 }),
    makeSpan({ spanId: 'bbbbbbbbbbbbbbb2', parentSpanId: 'bbbbbbbbbbbbbbb1', name: 'charge-card', service: 'payment', start: 40, duration: 150 }),
  ]);
  const input = { filters: NO_FILTERS, critical: null };

  it('takes attribute matches from the backend, per term, combined with what the model has', () => {
    const attributeHits = new Map([['gold', new Set(['bbbbbbbbbbbbbbb2'])]]);
    expect(findMatches(bare, { ...input, text: 'gold', attributeHits })).toEqual([1]);
    // Each term may match in a different place: "charge" in the name, "gold" in an attribute.
    expect(findMatches(bare, { ...input, text: 'charge gold', attributeHits })).toEqual([1]);
    expect(findMatches(bare, { ...input, text: 'edge gold', attributeHits })).toEqual([]);
    // Before the backend answers, only what the model has matches.
    expect(findMatches(bare, { ...input, text: 'gold' })).toEqual([]);
  });
});
