/**
 * Tempo's service graph from the metrics its metrics-generator writes to Prometheus
 * (`traces_service_graph_request_total`, `..._failed_total`, `..._request_server_seconds_bucket`,
 * labels `client` and `server`), read through `/api/tracescope/sources/<name>/prometheus`.
 * Counts are Prometheus `increase()` over the window (extrapolated, so rounded to whole calls);
 * P99 is `histogram_quantile` over the buckets (an estimate within bucket bounds).
 */
import { Http, isRecord } from './http';
import type { RawResponse } from './http';
import type { GraphEdge, GraphRequestOptions, GraphWindow, ServiceGraphData } from './serviceGraph';
import { mergeEdges, servicesFromEdges } from './serviceGraph';

export function prometheusRoot(source: string, baseUrl = ''): string {
  return `${baseUrl.replace(/\/+$/, '')}/api/tracescope/sources/${encodeURIComponent(source)}/prometheus`;
}

/** The three instant queries, over a window of `rangeSec` seconds. */
export function serviceGraphQueries(rangeSec: number): { calls: string; failed: string; p99: string } {
  const range = `${Math.max(1, Math.round(rangeSec))}s`;
  return {
    calls: `sum by (client, server) (increase(traces_service_graph_request_total[${range}]))`,
    failed: `sum by (client, server) (increase(traces_service_graph_request_failed_total[${range}]))`,
    p99: `histogram_quantile(0.99, sum by (client, server, le) (rate(traces_service_graph_request_server_seconds_bucket[${range}])))`,
  };
}

export async function fetchPrometheusGraph(source: string, window: GraphWindow, options: GraphRequestOptions = {}): Promise<ServiceGraphData> {
  const http = new Http({ name: `${source} (Prometheus)`, root: prometheusRoot(source, options.baseUrl), ...(options.fetch ? { fetch: options.fetch } : {}) });
  const queries = serviceGraphQueries(window.endSec - window.startSec);
  const ask = async (query: string) => {
    const response = await http.getJson('/api/v1/query', { query, time: window.endSec }, options.signal);
    return { response, samples: parseVector(http, response) };
  };
  const [calls, failed, p99] = await Promise.all([ask(queries.calls), ask(queries.failed), ask(queries.p99)]);
  const key = (s: VectorSample) => `${s.client}\u0000${s.server}`;
  const failedBy = new Map(failed.samples.map((s) => [key(s), s.value]));
  const p99By = new Map(p99.samples.map((s) => [key(s), s.value]));
  const edges: GraphEdge[] = [];
  for (const s of calls.samples) {
    const callCount = Math.round(s.value);
    if (!(callCount > 0)) continue;
    const errors = failedBy.get(key(s));
    const seconds = p99By.get(key(s));
    edges.push({
      parent: s.client,
      child: s.server,
      callCount,
      errorCount: errors !== undefined && Number.isFinite(errors) ? Math.min(callCount, Math.round(errors)) : 0,
      ...(seconds !== undefined && Number.isFinite(seconds) ? { p99Ms: seconds * 1000 } : {}),
    });
  }
  const merged = mergeEdges(edges);
  return { basis: 'prometheus', ...window, services: servicesFromEdges(merged), edges: merged, url: calls.response.url };
}

export interface VectorSample {
  readonly client: string;
  readonly server: string;
  readonly value: number;
}

/** A Prometheus instant-vector answer → samples with `client`/`server` labels ("NaN" kept as NaN). */
export function parseVector(http: Http, response: RawResponse): VectorSample[] {
  const json = response.json;
  if (!isRecord(json) || json.status !== 'success' || !isRecord(json.data)) {
    const message = isRecord(json) && typeof json.error === 'string' ? json.error : 'expected {"status":"success","data":{...}}';
    throw http.badResponse(response, message);
  }
  const result = json.data.result;
  if (json.data.resultType !== 'vector' || !Array.isArray(result)) throw http.badResponse(response, `expected a vector, got ${String(json.data.resultType)}`);
  return result.flatMap((r): VectorSample[] => {
    if (!isRecord(r) || !isRecord(r.metric) || !Array.isArray(r.value)) return [];
    const { client, server } = r.metric;
    if (typeof client !== 'string' || typeof server !== 'string') return [];
    return [{ client, server, value: Number(r.value[1]) }];
  });
}
