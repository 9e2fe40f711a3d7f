import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TempoClient } from './tempoClient';
import type { FixtureServer } from './testing/fixtureServer';
import { closedOrigin, fixture, json, startFixtureServer } from './testing/fixtureServer';
import { SourceError } from './types';

const V2_ID = '5b8efff798038103d269b633813fc700';
const V1_ID = '5b8efff798038103d269b633813fc60c';

let server: FixtureServer;
let client: TempoClient;

beforeEach(async () => {
  server = await startFixtureServer();
  client = new TempoClient({ name: 'prod', root: server.origin });
});
afterEach(() => server.close());

async function failure(promise: Promise<unknown>): Promise<SourceError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SourceError);
  return err as SourceError;
}

describe('TempoClient.getTrace', () => {
  it('reads a v2 trace-by-ID response', async () => {
    server.route(`/api/v2/traces/${V2_ID}`, json('tempo/trace-v2-response-docs-push-spans.json'));
    const result = await client.getTrace(V2_ID.toUpperCase(), { start: 1689969000, end: 1689971000 });
    expect(result.format).toBe('tempo-v2');
    expect(result.partial).toBe(false);
    expect(result.trace.traceId).toBe(V2_ID);
    expect(result.trace.spans.map((s) => [s.spanId, s.serviceName, s.name, s.kind])).toEqual([
      ['eee19b7ec3c1b100', 'my.service', 'I am a span!', 'server'],
    ]);
    expect(result.url).toBe(`${server.origin}/api/v2/traces/${V2_ID}?start=1689969000&end=1689971000`);
    expect(server.requests).toEqual([`/api/v2/traces/${V2_ID}?start=1689969000&end=1689971000`]);
  });

  it('falls back to v1 when v2 is not routed, and remembers it', async () => {
    server.route(`/api/traces/${V1_ID}`, json('tempo/trace-v1-response-observatorium-e2e.json'));
    const result = await client.getTrace(V1_ID);
    expect(result.format).toBe('tempo-v1');
    expect(result.trace.traceId).toBe(V1_ID);
    expect(result.trace.spans).toHaveLength(1);
    expect(result.trace.spans[0]).toMatchObject({
      spanId: 'eee19b7ec3c1b174',
      parentSpanId: 'eee19b7ec3c1b173',
      serviceName: 'my.service',
      isOrphan: true,
    });
    expect(result.url).toBe(`${server.origin}/api/traces/${V1_ID}`);
    await client.getTrace(V1_ID);
    expect(server.requests).toEqual([`/api/v2/traces/${V1_ID}`, `/api/traces/${V1_ID}`, `/api/traces/${V1_ID}`]);
  });

  it('marks a partial v2 trace', async () => {
    const body = JSON.parse(fixture('tempo/trace-v2-response-docs-push-spans.json')) as Record<string, unknown>;
    server.route(`/api/v2/traces/${V2_ID}`, {
      body: JSON.stringify({ ...body, status: 'PARTIAL', message: 'trace exceeds max size' }),
    });
    const result = await client.getTrace(V2_ID);
    expect(result.partial).toBe(true);
    expect(result.issues[0]).toEqual({ path: 'status', message: 'trace exceeds max size' });
  });

  it('is not-found on a JSON 404 from v2 (no fallback)', async () => {
    server.route(`/api/v2/traces/${V2_ID}`, { status: 404, body: '{}' });
    const err = await failure(client.getTrace(V2_ID));
    expect(err.kind).toBe('not-found');
    expect(err.status).toBe(404);
    expect(server.requests).toHaveLength(1);
  });

  it('is not-found on an empty-body 404 from v2, without falling back to v1', async () => {
    server.route(`/api/v2/traces/${V2_ID}`, { status: 404, body: '' });
    const err = await failure(client.getTrace(V2_ID));
    expect(err.kind).toBe('not-found');
    expect(err.url).toBe(`${server.origin}/api/v2/traces/${V2_ID}`);
    expect(server.requests).toEqual([`/api/v2/traces/${V2_ID}`]);
  });

  it('is not-found when v1 answers 404 with an empty body', async () => {
    server.route(`/api/traces/${V2_ID}`, { status: 404, body: '' });
    const err = await failure(client.getTrace(V2_ID));
    expect(err.kind).toBe('not-found');
    expect(err.url).toBe(`${server.origin}/api/traces/${V2_ID}`);
    expect(err.message).toBe(`prod (${server.origin}/api/traces/${V2_ID}): not found (HTTP 404)`);
  });

  it('is not-found when the trace has no spans', async () => {
    server.route(`/api/v2/traces/${V2_ID}`, { body: '{"metrics":{"inspectedBytes":"10"}}' });
    expect((await failure(client.getTrace(V2_ID))).kind).toBe('not-found');
  });

  it('reports HTTP 500 with the server message', async () => {
    server.route(`/api/v2/traces/${V2_ID}`, { status: 500, body: 'failed to query: too many blocks\n', contentType: 'text/plain' });
    const err = await failure(client.getTrace(V2_ID));
    expect(err.kind).toBe('http');
    expect(err.status).toBe(500);
    expect(err.serverMessage).toBe('failed to query: too many blocks');
    expect(err.message).toBe(`prod (${server.origin}/api/v2/traces/${V2_ID}): HTTP 500 — failed to query: too many blocks`);
  });

  it('reports a 200 that is not a trace as bad-response', async () => {
    server.route(`/api/v2/traces/${V2_ID}`, { body: '<html>login</html>', contentType: 'text/html' });
    const err = await failure(client.getTrace(V2_ID));
    expect(err.kind).toBe('bad-response');
    expect(err.message).toContain('<html>login</html>');
  });

  it('is unreachable when nothing listens', async () => {
    const origin = await closedOrigin();
    const err = await failure(new TempoClient({ name: 'down', root: origin }).getTrace(V2_ID));
    expect(err.kind).toBe('unreachable');
    expect(err.url).toBe(`${origin}/api/v2/traces/${V2_ID}`);
    expect(err.message).toMatch(new RegExp(`^down \\(${origin}/api/v2/traces/${V2_ID}\\): unreachable`));
  });

  it('is aborted when the signal fires mid-request', async () => {
    server.route(`/api/v2/traces/${V2_ID}`, { ...json('tempo/trace-v2-response-docs-push-spans.json'), delayMs: 5000 });
    const controller = new AbortController();
    const pending = client.getTrace(V2_ID, { signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    const err = await failure(pending);
    expect(err.kind).toBe('aborted');
  });

  it('is aborted for an already-aborted signal', async () => {
    const err = await failure(client.getTrace(V2_ID, { signal: AbortSignal.abort() }));
    expect(err.kind).toBe('aborted');
  });

  it('rejects a malformed ID before any request', async () => {
    await expect(client.getTrace('not-a-trace')).rejects.toBeInstanceOf(RangeError);
    expect(server.requests).toEqual([]);
  });
});

describe('TempoClient.search', () => {
  it('maps the docs push-spans search response', async () => {
    server.route('/api/search', json('tempo/search-response-docs-push-spans.json'));
    const hits = await client.search({ traceql: '{ resource.service.name = "my.service" }', limit: 5 });
    expect(hits).toEqual([
      {
        traceId: '5b8efff798038103d269b633813fc700',
        rootService: 'my.service',
        rootName: 'I am a span!',
        startTimeUnixNano: 1694718625557000000n,
        durationMs: 10000,
      },
    ]);
    const query = new URLSearchParams(server.requests[0]?.split('?')[1]);
    expect(Object.fromEntries(query)).toEqual({ q: '{ resource.service.name = "my.service" }', limit: '5' });
  });

  it('maps the docs tags-based search response, padding trimmed trace IDs', async () => {
    server.route('/api/search', json('tempo/search-tags-based-docs-example.json'));
    const hits = await client.search({
      service: 'frontend',
      operation: 'GET /cart',
      tags: { 'http.status_code': '500', note: 'say "hi"' },
      minDurationMs: 100,
      maxDurationMs: 1500.5,
      startSec: 1634727000,
      endSec: 1634728000,
      limit: 20,
    });
    expect(hits.map((h) => [h.traceId, h.rootService, h.rootName, h.startTimeUnixNano, h.durationMs])).toEqual([
      ['0000000000000000d6e9329d67b6146a', 'frontend', '/cart', 1634727903545000000n, 611],
      ['00000000000000001b1ba462b409200d', 'frontend', '/cart', 1634727775935000000n, 611],
    ]);
    const query = new URLSearchParams(server.requests[0]?.split('?')[1]);
    expect(Object.fromEntries(query)).toEqual({
      tags: 'service.name=frontend name="GET /cart" http.status_code=500 note="say \\"hi\\""',
      minDuration: '100ms',
      maxDuration: '1500.5ms',
      start: '1634727000',
      end: '1634728000',
      limit: '20',
    });
  });

  it('flags a missing root and reads serviceStats', async () => {
    server.route('/api/search', {
      body: JSON.stringify({
        traces: [
          {
            traceID: 'abc',
            rootServiceName: '<root span not yet received>',
            startTimeUnixNano: '1700000000000000000',
            serviceStats: { db: { spanCount: 2 }, api: { spanCount: 3, errorCount: 1 } },
          },
        ],
      }),
    });
    expect(await client.search({})).toEqual([
      {
        traceId: '00000000000000000000000000000abc',
        rootService: '',
        rootName: '',
        rootMissing: true,
        startTimeUnixNano: 1700000000000000000n,
        durationMs: 0,
        spanCount: 5,
        errorCount: 1,
        services: [
          { name: 'api', spanCount: 3, errorCount: 1 },
          { name: 'db', spanCount: 2, errorCount: 0 },
        ],
      },
    ]);
    expect(server.requests).toEqual(['/api/search']);
  });

  it('gives [] when "traces" is absent, and reports a 400 with its text', async () => {
    server.route('/api/search', { body: '{"metrics":{}}' });
    expect(await client.search({})).toEqual([]);
    server.route('/api/search', { status: 400, body: 'invalid TraceQL query: parse error at line 1', contentType: 'text/plain' });
    const err = await failure(client.search({ traceql: '{' }));
    expect(err.kind).toBe('http');
    expect(err.serverMessage).toBe('invalid TraceQL query: parse error at line 1');
  });
});

describe('TempoClient tags', () => {
  it('reads v2 tag scopes', async () => {
    server.route('/api/v2/search/tags', json('tempo/search-tags-v2-docs-example.json'));
    const tags = await client.tagNames();
    expect(tags).toHaveLength(48);
    expect(tags.slice(0, 3)).toEqual([
      { name: 'link-type', scope: 'link' },
      { name: 'k6', scope: 'resource' },
      { name: 'service.name', scope: 'resource' },
    ]);
    expect(tags.filter((t) => t.scope === 'intrinsic')).toHaveLength(20);
  });

  it('falls back to v1 tag names', async () => {
    server.route('/api/search/tags', json('tempo/search-tags-v1-docs-example.json'));
    const tags = await client.tagNames();
    expect(tags).toHaveLength(14);
    expect(tags[0]).toEqual({ name: 'host.name' });
    expect(server.requests).toEqual(['/api/v2/search/tags', '/api/search/tags']);
  });

  it('reads v2 tag values; services are resource.service.name values, sorted', async () => {
    server.route('/api/v2/search/tag/resource.service.name/values', json('tempo/search-tag-values-v2-docs-example.json'));
    const expected = ['article-service', 'auth-service', 'billing-service', 'cart-service', 'postgres', 'shop-backend'];
    expect(await client.services()).toEqual(expected);
    expect(await client.tagValues('resource.service.name')).toEqual(expected);
  });

  it('falls back to v1 tag values without the scope prefix', async () => {
    server.route('/api/search/tag/service.name/values', json('tempo/search-tag-values-v1-docs-example.json'));
    expect(await client.services()).toHaveLength(6);
    expect(server.requests).toEqual([
      '/api/v2/search/tag/resource.service.name/values',
      '/api/search/tag/service.name/values',
    ]);
  });

  it('asks for span names of one service', async () => {
    server.route('/api/v2/search/tag/name/values', {
      body: '{"tagValues":[{"type":"string","value":"GET /cart"},{"type":"string","value":"CAS"}]}',
    });
    expect(await client.operations('shop-"backend"')).toEqual(['CAS', 'GET /cart']);
    const query = new URLSearchParams(server.requests[0]?.split('?')[1]);
    expect(query.get('q')).toBe('{resource.service.name="shop-\\"backend\\""}');
  });
});
