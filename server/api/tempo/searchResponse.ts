import type { TraceSearchResult } from '../../store/search';
import { encodeAnyValue } from '../../../src/sources/otlp/encodeOtlpJson';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** A search result as Tempo's jsonpb writes `TraceSearchMetadata` (zero values omitted). */
export function encodeSearchTrace(trace: TraceSearchResult): { [key: string]: Json } {
  const spanSet = {
    spans: trace.spans.map((span) => ({
      spanID: span.spanId,
      ...(span.name ? { name: span.name } : {}),
      startTimeUnixNano: span.startTimeUnixNano.toString(),
      durationNanos: span.durationNanos.toString(),
      ...(span.attributes.length > 0 ? { attributes: span.attributes.map((a) => ({ key: a.key, value: encodeAnyValue(a.value) })) } : {}),
    })),
    matched: trace.matched,
  };
  const serviceStats: { [key: string]: Json } = {};
  for (const [service, stats] of Object.entries(trace.serviceStats)) {
    serviceStats[service] = { spanCount: stats.spanCount, ...(stats.errorCount > 0 ? { errorCount: stats.errorCount } : {}) };
  }
  return {
    // Tempo trims leading zeros from search trace IDs unless left_pad_trace_ids is set.
    traceID: trace.traceId.replace(/^0+(?=.)/, ''),
    rootServiceName: trace.rootServiceName,
    ...(trace.rootTraceName ? { rootTraceName: trace.rootTraceName } : {}),
    startTimeUnixNano: trace.startTimeUnixNano.toString(),
    ...(trace.durationMs > 0 ? { durationMs: trace.durationMs } : {}),
    spanSet,
    spanSets: [spanSet],
    serviceStats,
  };
}
