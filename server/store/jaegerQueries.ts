/**
 * Store queries behind the Jaeger API (server/api/jaeger): services, operations, Jaeger's span
 * search and the service dependency graph. Read-only SQL over the tables of schema.ts.
 *
 * Jaeger's search semantics differ from Tempo's (search.ts): every condition, INCLUDING the
 * duration bounds, holds on one span (Jaeger filters on the duration of a matching span, not of
 * the trace), and the time range bounds that span's start.
 */
import { queryRows } from './db';
import type { SqlParam } from './db';
import { and, resourceAttributeMatch, spanAttributeMatch, tagCondition, withRangeShadows } from './searchSql';
import type { SqlFragment } from './searchSql';
import type { SpanStore } from './spanStore';

/** OTLP kind order (schema.ts `kind`), as Jaeger names kinds ('' for unspecified). */
export const JAEGER_SPAN_KINDS: readonly string[] = ['', 'internal', 'server', 'client', 'producer', 'consumer'];

export interface JaegerOperation {
  name: string;
  /** Jaeger's name of the kind: server, client, producer, consumer, internal, or ''. */
  spanKind: string;
}

export interface JaegerSpanQuery {
  service?: string;
  operation?: string;
  /** key → value, all must hold on the matching span (or its resource). */
  tags?: ReadonlyMap<string, string>;
  /** Bounds (inclusive) on the matching span's start, ns since the epoch. */
  startNs?: bigint;
  endNs?: bigint;
  /** Bounds (inclusive) on the matching span's duration, ns. */
  minDurationNs?: bigint;
  maxDurationNs?: bigint;
  /** Traces to return (newest trace start first). */
  limit: number;
}

export interface JaegerDependency {
  parent: string;
  child: string;
  callCount: number;
}

/** Service names with at least one stored span, sorted. */
export async function jaegerServices(store: SpanStore): Promise<string[]> {
  const rows = await store.read((c) => queryRows(c, 'SELECT DISTINCT service_name FROM spans ORDER BY 1'));
  return rows.map((r) => r[0] as string);
}

/**
 * Distinct (span name, kind) of a service (of every service when `service` is undefined),
 * sorted by name then kind name. `spanKind` ('' allowed, for unspecified) keeps one kind only; an
 * unknown kind matches nothing, as in Jaeger.
 */
