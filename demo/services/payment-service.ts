/** payment-service: charges cards through a flaky (simulated) processor that sometimes answers 503. */
import { SpanKind } from '@opentelemetry/api';
import { inSpan, maybeFail, work } from './runtime.ts';
import type { Routes } from './runtime.ts';

export const routes: Routes = {
  'POST /charge': async ({ body }) => {
    await work(4);
    maybeFail(0.06, 'payment processor busy, retry later', 503);
    return inSpan(
      'processor.authorize',
      { 'peer.service': 'card-processor', 'payment.method': 'card', 'payment.currency': 'EUR', 'payment.amount': Number(body.amount ?? 0) },
      async () => {
        await work(45, 0.01);
        return { status: 'authorized', id: `ch_${Math.random().toString(36).slice(2, 12)}` };
      },
      SpanKind.CLIENT,
    );
  },
};
