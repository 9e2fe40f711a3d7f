/**
 * The proxy against a real HTTP server playing Tempo, Jaeger, Zipkin and Prometheus (under
 * /tempo, /jaeger, /zipkin and /prom), answering with recorded payloads and recording what it
 * received.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { loadSources } from './config';
import type { SourcesConfig } from './config';
import { sourcesRoutes } from './routes';
import { errorCode } from './proxy';

const fixture = (path: string) => readFileSync(new URL(`../../src/sources/__fixtures__/${path}`, import.meta.url), 'utf8');
const TEMPO_TRACE = fixture('tempo/trace-v2-response-docs-push-spans.json');
const TEMPO_SEARCH = fixture('tempo/search-response-docs-push-spans.json');
const JAEGER_TRACE = fixture('jaeger/v1-trace-response-observatorium-e2e.json');
const JAEGER_404 = fixture('jaeger/v1-error-404-trace-not-found.json');
const ZIPKIN_TRACE = fixture('zipkin/v2-trace.CONSTRUCTED.json');

interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
}

let upstream: Server;
let base: string;
let refusedBase: string;
const received: Received[] = [];
const held: ServerResponse[] = [];

function answer(res: ServerResponse, status: number, body: string, type = 'application/json', extra: Record<string, string> = {}) {
  res.writeHead(status, { 'Content-Type': type, ...extra });
  res.end(body);
}

function fakeUpstream(req: { method?: string; url?: string; headers: IncomingHttpHeaders }, res: ServerResponse): void {
  received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
  const path = (req.url ?? '').split('?')[0];
  switch (path) {
    case '/tempo/api/v2/traces/5b8efff798038103d269b633813fc700':
      return answer(res, 200, TEMPO_TRACE, 'application/json', { 'Set-Cookie': 'session=upstream', 'X-Tempo-Extra': 'kept' });
    case '/tempo/api/search':
      return answer(res, 200, TEMPO_SEARCH);
    case '/tempo/api/v2/traces/0000000000000000000000000000dead':
      res.writeHead(404);
      return void res.end();
    case '/tempo/api/search/broken':
      return answer(res, 500, 'query frontend exploded', 'text/plain; charset=utf-8', { 'WWW-Authenticate': 'Basic realm="tempo"' });
    case '/tempo/api/gzip':
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
      return void res.end(gzipSync(TEMPO_SEARCH));
    case '/tempo/api/slow':
      held.push(res); // never answers
      return;
    case '/tempo/api/stall':
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"partial":');
      held.push(res);
      return;
    case '/tempo/api/moved':
      res.writeHead(302, { Location: 'https://elsewhere.example/steal?token=abc' });
      return void res.end();
    case '/tempo/admin/flush':
    case '/zipkin/health':
      return answer(res, 200, 'should never be reached', 'text/plain');
    case '/jaeger/api/traces/5b8efff798038103d269b633813fc60c':
      return answer(res, 200, JAEGER_TRACE);
    case '/jaeger/api/traces/0000000000000001':
      return answer(res, 404, JAEGER_404, 'text/plain; charset=utf-8');
    case '/zipkin/api/v2/trace/7d3c9b2f0a1e4d58':
      return answer(res, 200, ZIPKIN_TRACE);
    case '/prom/api/v1/query_range':
      return answer(res, 200, '{"status":"success","data":{"resultType":"matrix","result":[]}}');
    default:
      return answer(res, 404, `no route ${path}`, 'text/plain');
  }
}

function listen(server: Server): Promise<number> {
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done((server.address() as AddressInfo).port)));
}

beforeAll(async () => {
  upstream = createServer(fakeUpstream);
  base = `http://127.0.0.1:${await listen(upstream)}`;
  // A port that was just free: nothing listens there.
  const probe = createServer();
  const port = await listen(probe);
  await new Promise((done) => probe.close(done));
  refusedBase = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  for (const res of held) res.destroy();
  upstream.closeAllConnections();
  await new Promise((done) => upstream.close(done));
});

beforeEach(() => {
  received.length = 0;
});

const SECRETS = { TEMPO_TOKEN: 'tempo-secret-token', JAEGER_PASSWORD: 'jaeger-secret-pw' };
const API_KEY = 'zipkin-secret-key';

function config(): SourcesConfig {
  return loadSources({
    configPath: 'sources.json',
    env: SECRETS,
    readFile: () =>
      JSON.stringify({
        sources: [
          {
            name: 'prod',
            kind: 'tempo',
            url: `${base}/tempo/`,
            auth: { bearerTokenEnv: 'TEMPO_TOKEN', orgId: 'team-a' },
            prometheusUrl: `${base}/prom`,
          },
          { name: 'jae', kind: 'jaeger', url: `${base}/jaeger`, auth: { basic: { username: 'viewer', passwordEnv: 'JAEGER_PASSWORD' } } },
          { name: 'zip', kind: 'zipkin', url: `${base}/zipkin`, auth: { headers: { 'X-Api-Key': API_KEY } } },
          { name: 'slow', kind: 'tempo', url: `${base}/tempo`, timeoutMs: 80 },
          { name: 'down', kind: 'jaeger', url: refusedBase },
        ],
        default: 'prod',
      }),
  });
}

let localCalls: Request[] = [];
function app(): Hono {
  const local = new Hono();
  local.get('/api/echo', (c) => c.text('echo'));
  local.get('/jaeger/api/services', (c) => c.json({ data: ['checkout'], total: 1 }));
  local.all('*', (c) => c.text('local 404', 404));
  localCalls = [];
  return sourcesRoutes(config(), {
    localFetch: async (request) => {
      localCalls.push(request);
      return local.fetch(request);
    },
  });
}

const BROWSER_HEADERS = {
  Cookie: 'tracescope_session=browser-cookie',
  Authorization: 'Bearer browser-token',
  'X-Scope-OrgID': 'other-tenant',
  Connection: 'keep-alive, X-Hop',
  'X-Hop': 'hop',
  Accept: 'application/json',
  'Accept-Encoding': 'br',
};

describe('GET /api/tracescope/sources', () => {
  it('lists local first, then the upstreams with kind, default and capabilities', async () => {
    const res = await app().request('/api/tracescope/sources');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      sources: [
        { name: 'local', kind: 'tempo', default: false, capabilities: { search: true, traceql: true, metrics: true, dependencies: true } },
        { name: 'prod', kind: 'tempo', default: true, capabilities: { search: true, traceql: true, metrics: true, dependencies: true } },
        { name: 'jae', kind: 'jaeger', default: false, capabilities: { search: true, traceql: false, metrics: true, dependencies: true } },
        { name: 'zip', kind: 'zipkin', default: false, capabilities: { search: true, traceql: false, metrics: false, dependencies: true } },
        { name: 'slow', kind: 'tempo', default: false, capabilities: { search: true, traceql: true, metrics: true, dependencies: false } },
        { name: 'down', kind: 'jaeger', default: false, capabilities: { search: true, traceql: false, metrics: true, dependencies: true } },
      ],
    });
  });

  it('never shows URLs, tokens, passwords or headers', async () => {
    const body = await (await app().request('/api/tracescope/sources')).text();
    const basic = Buffer.from(`viewer:${SECRETS.JAEGER_PASSWORD}`).toString('base64');
    for (const secret of [...Object.values(SECRETS), API_KEY, basic, 'team-a', '127.0.0.1', 'http', 'viewer', 'X-Api-Key', 'Bearer']) {
      expect(body).not.toContain(secret);
    }
  });

  it('is local only by default', async () => {
    const routes = sourcesRoutes(loadSources({ env: {} }), { localFetch: () => Promise.resolve(new Response('')) });
    expect(await (await routes.request('/api/tracescope/sources')).json()).toEqual({
      sources: [{ name: 'local', kind: 'tempo', default: true, capabilities: { search: true, traceql: true, metrics: true, dependencies: true } }],
    });
  });
});

describe('proxying to an upstream', () => {
  it('forwards path and query to Tempo with bearer token and X-Scope-OrgID, replacing the browser credentials', async () => {
    const res = await app().request('/api/tracescope/sources/prod/proxy/api/v2/traces/5b8efff798038103d269b633813fc700?start=1&end=2', {
      headers: BROWSER_HEADERS,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('x-tracescope-upstream')).toBe('prod');
    expect(res.headers.get('x-tempo-extra')).toBe('kept');
    expect(res.headers.get('set-cookie')).toBeNull(); // upstream cookies stay upstream
    expect(await res.text()).toBe(TEMPO_TRACE);

    expect(received).toHaveLength(1);
    const [got] = received;
    expect(got?.method).toBe('GET');
    expect(got?.url).toBe('/tempo/api/v2/traces/5b8efff798038103d269b633813fc700?start=1&end=2');
    expect(got?.headers.authorization).toBe(`Bearer ${SECRETS.TEMPO_TOKEN}`);
    expect(got?.headers['x-scope-orgid']).toBe('team-a');
    expect(got?.headers.cookie).toBeUndefined();
    expect(got?.headers['x-hop']).toBeUndefined();
    expect(got?.headers.accept).toBe('application/json');
  });

  it('adds basic auth for Jaeger', async () => {
    const res = await app().request('/api/tracescope/sources/jae/proxy/api/traces/5b8efff798038103d269b633813fc60c', { headers: BROWSER_HEADERS });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(JSON.parse(JAEGER_TRACE));
    const auth = received[0]?.headers.authorization ?? '';
    expect(Buffer.from(auth.replace(/^Basic /, ''), 'base64').toString()).toBe(`viewer:${SECRETS.JAEGER_PASSWORD}`);
    // Not configured for this source, so the browser's tenant header is dropped, not forwarded.
    expect(received[0]?.headers['x-scope-orgid']).toBeUndefined();
  });

  it('adds custom headers for Zipkin, and drops the browser Authorization', async () => {
    const res = await app().request('/api/tracescope/sources/zip/proxy/api/v2/trace/7d3c9b2f0a1e4d58', { headers: BROWSER_HEADERS });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(ZIPKIN_TRACE);
    expect(received[0]?.headers['x-api-key']).toBe(API_KEY);
    expect(received[0]?.headers.authorization).toBeUndefined();
    expect(received[0]?.headers.cookie).toBeUndefined();
  });

  it('streams search results and decodes a compressed answer', async () => {
    const search = await app().request('/api/tracescope/sources/prod/proxy/api/search?q=%7B%20.service.name%20%3D%20%22x%22%20%7D&limit=5');
    expect(received[0]?.url).toBe('/tempo/api/search?q=%7B%20.service.name%20%3D%20%22x%22%20%7D&limit=5');
    expect(await search.json()).toEqual(JSON.parse(TEMPO_SEARCH));
    const gz = await app().request('/api/tracescope/sources/prod/proxy/api/gzip');
    expect(gz.headers.get('content-encoding')).toBeNull();
    expect(await gz.json()).toEqual(JSON.parse(TEMPO_SEARCH));
  });

  it('answers HEAD', async () => {
    const res = await app().request('/api/tracescope/sources/zip/proxy/api/v2/trace/7d3c9b2f0a1e4d58', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(received[0]?.method).toBe('HEAD');
  });

  it('passes 404 and 500 through with their status, body and X-Tracescope-Upstream', async () => {
    const missing = await app().request('/api/tracescope/sources/prod/proxy/api/v2/traces/0000000000000000000000000000dead');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-tracescope-upstream')).toBe('prod');
    expect(await missing.text()).toBe('');

    const jaeger404 = await app().request('/api/tracescope/sources/jae/proxy/api/traces/0000000000000001');
    expect(jaeger404.status).toBe(404);
    expect(jaeger404.headers.get('x-tracescope-upstream')).toBe('jae');
    expect(jaeger404.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await jaeger404.json()).toEqual(JSON.parse(JAEGER_404));

    const broken = await app().request('/api/tracescope/sources/prod/proxy/api/search/broken');
    expect(broken.status).toBe(500);
    expect(broken.headers.get('x-tracescope-upstream')).toBe('prod');
    expect(broken.headers.get('www-authenticate')).toBeNull(); // no browser login box
    expect(await broken.text()).toBe('query frontend exploded');
  });

  it('times out with 504 naming the upstream', async () => {
    const res = await app().request('/api/tracescope/sources/slow/proxy/api/slow');
    expect(res.status).toBe(504);
    expect(res.headers.get('x-tracescope-upstream')).toBe('slow');
    expect(await res.json()).toEqual({ error: `upstream slow (${base}/tempo) timed out after 80 ms` });
  });

  it('cuts a body that stalls', async () => {
    const res = await app().request('/api/tracescope/sources/slow/proxy/api/stall');
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
  });

  it('answers 502 when the upstream refuses the connection', async () => {
    const res = await app().request('/api/tracescope/sources/down/proxy/api/services');
    expect(res.status).toBe(502);
    expect(res.headers.get('x-tracescope-upstream')).toBe('down');
    expect(await res.json()).toEqual({ error: `upstream down (${refusedBase}) unreachable: ECONNREFUSED` });
  });

  it('does not follow redirects (they could carry the credentials elsewhere)', async () => {
    const res = await app().request('/api/tracescope/sources/prod/proxy/api/moved');
    expect(res.status).toBe(502);
    const { error } = (await res.json()) as { error: string };
    expect(error).toBe(`upstream prod (${base}/tempo) redirected (302) to https://elsewhere.example/steal; configure the source with the final URL`);
  });

  it('proxies the Prometheus of a Tempo source without Tempo credentials', async () => {
    const res = await app().request('/api/tracescope/sources/prod/prometheus/api/v1/query_range?query=traces_service_graph_request_total');
    expect(res.status).toBe(200);
    expect(received[0]?.url).toBe('/prom/api/v1/query_range?query=traces_service_graph_request_total');
    expect(received[0]?.headers.authorization).toBeUndefined();
    expect(received[0]?.headers['x-scope-orgid']).toBeUndefined();
    expect((await app().request('/api/tracescope/sources/jae/prometheus/api/v1/query')).status).toBe(404);
  });
});

describe('what the proxy refuses', () => {
  it('only GET and HEAD', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const res = await app().request('/api/tracescope/sources/prod/proxy/api/search', { method, body: method === 'POST' ? '{}' : null });
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, HEAD');
    }
    expect(received).toHaveLength(0);
  });

  it('only paths under the dialect API prefix, no traversal', async () => {
    const refused = [
      '/api/tracescope/sources/prod/proxy/admin/flush',
      '/api/tracescope/sources/prod/proxy',
      '/api/tracescope/sources/prod/proxy/',
      '/api/tracescope/sources/prod/proxy/api/%2e%2e/admin/flush',
      '/api/tracescope/sources/prod/proxy/api/..%2Fadmin/flush',
      '/api/tracescope/sources/prod/proxy/api/x%5C..%5Cadmin',
      '/api/tracescope/sources/zip/proxy/health',
      '/api/tracescope/sources/zip/proxy/api/v1/traces', // Zipkin: /api/v2/ only
      '/api/tracescope/sources/prod/prometheus/federate',
    ];
    for (const path of refused) {
      const res = await app().request(path);
      expect(res.status, path).toBe(403);
      expect(((await res.json()) as { error: string }).error).toMatch(/refused for source/);
    }
    expect(received).toHaveLength(0);
  });

  it('unknown sources are 404', async () => {
    const res = await app().request('/api/tracescope/sources/nope/proxy/api/search');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'unknown source "nope"' });
  });
});

describe('the local source', () => {
  it('calls the local app in-process, Tempo and Jaeger dialects', async () => {
    const routes = app();
    const echo = await routes.request('/api/tracescope/sources/local/proxy/api/echo?x=1', { headers: BROWSER_HEADERS });
    expect(echo.status).toBe(200);
    expect(await echo.text()).toBe('echo');
    expect(echo.headers.get('x-tracescope-upstream')).toBe('local');
    expect(new URL(localCalls[0]?.url ?? '').pathname + new URL(localCalls[0]?.url ?? '').search).toBe('/api/echo?x=1');
    expect(localCalls[0]?.headers.get('cookie')).toBeNull();

    const services = await routes.request('/api/tracescope/sources/local/proxy/jaeger/api/services');
    expect(await services.json()).toEqual({ data: ['checkout'], total: 1 });
    expect((await routes.request('/api/tracescope/sources/local/proxy/api/nothing')).status).toBe(404);
    expect(received).toHaveLength(0);
  });

  it('cannot call the sources API itself, or leave the API', async () => {
    const routes = app();
    expect((await routes.request('/api/tracescope/sources/local/proxy/api/tracescope/sources/local/proxy/api/echo')).status).toBe(403);
    expect((await routes.request('/api/tracescope/sources/local/proxy/index.html')).status).toBe(403);
    expect((await routes.request('/api/tracescope/sources/local/proxy/api/echo', { method: 'POST' })).status).toBe(405);
    expect(localCalls).toHaveLength(0);
  });
});

describe('errorCode', () => {
  it('finds the code or the innermost message of fetch errors', () => {
    expect(errorCode(new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) }))).toBe('ECONNREFUSED');
    expect(errorCode(new TypeError('fetch failed', { cause: Object.assign(new AggregateError([Object.assign(new Error('x'), { code: 'EHOSTUNREACH' })]), {}) }))).toBe('EHOSTUNREACH');
    expect(errorCode(new TypeError('fetch failed', { cause: new Error('bad port') }))).toBe('bad port');
  });
});
