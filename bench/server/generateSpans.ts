/**
 * Deterministic synthetic traffic for the server benchmarks: traces of 4–12 spans (8 on
 * average) across 12 services, in start-time order as a live system sends them.
 */
import type { Attribute, Resource, Scope, SpanData, SpanKind } from '../../src/model/types';

const SERVICES = [
  'edge-gateway', 'justkalm-api', 'auth-service', 'catalog-service', 'pricing-service', 'ml-service',
  'inventory-service', 'cart-service', 'checkout-service', 'payment-service', 'notification-service', 'search-service',
];
const ROUTES = ['/api/cart', '/api/checkout', '/api/products/{id}', '/api/search', '/api/login', '/api/recommendations'];

const str = (key: string, value: string): Attribute => ({ key, value: { type: 'string', value } });
const int = (key: string, value: number): Attribute => ({ key, value: { type: 'int', value: BigInt(value) } });

const RESOURCES: Resource[] = SERVICES.map((service, i) => ({
  serviceName: service,
  attributes: [str('service.name', service), str('service.version', '1.4.2'), str('deployment.environment', 'bench'), str('host.name', `node-${i % 4}`)],
  droppedAttributesCount: 0,
  schemaUrl: '',
}));
const SCOPE: Scope = { name: '@opentelemetry/instrumentation-http', version: '0.223.0', attributes: [], droppedAttributesCount: 0, schemaUrl: '' };

/** mulberry32: small, fast, seeded. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hex(rand: () => number, chars: number): string {
  let out = '';
  while (out.length < chars) out += Math.floor(rand() * 0x100000000).toString(16).padStart(8, '0');
  return out.slice(0, chars);
}

export interface GeneratedTrace {
  readonly traceId: string;
  readonly spans: SpanData[];
}

/**
 * `count` traces starting at `startMs` and `gapMs` apart on average. Each trace: a root server
 * span on the gateway and a tree of client/server/internal children on other services.
 */
export function* generateTraces(count: number, { seed = 1, startMs = Date.now() - 3_600_000, gapMs = 1 } = {}): Generator<GeneratedTrace> {
  const rand = random(seed);
  let clockMs = startMs;
  for (let t = 0; t < count; t++) {
    clockMs += gapMs * 2 * rand();
    const traceId = hex(rand, 32);
    const size = 4 + Math.floor(rand() * 9);
    const startNs = BigInt(Math.floor(clockMs)) * 1_000_000n + BigInt(Math.floor(rand() * 1e6));
    const totalNs = 5_000_000 + Math.floor(rand() ** 3 * 300_000_000);
    const spans: SpanData[] = [];
    const route = ROUTES[Math.floor(rand() * ROUTES.length)] ?? '/';
    for (let i = 0; i < size; i++) {
      const parent = i === 0 ? null : spans[Math.floor(rand() * i)]!;
      const resource = i === 0 ? RESOURCES[0]! : RESOURCES[1 + Math.floor(rand() * (RESOURCES.length - 1))]!;
      const offset = parent ? Number(parent.startTimeUnixNano - startNs) + Math.floor(rand() * totalNs * 0.3) : 0;
      const duration = parent ? Math.floor(rand() * totalNs * 0.5) + 10_000 : totalNs;
      const isError = rand() < 0.015;
      const kind: SpanKind = i === 0 ? 'server' : rand() < 0.5 ? 'client' : 'internal';
      spans.push({
        traceId,
        spanId: hex(rand, 16),
        parentSpanId: parent?.spanId ?? '',
        traceState: '',
        name: i === 0 ? `GET ${route}` : `${resource.serviceName.replace('-service', '')} ${kind === 'client' ? 'call' : 'work'} ${i % 3}`,
        kind,
        startTimeUnixNano: startNs + BigInt(offset),
        endTimeUnixNano: startNs + BigInt(offset + duration),
        attributes: [str('http.route', route), str('http.request.method', 'GET'), int('http.response.status_code', isError ? 500 : 200)],
        droppedAttributesCount: 0,
        events: [],
        droppedEventsCount: 0,
        links: [],
        droppedLinksCount: 0,
        status: { code: isError ? 'error' : 'unset', message: isError ? 'upstream failed' : '' },
        flags: 1,
        resource,
        scope: SCOPE,
      });
    }
    yield { traceId, spans };
  }
}

export { SERVICES, ROUTES };
