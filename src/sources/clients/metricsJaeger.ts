/**
 * Jaeger's Service Performance Monitoring API (`/api/metrics/calls|errors|latencies`), present
 * when Jaeger is configured with a metrics store. Answers are Prometheus-style MetricFamily
 * JSON: `{"name","type","help","metrics":[{"labels":[{"name","value"}],"metricPoints":[{"gaugeValue":{"doubleValue"},"timestamp"}]}]}`.
 * An empty `metrics` array is a valid answer (no data).
 */
import { Http, isRecord } from './http';
import type { ClientConfig, RequestOptions } from './types';

export type JaegerMetricKind = 'calls' | 'errors' | 'latencies';

export interface JaegerMetricSeries {
  readonly labels: Readonly<Record<string, string>>;
  /** Values in time order; NaN points (no data) are dropped. */
  readonly points: readonly { readonly timeMs: number; readonly value: number }[];
}

export interface JaegerMetricsRequest {
  readonly services: readonly string[];
  readonly endMs: number;
  readonly lookbackMs: number;
  readonly stepMs: number;
  /** latencies only: 0.5, 0.95, 0.99… */
  readonly quantile?: number;
  /** Span kind of the measured spans (Jaeger's default in its UI: server). */
  readonly spanKind?: 'server' | 'client' | 'internal' | 'producer' | 'consumer' | 'unspecified';
}

export class JaegerMetricsClient {
  private readonly http: Http;

  constructor(config: ClientConfig) {
    this.http = new Http(config);
  }

  /**
   * Per-operation series of one metric: calls (per second), errors (fraction of calls that
   * failed, 0–1), latencies (ms at `quantile`).
   */
  async query(kind: JaegerMetricKind, request: JaegerMetricsRequest, options: RequestOptions = {}): Promise<JaegerMetricSeries[]> {
    const params = new URLSearchParams();
    for (const s of request.services) params.append('service', s);
    params.set('groupByOperation', 'true');
    params.set('endTs', String(Math.round(request.endMs)));
    params.set('lookback', String(Math.round(request.lookbackMs)));
    params.set('step', String(Math.round(request.stepMs)));
    params.set('ratePer', '1000');
    params.set('spanKind', request.spanKind ?? 'server');
    if (kind === 'latencies') params.set('quantile', String(request.quantile ?? 0.95));
    // Repeated `service=` parameters: the query string is built here, not by Http.url.
    const response = await this.http.getJson(`/api/metrics/${kind}?${params.toString()}`, undefined, options.signal);
    try {
      return parseMetricFamily(response.json);
    } catch (err) {
      throw this.http.badResponse(response, (err as Error).message, err);
    }
  }
}

export function parseMetricFamily(json: unknown): JaegerMetricSeries[] {
  if (!isRecord(json)) throw new Error('the metrics response is not a JSON object');
  const metrics = json.metrics ?? [];
  if (!Array.isArray(metrics)) throw new Error('"metrics" is not an array');
  return metrics.map((m: unknown) => {
    if (!isRecord(m)) throw new Error('a metric is not an object');
    const labels: Record<string, string> = {};
    for (const l of Array.isArray(m.labels) ? (m.labels as unknown[]) : []) {
      if (isRecord(l) && typeof l.name === 'string') labels[l.name] = String(l.value ?? '');
    }
    const points = (Array.isArray(m.metricPoints) ? (m.metricPoints as unknown[]) : []).flatMap((p) => {
      if (!isRecord(p)) return [];
      const gauge = isRecord(p.gaugeValue) ? p.gaugeValue.doubleValue : undefined;
      const value = typeof gauge === 'number' ? gauge : typeof gauge === 'string' ? Number(gauge) : NaN;
      const timeMs = typeof p.timestamp === 'string' ? Date.parse(p.timestamp) : NaN;
      return Number.isFinite(value) && Number.isFinite(timeMs) ? [{ timeMs, value }] : [];
    });
    return { labels, points };
  });
}
