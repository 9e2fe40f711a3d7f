/**
 * Jaeger's query APIs (API-NOTES §3): v3 (`/api/v3/...`, OTLP JSON) where the server has it,
 * else the internal v1 API (`/api/...`). The dialect is probed once with `/api/v3/services`
 * (404 → v1) and remembered. Jaeger has no tag-name API: `tagNames`/`tagValues` give [].
 */
import { importJaegerV1 } from '../jaeger/jaegerV1';
import { importJaegerV3 } from '../jaeger/jaegerV3';
import type { RawResponse } from './http';
import { Http, checkTraceId, goDuration, isRecord, rfc3339, stringArray, uniqueSorted } from './http';
import { hitsFromSpans, importResponse, traceResult } from './traces';
import type {
  ClientConfig,
  RequestOptions,
  SearchHit,
  SearchQuery,
  TagName,
  TraceRequestOptions,
  TraceResult,
  TraceSource,
} from './types';

export type JaegerApi = 'v1' | 'v3';

/** Jaeger's own default search window when none is given. */
export const DEFAULT_LOOKBACK_SEC = 2 * 24 * 3600;

export class JaegerClient implements TraceSource {
  readonly kind = 'jaeger' as const;
  readonly name: string;
  private readonly http: Http;
  private readonly now: () => number;
  private api: JaegerApi | undefined;
  private probing: Promise<{ api: JaegerApi; services?: string[] }> | undefined;

  constructor(config: ClientConfig & { api?: JaegerApi }) {
    this.name = config.name;
    this.http = new Http(config);
    this.now = config.now ?? Date.now;
    this.api = config.api;
  }

  /** Which API the server speaks (probes `/api/v3/services` the first time). */
  async dialect(options: RequestOptions = {}): Promise<JaegerApi> {
    return this.api ?? (await this.probe(options.signal)).api;
  }

  async getTrace(traceId: string, options: TraceRequestOptions = {}): Promise<TraceResult> {
    const id = checkTraceId(traceId);
    if ((await this.dialect(options)) === 'v3') {
      const params = {
        startTime: options.start !== undefined ? rfc3339(options.start) : undefined,
        endTime: options.end !== undefined ? rfc3339(options.end) : undefined,
      };
      const response = await this.http.getJson(`/api/v3/traces/${id}`, params, options.signal, options.onProgress);
      return traceResult(this.http, response, importResponse(this.http, response, importJaegerV3), id, options.onProgress);
    }
    const params = {
      start: options.start !== undefined ? Math.floor(options.start * 1e6) : undefined,
      end: options.end !== undefined ? Math.ceil(options.end * 1e6) : undefined,
    };
    const response = await this.http.getJson(`/api/traces/${id}`, params, options.signal, options.onProgress);
    return traceResult(this.http, response, importResponse(this.http, response, importJaegerV1), id, options.onProgress);
  }

  /**
   * Jaeger returns whole traces; they are built and summarised into hits, newest first.
   * `service` is required by Jaeger. TraceQL is not supported (RangeError).
   */
  async search(query: SearchQuery, options: RequestOptions = {}): Promise<SearchHit[]> {
    if (query.traceql?.trim()) throw new RangeError(`${this.name}: Jaeger sources do not support TraceQL`);
    const endSec = query.endSec ?? this.now() / 1000;
    const startSec = query.startSec ?? endSec - DEFAULT_LOOKBACK_SEC;
    const tags = query.tags && Object.keys(query.tags).length > 0 ? JSON.stringify(query.tags) : undefined;
    const minDuration = query.minDurationMs !== undefined ? goDuration(query.minDurationMs) : undefined;
    const maxDuration = query.maxDurationMs !== undefined ? goDuration(query.maxDurationMs) : undefined;
    if ((await this.dialect(options)) === 'v3') {
      const params = {
        'query.service_name': query.service,
        'query.operation_name': query.operation,
        'query.attributes': tags,
        'query.start_time_min': rfc3339(startSec),
        'query.start_time_max': rfc3339(endSec),
        'query.duration_min': minDuration,
        'query.duration_max': maxDuration,
        'query.num_traces': query.limit,
      };
      const response = await this.http.raw('/api/v3/traces', params, options.signal);
      // v3 answers "no match" with a 404 envelope: an empty result, not an error.
      if (response.status === 404 && isRecord(response.json) && isRecord(response.json.error)) return [];
      this.http.check(response);
      return hitsFromSpans(importResponse(this.http, response, importJaegerV3).spans, query.limit);
    }
    const params = {
      service: query.service,
      operation: query.operation,
      tags,
      start: Math.floor(startSec * 1e6),
      end: Math.ceil(endSec * 1e6),
      minDuration,
      maxDuration,
      limit: query.limit,
    };
    const response = await this.http.getJson('/api/traces', params, options.signal);
    return hitsFromSpans(importResponse(this.http, response, importJaegerV1).spans, query.limit);
  }

