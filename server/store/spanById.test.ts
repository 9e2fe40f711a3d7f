import { describe, expect, it } from 'vitest';
import type { SpanData } from '../../src/model/types';
import { storeSpansById } from './spanById';
import { useTempStores } from './testing/tempStore';
import { makeSpan, richSpan } from './testing/richSpans';

const TRACE = '0af7651916cd43dd8448eb211c80319c';
const OTHER = '11111111111111111111111111111111';
const openStore = useTempStores();

describe('spans by ID', () => {
  it('gives back exactly the span(s) with that ID, attributes included', async () => {
    const store = await openStore();
    const root = richSpan(TRACE, 'b7ad6b7169203331');
    const child: SpanData = { ...richSpan(TRACE, '00f067aa0ba902b7', 'b7ad6b7169203331'), kind: 'client', name: 'child ✓' };
    const duplicate: SpanData = { ...makeSpan({ traceId: TRACE, spanId: '00f067aa0ba902b7', attributes: { 'dup.n': 2n } }) };
    const elsewhere = makeSpan({ traceId: OTHER, spanId: '00f067aa0ba902b7', attributes: { other: true } });
    await store.write([root, elsewhere, child]);
    await store.write([duplicate]);
    expect(await storeSpansById(store, TRACE, 'b7ad6b7169203331')).toEqual([root]);
    // Duplicates in arrival order; the other trace's span with the same ID is not included.
    expect(await storeSpansById(store, TRACE, '00f067aa0ba902b7')).toEqual([child, duplicate]);
    expect(await storeSpansById(store, OTHER, '00f067aa0ba902b7')).toEqual([elsewhere]);
  });

  it('is empty for an unknown span or trace', async () => {
    const store = await openStore();
    await store.write([makeSpan({ traceId: TRACE, spanId: 'aaaaaaaaaaaaaaaa' })]);
    expect(await storeSpansById(store, TRACE, 'bbbbbbbbbbbbbbbb')).toEqual([]);
    expect(await storeSpansById(store, OTHER, 'aaaaaaaaaaaaaaaa')).toEqual([]);
  });
});
