import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SpanData } from '../../src/model/types';
import { ROOT_NOT_YET_RECEIVED, search, tagNames, tagValues } from './search';
import type { SearchParams } from './search';
import { SpanStore } from './spanStore';
import { BASE_TIME_NS, makeSpan, tempDir } from './testing/richSpans';

const BASE_SEC = Number(BASE_TIME_NS / 1_000_000_000n);
let store: SpanStore;
let cleanup: () => void;

/**
 * Four traces, 10 s apart (t1 oldest):
 * - t1: frontend GET / (50 ms) → db SELECT (error, db.system=postgres) → db SELECT
 * - t2: frontend POST / on host h2, http.status_code=500, 5 ms
 * - t3: no root yet: one cart span (its parent never arrived), 2 s, cache.hit=true, ratio 0.5
 * - t4: frontend GET / (1 ms), tags array ["a","b"]
 */
const SPANS: SpanData[] = [
  makeSpan({ traceId: 't1', spanId: 'a', service: 'frontend', name: 'GET /', duration: 50, attributes: { 'http.method': 'GET', 'http.status_code': 200 } }),
  makeSpan({ traceId: 't1', spanId: 'b', parentSpanId: 'a', service: 'db', name: 'SELECT', start: 1, duration: 10, status: 'error', attributes: { 'db.system': 'postgres' } }),
  makeSpan({ traceId: 't1', spanId: 'c', parentSpanId: 'a', service: 'db', name: 'SELECT', start: 20, duration: 10, attributes: { 'db.system': 'postgres' } }),
  makeSpan({ traceId: 't2', spanId: 'd', service: 'frontend', name: 'POST /', start: 10_000, duration: 5, host: 'h2', attributes: { 'http.method': 'POST', 'http.status_code': 500 } }),
  makeSpan({ traceId: 't3', spanId: 'e', parentSpanId: 'gone', service: 'cart', name: 'add', start: 20_000, duration: 2000, attributes: { 'cache.hit': true, ratio: 0.5 } }),
  {
    ...makeSpan({ traceId: 't4', spanId: 'f', service: 'frontend', name: 'GET /', start: 30_000, duration: 1 }),
    attributes: [{ key: 'tags', value: { type: 'array', value: [{ type: 'string', value: 'a' }, { type: 'string', value: 'b' }] } }],
  },
];

beforeAll(async () => {
  const temp = tempDir();
  cleanup = temp.cleanup;
  store = await SpanStore.open(temp.dir, { retentionIntervalMs: 0 });
  await store.write(SPANS);
});

afterAll(async () => {
  await store.close();
  cleanup();
});

async function ids(params: SearchParams): Promise<string[]> {
  return (await search(store, params)).map((t) => t.traceId);
}