export async function jaegerOperations(store: SpanStore, service: string | undefined, spanKind?: string): Promise<JaegerOperation[]> {
  const conditions: SqlFragment[] = [];
  if (service !== undefined) conditions.push({ sql: 'service_name = ?', params: [service] });
  if (spanKind !== undefined) {
    const kind = JAEGER_SPAN_KINDS.indexOf(spanKind.toLowerCase());
    if (kind < 0) return [];
    conditions.push({ sql: 'kind = ?', params: [kind] });
  }
  const where = and(conditions);
  const rows = await store.read((c) =>
    queryRows(c, `SELECT DISTINCT name, kind FROM spans WHERE ${where.sql} ORDER BY name`, where.params),
  );
  const operations = rows.map((r) => ({ name: r[0] as string, spanKind: JAEGER_SPAN_KINDS[Number(r[1])] ?? '' }));
  return operations.sort((a, b) => compare(a.name, b.name) || compare(a.spanKind, b.spanKind));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const STATUS_CODES: Record<string, number> = { UNSET: 0, OK: 1, ERROR: 2 };

/**
 * One tag of a Jaeger search as a condition on a span. The tags Jaeger's OTLP translator makes
 * out of span fields (span.kind, otel.status_code, error, otel.status_description,
 * w3c.tracestate, otel.scope.name/version) match those fields; any other key matches a span
 * attribute or a resource (process) attribute, typed values compared by their text.
 */
export function jaegerTagCondition(key: string, value: string): SqlFragment {
  switch (key) {
    case 'span.kind': {
      const kind = JAEGER_SPAN_KINDS.indexOf(value.toLowerCase());
      if (kind > 0) return { sql: 's.kind = ?', params: [kind] };
      break;
    }
    case 'otel.status_code': {
      const code = STATUS_CODES[value.toUpperCase()];
      if (code !== undefined) return { sql: 's.status_code = ?', params: [code] };
      break;
    }
    case 'error':
      return tagCondition({ key, value });
    case 'otel.status_description':
      return { sql: '(s.status_message = ? OR s.sid IN (SELECT sid FROM span_attributes WHERE key = ? AND str_value = ?))', params: [value, key, value] };
    case 'w3c.tracestate':
      return { sql: 's.trace_state = ?', params: [value] };
    case 'otel.scope.name':
    case 'otel.library.name':
      return { sql: 's.scope_name = ?', params: [value] };
    case 'otel.scope.version':
    case 'otel.library.version':
      return { sql: 's.scope_version = ?', params: [value] };
  }
  const span = spanAttributeMatch(key, value);
  const resource = resourceAttributeMatch(key, value);
  return { sql: `(${span.sql} OR ${resource.sql})`, params: [...span.params, ...resource.params] };
}

/**
 * Trace IDs (32 hex) with a span matching every condition of the query, newest trace start
 * first, at most `limit`.
 */
export async function jaegerFindTraceIds(store: SpanStore, query: JaegerSpanQuery): Promise<string[]> {
  const conditions: SqlFragment[] = [];
  if (query.service !== undefined) conditions.push({ sql: 's.service_name = ?', params: [query.service] });
  if (query.operation !== undefined) conditions.push({ sql: 's.name = ?', params: [query.operation] });
  for (const [key, value] of query.tags ?? []) conditions.push(jaegerTagCondition(key, value));
  if (query.minDurationNs !== undefined) conditions.push({ sql: 's.duration_ns >= ?', params: [query.minDurationNs] });
  if (query.maxDurationNs !== undefined) conditions.push({ sql: 's.duration_ns <= ?', params: [query.maxDurationNs] });
  const where = and(conditions);
  const ctes = withRangeShadows(
    { start: query.startNs, end: query.endNs },
    { sql: `hits AS (SELECT DISTINCT s.trace_id FROM spans s WHERE ${where.sql})`, params: where.params },
  );
  const sql = `${ctes.sql}
SELECT h.trace_id FROM hits h JOIN traces t ON t.trace_id = h.trace_id
ORDER BY t.start_ns DESC, h.trace_id
LIMIT ?`;
  const rows = await store.read((c) => queryRows(c, sql, [...ctes.params, BigInt(Math.max(1, Math.floor(query.limit)))]));
  return rows.map((r) => r[0] as string);
}

/**
 * Service dependencies over the traces that overlap [startNs, endNs]: one call for each span
 * whose parent span (same trace, span_id = parent_span_id) belongs to another service, counted
 * per (parent service, child service), sorted by parent then child.
 */
export async function jaegerDependencies(store: SpanStore, startNs: bigint, endNs: bigint): Promise<JaegerDependency[]> {
  return store.read(async (connection) => {
    // The window every span of the overlapping traces starts in: lets zone maps prune spans.
    const bounds = await queryRows(
      connection,
      'SELECT min(start_ns), max(end_ns) FROM traces WHERE start_ns <= ? AND end_ns >= ?',
      [endNs, startNs],
    );
    const [lo, hi] = bounds[0] ?? [];
    if (typeof lo !== 'bigint' || typeof hi !== 'bigint') return [];
    const params: SqlParam[] = [endNs, startNs, lo, hi];
    const rows = await queryRows(
      connection,
      `WITH tr AS (SELECT trace_id FROM traces WHERE start_ns <= ? AND end_ns >= ?),
       sp AS (SELECT trace_id, span_id, parent_span_id, service_name FROM spans
              WHERE start_ns BETWEEN ? AND ? AND trace_id IN (SELECT trace_id FROM tr))
       SELECT p.service_name, c.service_name, count(*)
       FROM sp c JOIN sp p ON p.trace_id = c.trace_id AND p.span_id = c.parent_span_id
       WHERE c.parent_span_id <> '' AND p.service_name <> c.service_name
       GROUP BY ALL ORDER BY 1, 2`,
      params,
    );
    return rows.map((r) => ({ parent: r[0] as string, child: r[1] as string, callCount: Number(r[2] as bigint) }));
  });
}
