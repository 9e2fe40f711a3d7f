/**
 * The search lives in the URL, so a search is a link and reloading re-runs it. This file maps
 * URL parameters ⇄ the form's state ⇄ the client's `SearchQuery`. Plain TS, unit-tested.
 *
 * Our parameters: `service`, `operation`, `attr=key=value` (repeated), `minDuration`,
 * `maxDuration` (Go durations), `lookback` (15m … 7d, relative to now) or `start`/`end`
 * (absolute, µs since the epoch, as Jaeger writes them), `limit`, `q` (TraceQL), `tab`,
 * `sort`, `tz=utc`.
 * Jaeger's search links are read too: `tags` as JSON (`{"error":"true"}`) or logfmt,
 * `lookback=custom`, and `start`/`end` — which win over `lookback`, as in Jaeger, so a pasted
 * Jaeger link shows the same window it showed there.
 */
import type { SearchQuery } from '../../sources/clients';
import { parseDurationField, parseLookback } from './durations';

export const LOOKBACK_PRESETS = ['15m', '1h', '6h', '24h', '2d', '7d'] as const;
export const DEFAULT_LOOKBACK = '1h';
export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 1000;

export type SortKey = 'start-desc' | 'start-asc' | 'duration-desc' | 'duration-asc' | 'spans-desc' | 'spans-asc' | 'errors-desc' | 'errors-asc';
export const SORT_KEYS: readonly SortKey[] = ['start-desc', 'start-asc', 'duration-desc', 'duration-asc', 'spans-desc', 'spans-asc', 'errors-desc', 'errors-asc'];

export type TimeRange = { readonly kind: 'lookback'; readonly lookback: string } | { readonly kind: 'absolute'; readonly startMs: number; readonly endMs: number };

export interface Attr {
  readonly key: string;
  readonly value: string;
}

export interface SearchState {
  readonly tab: 'form' | 'traceql';
  readonly service: string;
  readonly operation: string;
  readonly attributes: readonly Attr[];
  readonly minDuration: string;
  readonly maxDuration: string;
  readonly range: TimeRange;
  readonly limit: number;
  readonly traceql: string;
  readonly sort: SortKey;
  readonly utc: boolean;
}

export const EMPTY_SEARCH: SearchState = {
  tab: 'form',
  service: '',
  operation: '',
  attributes: [],
  minDuration: '',
  maxDuration: '',
  range: { kind: 'lookback', lookback: DEFAULT_LOOKBACK },
  limit: DEFAULT_LIMIT,
  traceql: '',
  sort: 'start-desc',
  utc: false,
};

export interface ParsedUrl {
  readonly state: SearchState;
  /** Parameters that could not be read (shown to the user, never silently dropped). */
  readonly problems: readonly string[];
}

/** `key=value` → Attr (the first `=` splits; keys are trimmed, values kept as typed). */
export function parseAttr(text: string): Attr | null {
  const at = text.indexOf('=');
  if (at <= 0) return null;
  const key = text.slice(0, at).trim();
  return key ? { key, value: text.slice(at + 1) } : null;
}

/** Jaeger's `tags`: a JSON object, or (older links) logfmt `k=v k2="v 2"`. */
export function parseJaegerTags(raw: string): Attr[] | null {
  const text = raw.trim();
  if (text.startsWith('{')) {
    try {
      const json: unknown = JSON.parse(text);
      if (typeof json !== 'object' || json === null || Array.isArray(json)) return null;
      return Object.entries(json as Record<string, unknown>).map(([key, value]) => ({ key, value: typeof value === 'string' ? value : JSON.stringify(value) }));
    } catch {
      return null;
    }
  }
  const attrs: Attr[] = [];
  const pair = /\s*([^\s=]+)=(?:"((?:[^"\\]|\\.)*)"|(\S*))/y;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = pair.exec(text)) !== null) {
    attrs.push({ key: m[1]!, value: m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '') });
    consumed = pair.lastIndex;
  }
  return text.slice(consumed).trim() === '' ? attrs : null;
}

function positiveInt(raw: string | null): number | null {
  if (raw === null || !/^\d+$/.test(raw.trim())) return null;
  const n = Number(raw);
  return n > 0 ? n : null;
}

