/**
 * Parsing of the Jaeger query parameters: Go durations, µs/ms epoch integers, RFC3339Nano
 * times, trace IDs (hex or base64) and the search parameters of v1 and v3, with Jaeger's error
 * messages.
 */
import { base64ToBytes, bytesToHex } from '../../../src/sources/ids';
import type { JaegerSpanQuery } from '../../store/jaegerQueries';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(message: string): Parsed<T> => ({ ok: false, message });

const UNIT_NS: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  'µs': 1_000n, // U+00B5
  'μs': 1_000n, // U+03BC
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

/** Go's `time.ParseDuration` to ns (fractions truncated to whole ns), or null when malformed. */
export function parseGoDuration(text: string): bigint | null {
  let rest = text;
  let sign = 1n;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    if (rest[0] === '-') sign = -1n;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0n;
  if (rest === '') return null;
  let total = 0n;
  while (rest !== '') {
    const m = /^(\d*)(?:\.(\d*))?([^\d.]+)/.exec(rest);
    if (!m) return null;
    const [whole, int = '', frac = '', unit = ''] = m;
    if (int === '' && frac === '') return null;
    const scale = UNIT_NS[unit];
    if (scale === undefined) return null;
    total += BigInt(int || '0') * scale;
    if (frac !== '') total += (BigInt(frac) * scale) / 10n ** BigInt(frac.length);
    rest = rest.slice(whole.length);
  }
  return sign * total;
}

/** `time.ParseDuration`'s message for a malformed duration. */
export function goDurationError(text: string): string {
  return `time: invalid duration ${JSON.stringify(text)}`;
}

/** Go's `strconv.ParseInt(text, 10, 64)`, or an error message in Go's words. */
export function parseGoInt(text: string): Parsed<bigint> {
  if (!/^[+-]?\d+$/.test(text)) return fail(`strconv.ParseInt: parsing ${JSON.stringify(text)}: invalid syntax`);
  const n = BigInt(text);
  if (n > (1n << 63n) - 1n || n < -(1n << 63n)) return fail(`strconv.ParseInt: parsing ${JSON.stringify(text)}: value out of range`);
  return ok(n);
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})$/;

/** RFC3339 with optional fractional seconds (Go's `time.RFC3339Nano` layout) to ns since the epoch. */
export function parseRfc3339Nano(text: string): bigint | null {
  const m = RFC3339.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac = '', zone = 'Z'] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(ms) || Number(mo) > 12 || Number(d) > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  let offsetMin = 0;
  if (zone !== 'Z' && zone !== 'z') {
    const sign = zone[0] === '-' ? -1 : 1;
    offsetMin = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  }
  return (BigInt(ms) - BigInt(offsetMin) * 60_000n) * 1_000_000n + BigInt(frac.padEnd(9, '0') || '0');
}

/**
 * A trace ID path parameter: hex of 1–32 characters (leading zeros optional), else base64 of
 * 8 or 16 bytes. Returns 32 lowercase hex, or null when malformed.
 */
export function parseTraceId(raw: string): string | null {
  if (/^[0-9a-fA-F]{1,32}$/.test(raw)) return raw.toLowerCase().padStart(32, '0');
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(raw)) {
    try {
      const bytes = base64ToBytes(raw.replace(/-/g, '+').replace(/_/g, '/'));
      if (bytes.length === 16 || bytes.length === 8) return bytesToHex(bytes).padStart(32, '0');
    } catch {
      return null;
    }
  }
  return null;
}

/** A reader of the request's query: the first value of a name, and all values of a name. */
export interface QueryReader {
  get(name: string): string | undefined;
  all(name: string): string[];
}

const DEFAULT_LIMIT = 100;
const DEFAULT_LOOKBACK_NS = 2n * 24n * 3_600_000_000_000n;

export interface V1SearchRequest {
  /** Search by IDs (other parameters are ignored), 32 hex each, as given. */
  traceIds: { hex: string; raw: string }[];
  query: JaegerSpanQuery;
}

/**
 * `/api/traces?service=&operation=&tags=&tag=&start=&end=&minDuration=&maxDuration=&limit=&traceID=`
 * as Jaeger's query_parser.go reads it. `nowNs` is the default end (start defaults to 2 days
 * before it).
 */
