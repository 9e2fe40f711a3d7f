/**
 * A service graph derived from a sample of traces, for sources with no dependency API: the
 * newest `limit` traces of a search in the window, each fetched whole, calls counted as in the
 * store (a span whose parent span belongs to another service). Figures describe the sample only,
 * and the result says how many traces it is from.
 */
import type { Trace } from '../../model/types';
import type { GraphEdge, GraphOperation, GraphService, GraphWindow, ServiceGraphData } from './serviceGraph';
import type { TraceSource } from './types';

export const DEFAULT_SAMPLE = 20;
const TOP_OPERATIONS = 5;

export async function sampleServiceGraph(client: TraceSource, window: GraphWindow, options: { limit?: number; signal?: AbortSignal } = {}): Promise<ServiceGraphData> {
  const limit = options.limit ?? DEFAULT_SAMPLE;
  const signal = options.signal ? { signal: options.signal } : {};
  const hits = await client.search({ startSec: Math.floor(window.startSec), endSec: Math.ceil(window.endSec), limit }, signal);
  const traces = await Promise.all(hits.slice(0, limit).map((h) => client.getTrace(h.traceId, { ...signal, start: Math.floor(window.startSec), end: Math.ceil(window.endSec) })));
  const graph = graphOfTraces(traces.map((t) => t.trace));
  return { basis: 'sampled', ...window, ...graph, sampledTraces: traces.length, url: `${client.name}: search, ${traces.length} traces` };
}

interface Tally {
  durations: number[];
  errors: number;
}

/** Edges and services (entry spans, top operations) of some traces; durations in ms. */
export function graphOfTraces(traces: readonly Trace[]): { services: GraphService[]; edges: GraphEdge[] } {
  const edges = new Map<string, Tally & { parent: string; child: string }>();
  const services = new Map<string, Tally & { ops: Map<string, Tally> }>();
  const add = (t: Tally, ms: number, error: boolean) => {
    t.durations.push(ms);
    if (error) t.errors += 1;
  };
  for (const trace of traces) {
    for (const span of trace.spans) {
      const parent = span.parent >= 0 ? trace.spans[span.parent] : undefined;
      if (parent && parent.serviceName === span.serviceName) continue;
      const ms = span.duration / 1e6;
      const service = services.get(span.serviceName) ?? { durations: [], errors: 0, ops: new Map() };
      services.set(span.serviceName, service);
      add(service, ms, span.isError);
      const op = service.ops.get(span.name) ?? { durations: [], errors: 0 };
      service.ops.set(span.name, op);
      add(op, ms, span.isError);
      if (!parent) continue;
      const key = `${parent.serviceName}\u0000${span.serviceName}`;
      const edge = edges.get(key) ?? { parent: parent.serviceName, child: span.serviceName, durations: [], errors: 0 };
      edges.set(key, edge);
      add(edge, ms, span.isError);
    }
  }
  const figures = (t: Tally) => ({ callCount: t.durations.length, errorCount: t.errors, p99Ms: quantile(t.durations, 0.99) });
  const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const allServices = new Set(services.keys());
  for (const e of edges.values()) allServices.add(e.parent);
  return {
    edges: [...edges.values()]
      .map((e) => ({ parent: e.parent, child: e.child, ...figures(e) }))
      .sort((a, b) => byName({ name: a.parent }, { name: b.parent }) || byName({ name: a.child }, { name: b.child })),
    services: [...allServices]
      .map((name): GraphService => {
        const s = services.get(name);
        if (!s) return { name };
        const operations: GraphOperation[] = [...s.ops.entries()]
          .map(([opName, t]) => ({ name: opName, ...figures(t) }))
          .sort((a, b) => b.callCount - a.callCount || byName(a, b))
          .slice(0, TOP_OPERATIONS);
        return { name, ...figures(s), operations };
      })
      .sort(byName),
  };
}

/** Linear-interpolated quantile (as DuckDB's quantile_cont), 0 for no values. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (pos - lo);
}
