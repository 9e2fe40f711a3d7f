import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { JaegerMetricsClient, parseMetricFamily } from './metricsJaeger';

const fixture = JSON.parse(readFileSync(new URL('../__fixtures__/jaeger/v1-metrics-calls-response-observatorium-e2e.json', import.meta.url), 'utf8')) as unknown;

describe('parseMetricFamily', () => {
  it('reads a recorded empty answer', () => {
    expect(parseMetricFamily(fixture)).toEqual([]);
  });

  it('reads labels and points, dropping NaN points', () => {
    const series = parseMetricFamily({
      name: 'service_call_rate',
      metrics: [
        {
          labels: [
            { name: 'service_name', value: 'web' },
            { name: 'operation', value: 'GET /' },
          ],
          metricPoints: [
            { gaugeValue: { doubleValue: 1.5 }, timestamp: '2024-01-01T00:00:00Z' },
            { gaugeValue: { doubleValue: 'NaN' }, timestamp: '2024-01-01T00:01:00Z' },
          ],
        },
      ],
    });
    expect(series).toEqual([{ labels: { service_name: 'web', operation: 'GET /' }, points: [{ timeMs: Date.parse('2024-01-01T00:00:00Z'), value: 1.5 }] }]);
  });

  it('rejects what is not a metric family', () => {
    expect(() => parseMetricFamily('x')).toThrow(/not a JSON object/);
  });
});

describe('JaegerMetricsClient', () => {
  it('repeats service= and asks per operation', async () => {
    const urls: string[] = [];
    const client = new JaegerMetricsClient({
      name: 'jae',
      root: '/p',
      fetch: (input) => {
        urls.push(input);
        return Promise.resolve(new Response(JSON.stringify(fixture)));
      },
    });
    await client.query('latencies', { services: ['a', 'b c'], endMs: 1000, lookbackMs: 500, stepMs: 60, quantile: 0.99 });
    expect(urls).toEqual(['/p/api/metrics/latencies?service=a&service=b+c&groupByOperation=true&endTs=1000&lookback=500&step=60&ratePer=1000&spanKind=server&quantile=0.99']);
  });
});
