/** edge-gateway: the public entry point. Rate-limits, then forwards to justkalm-api (or an admin job). */
import { trace } from '@opentelemetry/api';
import { call, work } from './runtime.ts';
import type { DemoRequest, Routes } from './runtime.ts';

const forward = (method: string, path: string) => async (request: DemoRequest) => {
  // The rate limiter is a local token bucket: an attribute on the server span, not a span of its own.
  trace.getActiveSpan()?.setAttribute('ratelimit.bucket', 'per-client');
  await work(0.5);
  const query = request.query.toString();
  return call('justkalm-api', `${path}${query ? `?${query}` : ''}`, { method, body: method === 'GET' ? undefined : request.body });
};

export const routes: Routes = {
  'GET /api/product': forward('GET', '/product'),
  'GET /api/recommendations': forward('GET', '/recommendations'),
  'GET /api/search': forward('GET', '/search'),
  'GET /api/catalog': forward('GET', '/catalog'),
  'GET /api/cart': forward('GET', '/cart'),
  'POST /api/cart': forward('POST', '/cart'),
  'POST /api/checkout': forward('POST', '/checkout'),
  'POST /admin/nightly-reindex': () => call('search-service', '/reindex', { method: 'POST', body: {} }),
};
