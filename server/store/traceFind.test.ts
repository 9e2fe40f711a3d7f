import { describe, expect, it } from 'vitest';
import type { Attribute, AttributeValue, SpanData } from '../../src/model/types';
import { useTempStores } from './testing/tempStore';
import { EVERY_TYPE, makeSpan } from './testing/richSpans';
import { storeFindInTrace } from './traceFind';

const TRACE = '0af7651916cd43dd8448eb211c80319c';
const OTHER = '11111111111111111111111111111111';
const openStore = useTempStores();

/** format.ts's value text: scalars as JavaScript writes them, array elements each on their own. */
function valueTexts(value: AttributeValue): string[] {
  switch (value.type) {
    case 'string':
      return [value.value];
    case 'int':
    case 'double':
    case 'bool':
      return [String(value.value)];
    case 'array':
      return value.value.length === 0 ? [''] : value.value.flatMap((v) => (v.type === 'array' || v.type === 'kvlist' ? [''] : valueTexts(v)));
    default:
      return [''];
  }
}

/** The reference: span IDs (distinct, first arrival first) with an attribute text containing the term. */
function expected(spans: readonly SpanData[], term: string): string[] {
  const t = term.toLowerCase();
  const ids = spans
    .filter((s) => s.spanId !== '' && s.attributes.some((a: Attribute) => valueTexts(a.value).some((v) => `${a.key}=${v}`.toLowerCase().includes(t))))
    .map((s) => s.spanId);
  return [...new Set(ids)];
}

const attrs = (record: Record<string, string | number | boolean | bigint>) => record;

describe('find in trace', () => {
  it('matches key=value text per term, case-insensitively, within the trace', async () => {
    const store = await openStore();
    const spans: SpanData[] = [
      makeSpan({ traceId: TRACE, spanId: 'a000000000000001', attributes: attrs({ 'http.method': 'GET', 'http.url': 'https://Shop.example/Cart?id=7' }) }),
      makeSpan({ traceId: TRACE, spanId: 'a000000000000002', attributes: attrs({ 'http.status_code': 503n, retry: true, ratio: 2.5, whole: 3 }) }),
      makeSpan({ traceId: TRACE, spanId: 'a000000000000003', attributes: EVERY_TYPE }),
      makeSpan({ traceId: TRACE, spanId: 'a000000000000004', attributes: attrs({ 'Größe': 'ÄÖÜ groß', note: 'x=y' }) }),
      // A duplicate ID: listed once. No ID: left out.
      makeSpan({ traceId: TRACE, spanId: 'a000000000000001', attributes: attrs({ again: 'GET' }) }),
      makeSpan({ traceId: TRACE, spanId: '', attributes: attrs({ 'http.method': 'GET' }) }),
    ];
    const elsewhere = makeSpan({ traceId: OTHER, spanId: 'b000000000000001', attributes: attrs({ 'http.method': 'GET' }) });
    await store.write([spans[0]!, elsewhere, spans[1]!, spans[2]!]);
    await store.write(spans.slice(3));
    const terms = [
      'GET', 'http.method=get', 'd=g', 'method=', '=get', 'shop.EXAMPLE', 'cart?id=7', 'status_code=50', '503', '=5', 'retry=true', 'true',
      'ratio=2.5', 'whole=3', 'whole=3.0', 'int.big=9007199254740993', 'int.min=-92', 'double.inf=-infinity', 'double.nan=nan', 'array=a',
      'array=-5', 'kvlist=', 'größe=äöü', 'x=y', 'note=x=y', 'nomatch', '',
    ];
    for (let i = 0; i < terms.length; i += 20) {
      const batch = terms.slice(i, i + 20);
      const got = await storeFindInTrace(store, TRACE, batch);
      expect(got).toEqual(batch.map((term) => ({ term: term.toLowerCase(), spanIds: expected(spans, term) })));
    }
    // Sanity: the reference is not trivially empty.
    expect(expected(spans, 'get')).toEqual(['a000000000000001']);
    expect(expected(spans, 'd=g')).toEqual(['a000000000000001']);
    expect(expected(spans, 'whole=3')).toEqual(['a000000000000002']);
  });

  it('is null for an unknown trace and empty for no terms', async () => {
    const store = await openStore();
    await store.write([makeSpan({ traceId: TRACE, spanId: 'aaaaaaaaaaaaaaaa', attributes: attrs({ k: 'v' }) })]);
    expect(await storeFindInTrace(store, OTHER, ['v'])).toBeNull();
    expect(await storeFindInTrace(store, TRACE, [])).toEqual([]);
  });
});
