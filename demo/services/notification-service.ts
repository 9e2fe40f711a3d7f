/** notification-service: order confirmation e-mails (rendered, then queued). */
import { SpanKind } from '@opentelemetry/api';
import { inSpan, maybeFail, work } from './runtime.ts';
import type { Routes } from './runtime.ts';

export const routes: Routes = {
  'POST /send': async ({ body }) => {
    await work(2); // rendering the template
    await inSpan(
      'email.enqueue',
      { 'messaging.system': 'in-memory', 'messaging.destination.name': 'outbound-email', 'messaging.operation.type': 'send', 'email.template': 'order-confirmation' },
      async () => {
        await work(1.5);
        maybeFail(0.005, 'outbound-email queue full');
      },
      SpanKind.PRODUCER,
    );
    return { sent: true, order: body.order };
  },
};
