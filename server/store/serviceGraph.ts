/**
 * The service graph with figures, for the map: per call edge (parent service → child service)
 * the call count, the errors and the P99 duration, and per service its entry spans (calls into
 * it), errors, P99 and top operations. Jaeger's /api/dependencies (jaegerQueries.ts) only counts
 * calls; this is the embedded store's richer answer, computed in DuckDB over the same spans.
 *
 * Definitions (the same as jaegerDependencies, so the two agree on counts):
 * - a CALL is a span whose parent span (same trace, span_id = parent_span_id) belongs to another
 *   service; it is an edge parent service → child service;
 * - an ENTRY span of a service is a call into it, or a span without a parent in the store (a root
 *   or an orphan): what the service was asked to do;
 * - an error is a span with status ERROR (the child's, for a call);
 * - P99 is over the child's span durations, exact (`quantile_cont`, linear interpolation);
 * - the window holds the traces that overlap [startNs, endNs] (as Jaeger's dependencies).
 */
import { queryRows } from './db';
import type { SqlParam } from './db';
import type { SpanStore } from './spanStore';

export interface ServiceGraphEdge {
  readonly parent: string;
  readonly child: string;
  readonly callCount: number;
  readonly errorCount: number;
  /** P99 of the child spans' durations, ms (fractional). */
  readonly p99Ms: number;
}

export interface ServiceGraphOperation {
  readonly name: string;
  readonly callCount: number;
  readonly errorCount: number;
  readonly p99Ms: number;
}

export interface ServiceGraphService {
  readonly name: string;
  /** Entry spans (calls into the service plus its roots/orphans). */
  readonly callCount: number;
  readonly errorCount: number;
  readonly p99Ms: number;
  /** Its entry operations, most called first (at most TOP_OPERATIONS). */
  readonly operations: readonly ServiceGraphOperation[];
}

export interface ServiceGraph {
  readonly services: readonly ServiceGraphService[];
  readonly edges: readonly ServiceGraphEdge[];
}

export const TOP_OPERATIONS = 5;

const NS_PER_MS = 1_000_000;

export async function serviceGraph(store: SpanStore, startNs: bigint, endNs: bigint): Promise<ServiceGraph> {
  return store.read(async (connection) => {
    const bounds = await queryRows(connection, 'SELECT min(start_ns), max(end_ns) FROM traces WHERE start_ns <= ? AND end_ns >= ?', [endNs, startNs]);
    const [lo, hi] = bounds[0] ?? [];
    if (typeof lo !== 'bigint' || typeof hi !== 'bigint') return { services: [], edges: [] };
    const params: SqlParam[] = [endNs, startNs, lo, hi];
    // The join key is a 64-bit hash of (trace ID, span ID): 8 bytes a row instead of ~50 of text,
    // so an hour of a busy system (15M spans) joins in memory instead of spilling to disk (27 s).
    // A false parent needs two spans' hashes to collide: ~n²/2^65, 6e-6 at 15M spans in range.
    // Every span with its parent's service (NULL for roots and orphans), joined ONCE: the three
    // groupings (edges, services, operations) come out of one GROUPING SETS pass. The join is a
    // plain equi-join (a root's '' parent matches no span), so DuckDB hashes it; a non-equality
    // term in the ON clause of this LEFT JOIN made it a nested loop (1.7 s at 30k spans).
    const rows = await queryRows(
      connection,
      `WITH tr AS (SELECT trace_id FROM traces WHERE start_ns <= ? AND end_ns >= ?),
      sp AS (SELECT hash(trace_id, span_id) AS k, CASE WHEN parent_span_id <> '' THEN hash(trace_id, parent_span_id) END AS pk,
                    service_name, name, status_code, duration_ns FROM spans
             WHERE start_ns BETWEEN ? AND ? AND trace_id IN (SELECT trace_id FROM tr)),
      entry AS (SELECT p.service_name AS parent, c.service_name AS child, c.name AS op,
                       c.status_code = 2 AS err, c.duration_ns AS d
                FROM sp c LEFT JOIN sp p ON p.k = c.pk
                WHERE p.service_name IS NULL OR p.service_name <> c.service_name)
      SELECT GROUPING(parent, op) AS g, parent, child, op, count(*), count_if(err), quantile_cont(d, 0.99)
      FROM entry GROUP BY GROUPING SETS ((parent, child), (child), (child, op))`,
      params,
    );
    // GROUPING(parent, op): 1 = (parent, child) edges, 3 = (child) services, 2 = (child, op).
    const edgeRows = rows.filter((r) => Number(r[0]) === 1 && r[1] !== null).sort((a, b) => cmp(a[1], b[1]) || cmp(a[2], b[2]));
    const serviceRows = rows.filter((r) => Number(r[0]) === 3).sort((a, b) => cmp(a[2], b[2]));
    const operationRows = topOperations(rows.filter((r) => Number(r[0]) === 2));
    const operations = new Map<string, ServiceGraphOperation[]>();
    for (const r of operationRows) {
      const list = operations.get(r[2] as string) ?? [];
      list.push({ name: r[3] as string, ...figuresOf(r, 4) });
      operations.set(r[2] as string, list);
    }
    return {
      edges: edgeRows.map((r) => ({ parent: r[1] as string, child: r[2] as string, ...figuresOf(r, 4) })),
      services: serviceRows.map((r) => ({ name: r[2] as string, ...figuresOf(r, 4), operations: operations.get(r[2] as string) ?? [] })),
    };
  });
}

/** Binary string order, as DuckDB's ORDER BY. */
const cmp = (a: unknown, b: unknown): number => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0);

/** Per service, its most called operations first (ties by name), at most TOP_OPERATIONS. */
function topOperations(rows: readonly (readonly unknown[])[]): (readonly unknown[])[] {
  const sorted = [...rows].sort((a, b) => cmp(a[2], b[2]) || Number(b[4] as bigint) - Number(a[4] as bigint) || cmp(a[3], b[3]));
  const taken = new Map<string, number>();
  return sorted.filter((r) => {
    const n = taken.get(r[2] as string) ?? 0;
    taken.set(r[2] as string, n + 1);
    return n < TOP_OPERATIONS;
  });
}

function figuresOf(row: readonly unknown[], at: number): { callCount: number; errorCount: number; p99Ms: number } {
  return {
    callCount: Number(row[at] as bigint),
    errorCount: Number(row[at + 1] as bigint),
    p99Ms: Number(row[at + 2]) / NS_PER_MS,
  };
}
