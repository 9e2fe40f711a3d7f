import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JaegerClient } from './jaegerClient';
import type { FixtureServer } from './testing/fixtureServer';
import { closedOrigin, json, startFixtureServer } from './testing/fixtureServer';
import { SourceError } from './types';

const OBS_ID = '5b8efff798038103d269b633813fc60c';
const NOW_MS = Date.UTC(2026, 0, 2, 0, 0, 0);

let server: FixtureServer;
let client: JaegerClient;

beforeEach(async () => {
  server = await startFixtureServer();
  client = new JaegerClient({ name: 'jaeger-prod', root: server.origin, now: () => NOW_MS });
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

function query(i: number): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(server.requests[i]?.split('?')[1]));
}

describe('JaegerClient on a v3 server', () => {
  beforeEach(() => {
    server.route('/api/v3/services', json('jaeger/v3-snapshot-GetServices.json'));
  });

  it('probes once and reuses the probe for services', async () => {
    expect(await client.dialect()).toBe('v3');
    expect(await client.services()).toEqual(['foo']);
    expect(server.requests).toEqual(['/api/v3/services', '/api/v3/services']);
  });

  it('serves services from the probe response itself', async () => {
    expect(await client.services()).toEqual(['foo']);
    expect(server.requests).toEqual(['/api/v3/services']);
  });

  it('reads a trace by ID', async () => {
    server.route(`/api/v3/traces/${OBS_ID}`, json('jaeger/v3-trace-response-observatorium-e2e.json'));
    const result = await client.getTrace(OBS_ID, { start: 1544712600, end: 1544712700 });
    expect(result.format).toBe('jaeger-v3');
    expect(result.trace.traceId).toBe(OBS_ID);
    expect(result.trace.spans.map((s) => [s.spanId, s.parentSpanId, s.serviceName, s.name, s.kind])).toEqual([
      ['eee19b7ec3c1b174', 'eee19b7ec3c1b173', 'my.service', "I'm a server span", 'server'],
    ]);
    expect(server.requests[1]).toBe(
      `/api/v3/traces/${OBS_ID}?startTime=2018-12-13T14%3A50%3A00.000Z&endTime=2018-12-13T14%3A51%3A40.000Z`,
    );
  });

  it('tells the v3 404 envelope apart as not-found', async () => {
    server.route(`/api/v3/traces/${OBS_ID}`, json('jaeger/v3-error-404-no-traces-found.CONSTRUCTED.json', 404));
    const err = await failure(client.getTrace(OBS_ID));
    expect(err.kind).toBe('not-found');
    expect(err.serverMessage).toBe('No traces found');
    expect(err.message).toBe(`jaeger-prod (${server.origin}/api/v3/traces/${OBS_ID}): not found (HTTP 404) — No traces found`);
  });

  it('searches and summarises the traces into hits', async () => {
    server.route('/api/v3/traces', json('jaeger/v3-snapshot-FindTraces.json'));
    const hits = await client.search({
      service: 'frontend',
      operation: 'HTTP GET /',
      tags: { 'http.status_code': '500' },
      minDurationMs: 5,
      limit: 10,
    });
    expect(hits).toEqual([
      {
        traceId: '00000000000000000000000000000001',
        rootService: 'unknown_service',
        rootName: 'foobar',
        startTimeUnixNano: 0n,
        durationMs: 0,
        spanCount: 1,
        errorCount: 1,
        services: [{ name: 'unknown_service', spanCount: 1, errorCount: 1 }],
      },
    ]);
    expect(query(1)).toEqual({
      'query.service_name': 'frontend',
      'query.operation_name': 'HTTP GET /',
      'query.attributes': '{"http.status_code":"500"}',
      'query.start_time_min': '2025-12-31T00:00:00.000Z',
      'query.start_time_max': '2026-01-02T00:00:00.000Z',
      'query.duration_min': '5ms',
      'query.num_traces': '10',
    });
  });

  it('gives [] when v3 search answers the "No traces found" 404', async () => {
    server.route('/api/v3/traces', json('jaeger/v3-error-404-no-traces-found.CONSTRUCTED.json', 404));
    expect(await client.search({ service: 'frontend' })).toEqual([]);
  });

  it('lists operations', async () => {
    server.route('/api/v3/operations', json('jaeger/v3-snapshot-GetOperations.json'));
    expect(await client.operations('foo')).toEqual(['get_users']);
    expect(server.requests[1]).toBe('/api/v3/operations?service=foo');
  });

  it('has no tag API', async () => {
    expect(await client.tagNames()).toEqual([]);
    expect(await client.tagValues()).toEqual([]);
    expect(server.requests).toEqual([]);
  });

  it('rejects TraceQL', async () => {
    await expect(client.search({ traceql: '{}' })).rejects.toBeInstanceOf(RangeError);
  });
});

