/** `getTrace(…, { onProgress })`: bytes as the body streams in, then the span count before building. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TempoClient } from './tempoClient';
import { JaegerClient } from './jaegerClient';
import type { FixtureServer } from './testing/fixtureServer';
import { fixture, json, startFixtureServer } from './testing/fixtureServer';
import type { TraceProgress } from './types';

const V2_ID = '5b8efff798038103d269b633813fc700';

let server: FixtureServer;
beforeEach(async () => {
  server = await startFixtureServer();
});
afterEach(() => server.close());

describe('trace download progress', () => {
  it('reports received bytes up to the body size, then the spans being built (Tempo)', async () => {
    server.route(`/api/v2/traces/${V2_ID}`, json('tempo/trace-v2-response-docs-push-spans.json'));
    const seen: TraceProgress[] = [];
    const client = new TempoClient({ name: 'prod', root: server.origin });
    const result = await client.getTrace(V2_ID, { onProgress: (p) => seen.push(p) });
    const size = Buffer.byteLength(fixture('tempo/trace-v2-response-docs-push-spans.json'));
    const receiving = seen.filter((p) => p.phase === 'receiving');
    expect(receiving.length).toBeGreaterThan(0);
    expect(receiving.at(-1)).toMatchObject({ bytes: size });
    expect(seen.at(-1)).toEqual({ phase: 'building', spans: result.trace.spans.length });
  });

  it('reads the same trace with and without a progress callback (Jaeger v1)', async () => {
    const file = 'jaeger/v1-trace-response-observatorium-e2e.json';
    const body = JSON.parse(fixture(file)) as { data: { traceID: string }[] };
    const traceId = body.data[0]!.traceID.padStart(32, '0');
    server.route(`/api/traces/${traceId}`, json(file));
    const client = new JaegerClient({ name: 'j', root: server.origin, api: 'v1' });
    const plain = await client.getTrace(traceId);
    let last: TraceProgress | undefined;
    const streamed = await client.getTrace(traceId, { onProgress: (p) => (last = p) });
    expect(streamed.trace.spans.map((s) => s.spanId)).toEqual(plain.trace.spans.map((s) => s.spanId));
    expect(last).toEqual({ phase: 'building', spans: plain.trace.spans.length });
  });
});
