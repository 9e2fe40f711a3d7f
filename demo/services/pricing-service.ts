/** pricing-service: prices (with a per-product price cache), price lists and checkout quotes. */
import { TracedCache } from './cache.ts';
import { inSpan, maybeFail, work } from './runtime.ts';
import type { Routes } from './runtime.ts';

const prices = new TracedCache<number>('prices', 60_000);
const listPrice = (id: string) => 10 + ((Number(id.replace(/\D/g, '')) * 13) % 400);

async function price(id: string): Promise<number> {
  const cached = await prices.get(`price:${id}`);
  if (cached !== undefined) return cached;
  const value = await inSpan('pricing.rules.evaluate', { 'product.id': id, 'pricing.rules': 14 }, async () => {
    await work(2.5);
    return listPrice(id);
  });
  await prices.set(`price:${id}`, value);
  return value;
}

export const routes: Routes = {
  'GET /price': async ({ query }) => ({ id: query.get('id'), price: await price(query.get('id') ?? '') }),
  'GET /prices': async ({ query }) => {
    const ids = (query.get('ids') ?? '').split(',').filter(Boolean);
    await work(3);
    maybeFail(0.01, 'pricing: rules engine timed out');
    return Object.fromEntries(ids.map((id) => [id, listPrice(id)]));
  },
  'POST /quote': async ({ body }) => {
    const items = (body.items as { id: string; qty: number }[] | undefined) ?? [];
    return inSpan('pricing.quote', { 'tax.region': 'EU', 'order.items': items.length }, async () => {
      await work(4);
      const total = items.slice(0, 5).reduce((sum, item) => sum + listPrice(item.id) * item.qty, 0);
      return { total: Math.round(total * 1.2 * 100) / 100, currency: 'EUR' };
    });
  },
};