describe('JaegerClient on a v1 server', () => {
  it('falls back to v1 when /api/v3/services is 404', async () => {
    server.route(`/api/traces/${OBS_ID}`, json('jaeger/v1-trace-response-observatorium-e2e.json'));
    const result = await client.getTrace(OBS_ID, { start: 1544712600, end: 1544712700 });
    expect(await client.dialect()).toBe('v1');
    expect(result.format).toBe('jaeger-v1');
    expect(result.trace.traceId).toBe(OBS_ID);
    expect(result.trace.spans.map((s) => [s.spanId, s.parentSpanId, s.serviceName])).toEqual([
      ['eee19b7ec3c1b174', 'eee19b7ec3c1b173', 'my.service'],
    ]);
    expect(server.requests).toEqual(['/api/v3/services', `/api/traces/${OBS_ID}?start=1544712600000000&end=1544712700000000`]);
  });

  it('reads a 64-bit trace ID trace', async () => {
    server.route('/api/traces/2ee9739529395e31', json('jaeger/v1-trace-response-grafana-mockJsonResponse.json'));
    const result = await client.getTrace('2ee9739529395e31');
    expect(result.trace.traceId).toBe('00000000000000002ee9739529395e31');
    expect(result.trace.spans.map((s) => [s.name, s.serviceName, s.depth])).toEqual([
      ['CAS', 'loki-all', 0],
      ['CAS loop', 'loki-all', 1],
    ]);
  });

  it('tells the v1 404 envelope apart as not-found', async () => {
    server.route(`/api/traces/${OBS_ID}`, {
      ...json('jaeger/v1-error-404-trace-not-found.json', 404),
      contentType: 'text/plain; charset=utf-8',
    });
    const err = await failure(client.getTrace(OBS_ID));
    expect(err.kind).toBe('not-found');
    expect(err.status).toBe(404);
    expect(err.serverMessage).toBe('trace not found');
  });

  it('reports a v1 500 envelope with its message', async () => {
    server.route('/api/services', {
      status: 500,
      body: '{"data":null,"total":0,"limit":0,"offset":0,"errors":[{"code":500,"msg":"storage unavailable"}]}',
    });
    const err = await failure(client.services());
    expect(err.kind).toBe('http');
    expect(err.message).toBe(`jaeger-prod (${server.origin}/api/services): HTTP 500 — storage unavailable`);
  });

  it('searches with v1 parameters and summarises the traces', async () => {
    server.route('/api/traces', json('jaeger/v1-trace-response-grafana-mockJsonResponse.json'));
    const hits = await client.search({
      service: 'loki-all',
      tags: { error: 'true' },
      startSec: 1616095000,
      endSec: 1616096000,
      maxDurationMs: 2,
      limit: 20,
    });
    expect(hits).toEqual([
      {
        traceId: '00000000000000002ee9739529395e31',
        rootService: 'loki-all',
        rootName: 'CAS',
        startTimeUnixNano: 1616095319593196000n,
        durationMs: 1.004,
        spanCount: 2,
        errorCount: 0,
        services: [{ name: 'loki-all', spanCount: 2, errorCount: 0 }],
      },
    ]);
    expect(query(1)).toEqual({
      service: 'loki-all',
      tags: '{"error":"true"}',
      start: '1616095000000000',
      end: '1616096000000000',
      maxDuration: '2ms',
      limit: '20',
    });
  });

  it('lists services and operations from the data envelope, sorted', async () => {
    server.route('/api/services', { body: '{"data":["redis","frontend"],"total":2,"limit":0,"offset":0,"errors":null}' });
    server.route('/api/services/frontend/operations', { body: '{"data":["/dispatch","HTTP GET"],"total":2}' });
    expect(await client.services()).toEqual(['frontend', 'redis']);
    expect(await client.operations('frontend')).toEqual(['/dispatch', 'HTTP GET']);
    expect(server.requests).toEqual(['/api/v3/services', '/api/services', '/api/services/frontend/operations']);
  });
});

describe('JaegerClient failures', () => {
  it('does not remember a failed probe', async () => {
    server.route('/api/v3/services', { status: 503, body: 'upstream down', contentType: 'text/plain' });
    const err = await failure(client.services());
    expect(err.kind).toBe('http');
    expect(err.status).toBe(503);
    server.route('/api/v3/services', json('jaeger/v3-snapshot-GetServices.json'));
    expect(await client.services()).toEqual(['foo']);
  });

  it('is unreachable when nothing listens', async () => {
    const origin = await closedOrigin();
    const err = await failure(new JaegerClient({ name: 'j', root: origin }).getTrace(OBS_ID));
    expect(err.kind).toBe('unreachable');
    expect(err.url).toBe(`${origin}/api/v3/services`);
  });

  it('is aborted when the signal fires', async () => {
    server.route('/api/v3/services', { ...json('jaeger/v3-snapshot-GetServices.json'), delayMs: 5000 });
    const controller = new AbortController();
    const pending = client.getTrace(OBS_ID, { signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    expect((await failure(pending)).kind).toBe('aborted');
  });
});
