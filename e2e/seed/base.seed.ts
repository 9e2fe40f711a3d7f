/**
 * The traces most specs use: a checkout across five services with attributes, events, an error
 * and a link; and a small related trace the link points to. Times are recent so default search
 * windows find them.
 */
import { SpanKind } from '@opentelemetry/api';
import { sendTrace } from '../support/sdkTrace';

export interface BaseSeed {
  readonly checkout: { traceId: string; spans: Record<string, string> };
  readonly linked: { traceId: string; spans: Record<string, string> };
}

export async function seed(): Promise<BaseSeed> {
  const now = Date.now() - 60_000;
  const linked = sendTrace(
    { service: 'notification-service', name: 'send-receipt', at: 0, ms: 12, key: 'root', kind: SpanKind.CONSUMER, attributes: { 'messaging.system': 'kafka' } },
    now - 5_000,
  );
  const checkout = sendTrace(
    {
      service: 'edge-gateway',
      name: 'POST /checkout',
      at: 0,
      ms: 245,
      key: 'root',
      attributes: { 'http.request.method': 'POST', 'http.route': '/checkout', 'http.response.status_code': 500, 'user.tier': 'gold' },
      children: [
        {
          service: 'auth-service',
          name: 'verify-token',
          at: 2,
          ms: 18,
          key: 'auth',
          kind: SpanKind.SERVER,
          attributes: { 'enduser.id': 'u-42', 'auth.cache_hit': false },
        },
        {
          service: 'checkout-service',
          name: 'place-order',
          at: 22,
          ms: 215,
          key: 'checkout',
          kind: SpanKind.SERVER,
          attributes: { 'order.id': 'ord-1001', 'order.items': 3, 'order.total': 129.5 },
          events: [{ name: 'order.validated', at: 30, attributes: { 'order.items': 3 } }],
          links: [{ traceId: linked.traceId, spanId: linked.rootSpanId, attributes: { 'link.reason': 'receipt' } }],
          children: [
            {
              service: 'checkout-service',
              name: 'SELECT orders',
              at: 25,
              ms: 9,
              key: 'db',
              kind: SpanKind.CLIENT,
              attributes: { 'db.system': 'duckdb', 'db.query.text': 'SELECT * FROM orders WHERE id = ?', '<b>markup</b>': '<img src=x onerror=alert(1)>' },
            },
            {
              service: 'payment-service',
              name: 'charge-card',
              at: 40,
              ms: 190,
              key: 'payment',
              kind: SpanKind.SERVER,
              error: 'card declined: insufficient funds',
              attributes: { 'payment.provider': 'stripe', 'payment.amount': 129.5 },
            },
          ],
        },
      ],
    },
    now,
  );
  return {
    checkout: { traceId: checkout.traceId, spans: checkout.spans },
    linked: { traceId: linked.traceId, spans: linked.spans },
  };
}
