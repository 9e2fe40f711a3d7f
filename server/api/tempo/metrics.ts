/**
 * TraceQL metrics on Tempo's paths: `GET /api/metrics/query_range` and `GET /api/metrics/query`
 * (see /work/shared/API-NOTES.md §1 for the JSON shapes). Computation: server/store/metrics.ts.
 *
 * Parameters: `q` (or `query`); `start` / `end` as unix seconds (fractions allowed), unix
 * nanoseconds (a number ≥ 1e15) or RFC3339; `since` (Go duration, default 1h) when start or end
 * is missing (end defaults to now, start to end − since); `step` (Go duration or seconds;
 * default Tempo's rule, (end − start) / 240 rounded down to 5 s, min 1 s); `exemplars` (0–100,
 * default 0).
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import { parseDuration } from '../../../src/traceql/lexer';
import { parseMetricsQuery, type MetricsQuery } from '../../../src/traceql/metrics';
import type { SpanStore } from '../../store/spanStore';
import {
  alignMetricsRange,
  defaultMetricsStepNs,
  queryMetrics,
  type MetricsLabel,
  type MetricsRange,
  type MetricsResult,
} from '../../store/metrics';

const NS_PER_SEC = 1_000_000_000n;
const DEFAULT_SINCE_NS = 3600n * NS_PER_SEC;
const MAX_POINTS = 11_000;
const MAX_EXEMPLARS = 100;

export interface MetricsRequest {
  query: MetricsQuery;
  range: MetricsRange;
  exemplars: number;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** Parses and validates a metrics request; `instant` for /api/metrics/query. */
export function parseMetricsRequest(get: (name: string) => string | undefined, instant: boolean, nowNs: bigint): Parsed<MetricsRequest> {
  const q = nonEmpty(get('q')) ?? nonEmpty(get('query'));
  if (q === undefined) return { ok: false, message: 'invalid request: q (TraceQL metrics query) is required' };
  const parsed = parseMetricsQuery(q);
  if (!parsed.ok) {
    const { message, line, column } = parsed.error;
    const text = message.startsWith('unsupported TraceQL') ? message : `invalid TraceQL query: ${message}`;
    return { ok: false, message: `${text} at line ${line}, col ${column}` };
  }

  let sinceNs = DEFAULT_SINCE_NS;
  const since = nonEmpty(get('since'));
  if (since !== undefined) {
    const ns = parseDuration(since);
    if (ns === null || ns <= 0n) return { ok: false, message: `invalid since: "${since}" is not a duration like 1h` };
    sinceNs = ns;
  }
  const start = parseTime(get('start'));
  const end = parseTime(get('end'));
  if (start === 'invalid') return { ok: false, message: 'invalid start: expected unix seconds, unix nanoseconds or RFC3339' };
  if (end === 'invalid') return { ok: false, message: 'invalid end: expected unix seconds, unix nanoseconds or RFC3339' };
  const endNs = end ?? nowNs;
  const startNs = start ?? endNs - sinceNs;
  if (endNs <= startNs) return { ok: false, message: 'invalid start: must be before end' };

  let range: MetricsRange;
  if (instant) {
    range = { startNs, endNs, stepNs: endNs - startNs };
  } else {
    let stepNs = defaultMetricsStepNs(startNs, endNs);
    const step = nonEmpty(get('step'));
    if (step !== undefined) {
      const ns = parseStep(step);
      if (ns === null) return { ok: false, message: `invalid step: "${step}" is not a duration like 30s or a number of seconds` };
      if (ns < 1_000_000n) return { ok: false, message: 'invalid step: must be at least 1ms' };
      stepNs = ns;
    }
    range = alignMetricsRange(startNs, endNs, stepNs);
    const points = (range.endNs - range.startNs) / range.stepNs;
    if (points > BigInt(MAX_POINTS)) {
      return { ok: false, message: `invalid step: ${points} points per series exceed the maximum of ${MAX_POINTS}; use a larger step` };
    }
  }

  let exemplars = 0;
  const rawExemplars = nonEmpty(get('exemplars'));
  if (rawExemplars !== undefined) {
    const n = Number(rawExemplars);
    if (!Number.isInteger(n) || n < 0) return { ok: false, message: 'invalid exemplars: must be a non-negative integer' };
    exemplars = Math.min(n, MAX_EXEMPLARS);
  }
  return { ok: true, value: { query: parsed.ast, range, exemplars } };
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v === '' ? undefined : v;
}

const DECIMAL = /^\d+(\.\d+)?$/;

