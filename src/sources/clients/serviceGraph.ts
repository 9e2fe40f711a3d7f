/**
 * The service graph of a source over a time window, whatever the source can tell:
 * - `local` (the embedded store): `/api/tracescope/service-graph`, exact calls, errors and P99
 *   per edge and per service, plus each service's top operations;
 * - Jaeger: `/api/dependencies` (calls only); Zipkin: `/api/v2/dependencies` (calls, errors);
 * - Tempo: its service-graph metrics from the source's Prometheus (serviceGraphPrometheus.ts);
 * - any source: derived from a sample of search results (serviceGraphSample.ts).
 * Figures a basis cannot give are `undefined`, never 0, so the UI can say "not available".
 */
import { Http, isRecord } from './http';
import type { RawResponse } from './http';
import type { FetchFn, SourceKind } from './types';
import { LOCAL_SOURCE, sourceRoot } from './createSource';

export type GraphBasis = 'store' | 'dependencies' | 'prometheus' | 'sampled';

export interface GraphOperation {
  readonly name: string;
  readonly callCount: number;
  readonly errorCount: number;
  readonly p99Ms: number;
}

export interface GraphEdge {
  readonly parent: string;
  readonly child: string;
  readonly callCount: number;
  readonly errorCount?: number;
  /** P99 duration of the calls (the child's spans), ms. */
  readonly p99Ms?: number;
}

export interface GraphService {
  readonly name: string;
  /** Requests into the service: entry spans (store, sample) or the sum of incoming edges. */
  readonly callCount?: number;
  readonly errorCount?: number;
  readonly p99Ms?: number;
  /** Its busiest entry operations, most called first (store and sample only). */
  readonly operations?: readonly GraphOperation[];
}

export interface ServiceGraphData {
  readonly basis: GraphBasis;
  /** Window, unix seconds. */
  readonly startSec: number;
  readonly endSec: number;
  /** Every service that appears, sorted by name. */
  readonly services: readonly GraphService[];
  readonly edges: readonly GraphEdge[];
  /** For `sampled`: how many traces the graph was derived from. */
  readonly sampledTraces?: number;
  /** The URL(s) the figures came from, for error messages and "where is this from". */
  readonly url: string;
}

export interface GraphWindow {
  readonly startSec: number;
  readonly endSec: number;
}

export interface GraphSourceRef {
  readonly name: string;
  readonly kind: SourceKind;
}

export interface GraphRequestOptions {
  readonly baseUrl?: string;
  readonly fetch?: FetchFn;
  readonly signal?: AbortSignal;
}

export const LOCAL_GRAPH_PATH = '/api/tracescope/service-graph';

/** The embedded store's graph (exact). */
export async function fetchStoreGraph(window: GraphWindow, options: GraphRequestOptions = {}): Promise<ServiceGraphData> {
  const http = new Http({ name: LOCAL_SOURCE, root: (options.baseUrl ?? '').replace(/\/+$/, ''), ...(options.fetch ? { fetch: options.fetch } : {}) });
  const response = await http.getJson(LOCAL_GRAPH_PATH, { start: window.startSec, end: window.endSec }, options.signal);
  const json = response.json;
  if (!isRecord(json) || !Array.isArray(json.edges) || !Array.isArray(json.services)) {
    throw http.badResponse(response, 'expected { services: [...], edges: [...] }');
  }
  const edges = json.edges.map((e) => readEdge(http, response, e));
  const known = new Map<string, GraphService>();
  for (const s of json.services) {
    if (!isRecord(s) || typeof s.name !== 'string') throw http.badResponse(response, 'a service without a name');
    const operations = Array.isArray(s.operations) ? s.operations.flatMap((o) => (isRecord(o) && typeof o.name === 'string' ? [{ name: o.name, ...figures(o) }] : [])) : [];
    known.set(s.name, { name: s.name, ...figures(s), operations });
  }
  return { basis: 'store', ...window, services: withEdgeServices(known, edges), edges, url: response.url };
}

/** Jaeger's (`/api/dependencies`, ms) or Zipkin's (`/api/v2/dependencies`, ms) dependency links. */
export async function fetchDependencies(source: GraphSourceRef, window: GraphWindow, options: GraphRequestOptions = {}): Promise<ServiceGraphData> {
  const http = new Http({ name: source.name, root: sourceRoot(source.name, source.kind, options.baseUrl), ...(options.fetch ? { fetch: options.fetch } : {}) });
  const endTs = Math.round(window.endSec * 1000);
  const lookback = Math.max(1, Math.round((window.endSec - window.startSec) * 1000));
  const path = source.kind === 'zipkin' ? '/api/v2/dependencies' : '/api/dependencies';
  const response = await http.getJson(path, { endTs, lookback }, options.signal);
  const edges = parseDependencies(http, response);
  return { basis: 'dependencies', ...window, services: servicesFromEdges(edges), edges, url: response.url };
}