export function parseV1Search(q: QueryReader, nowNs: bigint): Parsed<V1SearchRequest> {
  const service = q.get('service') ?? '';
  const operation = q.get('operation') ?? '';
  const times: Partial<Record<'start' | 'end', bigint>> = {};
  for (const name of ['start', 'end'] as const) {
    const raw = q.get(name);
    if (raw === undefined || raw === '') continue;
    const n = parseGoInt(raw);
    if (!n.ok) return fail(`unable to parse param '${name}': ${n.message}`);
    times[name] = n.value * 1000n;
  }
  const endNs = times.end ?? nowNs;
  const startNs = times.start ?? nowNs - DEFAULT_LOOKBACK_NS;
  const tags = new Map<string, string>();
  for (const tag of q.all('tag')) {
    const colon = tag.indexOf(':');
    if (colon < 0) return fail(`malformed 'tag' parameter, expecting key:value, received: ${tag}`);
    tags.set(tag.slice(0, colon), tag.slice(colon + 1));
  }
  for (const json of q.all('tags')) {
    const map = parseStringMap(json);
    if (map === null) return fail(`malformed 'tags' parameter, cannot unmarshal JSON: ${json}`);
    for (const [k, v] of map) tags.set(k, v);
  }
  let limit = DEFAULT_LIMIT;
  const rawLimit = q.get('limit');
  if (rawLimit !== undefined && rawLimit !== '') {
    const n = parseGoInt(rawLimit);
    if (!n.ok) return fail(`unable to parse param 'limit': ${n.message}`);
    if (n.value > 0n) limit = Number(n.value > 1_000_000n ? 1_000_000n : n.value);
  }
  const durations: Partial<Record<'minDuration' | 'maxDuration', bigint>> = {};
  for (const name of ['minDuration', 'maxDuration'] as const) {
    const raw = q.get(name);
    if (raw === undefined || raw === '') continue;
    const d = parseGoDuration(raw);
    if (d === null) return fail(`unable to parse param '${name}': ${goDurationError(raw)}`);
    durations[name] = d;
  }
  const traceIds: V1SearchRequest['traceIds'] = [];
  for (const raw of q.all('traceID')) {
    const hex = parseTraceId(raw);
    if (hex === null) return fail(`cannot parse traceID param: ${traceIdError(raw)}`);
    traceIds.push({ hex, raw });
  }
  if (traceIds.length === 0 && service === '') return fail("parameter 'service' is required");
  const { minDuration, maxDuration } = durations;
  if (minDuration !== undefined && maxDuration !== undefined && minDuration !== 0n && maxDuration !== 0n && maxDuration < minDuration) {
    return fail("'maxDuration' should be greater than 'minDuration'");
  }
  return ok({
    traceIds,
    query: {
      service: service === '' ? undefined : service,
      operation: operation === '' ? undefined : operation,
      tags,
      startNs,
      endNs,
      minDurationNs: minDuration === 0n ? undefined : minDuration,
      maxDurationNs: maxDuration === 0n ? undefined : maxDuration,
      limit,
    },
  });
}

/** The message of Jaeger's `model.TraceIDFromString` for an ID it cannot read. */
export function traceIdError(raw: string): string {
  if (raw.length > 32) return `TraceID cannot be longer than 32 hex characters: ${raw}`;
  return `strconv.ParseUint: parsing ${JSON.stringify(raw)}: invalid syntax`;
}

/** A JSON object of strings (Go's `map[string]string`), or null when it is not one. */
function parseStringMap(json: string): Map<string, string> | null {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  if (value === null) return new Map();
  if (typeof value !== 'object' || Array.isArray(value)) return null;
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v !== 'string') return null;
    out.set(k, v);
  }
  return out;
}

/**
 * `/api/v3/traces` and `/api/v3/trace-summaries` search parameters: the camelCase names of
 * v2.19+ and the snake_case ones of older releases (kept by Jaeger as aliases).
 */
export function parseV3Search(q: QueryReader): Parsed<JaegerSpanQuery> {
  const get = (camel: string, snake: string): { name: string; value: string | undefined } => {
    const v = q.get(camel);
    if (v !== undefined && v !== '') return { name: camel, value: v };
    return { name: snake, value: q.get(snake) };
  };
  const service = get('query.serviceName', 'query.service_name').value ?? '';
  const operation = get('query.operationName', 'query.operation_name').value ?? '';
  const timeMin = get('query.startTimeMin', 'query.start_time_min');
  const timeMax = get('query.startTimeMax', 'query.start_time_max');
  if (!timeMin.value || !timeMax.value) {
    // Named as the client spells them (camelCase since v2.19, snake_case before).
    const camel = q.get('query.startTimeMin') !== undefined || q.get('query.startTimeMax') !== undefined;
    return fail(camel ? 'query.startTimeMin and query.startTimeMax are required' : 'query.start_time_min and query.start_time_max are required');
  }
  const startNs = parseRfc3339Nano(timeMin.value);
  if (startNs === null) return fail(malformed(timeMin.name, timeError(timeMin.value)));
  const endNs = parseRfc3339Nano(timeMax.value);
  if (endNs === null) return fail(malformed(timeMax.name, timeError(timeMax.value)));
  const durations: (bigint | undefined)[] = [];
  for (const param of [get('query.durationMin', 'query.duration_min'), get('query.durationMax', 'query.duration_max')]) {
    if (param.value === undefined || param.value === '') {
      durations.push(undefined);
      continue;
    }
    const d = parseGoDuration(param.value);
    if (d === null) return fail(malformed(param.name, goDurationError(param.value)));
    durations.push(d);
  }
  let limit = DEFAULT_LIMIT;
  const depth = get('query.searchDepth', 'query.search_depth');
  const numTraces = depth.value !== undefined && depth.value !== '' ? depth : get('query.numTraces', 'query.num_traces');
  if (numTraces.value !== undefined && numTraces.value !== '') {
    if (!/^[+-]?\d+$/.test(numTraces.value)) {
      return fail(malformed(numTraces.name, `strconv.Atoi: parsing ${JSON.stringify(numTraces.value)}: invalid syntax`));
    }
    const n = Number(numTraces.value);
    if (n > 0) limit = Math.min(n, 1_000_000);
  }
  const tags = new Map<string, string>();
  const attributes = q.get('query.attributes');
  if (attributes !== undefined && attributes !== '') {
    const map = parseStringMap(attributes);
    if (map === null) return fail(malformed('query.attributes', 'expected a JSON object of strings'));
    for (const [k, v] of map) tags.set(k, v);
  }
  return ok({
    service: service === '' ? undefined : service,
    operation: operation === '' ? undefined : operation,
    tags,
    startNs,
    endNs,
    minDurationNs: durations[0] || undefined,
    maxDurationNs: durations[1] || undefined,
    limit,
  });
}

function malformed(name: string, reason: string): string {
  return `malformed parameter ${name}: ${reason}`;
}

function timeError(value: string): string {
  return `parsing time ${JSON.stringify(value)} as "2006-01-02T15:04:05.999999999Z07:00": cannot parse`;
}