  async services(options: RequestOptions = {}): Promise<string[]> {
    if (this.api === undefined) {
      const probed = await this.probe(options.signal);
      if (probed.services !== undefined) return probed.services;
    }
    if (this.api === 'v3') {
      const response = await this.http.getJson('/api/v3/services', undefined, options.signal);
      return this.readV3Services(response);
    }
    const response = await this.http.getJson('/api/services', undefined, options.signal);
    return uniqueSorted(this.readV1Data(response));
  }

  async operations(service: string, options: RequestOptions = {}): Promise<string[]> {
    if ((await this.dialect(options)) === 'v3') {
      const response = await this.http.getJson('/api/v3/operations', { service }, options.signal);
      const list = isRecord(response.json) ? response.json.operations : undefined;
      if (list === undefined || list === null) return [];
      if (!Array.isArray(list)) throw this.http.badResponse(response, 'expected {"operations":[…]}');
      return uniqueSorted(list.flatMap((o: unknown) => (isRecord(o) && typeof o.name === 'string' ? [o.name] : [])));
    }
    const response = await this.http.getJson(
      `/api/services/${encodeURIComponent(service)}/operations`,
      undefined,
      options.signal,
    );
    return uniqueSorted(this.readV1Data(response));
  }

  tagNames(): Promise<TagName[]> {
    return Promise.resolve([]);
  }

  tagValues(): Promise<string[]> {
    return Promise.resolve([]);
  }

  /**
   * One probe at a time, shared by concurrent callers (so one caller aborting fails the
   * others' probe too); a failed probe (unreachable, aborted, 500) is not remembered.
   */
  private probe(signal: AbortSignal | undefined): Promise<{ api: JaegerApi; services?: string[] }> {
    this.probing ??= this.runProbe(signal).then(
      (result) => {
        this.api = result.api;
        return result;
      },
      (err: unknown) => {
        this.probing = undefined;
        throw err;
      },
    );
    return this.probing;
  }

  private async runProbe(signal: AbortSignal | undefined): Promise<{ api: JaegerApi; services?: string[] }> {
    const response = await this.http.raw('/api/v3/services', undefined, signal);
    if (response.status === 404) return { api: 'v1' };
    this.http.check(response);
    return { api: 'v3', services: this.readV3Services(response) };
  }

  private readV3Services(response: RawResponse): string[] {
    const list = isRecord(response.json) ? response.json.services : undefined;
    if (list === undefined || list === null) return [];
    const names = stringArray(list);
    if (names === undefined) throw this.http.badResponse(response, 'expected {"services":[…]}');
    return uniqueSorted(names);
  }

  private readV1Data(response: RawResponse): string[] {
    const data = isRecord(response.json) ? response.json.data : undefined;
    if (data === undefined || data === null) return [];
    const names = stringArray(data);
    if (names === undefined) throw this.http.badResponse(response, 'expected {"data":[…]}');
    return names;
  }
}
