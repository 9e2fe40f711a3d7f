/**
 * Deterministic generator of a large OTLP/JSON `ExportTraceServiceRequest`: one trace of N
 * spans spread over ~12 services (one `resourceSpans` each), shaped like a real microservice
 * trace. Same (N, seed) → same text, byte for byte.
 *
 * The text is produced as chunks (`generateOtlpChunks`) so a million spans (hundreds of MB)
 * can be streamed to a file without ever holding more than one chunk plus the tree arrays.
 */

/** mulberry32: a small, fast, seeded 32-bit PRNG. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface ServiceDef {
  readonly name: string;
  readonly language: string;
  readonly scope: string;
  readonly operations: readonly string[];
}

const SERVICES: readonly ServiceDef[] = [
  { name: 'frontend', language: 'nodejs', scope: '@opentelemetry/instrumentation-http', operations: ['GET /api/products', 'GET /api/cart', 'POST /api/checkout', 'GET /api/recommendations', 'GET /'] },
  { name: 'frontend-proxy', language: 'cpp', scope: 'envoy', operations: ['ingress', 'egress frontend', 'router frontend egress'] },
  { name: 'cart', language: 'dotnet', scope: 'OpenTelemetry.Instrumentation.AspNetCore', operations: ['oteldemo.CartService/GetCart', 'oteldemo.CartService/AddItem', 'HGET', 'HMSET', 'EXPIRE'] },
  { name: 'checkout', language: 'go', scope: 'go.opentelemetry.io/contrib/instrumentation/google.golang.org/grpc/otelgrpc', operations: ['oteldemo.CheckoutService/PlaceOrder', 'prepareOrderItemsAndShippingQuoteFromCart', 'orders publish', 'chargeCard'] },
  { name: 'payment', language: 'nodejs', scope: '@opentelemetry/instrumentation-grpc', operations: ['grpc.oteldemo.PaymentService/Charge', 'charge', 'validateCard'] },
  { name: 'currency', language: 'cpp', scope: 'currency', operations: ['Currency/Convert', 'Currency/GetSupportedCurrencies', 'CurrencyService/Convert'] },
  { name: 'shipping', language: 'rust', scope: 'shipping', operations: ['oteldemo.ShippingService/GetQuote', 'oteldemo.ShippingService/ShipOrder', 'POST /getquote'] },
  { name: 'email', language: 'ruby', scope: 'OpenTelemetry::Instrumentation::Sinatra', operations: ['POST /send_order_confirmation', 'send_email', 'render template'] },
  { name: 'recommendation', language: 'python', scope: 'opentelemetry.instrumentation.grpc', operations: ['/oteldemo.RecommendationService/ListRecommendations', 'get_product_list', 'cache lookup'] },
  { name: 'product-catalog', language: 'go', scope: 'go.opentelemetry.io/contrib/instrumentation/google.golang.org/grpc/otelgrpc', operations: ['oteldemo.ProductCatalogService/GetProduct', 'oteldemo.ProductCatalogService/ListProducts', 'SELECT catalog.products'] },
  { name: 'ad', language: 'java', scope: 'io.opentelemetry.grpc-1.6', operations: ['oteldemo.AdService/GetAds', 'getAdsByCategory', 'getRandomAds'] },
  { name: 'accounting', language: 'dotnet', scope: 'OpenTelemetry.Instrumentation.Kafka', operations: ['orders process', 'INSERT accounting.orders', 'orders receive'] },
];

/** `"key":…,"value":{…}` pairs for a span: strings, ints (as strings), doubles and bools. */
type AttrMaker = (rand: () => number) => string;
const ATTRIBUTES: readonly AttrMaker[] = [
  (r) => `{"key":"http.method","value":{"stringValue":"${['GET', 'POST', 'PUT', 'DELETE'][Math.floor(r() * 4)]}"}}`,
  (r) => `{"key":"http.status_code","value":{"intValue":"${r() < 0.95 ? 200 : 503}"}}`,
  (r) => `{"key":"net.peer.port","value":{"intValue":"${8000 + Math.floor(r() * 100)}"}}`,
  (r) => `{"key":"app.cart.total","value":{"doubleValue":${(Math.floor(r() * 100000) / 100).toString()}}}`,
  (r) => `{"key":"app.cache_hit","value":{"boolValue":${r() < 0.7 ? 'true' : 'false'}}}`,
  (r) => `{"key":"user.id","value":{"stringValue":"u-${Math.floor(r() * 0xffffff).toString(16)}"}}`,
  (r) => `{"key":"rpc.grpc.status_code","value":{"intValue":"${r() < 0.98 ? 0 : 14}"}}`,
  (r) => `{"key":"sampling.ratio","value":{"doubleValue":${r() < 0.5 ? '0.25' : '1.0'}}}`,
  (r) => `{"key":"app.synthetic_request","value":{"boolValue":${r() < 0.1 ? 'true' : 'false'}}}`,
  (r) => `{"key":"db.system","value":{"stringValue":"${['postgresql', 'redis', 'mongodb'][Math.floor(r() * 3)]}"}}`,
  (r) => `{"key":"app.items.count","value":{"intValue":"${Math.floor(r() * 20)}"}}`,
  (r) => `{"key":"peer.service","value":{"stringValue":"${SERVICES[Math.floor(r() * SERVICES.length)]!.name}"}}`,
];

