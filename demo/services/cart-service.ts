/** cart-service: carts kept in an in-process store (traced as a cache), checked against inventory. */
import { TracedCache } from './cache.ts';
import { callWithRetry, work } from './runtime.ts';
import type { Routes } from './runtime.ts';

interface Item {
  id: string;
  qty: number;
}
const carts = new TracedCache<Item[]>('carts', 3_600_000);

export const routes: Routes = {
  'POST /items': async ({ body }) => {
    const user = String(body.user ?? 'anonymous');
    const item = { id: String(body.productId ?? ''), qty: Number(body.qty ?? 1) };
    // The inventory read replica sometimes lags (503): retried once.
    await callWithRetry('inventory-service', `/availability?id=${encodeURIComponent(item.id)}`, {}, 1, 10);
    const items = [...((await carts.get(`cart:${user}`)) ?? []), item].slice(-5);
    await carts.set(`cart:${user}`, items);
    await work(2);
    return { user, items };
  },
  'GET /cart': async ({ query }) => {
    const user = query.get('user') ?? 'anonymous';
    const items = (await carts.get(`cart:${user}`)) ?? [];
    await work(1);
    return { user, items };
  },
};
