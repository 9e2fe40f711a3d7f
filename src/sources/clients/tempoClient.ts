/**
 * Tempo's HTTP API (API-NOTES §1). Trace by ID via `/api/v2/traces/{id}`, falling back to v1
 * `/api/traces/{id}` when v2 is not routed (a 404 whose body is not JSON: older Tempo, or a
 * proxy). Tags via v2 with the same fallback to v1.
 */
import { importTempoV1 } from '../tempo/tempoV1';
import { importTempoV2 } from '../tempo/tempoV2';
import type { RawResponse } from './http';
import { Http, checkTraceId, goDuration, isRecord, stringArray, uniqueSorted } from './http';
import { importResponse, traceResult } from './traces';
import type {
  ClientConfig,
  RequestOptions,
  SearchHit,
  SearchHitService,
  SearchQuery,
  TagName,
  TraceRequestOptions,
  TraceResult,
  TraceSource,
} from './types';

/** What Tempo puts in `rootServiceName` when the root span is missing. */
export const TEMPO_ROOT_MISSING = '<root span not yet received>';

export class TempoClient implements TraceSource {
  readonly kind = 'tempo' as const;
  readonly name: string;
  private readonly http: Http;
  /** Learned: the server has no v2 trace-by-ID / tags routes. */
  private v1Traces = false;
  private v1Tags = false;

  constructor(config: ClientConfig) {
    this.name = config.name;
    this.http = new Http(config);
  }

  async getTrace(traceId: string, options: TraceRequestOptions = {}): Promise<TraceResult> {
    const id = checkTraceId(traceId);
    const params = { start: options.start, end: options.end };
    if (!this.v1Traces) {
      const v2 = await this.http.raw(`/api/v2/traces/${id}`, params, options.signal, options.onProgress);
      if (!isUnroutedNotFound(v2)) {
        this.http.check(v2);
        return traceResult(this.http, v2, importResponse(this.http, v2, importTempoV2), id, options.onProgress);
      }
    }
    const v1 = await this.http.raw(`/api/traces/${id}`, params, options.signal, options.onProgress);
    this.http.check(v1);
    this.v1Traces = true;
    return traceResult(this.http, v1, importResponse(this.http, v1, importTempoV1), id, options.onProgress);
  }

  /**
   * `GET /api/search`. `traceql` is sent as `q` and the structured fields are then ignored
   * (Tempo rejects `q` with `tags`), except the time range, durations and limit.
   */
  async search(query: SearchQuery, options: RequestOptions = {}): Promise<SearchHit[]> {
    const response = await this.http.getJson('/api/search', searchParams(query), options.signal);
    const json = response.json;
    if (!isRecord(json)) throw this.http.badResponse(response, 'expected an object {"traces":[…]}');
    if (json.traces === undefined || json.traces === null) return [];
    if (!Array.isArray(json.traces)) throw this.http.badResponse(response, '"traces" is not an array');
    const hits: SearchHit[] = [];
    json.traces.forEach((raw: unknown, i) => {
      const hit = readHit(raw);
      if (hit === undefined) throw this.http.badResponse(response, `traces[${i}] is not a trace (traceID missing or not hex)`);
      hits.push(hit);
    });
    return hits;
  }

  /** Tempo has no service list: the values of `resource.service.name`. */
  services(options: RequestOptions = {}): Promise<string[]> {
    return this.tagValues('resource.service.name', options);
  }

  async operations(service: string, options: RequestOptions = {}): Promise<string[]> {
    const q = `{resource.service.name=${traceqlString(service)}}`;
    const response = await this.http.getJson('/api/v2/search/tag/name/values', { q }, options.signal);
    return uniqueSorted(readTagValues(this.http, response));
  }

  async tagNames(options: RequestOptions = {}): Promise<TagName[]> {
    if (!this.v1Tags) {
      const v2 = await this.http.raw('/api/v2/search/tags', undefined, options.signal);
      if (!isUnroutedNotFound(v2)) {
        this.http.check(v2);
        const scopes = isRecord(v2.json) ? v2.json.scopes : undefined;
        if (!Array.isArray(scopes)) throw this.http.badResponse(v2, 'expected {"scopes":[…]}');
        return scopes.flatMap((scope: unknown) =>
          isRecord(scope) && typeof scope.name === 'string'
            ? (stringArray(scope.tags) ?? []).map((name) => ({ name, scope: scope.name as string }))
            : [],
        );
      }
    }
    const v1 = await this.http.getJson('/api/search/tags', undefined, options.signal);
    this.v1Tags = true;
    const names = isRecord(v1.json) ? stringArray(v1.json.tagNames) : undefined;
    if (names === undefined) throw this.http.badResponse(v1, 'expected {"tagNames":[…]}');
    return names.map((name) => ({ name }));
  }

