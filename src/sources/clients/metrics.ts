/**
 * TraceQL metrics over Tempo's HTTP API (`/api/metrics/query_range`, `/api/metrics/query`),
 * served by Tempo itself and by the embedded backend. Pure TypeScript over an injectable fetch.
 *
 * Tempo's JSON (gogo jsonpb): label values are typed AnyValues, `timestampMs` is a string,
 * a sample or instant value of 0 is OMITTED, and NaN / ±Inf are written as strings.
 */
import { Http, isRecord } from './http';
import type { ClientConfig, RequestOptions } from './types';

export type MetricsLabelValue = string | number | boolean | null;

export interface MetricsPoint {
  /** Bucket start, ms since the epoch. */
  readonly timeMs: number;
  readonly value: number;
}

export interface RangeSeries {
  readonly labels: Readonly<Record<string, MetricsLabelValue>>;
  readonly points: readonly MetricsPoint[];
}

export interface InstantSeries {
  readonly labels: Readonly<Record<string, MetricsLabelValue>>;
  readonly value: number;
}

export interface MetricsRangeRequest {
  /** ms since the epoch; should be a multiple of stepMs (Tempo aligns to it). */
  readonly startMs: number;
  readonly endMs: number;
  readonly stepMs: number;
}

export class TraceQLMetricsClient {
  private readonly http: Http;

  constructor(config: ClientConfig) {
    this.http = new Http(config);
  }

  /** `query_range`: one point per step bucket (stamped at the bucket start). */
  async queryRange(q: string, range: MetricsRangeRequest, options: RequestOptions = {}): Promise<RangeSeries[]> {
    const response = await this.http.getJson(
      '/api/metrics/query_range',
      { q, start: seconds(range.startMs), end: seconds(range.endMs), step: `${range.stepMs}ms` },
      options.signal,
    );
    try {
      return parseRangeResponse(response.json);
    } catch (err) {
      throw this.http.badResponse(response, (err as Error).message, err);
    }
  }

  /** `query`: one value per series over [start, end). */
  async queryInstant(q: string, range: { readonly startMs: number; readonly endMs: number }, options: RequestOptions = {}): Promise<InstantSeries[]> {
    const response = await this.http.getJson('/api/metrics/query', { q, start: seconds(range.startMs), end: seconds(range.endMs) }, options.signal);
    try {
      return parseInstantResponse(response.json);
    } catch (err) {
      throw this.http.badResponse(response, (err as Error).message, err);
    }
  }
}

/** Unix seconds with ms precision, as Tempo accepts them. */
function seconds(ms: number): string {
  const whole = Math.floor(ms / 1000);
  const frac = ms - whole * 1000;
  return frac === 0 ? String(whole) : `${whole}.${String(Math.round(frac)).padStart(3, '0')}`;
}

export function parseRangeResponse(json: unknown): RangeSeries[] {
  return seriesList(json).map((s) => {
    const samples = s.samples ?? [];
    if (!Array.isArray(samples)) throw new Error('"samples" is not an array');
    return {
      labels: parseLabels(s.labels),
      points: samples.map((p: unknown) => {
        if (!isRecord(p)) throw new Error('a sample is not an object');
        const timeMs = Number(p.timestampMs);
        if (!Number.isFinite(timeMs)) throw new Error(`bad sample timestampMs ${JSON.stringify(p.timestampMs)}`);
        return { timeMs, value: parseNumber(p.value) };
      }),
    };
  });
}

export function parseInstantResponse(json: unknown): InstantSeries[] {
  return seriesList(json).map((s) => ({ labels: parseLabels(s.labels), value: parseNumber(s.value) }));
}

function seriesList(json: unknown): Record<string, unknown>[] {
  if (!isRecord(json)) throw new Error('the metrics response is not a JSON object');
  const series = json.series ?? [];
  if (!Array.isArray(series)) throw new Error('"series" is not an array');
  return series.map((s: unknown) => {
    if (!isRecord(s)) throw new Error('a series is not an object');
    return s;
  });
}

/** An omitted value is 0 (jsonpb drops zero values); NaN / Infinity arrive as strings. */
function parseNumber(v: unknown): number {
  if (v === undefined || v === null) return 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const n = Number(v);
    if (!Number.isNaN(n) || v === 'NaN') return n;
  }
  throw new Error(`bad sample value ${JSON.stringify(v)}`);
}

function parseLabels(raw: unknown): Record<string, MetricsLabelValue> {
  const out: Record<string, MetricsLabelValue> = {};
  if (raw === undefined) return out;
  if (!Array.isArray(raw)) throw new Error('"labels" is not an array');
  for (const label of raw as unknown[]) {
    if (!isRecord(label) || typeof label.key !== 'string') throw new Error('a label has no key');
    out[label.key] = labelValue(label.value);
  }
  return out;
}

function labelValue(v: unknown): MetricsLabelValue {
  if (!isRecord(v)) return null;
  if (typeof v.stringValue === 'string') return v.stringValue === 'nil' ? null : v.stringValue;
  if (v.intValue !== undefined) return Number(v.intValue);
  if (v.doubleValue !== undefined) return parseNumber(v.doubleValue);
  if (typeof v.boolValue === 'boolean') return v.boolValue;
  return null;
}