/** µs since the epoch; fractions (links computed from fractional ms) are accepted. */
function epochMicros(raw: string | null): number | null {
  if (raw === null || !/^\d+(\.\d+)?$/.test(raw.trim())) return null;
  const n = Number(raw);
  return n > 0 ? n : null;
}

/** Reads a search from the URL (ours or Jaeger's). */
export function parseSearchParams(params: URLSearchParams): ParsedUrl {
  const problems: string[] = [];
  const attributes: Attr[] = [];
  for (const raw of params.getAll('attr')) {
    const attr = parseAttr(raw);
    if (attr) attributes.push(attr);
    else problems.push(`attr "${raw}" is not key=value`);
  }
  const tags = params.get('tags');
  if (tags !== null && tags.trim() !== '') {
    const parsed = parseJaegerTags(tags);
    if (parsed) attributes.push(...parsed);
    else problems.push(`tags "${tags}" is neither a JSON object nor key=value pairs`);
  }

  let range: TimeRange = EMPTY_SEARCH.range;
  const startUs = params.get('start');
  const endUs = params.get('end');
  const lookback = params.get('lookback');
  if (startUs !== null || endUs !== null) {
    const start = epochMicros(startUs);
    const end = epochMicros(endUs);
    if (start !== null && end !== null && start < end) range = { kind: 'absolute', startMs: start / 1000, endMs: end / 1000 };
    else problems.push('start/end must both be µs since the epoch with start before end; showing the last hour');
  } else if (lookback !== null && lookback !== 'custom') {
    if (parseLookback(lookback) !== null) range = { kind: 'lookback', lookback };
    else problems.push(`lookback "${lookback}" is not a window like 15m, 1h or 2d`);
  }

  let limit = DEFAULT_LIMIT;
  const rawLimit = params.get('limit');
  if (rawLimit !== null) {
    const n = positiveInt(rawLimit);
    if (n === null) problems.push(`limit "${rawLimit}" is not a positive number`);
    else limit = Math.min(n, MAX_LIMIT);
  }

  const sort = params.get('sort');
  const traceql = params.get('q') ?? '';
  const operation = params.get('operation') ?? '';
  return {
    state: {
      tab: params.get('tab') === 'traceql' || (traceql !== '' && params.get('tab') !== 'form') ? 'traceql' : 'form',
      service: params.get('service') ?? '',
      // Jaeger writes "all" for no operation filter.
      operation: operation === 'all' ? '' : operation,
      attributes,
      minDuration: params.get('minDuration') ?? '',
      maxDuration: params.get('maxDuration') ?? '',
      range,
      limit,
      traceql,
      sort: SORT_KEYS.includes(sort as SortKey) ? (sort as SortKey) : EMPTY_SEARCH.sort,
      utc: params.get('tz') === 'utc',
    },
    problems,
  };
}

/** The canonical URL parameters of a search (defaults left out, so links stay short). */
export function toSearchParams(state: SearchState, source: string | null): URLSearchParams {
  const p = new URLSearchParams();
  if (source) p.set('source', source);
  if (state.tab === 'traceql') {
    p.set('tab', 'traceql');
    if (state.traceql.trim()) p.set('q', state.traceql);
  } else {
    if (state.service) p.set('service', state.service);
    if (state.operation) p.set('operation', state.operation);
    for (const a of state.attributes) if (a.key.trim()) p.append('attr', `${a.key.trim()}=${a.value}`);
    if (state.minDuration.trim()) p.set('minDuration', state.minDuration.trim());
    if (state.maxDuration.trim()) p.set('maxDuration', state.maxDuration.trim());
  }
  if (state.range.kind === 'lookback') {
    if (state.range.lookback !== DEFAULT_LOOKBACK) p.set('lookback', state.range.lookback);
  } else {
    p.set('start', String(Math.round(state.range.startMs * 1000)));
    p.set('end', String(Math.round(state.range.endMs * 1000)));
  }
  if (state.limit !== DEFAULT_LIMIT) p.set('limit', String(state.limit));
  if (state.sort !== EMPTY_SEARCH.sort) p.set('sort', state.sort);
  if (state.utc) p.set('tz', 'utc');
  return p;
}