/** Unix seconds (fractions allowed), unix ns (≥ 1e15), or RFC3339 → ns. */
export function parseTime(raw: string | undefined): bigint | undefined | 'invalid' {
  if (raw === undefined || raw === '') return undefined;
  if (DECIMAL.test(raw)) {
    const [whole = '0', frac = ''] = raw.split('.');
    if (frac === '' && whole.length >= 16) return BigInt(whole);
    return BigInt(whole) * NS_PER_SEC + BigInt((frac + '000000000').slice(0, 9));
  }
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/i.exec(raw);
  if (!m) return 'invalid';
  const ms = Date.parse(`${m[1] ?? ''}${(m[3] ?? 'Z').toUpperCase()}`);
  if (Number.isNaN(ms)) return 'invalid';
  return BigInt(ms) * 1_000_000n + BigInt(((m[2] ?? '') + '000000000').slice(0, 9));
}

function parseStep(raw: string): bigint | null {
  if (DECIMAL.test(raw)) {
    const [whole = '0', frac = ''] = raw.split('.');
    return BigInt(whole) * NS_PER_SEC + BigInt((frac + '000000000').slice(0, 9));
  }
  return parseDuration(raw);
}

// ───────────────────────────── JSON encoding ─────────────────────────────

type JsonDouble = number | 'NaN' | 'Infinity' | '-Infinity';

function jsonDouble(v: number): JsonDouble {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  return v;
}

/** A label as a tempopb KeyValue (oneof values are written even when zero). */
export function encodeLabel(label: MetricsLabel): { key: string; value: Record<string, unknown> } {
  const v = label.value;
  switch (v.type) {
    case 'string':
      return { key: label.key, value: { stringValue: v.value } };
    case 'int':
      return { key: label.key, value: { intValue: v.value.toString() } };
    case 'double':
      return { key: label.key, value: { doubleValue: jsonDouble(v.value) } };
    case 'bool':
      return { key: label.key, value: { boolValue: v.value } };
    case 'nil':
      return { key: label.key, value: { stringValue: 'nil' } };
  }
}

/** Zero values are omitted, as gogo jsonpb does. */
function withValue<T extends object>(obj: T, value: number): T & { value?: JsonDouble } {
  return value === 0 ? obj : { ...obj, value: jsonDouble(value) };
}

function encodeMetrics(result: MetricsResult): Record<string, unknown> {
  const metrics: Record<string, unknown> = { completedJobs: 1, totalJobs: 1 };
  if (result.matchedSpans > 0) metrics.inspectedSpans = String(result.matchedSpans);
  return metrics;
}

export function encodeQueryRange(result: MetricsResult): Record<string, unknown> {
  return {
    series: result.series.map((s) => {
      const out: Record<string, unknown> = {
        labels: s.labels.map(encodeLabel),
        samples: s.samples.map((p) => withValue({ timestampMs: p.timestampMs.toString() }, p.value)),
      };
      if (s.exemplars.length > 0) {
        out.exemplars = s.exemplars.map((e) =>
          withValue({ labels: [{ key: 'trace:id', value: { stringValue: e.traceId } }], timestampMs: e.timestampMs.toString() }, e.value),
        );
      }
      return out;
    }),
    metrics: encodeMetrics(result),
  };
}

export function encodeInstant(result: MetricsResult): Record<string, unknown> {
  return {
    series: result.series.map((s) => withValue({ labels: s.labels.map(encodeLabel) }, s.samples[0]?.value ?? 0)),
    metrics: encodeMetrics(result),
  };
}

// ───────────────────────────── routes ─────────────────────────────

/** `/api/metrics/query_range` and `/api/metrics/query` over the embedded store. */
export function metricsRoutes(store: SpanStore): Hono {
  const app = new Hono();
  app.get('/api/metrics/query_range', (c) => handle(c, store, false));
  app.get('/api/metrics/query', (c) => handle(c, store, true));
  return app;
}

async function handle(c: Context, store: SpanStore, instant: boolean) {
  const nowNs = BigInt(Date.now()) * 1_000_000n;
  const parsed = parseMetricsRequest((name) => c.req.query(name), instant, nowNs);
  if (!parsed.ok) return c.text(parsed.message, 400);
  const { query, range, exemplars } = parsed.value;
  const result = await queryMetrics(store, query, range, { exemplars }).catch((error: unknown) => error as Error);
  if (result instanceof Error) {
    // DuckDB rejects a bad regex only when it runs: that is the user's query, so 400.
    if (/Invalid Input Error|regex|regular expression/i.test(result.message)) return c.text(`invalid TraceQL query: ${result.message}`, 400);
    throw result;
  }
  return c.json(instant ? encodeInstant(result) : encodeQueryRange(result));
}
