/**
 * The shape of what a demo run stored, read back through the Tempo search API: traces, average
 * spans per trace, P50/P99 trace duration (without the batch traces) and the share of error traces.
 * Also a script: `node bin/tsx-run.mjs demo/measure.ts http://127.0.0.1:3200`.
 */
export interface SearchTrace {
  traceID: string;
  rootServiceName: string;
  durationMs?: number;
  serviceStats: Record<string, { spanCount: number; errorCount?: number }>;
}

export interface TraceShape {
  traces: number;
  avgSpans: number;
  avgSpansWithoutBatch: number;
  p50Ms: number;
  p99Ms: number;
  errorShare: number;
}

export const BATCH_TRACE_SPANS = 5_000;
export const spanCount = (t: SearchTrace) => Object.values(t.serviceStats).reduce((sum, s) => sum + s.spanCount, 0);

export async function searchAll(baseUrl: string): Promise<SearchTrace[]> {
  const response = await fetch(`${baseUrl}/api/search?limit=1000000`);
  if (!response.ok) throw new Error(`search: HTTP ${response.status}`);
  return ((await response.json()) as { traces: SearchTrace[] }).traces;
}

export function traceShape(traces: readonly SearchTrace[]): TraceShape {
  const ordinary = traces.filter((t) => spanCount(t) < BATCH_TRACE_SPANS);
  const sum = (list: readonly SearchTrace[]) => list.reduce((total, t) => total + spanCount(t), 0);
  const durations = ordinary.map((t) => t.durationMs ?? 0).sort((a, b) => a - b);
  const quantile = (q: number) => durations[Math.min(durations.length - 1, Math.floor(q * durations.length))] ?? 0;
  const errors = traces.filter((t) => Object.values(t.serviceStats).some((s) => (s.errorCount ?? 0) > 0)).length;
  return {
    traces: traces.length,
    avgSpans: sum(traces) / Math.max(1, traces.length),
    avgSpansWithoutBatch: sum(ordinary) / Math.max(1, ordinary.length),
    p50Ms: quantile(0.5),
    p99Ms: quantile(0.99),
    errorShare: errors / Math.max(1, traces.length),
  };
}

export function describeShape(s: TraceShape): string {
  return `${s.traces} traces, avg ${s.avgSpans.toFixed(1)} spans/trace (${s.avgSpansWithoutBatch.toFixed(1)} without batch traces), P50 ${s.p50Ms} ms, P99 ${s.p99Ms} ms, error traces ${(100 * s.errorShare).toFixed(1)}%`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(describeShape(traceShape(await searchAll(process.argv[2] ?? 'http://127.0.0.1:3200'))));
}