/**
 * Dependency links: Jaeger's `{ data: [{ parent, child, callCount }] }`, or a bare array (Zipkin,
 * and Jaeger's stored fixtures). Zipkin adds `errorCount`. Links of one pair are summed.
 */
export function parseDependencies(http: Http, response: RawResponse): GraphEdge[] {
  const json = response.json;
  const list = Array.isArray(json) ? json : isRecord(json) && (Array.isArray(json.data) || json.data === null) ? (json.data ?? []) : undefined;
  if (!Array.isArray(list)) throw http.badResponse(response, 'expected a list of dependency links');
  return mergeEdges(list.map((e) => readEdge(http, response, e)));
}

function readEdge(http: Http, response: RawResponse, value: unknown): GraphEdge {
  if (!isRecord(value) || typeof value.parent !== 'string' || typeof value.child !== 'string') {
    throw http.badResponse(response, `a dependency link without parent/child: ${JSON.stringify(value)?.slice(0, 120)}`);
  }
  const callCount = Number(value.callCount);
  if (!Number.isFinite(callCount) || callCount < 0) throw http.badResponse(response, `bad callCount for ${value.parent} → ${value.child}`);
  return { parent: value.parent, child: value.child, callCount, ...optionalFigures(value) };
}

function optionalFigures(value: Record<string, unknown>): { errorCount?: number; p99Ms?: number } {
  const out: { errorCount?: number; p99Ms?: number } = {};
  if (typeof value.errorCount === 'number' && Number.isFinite(value.errorCount)) out.errorCount = value.errorCount;
  if (typeof value.p99Ms === 'number' && Number.isFinite(value.p99Ms)) out.p99Ms = value.p99Ms;
  return out;
}

function figures(value: Record<string, unknown>): { callCount: number; errorCount: number; p99Ms: number } {
  return { callCount: Number(value.callCount) || 0, errorCount: Number(value.errorCount) || 0, p99Ms: Number(value.p99Ms) || 0 };
}

/** Sums duplicate (parent, child) links; P99s cannot be combined, so a merged pair loses it. */
export function mergeEdges(edges: readonly GraphEdge[]): GraphEdge[] {
  const byPair = new Map<string, GraphEdge>();
  for (const e of edges) {
    const key = `${e.parent}\u0000${e.child}`;
    const seen = byPair.get(key);
    if (!seen) {
      byPair.set(key, e);
      continue;
    }
    const errorCount = seen.errorCount !== undefined && e.errorCount !== undefined ? seen.errorCount + e.errorCount : undefined;
    byPair.set(key, { parent: e.parent, child: e.child, callCount: seen.callCount + e.callCount, ...(errorCount !== undefined ? { errorCount } : {}) });
  }
  return [...byPair.values()].sort((a, b) => compare(a.parent, b.parent) || compare(a.child, b.child));
}

/**
 * Services seen in edges, each with the calls INTO it (sum of incoming edges) and their errors
 * when every incoming edge has them. A service only ever calling others has no figures.
 */
export function servicesFromEdges(edges: readonly GraphEdge[]): GraphService[] {
  return withEdgeServices(new Map(), edges);
}

function withEdgeServices(known: Map<string, GraphService>, edges: readonly GraphEdge[]): GraphService[] {
  const incoming = new Map<string, { calls: number; errors: number | undefined }>();
  for (const e of edges) {
    const sum = incoming.get(e.child) ?? { calls: 0, errors: 0 };
    sum.calls += e.callCount;
    sum.errors = sum.errors !== undefined && e.errorCount !== undefined ? sum.errors + e.errorCount : undefined;
    incoming.set(e.child, sum);
  }
  const names = new Set<string>(known.keys());
  for (const e of edges) {
    names.add(e.parent);
    names.add(e.child);
  }
  return [...names].sort(compare).map((name) => {
    const given = known.get(name);
    if (given) return given;
    const sum = incoming.get(name);
    if (!sum) return { name };
    return { name, callCount: sum.calls, ...(sum.errors !== undefined ? { errorCount: sum.errors } : {}) };
  });
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
