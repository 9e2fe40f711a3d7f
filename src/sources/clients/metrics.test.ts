import { describe, expect, it } from 'vitest';
import { parseInstantResponse, parseRangeResponse, TraceQLMetricsClient } from './metrics';
import { SourceError } from './types';

describe('parseRangeResponse', () => {
  it('reads typed labels, string timestamps, omitted zeros and NaN', () => {
    const series = parseRangeResponse({
      series: [
        {
          labels: [
            { key: 'resource.service.name', value: { stringValue: 'cart' } },
            { key: 'p', value: { doubleValue: 0.99 } },
            { key: 'http.status', value: { intValue: '500' } },
            { key: 'ok', value: { boolValue: false } },
            { key: 'missing', value: { stringValue: 'nil' } },
          ],
          samples: [{ timestampMs: '1700000000000' }, { timestampMs: '1700000060000', value: 2.5 }, { timestampMs: '1700000120000', value: 'NaN' }],
        },
      ],
      metrics: {},
    });
    expect(series).toHaveLength(1);
    expect(series[0]?.labels).toEqual({ 'resource.service.name': 'cart', p: 0.99, 'http.status': 500, ok: false, missing: null });
    expect(series[0]?.points.slice(0, 2)).toEqual([
      { timeMs: 1700000000000, value: 0 },
      { timeMs: 1700000060000, value: 2.5 },
    ]);
    expect(series[0]?.points[2]?.value).toBeNaN();
  });

  it('accepts an empty result', () => {
    expect(parseRangeResponse({ metrics: {} })).toEqual([]);
  });

  it('rejects a body that is not a metrics response', () => {
    expect(() => parseRangeResponse([])).toThrow(/not a JSON object/);
    expect(() => parseRangeResponse({ series: [{ samples: [{ timestampMs: 'x' }] }] })).toThrow(/timestampMs/);
  });
});

describe('parseInstantResponse', () => {
  it('reads values, 0 when omitted', () => {
    expect(parseInstantResponse({ series: [{ labels: [{ key: '__name__', value: { stringValue: 'count_over_time' } }] }, { labels: [], value: 7 }] })).toEqual([
      { labels: { __name__: 'count_over_time' }, value: 0 },
      { labels: {}, value: 7 },
    ]);
  });
});

describe('TraceQLMetricsClient', () => {
  it('sends q, start, end and step and names the URL in errors', async () => {
    const urls: string[] = [];
    const client = new TraceQLMetricsClient({
      name: 'prod',
      root: '/proxy',
      fetch: (input) => {
        urls.push(input);
        return Promise.resolve(input.includes('query_range') ? new Response('{"series":[]}') : new Response('bad query', { status: 400 }));
      },
    });
    await expect(client.queryRange('{ } | rate()', { startMs: 1_700_000_000_000, endMs: 1_700_003_600_500, stepMs: 60_000 })).resolves.toEqual([]);
    expect(urls[0]).toBe('/proxy/api/metrics/query_range?q=%7B+%7D+%7C+rate%28%29&start=1700000000&end=1700003600.500&step=60000ms');
    const err = await client.queryInstant('{', { startMs: 0, endMs: 1000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect((err as SourceError).message).toContain('HTTP 400 — bad query');
  });
});
