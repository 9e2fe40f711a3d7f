/**
 * TraceQL metrics, request in → response out through Hono's `app.request`, over a real DuckDB
 * store in a temp dir.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeSpan } from '../../../src/model/testing/makeSpan';
import { SpanStore } from '../../store/spanStore';
import { metricsRoutes, parseTime } from './metrics';

const T0 = 1_700_000_000; // BASE_TIME_NS in seconds: 2023-11-14T22:13:20Z
const T0_MS = T0 * 1000;
let dir: string;
let store: SpanStore;
let app: ReturnType<typeof metricsRoutes>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tracescope-metrics-'));
  store = await SpanStore.open(dir, { retentionIntervalMs: 0 });
  await store.write([
    // bucket 0 = [T0, T0+10s), bucket 1 = [T0+10s, T0+20s), bucket 2 = [T0+20s, T0+30s) empty
    makeSpan({ traceId: 'a'.repeat(32), spanId: '00000000000000a1', service: 'cart', start: 1_000, duration: 100, attributes: { 'http.status_code': 200 } }),
    makeSpan({ traceId: 'a'.repeat(32), spanId: '00000000000000a2', parentSpanId: '00000000000000a1', service: 'cart', start: 2_000, duration: 300, status: 'error', attributes: { 'http.status_code': 500 } }),
    makeSpan({ traceId: 'b'.repeat(32), spanId: '00000000000000b1', service: 'db', start: 3_000, duration: 50 }),
    makeSpan({ traceId: 'c'.repeat(32), spanId: '00000000000000c1', service: 'cart', start: 12_000, duration: 200 }),
    // outside the range
    makeSpan({ traceId: 'd'.repeat(32), spanId: '00000000000000d1', service: 'cart', start: 40_000, duration: 1 }),
  ]);
  app = metricsRoutes(store);
});

afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const range = `start=${T0}&end=${T0 + 30}&step=10s`;
async function get(q: string, params = range, path = '/api/metrics/query_range') {
  const res = await app.request(`${path}?q=${encodeURIComponent(q)}&${params}`);
  return { status: res.status, body: res.status === 200 ? await res.json() : await res.text() };
}
const str = (key: string, value: string) => ({ key, value: { stringValue: value } });
const dbl = (key: string, value: number) => ({ key, value: { doubleValue: value } });
const ts = (s: number) => String(T0_MS + s * 1000);

describe('TraceQL metrics API', () => {
  it('rate(): count per second per bucket, every bucket present, zero samples without value', async () => {
    const { status, body } = await get('{ } | rate()');
    expect(status).toBe(200);
    expect(body.series).toEqual([
      { labels: [str('__name__', 'rate')], samples: [{ timestampMs: ts(0), value: 0.3 }, { timestampMs: ts(10), value: 0.1 }, { timestampMs: ts(20) }] },
    ]);
    expect(body.series[0].samples[2]).not.toHaveProperty('value');
  });

  it('count_over_time() by (resource.service.name)', async () => {
    const { body } = await get('{ } | count_over_time() by (resource.service.name)');
    expect(body.series).toEqual([
      { labels: [str('resource.service.name', 'cart')], samples: [{ timestampMs: ts(0), value: 2 }, { timestampMs: ts(10), value: 1 }, { timestampMs: ts(20) }] },
      { labels: [str('resource.service.name', 'db')], samples: [{ timestampMs: ts(0), value: 1 }, { timestampMs: ts(10) }, { timestampMs: ts(20) }] },
    ]);
  });

  it('filters with the spanset and groups by intrinsics and typed attributes', async () => {
    const { body } = await get('{ status = error } | count_over_time() by (name, span.http.status_code)');
    expect(body.series).toEqual([
      {
        labels: [str('name', 'op-00000000000000a2'), { key: 'span.http.status_code', value: { intValue: '500' } }],
        samples: [{ timestampMs: ts(0), value: 1 }, { timestampMs: ts(10) }, { timestampMs: ts(20) }],
      },
    ]);
  });

  it('avg/min/max/sum_over_time(duration) in seconds, empty buckets skipped', async () => {
    const avg = await get('{ resource.service.name = "cart" } | avg_over_time(duration)');
    expect(avg.body.series).toEqual([
      { labels: [str('__name__', 'avg_over_time')], samples: [{ timestampMs: ts(0), value: 0.2 }, { timestampMs: ts(10), value: 0.2 }] },
    ]);
    const min = await get('{ } | min_over_time(duration)');
    expect(min.body.series[0].samples).toEqual([{ timestampMs: ts(0), value: 0.05 }, { timestampMs: ts(10), value: 0.2 }]);
    const max = await get('{ } | max_over_time(duration) by (resource.service.name)');
    expect(max.body.series.map((s: { samples: unknown }) => s.samples)).toEqual([
      [{ timestampMs: ts(0), value: 0.3 }, { timestampMs: ts(10), value: 0.2 }],
      [{ timestampMs: ts(0), value: 0.05 }],
    ]);
    const sum = await get('{ } | sum_over_time(span.http.status_code)');
    expect(sum.body.series[0].samples).toEqual([{ timestampMs: ts(0), value: 700 }]);
  });

  it('quantile_over_time: one series per quantile with a p label (exact quantiles)', async () => {
    const { body } = await get('{ resource.service.name = "cart" } | quantile_over_time(duration, 0.5, .9)');
    expect(body.series).toEqual([
      { labels: [str('__name__', 'quantile_over_time'), dbl('p', 0.5)], samples: [{ timestampMs: ts(0), value: 0.2 }, { timestampMs: ts(10), value: 0.2 }] },
      { labels: [str('__name__', 'quantile_over_time'), dbl('p', 0.9)], samples: [{ timestampMs: ts(0), value: 0.28 }, { timestampMs: ts(10), value: 0.2 }] },
    ]);
  });

  it('histogram_over_time(duration): __bucket = next power of two ns, in seconds', async () => {
    const { body } = await get('{ } | histogram_over_time(duration)');
    const b = (ms: number) => 2 ** Math.ceil(Math.log2(ms * 1e6)) / 1e9;
    expect(body.series.map((s: { labels: unknown }) => s.labels)).toEqual(
      [50, 100, 200, 300].map((ms) => [str('__name__', 'histogram_over_time'), dbl('__bucket', b(ms))]),
    );
    const byBucket = Object.fromEntries(body.series.map((s: { labels: { value: { doubleValue: number } }[]; samples: unknown }) => [s.labels[1]?.value.doubleValue, s.samples]));
    expect(byBucket[b(100)]).toEqual([{ timestampMs: ts(0), value: 1 }, { timestampMs: ts(10) }, { timestampMs: ts(20) }]);
    expect(byBucket[b(200)]).toEqual([{ timestampMs: ts(0) }, { timestampMs: ts(10), value: 1 }, { timestampMs: ts(20) }]);
  });

  it('runs trace:duration, unscoped attributes, kind, status and root fields', async () => {
    const { status, body } = await get('{ } | quantile_over_time(trace:duration, 0.5) by (.http.status_code, kind, status, rootServiceName)');
    expect(status).toBe(200);
    expect(body.series[0].labels).toEqual([
      { key: '.http.status_code', value: { intValue: '200' } },
      str('kind', 'server'),
      str('status', 'unset'),
      str('rootServiceName', 'cart'),
      dbl('p', 0.5),
    ]);
    expect(body.series[0].samples).toEqual([{ timestampMs: ts(0), value: 1.3 }]);
  });

  it('instant query: one value per series', async () => {
    const { status, body } = await get('{ } | count_over_time() by (resource.service.name)', `start=${T0}&end=${T0 + 30}`, '/api/metrics/query');
    expect(status).toBe(200);
    expect(body.series).toEqual([
      { labels: [str('resource.service.name', 'cart')], value: 3 },
      { labels: [str('resource.service.name', 'db')], value: 1 },
    ]);
    const rate = await get('{ } | rate()', `start=${T0}&end=${T0 + 40}`, '/api/metrics/query');
    expect(rate.body.series).toEqual([{ labels: [str('__name__', 'rate')], value: 0.1 }]);
  });

  it('accepts RFC3339 and nanosecond times, aligns to the step, and includes exemplars', async () => {
    const { body } = await get(
      '{ } | rate()',
      `start=2023-11-14T22:13:25Z&end=${(BigInt(T0) + 30n) * 1_000_000_000n}&step=10&exemplars=5`,
    );
    expect(body.series[0].samples.map((s: { timestampMs: string }) => s.timestampMs)).toEqual([ts(0), ts(10), ts(20)]);
    expect(body.series[0].exemplars).toEqual([
      { labels: [str('trace:id', 'a'.repeat(32))], value: 'NaN', timestampMs: ts(1) },
      { labels: [str('trace:id', 'c'.repeat(32))], value: 'NaN', timestampMs: ts(12) },
    ]);
  });

  it('rejects bad queries with 400 and a position, unsupported ones with "unsupported TraceQL"', async () => {
    const bad = await get('{ } | rate(');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatch(/^invalid TraceQL query: .* at line 1, col 12$/);
    const notMetrics = await get('{ status = error }');
    expect(notMetrics.status).toBe(400);
    expect(notMetrics.body).toMatch(/not a metrics query/);
    for (const q of ['{ } | rate() by (duration)', '{ } | topk(5)', '{ } | rate() > 3', '{ } | avg_over_time(name)', '{ } | compare({ status = error })']) {
      const res = await get(q);
      expect(res.status, q).toBe(400);
      expect(res.body, q).toMatch(/^unsupported TraceQL: /);
    }
    expect((await get('{ } | rate()', 'start=x')).status).toBe(400);
    expect((await get('{ } | rate()', `start=${T0}&end=${T0 + 30}&step=0.0001`)).status).toBe(400);
    expect((await app.request('/api/metrics/query_range')).status).toBe(400);
  });

  it('parses times', () => {
    expect(parseTime('1700000000')).toBe(1_700_000_000_000_000_000n);
    expect(parseTime('1700000000.5')).toBe(1_700_000_000_500_000_000n);
    expect(parseTime('1700000000000000001')).toBe(1_700_000_000_000_000_001n);
    expect(parseTime('2023-11-14T22:13:20.25Z')).toBe(1_700_000_000_250_000_000n);
    expect(parseTime('2023-11-14T23:13:20+01:00')).toBe(1_700_000_000_000_000_000n);
    expect(parseTime('soon')).toBe('invalid');
  });
});
