import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSource, sourceRoot } from './createSource';
import type { FixtureServer } from './testing/fixtureServer';
import { json, startFixtureServer } from './testing/fixtureServer';
import { SourceError } from './types';

const ID = '5b8efff798038103d269b633813fc700';

let server: FixtureServer;
beforeEach(async () => {
  server = await startFixtureServer();
});
afterEach(() => server.close());

describe('sourceRoot', () => {
  it('serves local directly and upstreams through the proxy', () => {
    expect(sourceRoot('local', 'tempo')).toBe('');
    expect(sourceRoot('local', 'jaeger')).toBe('/jaeger');
    expect(sourceRoot('prod eu', 'tempo', 'http://h:3000/')).toBe('http://h:3000/api/tracescope/sources/prod%20eu/proxy');
  });
});

describe('createSource', () => {
  it('reads the local Tempo dialect at /api', async () => {
    server.route(`/api/v2/traces/${ID}`, json('tempo/trace-v2-response-docs-push-spans.json'));
    const source = createSource({ name: 'local', kind: 'tempo', baseUrl: server.origin });
    expect(source.kind).toBe('tempo');
    expect((await source.getTrace(ID)).trace.traceId).toBe(ID);
  });

  it('reads the local Jaeger dialect at /jaeger/api', async () => {
    server.route('/jaeger/api/v3/services', json('jaeger/v3-snapshot-GetServices.json'));
    const source = createSource({ name: 'local', kind: 'jaeger', baseUrl: server.origin });
    expect(await source.services()).toEqual(['foo']);
  });

  it('goes through the proxy for an upstream, naming it in errors', async () => {
    const proxied = `/api/tracescope/sources/prod/proxy/api/v2/traces/${ID}`;
    server.route(proxied, { status: 502, body: '{"error":"upstream connect error"}' });
    const source = createSource({ name: 'prod', kind: 'tempo', baseUrl: server.origin });
    const err = await source.getTrace(ID).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect((err as SourceError).message).toBe(`prod (${server.origin}${proxied}): HTTP 502 — upstream connect error`);
  });

  it('builds a zipkin client with an injected fetch', async () => {
    const urls: string[] = [];
    const source = createSource({
      name: 'zk',
      kind: 'zipkin',
      fetch: (url) => {
        urls.push(url);
        return Promise.resolve(new Response('["a"]', { status: 200 }));
      },
    });
    expect(await source.services()).toEqual(['a']);
    expect(urls).toEqual(['/api/tracescope/sources/zk/proxy/api/v2/services']);
  });
});
