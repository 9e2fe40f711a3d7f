import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FixtureServer } from './testing/fixtureServer';
import { json, startFixtureServer } from './testing/fixtureServer';
import { SourceError } from './types';
import { ZipkinClient } from './zipkinClient';

let server: FixtureServer;
let client: ZipkinClient;

beforeEach(async () => {
  server = await startFixtureServer();
  client = new ZipkinClient({ name: 'zipkin', root: server.origin, now: () => Date.UTC(2023, 10, 15) });
});
afterEach(() => server.close());

describe('ZipkinClient', () => {
  it('reads a trace by ID', async () => {
    server.route('/api/v2/trace/7d3c9b2f0a1e4d58', json('zipkin/v2-trace.CONSTRUCTED.json'));
    const result = await client.getTrace('7d3c9b2f0a1e4d58');
    expect(result.format).toBe('zipkin-v2');
    expect(result.trace.traceId).toBe('00000000000000007d3c9b2f0a1e4d58');
    expect(result.trace.spans.map((s) => [s.spanId, s.serviceName, s.name, s.kind])).toEqual([
      ['7d3c9b2f0a1e4d58', 'orders', 'send orders', 'producer'],
      ['1b0e2a93c4f5d607', 'billing', 'process orders', 'consumer'],
    ]);
  });

  it('is not-found on 404', async () => {
    server.route('/api/v2/trace/0123', { status: 404, body: 'Trace not found', contentType: 'text/plain' });
    const err = await client.getTrace('0123').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect((err as SourceError).kind).toBe('not-found');
    expect((err as SourceError).serverMessage).toBe('Trace not found');
  });

  it('searches and summarises traces, newest first', async () => {
    server.route('/api/v2/traces', json('zipkin/v2-traces-search.CONSTRUCTED.json'));
    const hits = await client.search({ service: 'frontend', tags: { error: '', 'http.method': 'GET' }, minDurationMs: 1.5, limit: 10 });
    expect(hits.map((h) => [h.traceId, h.rootService, h.rootName, h.startTimeUnixNano, h.durationMs, h.spanCount, h.errorCount])).toEqual([
      ['00000000000000007d3c9b2f0a1e4d58', 'orders', 'send orders', 1700000100000000000n, 4.215, 2, 0],
      ['463ac35c9f6413ad48485a3953bb6124', 'frontend', 'get /checkout', 1700000000123456000n, 250.3, 4, 3],
    ]);
    const query = Object.fromEntries(new URLSearchParams(server.requests[0]?.split('?')[1]));
    expect(query).toEqual({
      serviceName: 'frontend',
      annotationQuery: 'error and http.method=GET',
      minDuration: '1500',
      endTs: String(Date.UTC(2023, 10, 15)),
      lookback: String(2 * 24 * 3600 * 1000),
      limit: '10',
    });
  });

  it('lists services and span names', async () => {
    server.route('/api/v2/services', { body: '["orders","billing"]' });
    server.route('/api/v2/spans', { body: '["send orders"]' });
    expect(await client.services()).toEqual(['billing', 'orders']);
    expect(await client.operations('orders')).toEqual(['send orders']);
    expect(server.requests[1]).toBe('/api/v2/spans?serviceName=orders');
  });
});