/** The window a range means at `nowMs`. */
export function resolveRange(range: TimeRange, nowMs: number): { startMs: number; endMs: number } {
  if (range.kind === 'absolute') return { startMs: range.startMs, endMs: range.endMs };
  return { startMs: nowMs - (parseLookback(range.lookback) ?? 3_600_000), endMs: nowMs };
}

export type FieldErrors = Partial<Record<'service' | 'minDuration' | 'maxDuration' | 'range' | 'attributes' | 'traceql', string>>;

/**
 * What is wrong with a search, per field (empty when it can run). `requireService`: the source
 * cannot search without one (Jaeger).
 */
export function validateSearch(state: SearchState, options: { requireService?: boolean } = {}): FieldErrors {
  const errors: FieldErrors = {};
  if (options.requireService && state.tab === 'form' && state.service === '') errors.service = 'This source (Jaeger) needs a service to search: pick one';
  const min = state.tab === 'form' ? parseDurationField(state.minDuration) : null;
  const max = state.tab === 'form' ? parseDurationField(state.maxDuration) : null;
  if (min && !min.ok) errors.minDuration = min.message;
  if (max && !max.ok) errors.maxDuration = max.message;
  if (min?.ok && max?.ok && max.ms <= min.ms) errors.maxDuration = 'Max duration must be greater than min duration';
  if (state.range.kind === 'absolute' && !(state.range.startMs < state.range.endMs)) errors.range = 'The start of the time range must be before its end';
  if (state.tab === 'form' && state.attributes.some((a) => a.key.trim() === '' && a.value !== '')) errors.attributes = 'Every attribute needs a name (key=value)';
  return errors;
}

/** The client query for a valid search, the window resolved at `nowMs`. */
export function toSearchQuery(state: SearchState, nowMs: number): SearchQuery {
  const { startMs, endMs } = resolveRange(state.range, nowMs);
  const base = { startSec: Math.floor(startMs / 1000), endSec: Math.ceil(endMs / 1000), limit: state.limit };
  if (state.tab === 'traceql') return state.traceql.trim() ? { ...base, traceql: state.traceql.trim() } : base;
  const min = parseDurationField(state.minDuration);
  const max = parseDurationField(state.maxDuration);
  const tags: Record<string, string> = {};
  for (const a of state.attributes) if (a.key.trim()) tags[a.key.trim()] = a.value;
  return {
    ...base,
    ...(state.service ? { service: state.service } : {}),
    ...(state.operation ? { operation: state.operation } : {}),
    ...(Object.keys(tags).length > 0 ? { tags } : {}),
    ...(min?.ok ? { minDurationMs: min.ms } : {}),
    ...(max?.ok ? { maxDurationMs: max.ms } : {}),
  };
}

/** The filters a search applied, in words (for the empty state). */
export function describeFilters(state: SearchState): string[] {
  const out: string[] = [];
  if (state.tab === 'traceql') {
    if (state.traceql.trim()) out.push(`TraceQL ${state.traceql.trim()}`);
  } else {
    if (state.service) out.push(`service = ${state.service}`);
    if (state.operation) out.push(`operation = ${state.operation}`);
    for (const a of state.attributes) if (a.key.trim()) out.push(`${a.key.trim()} = ${a.value}`);
    if (state.minDuration.trim()) out.push(`duration ≥ ${state.minDuration.trim()}`);
    if (state.maxDuration.trim()) out.push(`duration ≤ ${state.maxDuration.trim()}`);
  }
  out.push(state.range.kind === 'lookback' ? `last ${state.range.lookback}` : `${new Date(state.range.startMs).toISOString()} – ${new Date(state.range.endMs).toISOString()}`);
  out.push(`limit ${state.limit}`);
  return out;
}

/** The next wider preset than the current window (for "widen the time range"), or null. */
export function widerLookback(range: TimeRange): string | null {
  const current = range.kind === 'lookback' ? (parseLookback(range.lookback) ?? 0) : range.endMs - range.startMs;
  return LOOKBACK_PRESETS.find((p) => (parseLookback(p) ?? 0) > current) ?? null;
}

/** Attributes as the form's one-line logfmt field: `k=v k2="v 2"`. */
export function formatAttrs(attrs: readonly Attr[]): string {
  return attrs.map((a) => `${a.key}=${a.value === '' || /[\s"=\\]/.test(a.value) ? JSON.stringify(a.value) : a.value}`).join(' ');
}
