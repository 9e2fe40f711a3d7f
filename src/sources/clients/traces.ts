/** Turning trace payloads into `TraceResult`s and search hits (shared by all dialects). */
import { buildTrace, buildTraces } from '../../model/buildTrace';
import type { SpanData, Trace } from '../../model/types';
import type { ImportResult, Importer } from '../importResult';
import { ImportError } from '../importResult';
import type { BytesResponse, Http, RawResponse } from './http';
import { importChunks } from '../detect';
import type { SearchHit, SearchHitService, TraceProgress, TraceResult } from './types';

/** Runs an importer over a response body; import failures become `bad-response`. */
export function importResponse(http: Http, response: RawResponse, importer: Importer): ImportResult {
  try {
    return importer(response.json);
  } catch (err) {
    if (err instanceof ImportError) throw http.badResponse(response, err.message, err);
    throw err;
  }
}

/**
 * A 2xx trace body read from its bytes: OTLP-shaped bodies (Tempo v1/v2, Jaeger v3, OTLP) go
 * through the streaming decoder, which is faster than JSON.parse + import and never builds one
 * giant string; other shapes are read as text. Import failures become `bad-response`.
 */
export function traceFromBytes(
  http: Http,
  response: BytesResponse,
  traceId: string,
  dialectImporter: Importer,
  onProgress?: (progress: TraceProgress) => void,
): TraceResult {
  const head: RawResponse = { url: response.url, status: response.status, text: '', json: undefined };
  let imported: ImportResult;
  try {
    imported = importChunks(response.chunks);
  } catch (err) {
    if (!(err instanceof ImportError)) throw err;
    // Not a trace by shape (e.g. Tempo's `{"metrics":{…}}` for an empty result): the dialect's
    // own importer decides what it means, as on the text path.
    const text = http.toRaw(response);
    http.check(text); // a body that is not JSON at all (a login page) says so
    return traceResult(http, text, importResponse(http, text, dialectImporter), traceId, onProgress);
  }
  return traceResult(http, head, imported, traceId, onProgress);
}

/** 2xx with a body: what `traceFromBytes` reads; anything else goes through the text checks. */
export function isTraceBody(response: BytesResponse): boolean {
  return response.status >= 200 && response.status <= 299 && response.chunks.some((c) => c.byteLength > 0);
}

/**
 * The trace of `traceId` out of an import. No spans (some backends answer 200 with an empty
 * trace) is `not-found`. Spans of other traces, if a backend sends any, are dropped.
 */
export function traceResult(
  http: Http,
  response: RawResponse,
  imported: ImportResult,
  traceId: string,
  onProgress?: (progress: TraceProgress) => void,
): TraceResult {
  const wanted = traceId.padStart(32, '0');
  const own = imported.spans.filter((s) => s.traceId === wanted);
  const spans: readonly SpanData[] = own.length > 0 ? own : imported.spans;
  if (spans.length === 0) throw http.notFound(response, 'the response holds no spans');
  onProgress?.({ phase: 'building', spans: spans.length });
  return {
    trace: buildTrace(spans),
    format: imported.format,
    issues: imported.issues,
    partial: imported.issues.some((i) => i.path === 'status'),
    url: response.url,
  };
}

/** Search hits from full traces (Jaeger, Zipkin): newest first, at most `limit`. */
export function hitsFromSpans(spans: readonly SpanData[], limit: number | undefined): SearchHit[] {
  const hits = buildTraces(spans).map(hitFromTrace).reverse();
  return limit !== undefined && limit > 0 ? hits.slice(0, limit) : hits;
}

export function hitFromTrace(trace: Trace): SearchHit {
  const stats = new Map<string, { spanCount: number; errorCount: number }>();
  for (const span of trace.spans) {
    let s = stats.get(span.serviceName);
    if (s === undefined) stats.set(span.serviceName, (s = { spanCount: 0, errorCount: 0 }));
    s.spanCount++;
    if (span.isError) s.errorCount++;
  }
  const services: SearchHitService[] = [...stats]
    .map(([name, s]) => ({ name, ...s }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const { summary } = trace;
  return {
    traceId: trace.traceId,
    rootService: summary.rootService,
    rootName: summary.rootName,
    ...(summary.hasRoot ? {} : { rootMissing: true }),
    startTimeUnixNano: summary.startTimeUnixNano,
    durationMs: summary.duration / 1e6,
    spanCount: summary.spanCount,
    errorCount: summary.errorCount,
    services,
  };
}
