/**
 * justkalm-api: the backend-for-frontend. Reads go straight to one domain service; writes (cart,
 * checkout) first have auth-service verify the session.
 */
import { call, work } from './runtime.ts';
import type { DemoRequest, Routes } from './runtime.ts';

async function authenticated(request: DemoRequest): Promise<string> {
  const user = request.query.get('user') ?? String(request.body.user ?? 'anonymous');
  const session = (await call('auth-service', '/verify', { method: 'POST', body: { user, token: `tok-${user}` } })) as { user: string };
  return session.user;
}

export const routes: Routes = {
  'GET /product': async (request) => {
    await work(1.5);
    return call('catalog-service', `/product?id=${encodeURIComponent(request.query.get('id') ?? '')}`);
  },
  'GET /recommendations': async (request) => {
    await work(1);
    return call('ml-service', `/recommendations?id=${encodeURIComponent(request.query.get('id') ?? '')}`);
  },
  'GET /search': async (request) => {
    await work(1);
    return call('search-service', `/query?q=${encodeURIComponent(request.query.get('q') ?? '')}`);
  },
  'GET /catalog': async (request) => {
    await work(1.5);
    return call('catalog-service', `/products?${request.query.toString()}`);
  },
  // Reading the cart trusts the gateway's session cookie; writes are verified by auth-service.
  'GET /cart': async (request) => call('cart-service', `/cart?user=${encodeURIComponent(request.query.get('user') ?? 'anonymous')}`),
  'POST /cart': async (request) => {
    const user = await authenticated(request);
    return call('cart-service', '/items', { method: 'POST', body: { ...request.body, user } });
  },
  'POST /checkout': async (request) => {
    const user = await authenticated(request);
    return call('checkout-service', '/orders', { method: 'POST', body: { user } });
  },
};