describe('search', () => {
  it('returns every trace newest first with its summary when nothing is filtered', async () => {
    const results = await search(store, {});
    expect(results.map((t) => t.traceId)).toEqual(['t4', 't3', 't2', 't1']);
    const t1 = results[3];
    expect(t1).toMatchObject({
      rootServiceName: 'frontend',
      rootTraceName: 'GET /',
      startTimeUnixNano: BASE_TIME_NS,
      durationMs: 50,
      matched: 3,
      serviceStats: { frontend: { spanCount: 1, errorCount: 0 }, db: { spanCount: 2, errorCount: 1 } },
    });
    expect(t1?.spans.map((s) => s.spanId)).toEqual(['a', 'b', 'c']);
  });

  it('reports a trace without a root span', async () => {
    const [t3] = await search(store, { service: 'cart' });
    expect(t3).toMatchObject({ traceId: 't3', rootServiceName: ROOT_NOT_YET_RECEIVED, rootTraceName: '', durationMs: 2000 });
  });

  it('filters by service and by span name, on the same span', async () => {
    expect(await ids({ service: 'db' })).toEqual(['t1']);
    expect(await ids({ name: 'GET /' })).toEqual(['t4', 't1']);
    expect(await ids({ service: 'db', name: 'GET /' })).toEqual([]);
  });

  it('filters by span and resource attributes, typed from the text value', async () => {
    expect(await ids({ tags: [{ key: 'http.status_code', value: '500' }] })).toEqual(['t2']);
    expect(await ids({ tags: [{ key: 'http.method', value: 'GET', scope: 'span' }] })).toEqual(['t1']);
    expect(await ids({ tags: [{ key: 'host.name', value: 'h2', scope: 'resource' }] })).toEqual(['t2']);
    expect(await ids({ tags: [{ key: 'host.name', value: 'h2', scope: 'span' }] })).toEqual([]);
    expect(await ids({ tags: [{ key: 'service.name', value: 'db' }] })).toEqual(['t1']);
    expect(await ids({ tags: [{ key: 'cache.hit', value: 'true' }] })).toEqual(['t3']);
    expect(await ids({ tags: [{ key: 'ratio', value: '0.5' }] })).toEqual(['t3']);
    expect(await ids({ tags: [{ key: 'tags', value: 'b' }] })).toEqual(['t4']);
    // Every tag must hold on one span: t1 has GET on one span and postgres on another.
    expect(await ids({ tags: [{ key: 'http.method', value: 'GET' }, { key: 'db.system', value: 'postgres' }] })).toEqual([]);
    expect(await ids({ tags: [{ key: 'db.system', value: 'postgres' }, { key: 'error', value: 'true' }] })).toEqual(['t1']);
  });

  it('understands the special tag names', async () => {
    expect(await ids({ tags: [{ key: 'name', value: 'POST /' }] })).toEqual(['t2']);
    expect(await ids({ tags: [{ key: 'status.code', value: 'error' }] })).toEqual(['t1']);
    expect(await ids({ tags: [{ key: 'root.name', value: 'GET /' }] })).toEqual(['t4', 't1']);
    expect(await ids({ tags: [{ key: 'root.service.name', value: 'frontend' }, { key: 'db.system', value: 'postgres' }] })).toEqual(['t1']);
  });

  it('filters by trace duration, inclusive', async () => {
    expect(await ids({ minDurationNs: 5_000_000n })).toEqual(['t3', 't2', 't1']);
    expect(await ids({ minDurationNs: 5_000_000n, maxDurationNs: 50_000_000n })).toEqual(['t2', 't1']);
    expect(await ids({ service: 'frontend', maxDurationNs: 5_000_000n })).toEqual(['t4', 't2']);
  });

  it('filters by time range (unix seconds)', async () => {
    expect(await ids({ startSec: BASE_SEC + 15, endSec: BASE_SEC + 25 })).toEqual(['t3']);
    expect(await ids({ endSec: BASE_SEC + 5 })).toEqual(['t1']);
    expect(await ids({ service: 'frontend', startSec: BASE_SEC + 5 })).toEqual(['t4', 't2']);
  });

  it('applies limit and spss', async () => {
    expect(await ids({ limit: 2 })).toEqual(['t4', 't3']);
    const [t1] = await search(store, { service: 'db', spss: 1 });
    expect(t1?.matched).toBe(2);
    expect(t1?.spans).toEqual([
      { spanId: 'b', name: 'SELECT', startTimeUnixNano: BASE_TIME_NS + 1_000_000n, durationNanos: 10_000_000n, attributes: SPANS[1]?.attributes },
    ]);
    const [t4] = await search(store, { limit: 1, spss: 0 });
    expect(t4?.spans).toEqual([]);
  });

  it('runs a compiled TraceQL filter over the spans table', async () => {
    const filter = {
      sql: "s.duration_ns > ? AND EXISTS (SELECT 1 FROM span_attributes a WHERE a.sid = s.sid AND a.key = ? AND a.str_value = ?)",
      params: [5_000_000n, 'db.system', 'postgres'],
    };
    const [t1] = await search(store, { spanFilterSql: filter });
    expect(t1?.traceId).toBe('t1');
    expect(t1?.matched).toBe(2);
    expect(await ids({ spanFilterSql: { sql: 's.kind = ? AND s.status_code = ?', params: [2, 0] } })).toEqual(['t4', 't2', 't1']);
    expect(await ids({ spanFilterSql: { sql: 'regexp_full_match(s.name, ?)', params: ['(GET|POST) /'] } })).toEqual(['t4', 't2', 't1']);
  });
});