  /**
   * Values of a TraceQL identifier (`resource.service.name`, `.http.method`, `status`), sorted.
   * On a server without v2 tag routes, the scope prefix is dropped for the v1 endpoint.
   */
  async tagValues(tag: string, options: RequestOptions = {}): Promise<string[]> {
    if (!this.v1Tags) {
      const v2 = await this.http.raw(`/api/v2/search/tag/${encodeURIComponent(tag)}/values`, undefined, options.signal);
      if (!isUnroutedNotFound(v2)) {
        this.http.check(v2);
        return uniqueSorted(readTagValues(this.http, v2));
      }
    }
    const v1Tag = tag.replace(/^(resource|span|event|link|instrumentation)?\./, '');
    const v1 = await this.http.getJson(`/api/search/tag/${encodeURIComponent(v1Tag)}/values`, undefined, options.signal);
    this.v1Tags = true;
    return uniqueSorted(readTagValues(this.http, v1));
  }
}

/**
 * A 404 whose body is text (Go's "404 page not found"): the route does not exist on this Tempo.
 * Tempo answers an unknown trace with a 404 and an EMPTY body (API-NOTES §1), which is "not
 * found", not a reason to fall back to v1.
 */
function isUnroutedNotFound(response: RawResponse): boolean {
  return response.status === 404 && response.json === undefined && response.text.trim() !== '';
}

/** `{"tagValues":["v"]}` (v1) or `{"tagValues":[{"type","value"}]}` (v2). */
function readTagValues(http: Http, response: RawResponse): string[] {
  const list = isRecord(response.json) ? response.json.tagValues : undefined;
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw http.badResponse(response, '"tagValues" is not an array');
  return list.flatMap((v: unknown) => {
    if (typeof v === 'string') return [v];
    if (isRecord(v) && (typeof v.value === 'string' || typeof v.value === 'number' || typeof v.value === 'boolean')) {
      return [String(v.value)];
    }
    return [];
  });
}

export function searchParams(query: SearchQuery): Record<string, string | number | undefined> {
  const traceql = query.traceql?.trim();
  return {
    ...(traceql ? { q: traceql } : { tags: tagsLogfmt(query) || undefined }),
    minDuration: query.minDurationMs !== undefined ? goDuration(query.minDurationMs) : undefined,
    maxDuration: query.maxDurationMs !== undefined ? goDuration(query.maxDurationMs) : undefined,
    start: query.startSec !== undefined ? Math.floor(query.startSec) : undefined,
    end: query.endSec !== undefined ? Math.ceil(query.endSec) : undefined,
    limit: query.limit,
  };
}

/** Tempo's `tags` parameter: logfmt `service.name=x name="GET /" k=v`. */
export function tagsLogfmt(query: SearchQuery): string {
  const pairs: [string, string][] = [];
  if (query.service) pairs.push(['service.name', query.service]);
  if (query.operation) pairs.push(['name', query.operation]);
  for (const [key, value] of Object.entries(query.tags ?? {})) pairs.push([key, value]);
  return pairs.map(([k, v]) => `${k}=${logfmtValue(v)}`).join(' ');
}

function logfmtValue(value: string): string {
  return value === '' || /[\s"=\\]/.test(value) ? JSON.stringify(value) : value;
}

/** A TraceQL string literal. */
function traceqlString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function readHit(raw: unknown): SearchHit | undefined {
  if (!isRecord(raw) || typeof raw.traceID !== 'string' || !/^[0-9a-fA-F]{1,32}$/.test(raw.traceID)) return undefined;
  const rootServiceName = typeof raw.rootServiceName === 'string' ? raw.rootServiceName : '';
  const rootMissing = rootServiceName === TEMPO_ROOT_MISSING;
  const services = readServiceStats(raw.serviceStats);
  return {
    traceId: raw.traceID.toLowerCase().padStart(32, '0'),
    rootService: rootMissing ? '' : rootServiceName,
    rootName: typeof raw.rootTraceName === 'string' ? raw.rootTraceName : '',
    ...(rootMissing ? { rootMissing: true } : {}),
    startTimeUnixNano: readNanos(raw.startTimeUnixNano),
    durationMs: typeof raw.durationMs === 'number' ? raw.durationMs : 0,
    ...(services === undefined
      ? {}
      : {
          services,
          spanCount: services.reduce((n, s) => n + s.spanCount, 0),
          errorCount: services.reduce((n, s) => n + s.errorCount, 0),
        }),
  };
}

function readNanos(value: unknown): bigint {
  if (typeof value === 'string' && /^\d+$/.test(value)) return BigInt(value);
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  return 0n;
}

/** `serviceStats: {svc: {spanCount, errorCount}}` (zero counts omitted by jsonpb). */
function readServiceStats(value: unknown): SearchHitService[] | undefined {
  if (!isRecord(value)) return undefined;
  return Object.entries(value)
    .map(([name, s]) => ({
      name,
      spanCount: isRecord(s) && typeof s.spanCount === 'number' ? s.spanCount : 0,
      errorCount: isRecord(s) && typeof s.errorCount === 'number' ? s.errorCount : 0,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
