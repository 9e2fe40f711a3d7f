/**
 * Zipkin's v2 API (API-NOTES §6), basic: trace by ID, search, services, span names, and the
 * autocomplete tag keys/values (empty unless the server is configured with autocomplete keys).
 */
import { importZipkinV2 } from '../zipkin/zipkinV2';
import type { RawResponse } from './http';
import { Http, checkTraceId, stringArray, uniqueSorted } from './http';
import { DEFAULT_LOOKBACK_SEC } from './jaegerClient';
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

export class ZipkinClient implements TraceSource {
  readonly kind = 'zipkin' as const;
  readonly name: string;
  private readonly http: Http;
  private readonly now: () => number;

  constructor(config: ClientConfig) {
    this.name = config.name;
    this.http = new Http(config);
    this.now = config.now ?? Date.now;
  }

  /** `GET /api/v2/trace/{id}`; Zipkin takes no time range, so `start`/`end` are ignored. */
  async getTrace(traceId: string, options: TraceRequestOptions = {}): Promise<TraceResult> {
    const id = checkTraceId(traceId);
    const response = await this.http.getJson(`/api/v2/trace/${id}`, undefined, options.signal);
    return traceResult(this.http, response, importResponse(this.http, response, importZipkinV2), id);
  }

  /** Tags become `annotationQuery` (`k=v and k2=v2`). TraceQL is not supported (RangeError). */
  async search(query: SearchQuery, options: RequestOptions = {}): Promise<SearchHit[]> {
    if (query.traceql?.trim()) throw new RangeError(`${this.name}: Zipkin sources do not support TraceQL`);
    const endSec = query.endSec ?? this.now() / 1000;
    const startSec = query.startSec ?? endSec - DEFAULT_LOOKBACK_SEC;
    const annotations = Object.entries(query.tags ?? {}).map(([k, v]) => (v === '' ? k : `${k}=${v}`));
    const params = {
      serviceName: query.service,
      spanName: query.operation,
      annotationQuery: annotations.length > 0 ? annotations.join(' and ') : undefined,
      minDuration: query.minDurationMs !== undefined ? Math.round(query.minDurationMs * 1000) : undefined,
      maxDuration: query.maxDurationMs !== undefined ? Math.round(query.maxDurationMs * 1000) : undefined,
      endTs: Math.ceil(endSec * 1000),
      lookback: Math.max(0, Math.ceil((endSec - startSec) * 1000)),
      limit: query.limit,
    };
    const response = await this.http.getJson('/api/v2/traces', params, options.signal);
    return hitsFromSpans(importResponse(this.http, response, importZipkinV2).spans, query.limit);
  }

  async services(options: RequestOptions = {}): Promise<string[]> {
    return this.strings(await this.http.getJson('/api/v2/services', undefined, options.signal));
  }

  async operations(service: string, options: RequestOptions = {}): Promise<string[]> {
    return this.strings(await this.http.getJson('/api/v2/spans', { serviceName: service }, options.signal));
  }

  async tagNames(options: RequestOptions = {}): Promise<TagName[]> {
    const names = this.strings(await this.http.getJson('/api/v2/autocompleteKeys', undefined, options.signal));
    return names.map((name) => ({ name }));
  }

  async tagValues(tag: string, options: RequestOptions = {}): Promise<string[]> {
    return this.strings(await this.http.getJson('/api/v2/autocompleteValues', { key: tag }, options.signal));
  }

  private strings(response: RawResponse): string[] {
    const list = stringArray(response.json);
    if (list === undefined) throw this.http.badResponse(response, 'expected an array of strings');
    return uniqueSorted(list);
  }
}