describe('tag names and values', () => {
  it('lists tag names per scope', async () => {
    expect(await tagNames(store, 'span')).toEqual(['cache.hit', 'db.system', 'http.method', 'http.status_code', 'ratio', 'tags']);
    expect(await tagNames(store, 'resource')).toEqual(['host.name', 'service.name']);
    expect(await tagNames(store)).toContain('host.name');
    expect(await tagNames(store, 'intrinsic')).toContain('span:name');
    expect(await tagNames(store, 'instrumentation')).toEqual([]);
  });

  it('limits tag names to a time range', async () => {
    expect(await tagNames(store, 'span', { startSec: BASE_SEC + 15, endSec: BASE_SEC + 25 })).toEqual(['cache.hit', 'ratio']);
    expect(await tagNames(store, 'resource', { startSec: BASE_SEC + 5, endSec: BASE_SEC + 15 })).toEqual(['host.name', 'service.name']);
  });

  it('lists typed values of attributes in every naming style', async () => {
    expect(await tagValues(store, 'http.status_code')).toEqual([
      { type: 'int', value: '200' },
      { type: 'int', value: '500' },
    ]);
    expect(await tagValues(store, 'span.http.method')).toEqual([
      { type: 'string', value: 'GET' },
      { type: 'string', value: 'POST' },
    ]);
    expect(await tagValues(store, 'resource.service.name')).toEqual(['cart', 'db', 'frontend'].map((value) => ({ type: 'string', value })));
    expect(await tagValues(store, '.cache.hit')).toEqual([{ type: 'bool', value: 'true' }]);
    expect(await tagValues(store, 'ratio')).toEqual([{ type: 'float', value: '0.5' }]);
    expect(await tagValues(store, 'span.tags')).toEqual([
      { type: 'string', value: 'a' },
      { type: 'string', value: 'b' },
    ]);
    expect(await tagValues(store, 'resource.host.name', { startSec: BASE_SEC + 5, endSec: BASE_SEC + 15 })).toEqual([{ type: 'string', value: 'h2' }]);
  });

  it('lists values of intrinsics', async () => {
    expect(await tagValues(store, 'name')).toEqual(['GET /', 'POST /', 'SELECT', 'add'].map((value) => ({ type: 'string', value })));
    expect(await tagValues(store, 'span:status')).toEqual([
      { type: 'keyword', value: 'unset' },
      { type: 'keyword', value: 'error' },
    ]);
    expect(await tagValues(store, 'kind')).toEqual([
      { type: 'keyword', value: 'internal' },
      { type: 'keyword', value: 'server' },
    ]);
    expect(await tagValues(store, 'trace:rootService')).toEqual([{ type: 'string', value: 'frontend' }]);
    expect(await tagValues(store, 'instrumentation:name')).toEqual([{ type: 'string', value: 'tracescope-test' }]);
  });
});

describe('search across time slices', () => {
  // Matches spread over ~6 hours, so the newest-first search has to widen its slice several
  // times; trace "long" has matching spans 50 minutes apart (in different slices).
  const HOUR = 3_600_000;
  let sliced: SpanStore;
  let done: () => void;

  beforeAll(async () => {
    const temp = tempDir();
    done = temp.cleanup;
    sliced = await SpanStore.open(temp.dir, { retentionIntervalMs: 0 });
    const spans: SpanData[] = [];
    for (let h = 0; h < 6; h++) {
      spans.push(makeSpan({ traceId: `h${h}`, spanId: 'r', start: h * HOUR, service: 'api', attributes: { hit: 'yes' } }));
    }
    spans.push(makeSpan({ traceId: 'long', spanId: 'r', start: 5 * HOUR + 60_000, duration: 3_000_000, service: 'api', attributes: { hit: 'yes' } }));
    spans.push(makeSpan({ traceId: 'long', spanId: 'c', parentSpanId: 'r', start: 5 * HOUR + 51 * 60_000, service: 'api', attributes: { hit: 'yes' } }));
    spans.push(makeSpan({ traceId: 'miss', spanId: 'r', start: 6 * HOUR, service: 'api' }));
    await sliced.write(spans);
  });

  afterAll(async () => {
    await sliced.close();
    done();
  });

  it('finds the newest traces however far back they are, with whole match counts', async () => {
    const results = await search(sliced, { tags: [{ key: 'hit', value: 'yes' }], limit: 3 });
    expect(results.map((t) => t.traceId)).toEqual(['long', 'h5', 'h4']);
    expect(results[0]?.matched).toBe(2);
    expect(results[0]?.spans.map((s) => s.spanId)).toEqual(['r', 'c']);
    expect((await search(sliced, { tags: [{ key: 'hit', value: 'yes' }] })).map((t) => t.traceId)).toEqual(['long', 'h5', 'h4', 'h3', 'h2', 'h1', 'h0']);
  });

  it('respects the requested range while slicing', async () => {
    const results = await search(sliced, { service: 'api', startSec: BASE_SEC + 3600, endSec: BASE_SEC + 3 * 3600 });
    expect(results.map((t) => t.traceId)).toEqual(['h3', 'h2', 'h1']);
  });

  it('shadows span_attributes for a compiled filter so it only sees the range', async () => {
    const filter = { sql: 's.sid IN (SELECT sid FROM span_attributes WHERE key = ? AND str_value = ?)', params: ['hit', 'yes'] };
    const results = await search(sliced, { spanFilterSql: filter, startSec: BASE_SEC, endSec: BASE_SEC + 60 });
    expect(results.map((t) => t.traceId)).toEqual(['h0']);
  });
});
