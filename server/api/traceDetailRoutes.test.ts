/** The trace view's fast path over HTTP: request in, response out (app.fetch, no port). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SpanData } from '../../src/model/types';
import { SKELETON_CONTENT_TYPE, SKELETON_MAGIC, findPath, skeletonPath, spanPath } from '../../src/sources/skeleton/format';
import type { FindResponse, SkeletonHeader } from '../../src/sources/skeleton/format';
import { SpanStore } from '../store/spanStore';
import { makeSpan, richSpan, tempDir } from '../store/testing/richSpans';
import { createApp } from './app';
import { encodeResourceSpans } from '../../src/sources/otlp/encodeOtlpJson';

const TRACE = '0af7651916cd43dd8448eb211c80319c';
const SHORT = '00000000000000000000000000000abc';
let cleanup: () => void;
let store: SpanStore;
let app: ReturnType<typeof createApp>;
let spans: SpanData[];

beforeAll(async () => {
  const temp = tempDir();
  cleanup = temp.cleanup;
  store = await SpanStore.open(temp.dir, { retentionIntervalMs: 0 });
  spans = [
    richSpan(TRACE, 'b7ad6b7169203331'),
    makeSpan({ traceId: TRACE, spanId: '00f067aa0ba902b7', parentSpanId: 'b7ad6b7169203331', start: 1, attributes: { 'http.method': 'GET' } }),
  ];
  await store.write([...spans, makeSpan({ traceId: SHORT, spanId: '0000000000000abc', attributes: { k: 'v' } })]);
  app = createApp({ store, staticDir: null });
});

afterAll(async () => {
  await store.close();
  cleanup();
});

const get = (path: string) => app.fetch(new Request(`http://localhost${path}`));

describe('GET skeleton', () => {
  it('answers the skeleton bytes', async () => {
    const response = await get(skeletonPath(TRACE));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(SKELETON_CONTENT_TYPE);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(Number(response.headers.get('content-length'))).toBe(bytes.byteLength);
    expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe(SKELETON_MAGIC);
    const length = new DataView(bytes.buffer).getUint32(4, true);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length))) as SkeletonHeader;
    expect(header).toMatchObject({ traceId: TRACE, spanCount: 2 });
    expect(header.strings).toContain('GET /cart');
  });

  it('takes short IDs and any case, like the trace endpoint', async () => {
    expect((await get(skeletonPath('ABC'))).status).toBe(200);
  });

  it('is a 404 for an unknown trace and a 400 for a malformed ID', async () => {
    const missing = await get(skeletonPath('ffffffffffffffffffffffffffffffff'));
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe('trace not found');
    expect((await get(skeletonPath('not-hex'))).status).toBe(400);
    expect((await get(skeletonPath('0'.repeat(33)))).status).toBe(400);
  });
});

describe('GET span by ID', () => {
  it('answers OTLP JSON of the span, attributes included', async () => {
    const response = await get(spanPath(TRACE, 'B7AD6B7169203331'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify({ resourceSpans: encodeResourceSpans([spans[0]!], 'otlp') })));
  });

  it('is a 404 for an unknown span or trace, a 400 for malformed IDs', async () => {
    expect((await get(spanPath(TRACE, '1111111111111111'))).status).toBe(404);
    expect((await get(spanPath('ffffffffffffffffffffffffffffffff', 'b7ad6b7169203331'))).status).toBe(404);
    expect((await get(spanPath(TRACE, '0'.repeat(17)))).status).toBe(400);
    expect((await get(spanPath(TRACE, 'xyz'))).status).toBe(400);
    expect((await get(spanPath('xyz', 'b7ad6b7169203331'))).status).toBe(400);
  });
});

describe('GET find', () => {
  it('answers span IDs per term, in request order, lowercased', async () => {
    const response = await get(`${findPath(TRACE)}?term=HTTP.method%3Dget&term=str%3Dh%C3%A9llo&term=nothing`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as FindResponse;
    expect(body).toEqual({
      terms: [
        { term: 'http.method=get', spanIds: ['00f067aa0ba902b7'] },
        { term: 'str=héllo', spanIds: ['b7ad6b7169203331'] },
        { term: 'nothing', spanIds: [] },
      ],
    });
  });

  it('limits terms, and answers 404 / 400 like the others', async () => {
    const many = Array.from({ length: 21 }, (_, i) => `term=t${i}`).join('&');
    expect((await get(`${findPath(TRACE)}?${many}`)).status).toBe(400);
    expect((await get(`${findPath(TRACE)}?term=${'x'.repeat(201)}`)).status).toBe(400);
    expect((await get(`${findPath(TRACE)}?term=${'x'.repeat(200)}`)).status).toBe(200);
    expect((await get(`${findPath('ffffffffffffffffffffffffffffffff')}?term=a`)).status).toBe(404);
    expect((await get(`${findPath('nothex')}?term=a`)).status).toBe(400);
    expect(await (await get(findPath(TRACE))).json()).toEqual({ terms: [] });
  });
});
