/** Turning trace payloads into `TraceResult`s and search hits (shared by all dialects). */
import { buildTrace, buildTraces } from '../../model/buildTrace';
import type { SpanData, Trace } from '../../model/types';
import type { ImportResult, Importer } from '../importResult';
import { ImportError } from '../importResult';
import type { Http, RawResponse } from './http';
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
