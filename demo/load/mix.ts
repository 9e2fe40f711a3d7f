/**
 * The load generator's request mix: what a shop's users do, by share of requests. Each entry
 * builds one request to the edge gateway.
 */
import { CATEGORIES, popularProductId, SEARCH_TERMS } from '../services/catalogData.ts';

export interface EdgeRequest {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly body?: unknown;
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
// Shoppers: a few hundred, the most active ones sending most of the requests.
const user = () => `u${1 + Math.floor(400 * Math.random() ** 2)}`;

/**
 * Most requests are light reads (product page, cart, recommendations widget, search: 6–8 spans),
 * some list a catalog page (8), fewer write (add to cart: 13–15, checkout: about 22); one catalog
 * page in fifty fans out per product (about 55 spans). On average about 8 spans per trace.
 */
export const MIX: readonly { readonly name: string; readonly share: number; readonly build: () => EdgeRequest }[] = [
  { name: 'view product', share: 0.4, build: () => ({ method: 'GET', path: `/api/product?id=${popularProductId()}&user=${user()}` }) },
  { name: 'recommendations', share: 0.1, build: () => ({ method: 'GET', path: `/api/recommendations?id=${popularProductId()}&user=${user()}` }) },
  { name: 'search', share: 0.2, build: () => ({ method: 'GET', path: `/api/search?q=${encodeURIComponent(pick(SEARCH_TERMS))}&user=${user()}` }) },
  {
    name: 'browse catalog',
    share: 0.12,
    // One page in fifty fans out per product (pricing + inventory for each, in parallel).
    build: () => ({ method: 'GET', path: `/api/catalog?category=${pick(CATEGORIES)}&page=${Math.floor(Math.random() * 6)}&user=${user()}${Math.random() < 0.02 ? '&fanout=1&size=10' : ''}` }),
  },
  { name: 'view cart', share: 0.08, build: () => ({ method: 'GET', path: `/api/cart?user=${user()}` }) },
  { name: 'add to cart', share: 0.06, build: () => ({ method: 'POST', path: '/api/cart', body: { user: user(), productId: popularProductId(), qty: 1 + Math.floor(Math.random() * 2) } }) },
  { name: 'checkout', share: 0.04, build: () => ({ method: 'POST', path: '/api/checkout', body: { user: user() } }) },
];

export function nextRequest(): EdgeRequest {
  let r = Math.random();
  for (const entry of MIX) {
    if ((r -= entry.share) < 0) return entry.build();
  }
  return MIX[0]!.build();
}
