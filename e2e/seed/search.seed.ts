/**
 * Traces for the search, files and compare specs: an `inventory-api` service with known
 * regions, durations and one error, and two runs of the same `report-api` request whose shapes
 * differ (an added span, a removed span, a repeated query, a slower step).
 */
import { SpanKind } from '@opentelemetry/api';
import { sendTrace } from '../support/sdkTrace';

export interface SearchSeed {
  /** `inventory-api` traces by label: eu-fast 40 ms, eu-slow 80 ms, us-error 120 ms (error). */
  readonly inventory: Record<'euFast' | 'euSlow' | 'usError', { traceId: string; durationMs: number }>;
  /** Two runs of `report-api GET /report`. */
  readonly compare: {
    readonly a: { traceId: string; spans: Record<string, string> };
    readonly b: { traceId: string; spans: Record<string, string> };
  };
}

export async function seed(): Promise<SearchSeed> {
  const now = Date.now() - 120_000;
  const item = (region: string, ms: number, at: number, error?: string) =>
    sendTrace(
      {
        service: 'inventory-api',
        name: 'GET /items',
        at: 0,
        ms,
        attributes: { 'http.request.method': 'GET', 'cloud.region': region },
        children: [
          {
            service: 'stock-db',
            name: 'SELECT stock',
            at: 2,
            ms: ms - 10,
            kind: SpanKind.CLIENT,
            attributes: { 'db.system': 'postgresql' },
            ...(error ? { error } : {}),
          },
        ],
      },
      now + at,
    );
  const euFast = item('eu-west-1', 40, 0);
  const euSlow = item('eu-west-1', 80, 5_000);
  const usError = item('us-east-1', 120, 10_000, 'connection reset');

  const a = sendTrace(
    {
      service: 'report-api',
      name: 'GET /report',
      at: 0,
      ms: 100,
      key: 'root',
      children: [
        { service: 'report-db', name: 'SELECT rows', at: 5, ms: 20, key: 'query', kind: SpanKind.CLIENT },
        { service: 'report-cache', name: 'GET report', at: 30, ms: 5, key: 'cache', kind: SpanKind.CLIENT },
      ],
    },
    now + 20_000,
  );
  const b = sendTrace(
    {
      service: 'report-api',
      name: 'GET /report',
      at: 0,
      ms: 260,
      key: 'root',
      children: [
        { service: 'report-db', name: 'SELECT rows', at: 5, ms: 60, key: 'query', kind: SpanKind.CLIENT },
        { service: 'report-db', name: 'SELECT rows', at: 70, ms: 60, key: 'query2', kind: SpanKind.CLIENT },
        { service: 'report-render', name: 'render pdf', at: 140, ms: 110, key: 'render' },
      ],
    },
    now + 25_000,
  );
  const pick = (t: { traceId: string; durationMs: number }) => ({ traceId: t.traceId, durationMs: t.durationMs });
  return {
    inventory: { euFast: pick(euFast), euSlow: pick(euSlow), usError: pick(usError) },
    compare: { a: { traceId: a.traceId, spans: a.spans }, b: { traceId: b.traceId, spans: b.spans } },
  };
}
