/**
 * checkout-service: cart → quote + reserve (in parallel) → charge (retried on 503, with backoff)
 * → notify. Each payment attempt is its own client span, retries with `http.request.resend_count`.
 */
import { trace } from '@opentelemetry/api';
import { call, callWithRetry, work } from './runtime.ts';
import type { Routes } from './runtime.ts';

export const routes: Routes = {
  'POST /orders': async ({ body }) => {
    const user = String(body.user ?? 'anonymous');
    const order = `ord_${Math.random().toString(36).slice(2, 10)}`;
    trace.getActiveSpan()?.setAttribute('order.id', order);
    const cart = (await call('cart-service', `/cart?user=${encodeURIComponent(user)}`)) as { items: { id: string; qty: number }[] };
    const items = cart.items.length > 0 ? cart.items : [{ id: 'p-0001', qty: 1 }];
    const [quote] = (await Promise.all([
      call('pricing-service', '/quote', { method: 'POST', body: { items } }),
      call('inventory-service', '/reserve', { method: 'POST', body: { items } }),
    ])) as [{ total: number }, unknown];
    const payment = await callWithRetry('payment-service', '/charge', { method: 'POST', body: { amount: quote.total, order } }, 2, 20);
    await work(2);
    await call('notification-service', '/send', { method: 'POST', body: { user, order } });
    return { order, total: quote.total, payment };
  },
};
