/**
 * A 12-service shop for the service-map tests: 24 checkout/browse traces over the last 20
 * minutes with varying latency, some failing calls (payment, inventory) and a call cycle
 * (shipping calls back into checkout). Every span is recorded in the seed file, so the spec
 * computes the exact edges, call counts, error rates and P99s.
 */
import { SpanKind } from '@opentelemetry/api';
import type { SpanSpec } from '../support/sdkTrace';
import { sendTrace } from '../support/sdkTrace';

export interface MapSeed {
  readonly services: readonly string[];
  readonly traceIds: readonly string[];
}

export const SHOP = [
  'shop-frontend', 'shop-auth', 'shop-cart', 'shop-catalog', 'shop-checkout', 'shop-payment',
  'shop-fraud', 'shop-inventory', 'shop-shipping', 'shop-email', 'shop-redis', 'shop-postgres',
] as const;

/** Deterministic pseudo-random numbers, so the seed is the same on every run. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

export async function seed(): Promise<MapSeed> {
  const rnd = random(42);
  const ms = (base: number) => Math.round(base * (0.5 + rnd() * 1.5) * 10) / 10;
  const traceIds: string[] = [];
  const start = Date.now() - 20 * 60_000;
  for (let i = 0; i < 24; i++) {
    const checkout = i % 3 === 0;
    const payFails = checkout && i % 6 === 0;
    const stockFails = i % 8 === 5;
    const db = (at: number): SpanSpec => ({ service: 'shop-postgres', name: 'SELECT', at, ms: ms(3), kind: SpanKind.SERVER });
    const children: SpanSpec[] = [
      { service: 'shop-auth', name: 'verify', at: 1, ms: ms(4), kind: SpanKind.SERVER, children: [{ service: 'shop-redis', name: 'GET session', at: 2, ms: ms(1), kind: SpanKind.SERVER }] },
      { service: 'shop-catalog', name: 'list-products', at: 6, ms: ms(20), kind: SpanKind.SERVER, children: [db(8), db(14)] },
      {
        service: 'shop-cart',
        name: 'get-cart',
        at: 30,
        ms: ms(10),
        kind: SpanKind.SERVER,
        children: [
          { service: 'shop-redis', name: 'GET cart', at: 31, ms: ms(1), kind: SpanKind.SERVER },
          { service: 'shop-inventory', name: 'check-stock', at: 33, ms: ms(5), kind: SpanKind.SERVER, ...(stockFails ? { error: 'stock service timeout' } : {}), children: [db(34)] },
        ],
      },
    ];
    if (checkout) {
      children.push({
        service: 'shop-checkout',
        name: 'place-order',
        at: 45,
        ms: ms(120),
        kind: SpanKind.SERVER,
        children: [
          {
            service: 'shop-payment',
            name: 'charge',
            at: 50,
            ms: ms(60),
            kind: SpanKind.SERVER,
            ...(payFails ? { error: 'card declined' } : {}),
            children: [{ service: 'shop-fraud', name: 'score', at: 52, ms: ms(15), kind: SpanKind.SERVER }],
          },
          {
            service: 'shop-shipping',
            name: 'quote',
            at: 115,
            ms: ms(20),
            kind: SpanKind.SERVER,
            // The callback makes a cycle: checkout → shipping → checkout.
            children: [{ service: 'shop-checkout', name: 'shipping-callback', at: 118, ms: ms(4), kind: SpanKind.SERVER }],
          },
          { service: 'shop-email', name: 'send-confirmation', at: 140, ms: ms(8), kind: SpanKind.SERVER },
          { service: 'shop-inventory', name: 'reserve', at: 150, ms: ms(6), kind: SpanKind.SERVER, children: [db(151)] },
        ],
      });
    }
    const sent = sendTrace({ service: 'shop-frontend', name: checkout ? 'POST /checkout' : 'GET /products', at: 0, ms: checkout ? 200 : 50, kind: SpanKind.SERVER, children }, start + i * 45_000);
    traceIds.push(sent.traceId);
  }
  return { services: [...SHOP], traceIds };
}
