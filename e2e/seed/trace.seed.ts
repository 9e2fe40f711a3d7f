/**
 * For the trace page: a deeper trace whose one span with a unique attribute value sits four
 * levels down (find inside collapsed subtrees), and a child on another host whose clock runs
 * early (the clock-skew toggle moves it inside its parent).
 */
import { SpanKind } from '@opentelemetry/api';
import { sendTrace } from '../support/sdkTrace';

export interface TraceSeed {
  readonly deep: { traceId: string; spans: Record<string, string> };
}

export async function seed(): Promise<TraceSeed> {
  const start = Date.now() - 120_000;
  const deep = sendTrace(
    {
      service: 'web-frontend',
      name: 'GET /orders/{id}',
      at: 0,
      ms: 120,
      key: 'root',
      attributes: { 'http.request.method': 'GET', 'http.route': '/orders/{id}' },
      children: [
        {
          service: 'orders-api',
          name: 'load-order',
          at: 5,
          ms: 100,
          key: 'load',
          kind: SpanKind.SERVER,
          children: [
            {
              service: 'orders-api',
              name: 'resolve-items',
              at: 10,
              ms: 80,
              key: 'resolve',
              children: [
                {
                  service: 'inventory-cache',
                  name: 'cache-get',
                  at: 12,
                  ms: 6,
                  key: 'needle',
                  kind: SpanKind.CLIENT,
                  attributes: { 'cache.key': 'sku-needle-7731', 'cache.hit': true },
                },
              ],
            },
          ],
        },
        {
          // Recorded by a host whose clock is 8 ms early: it seems to start before its parent.
          service: 'audit-log',
          name: 'write-audit',
          at: -8,
          ms: 4,
          key: 'skewed',
          kind: SpanKind.SERVER,
        },
      ],
    },
    start,
  );
  return { deep: { traceId: deep.traceId, spans: deep.spans } };
}