const EVENT_NAMES = ['cache.miss', 'retry', 'message.sent', 'gc.pause'];
const ERROR_MESSAGES = ['connection refused', 'deadline exceeded', 'card declined: insufficient funds', 'null value in column "id" violates not-null constraint'];

const MAX_DEPTH = 20;
const CHUNK_CHARS = 1 << 16;

function hex8(x: number): string {
  return (x >>> 0).toString(16).padStart(8, '0');
}

/**
 * Yields the request text in chunks of ~64 KiB. `spanCount` ≥ 1; `seed` picks the trace.
 */
export function* generateOtlpChunks(spanCount: number, seed = 1): Generator<string, void, undefined> {
  if (!Number.isInteger(spanCount) || spanCount < 1) throw new RangeError(`spanCount must be a positive integer, got ${spanCount}`);
  const rand = mulberry32(seed);
  const n = spanCount;

  // --- Tree: parent before child (parent index < child index), fan-out 1–8, depth ≤ 20.
  const parent = new Int32Array(n).fill(-1);
  const depth = new Uint8Array(n);
  const service = new Uint8Array(n);
  const frontier: number[] = [0];
  let next = 1;
  while (next < n) {
    let p: number;
    if (frontier.length === 0) {
      // Every open node was used: reopen a random shallow enough one (rare).
      do p = Math.floor(rand() * next);
      while (depth[p]! >= MAX_DEPTH - 1);
    } else {
      // Mostly the newest node (deep chains), sometimes any open node (breadth).
      const at = rand() < 0.35 ? frontier.length - 1 : Math.floor(rand() * frontier.length);
      p = frontier[at]!;
      frontier[at] = frontier[frontier.length - 1]!;
      frontier.pop();
    }
    const fanOut = Math.min(1 + Math.floor(rand() * 8), n - next);
    for (let k = 0; k < fanOut; k++, next++) {
      parent[next] = p;
      depth[next] = depth[p]! + 1;
      // Calls mostly stay in the service; a third go to another one.
      service[next] = rand() < 0.65 ? service[p]! : Math.floor(rand() * SERVICES.length);
      if (depth[next]! < MAX_DEPTH - 1) frontier.push(next);
    }
  }

  // --- Times in ns from the trace start: each child lies inside its parent.
  const start = new Float64Array(n);
  const duration = new Float64Array(n);
  duration[0] = 1_500_000_000 + Math.floor(rand() * 3_000_000_000);
  for (let i = 1; i < n; i++) {
    const p = parent[i]!;
    const pEnd = start[p]! + duration[p]!;
    const s = start[p]! + Math.floor(rand() * duration[p]! * 0.5);
    start[i] = s;
    duration[i] = Math.floor((pEnd - s) * (0.3 + 0.7 * rand()));
  }

  // --- IDs: random high half; the low half is a bijection of the index, so IDs are unique.
  const idHigh = new Uint32Array(n);
  for (let i = 0; i < n; i++) idHigh[i] = (Math.floor(rand() * 0x100000000) | 0x10000000) >>> 0;
  const spanId = (i: number) => hex8(idHigh[i]!) + hex8(i ^ 0x5bd1e995);
  const traceId = hex8(rand() * 0x100000000) + hex8(rand() * 0x100000000) + hex8(rand() * 0x100000000) + hex8(rand() * 0x100000000);
  const baseSeconds = 1_700_000_000 + Math.floor(rand() * 10_000_000);
  const time = (offsetNs: number) => {
    const seconds = Math.floor(offsetNs / 1e9);
    return `${baseSeconds + seconds}${String(offsetNs - seconds * 1e9).padStart(9, '0')}`;
  };

  // Spans by service (counting sort keeps index order within a service).
  const byService: number[][] = SERVICES.map(() => []);
  for (let i = 0; i < n; i++) byService[service[i]!]!.push(i);

  let buffer = '{"resourceSpans":[';
  let firstResource = true;
  for (let s = 0; s < SERVICES.length; s++) {
    const spans = byService[s]!;
    if (spans.length === 0) continue;
    const def = SERVICES[s]!;
    buffer +=
      (firstResource ? '' : ',') +
      `{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"${def.name}"}},` +
      `{"key":"service.namespace","value":{"stringValue":"shop"}},` +
      `{"key":"service.version","value":{"stringValue":"1.${s}.${(seed + s) % 10}"}},` +
      `{"key":"host.name","value":{"stringValue":"${def.name}-7d9f${hex8(s * 2654435761).slice(0, 5)}"}},` +
      `{"key":"telemetry.sdk.language","value":{"stringValue":"${def.language}"}}]},` +
      `"scopeSpans":[{"scope":{"name":"${def.scope}","version":"0.${40 + s}.0"},"spans":[`;
    firstResource = false;
    for (let j = 0; j < spans.length; j++) {
      const i = spans[j]!;
      const p = parent[i]!;
      const crossService = p >= 0 && service[p] !== s;
      const kind = p < 0 || crossService ? 2 : [1, 1, 3, 3, 4, 5][Math.floor(rand() * 6)]!;
      const name = def.operations[Math.floor(rand() * def.operations.length)]!;
      const attrCount = 3 + Math.floor(rand() * 4);
      const firstAttr = Math.floor(rand() * ATTRIBUTES.length);
      let attrs = '';
      for (let a = 0; a < attrCount; a++) attrs += (a ? ',' : '') + ATTRIBUTES[(firstAttr + a) % ATTRIBUTES.length]!(rand);
      const isError = rand() < 0.01;
      let events = '';
      if (isError || rand() < 0.03) {
        const count = 1 + Math.floor(rand() * 2);
        for (let e = 0; e < count; e++) {
          const at = time(start[i]! + Math.floor(rand() * duration[i]!));
          events +=
            (e ? ',' : '') +
            (isError && e === 0
              ? `{"timeUnixNano":"${at}","name":"exception","attributes":[{"key":"exception.type","value":{"stringValue":"RpcError"}},{"key":"exception.escaped","value":{"boolValue":false}}]}`
              : `{"timeUnixNano":"${at}","name":"${EVENT_NAMES[Math.floor(rand() * EVENT_NAMES.length)]}","attributes":[{"key":"attempt","value":{"intValue":"${e + 1}"}}]}`);
        }
      }
      // Unset status is left out, as most exporters do.
      const status = isError
        ? `,"status":{"code":2,"message":${JSON.stringify(ERROR_MESSAGES[Math.floor(rand() * ERROR_MESSAGES.length)])}}`
        : '';
      buffer +=
        (j ? ',' : '') +
        `{"traceId":"${traceId}","spanId":"${spanId(i)}"` +
        (p >= 0 ? `,"parentSpanId":"${spanId(p)}"` : '') +
        `,"name":"${name}","kind":${kind},"startTimeUnixNano":"${time(start[i]!)}","endTimeUnixNano":"${time(start[i]! + duration[i]!)}"` +
        `,"attributes":[${attrs}]` +
        (events ? `,"events":[${events}]` : '') +
        `${status}}`;
      if (buffer.length >= CHUNK_CHARS) {
        yield buffer;
        buffer = '';
      }
    }
    buffer += ']}]}';
  }
  buffer += ']}';
  yield buffer;
}

/** The whole request text for `spanCount` spans (see `generateOtlpChunks`). */
export function generateOtlp(spanCount: number, seed = 1): string {
  const chunks: string[] = [];
  for (const chunk of generateOtlpChunks(spanCount, seed)) chunks.push(chunk);
  return chunks.join('');
}
