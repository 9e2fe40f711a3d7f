/**
 * `/api/v3/trace-summaries` entries, as the gateway's protobuf JSON writes them: int64 times
 * as strings, zero-valued fields left out (proto3 JSON; the v3-snapshot-FindTraceSummaries
 * fixture has no `orphanSpanCount` for 0).
 */
import type { SpanData } from '../../../src/model/types';

export interface ServiceSummaryJson {
  name?: string;
  spanCount?: number;
  errorSpanCount?: number;
}

export interface TraceSummaryJson {
  traceId: string;
  rootServiceName?: string;
  rootOperationName?: string;
  minStartTimeUnixNano?: string;
  maxEndTimeUnixNano?: string;
  spanCount?: number;
  errorSpanCount?: number;
  orphanSpanCount?: number;
  services?: ServiceSummaryJson[];
}

/** Drops the zero values ('', 0, '0', empty lists) the way proto3 JSON does. */
function omitZero<T extends object>(object: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) {
    if (value === 0 || value === '' || value === '0' || value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    out[key] = value;
  }
  return out as T;
}

/**
 * The summary of a trace: its root is the earliest-starting span without a parent; an orphan
 * is a span whose parent is not in the trace; services sorted by name.
 */
export function summarizeTrace(traceId: string, spans: readonly SpanData[]): TraceSummaryJson {
  const ids = new Set(spans.map((s) => s.spanId));
  let root: SpanData | undefined;
  let minStart: bigint | undefined;
  let maxEnd: bigint | undefined;
  let errors = 0;
  let orphans = 0;
  const services = new Map<string, { spanCount: number; errorSpanCount: number }>();
  for (const span of spans) {
    if (span.parentSpanId === '') {
      if (root === undefined || span.startTimeUnixNano < root.startTimeUnixNano) root = span;
    } else if (!ids.has(span.parentSpanId)) orphans++;
    if (minStart === undefined || span.startTimeUnixNano < minStart) minStart = span.startTimeUnixNano;
    if (maxEnd === undefined || span.endTimeUnixNano > maxEnd) maxEnd = span.endTimeUnixNano;
    const isError = span.status.code === 'error';
    if (isError) errors++;
    const name = span.resource.serviceName;
    let stats = services.get(name);
    if (stats === undefined) services.set(name, (stats = { spanCount: 0, errorSpanCount: 0 }));
    stats.spanCount++;
    if (isError) stats.errorSpanCount++;
  }
  return omitZero<TraceSummaryJson>({
    traceId,
    rootServiceName: root?.resource.serviceName,
    rootOperationName: root?.name,
    minStartTimeUnixNano: minStart?.toString(),
    maxEndTimeUnixNano: maxEnd?.toString(),
    spanCount: spans.length,
    errorSpanCount: errors,
    orphanSpanCount: orphans,
    services: [...services.keys()].sort().map((name) => omitZero<ServiceSummaryJson>({ name, ...services.get(name) })),
  });
}
