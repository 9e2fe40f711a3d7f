/**
 * The sampled fallback: the traces a search returns for the window. Jaeger cannot search
 * without a service, so there it asks per service (a share of the limit each) and merges the
 * results by trace ID; other dialects search the whole window at once.
 */
import type { SearchHit, TraceSource } from '../../sources/clients/types';
import type { DashboardRange } from './dashboardWindow';

export interface Sample {
  readonly hits: readonly SearchHit[];
  /** Some search returned as many traces as it was allowed: the window holds more. */
  readonly capped: boolean;
}

const PER_SERVICE_MIN = 20;
const CONCURRENCY = 4;

export async function sampleTraces(client: TraceSource, range: DashboardRange, limit: number, signal?: AbortSignal): Promise<Sample> {
  const window = { startSec: Math.floor(range.startMs / 1000), endSec: Math.ceil(range.endMs / 1000) };
  const options = signal ? { signal } : {};
  if (client.kind !== 'jaeger') {
    const hits = await client.search({ ...window, limit }, options);
    return { hits, capped: hits.length >= limit };
  }
  const services = await client.services(options);
  const perService = Math.max(PER_SERVICE_MIN, Math.ceil(limit / Math.max(1, services.length)));
  const byId = new Map<string, SearchHit>();
  let capped = false;
  const queue = [...services];
  const worker = async () => {
    for (let service = queue.shift(); service !== undefined; service = queue.shift()) {
      const hits = await client.search({ ...window, service, limit: perService }, options);
      if (hits.length >= perService) capped = true;
      for (const h of hits) if (!byId.has(h.traceId)) byId.set(h.traceId, h);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, worker));
  return { hits: [...byId.values()], capped };
}
