/**
 * One decoder for every OTLP-shaped wire format (OTLP/JSON, Tempo v1/v2, Jaeger v3): they all
 * carry `ResourceSpans[]` and differ only in encoding — hex or base64 IDs, integer or named enums,
 * int64 as strings or numbers, and the pre-0.15 `instrumentationLibrary*` names.
 *
 * Error policy: a span that cannot be read is left out with one issue naming the exact path; a
 * bad link is dropped from its span; a bad resource or scope attribute is dropped from its
 * resource or scope. Only a wrong top-level container throws.
 *
 * Built for 1M-span traces: no path strings unless something fails, shared objects for empty
 * lists / statuses / values, one Resource per ResourceSpans and one Scope per ScopeSpans.
 */
import type {
  Attribute,
  AttributeValue,
  Resource,
  Scope,
  SpanData,
  SpanEvent,
  SpanKind,
  SpanLink,
  SpanStatus,
  StatusCode,
} from '../../model/types';
import { SPAN_KINDS, STATUS_CODES } from '../../model/types';
import { normalizeId } from '../ids';
import type { ImportIssue } from '../importResult';
import { ImportError } from '../importResult';
import type { JsonObject } from './json';
import {
  EMPTY_SCOPE,
  EMPTY_VALUE,
  FALSE_VALUE,
  NO_ATTRIBUTES,
  NO_EVENTS,
  NO_LINKS,
  STATUS_BY_CODE,
  TRUE_VALUE,
  ZERO_SPAN_ID,
} from './sharedValues';
import {
  describe,
  isAbsent,
  isIntegerText,
  isObject,
  joinPath,
  nestError,
  readArray,
  readInt64,
  readString,
  readUint32,
  toDouble,
  toInt64,
  typeError,
} from './json';

export interface DecodedSpans {
  readonly spans: SpanData[];
  readonly issues: ImportIssue[];
}

/**
 * Decodes a `ResourceSpans[]` found at `path` (e.g. `batches`, `trace.resourceSpans`), which
 * also prefixes every issue path. An absent list is an empty one (proto3 omits empty fields).
 * Throws `ImportError` at `path` when it is not an array.
 */
export function decodeResourceSpans(value: unknown, path: string): DecodedSpans {
  const out: DecodedSpans = { spans: [], issues: [] };
  const batches = readArray(value, path);
  if (batches === undefined) return out;
  for (let b = 0; b < batches.length; b++) decodeBatch(batches[b], `${path}[${b}]`, out);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Shared immutable values live in ./sharedValues (the streaming decoder uses them too).

/** Deeper AnyValue nesting than this is hostile input, not telemetry; stop before the stack does. */
const MAX_VALUE_DEPTH = 64;

// ---------------------------------------------------------------------------------------------
// Envelope: ResourceSpans → ScopeSpans → spans.

/** Where the span being decoded sits; mutated per span so the hot loop allocates nothing for it. */
interface SpanSite {
  readonly issues: ImportIssue[];
  readonly spansPath: string;
  index: number;
}

function decodeBatch(raw: unknown, path: string, out: DecodedSpans): void {
  if (!isObject(raw)) {
    out.issues.push({ path, message: `expected ResourceSpans object, got ${describe(raw)}` });
    return;
  }
  const resource = decodeResource(raw, path, out.issues);
  // Pre-0.15 senders wrote `instrumentationLibrarySpans`; some transitional ones wrote both
  // names with the same content, so the old one is only read when the new one is empty.
  const legacy = isEmptyList(raw.scopeSpans) && !isAbsent(raw.instrumentationLibrarySpans);
  const key = legacy ? 'instrumentationLibrarySpans' : 'scopeSpans';
  const groups = recover(out.issues, '', undefined, () => readArray(raw[key], `${path}.${key}`));
  if (groups === undefined) return;
  for (let g = 0; g < groups.length; g++) decodeScopeSpans(groups[g], `${path}.${key}[${g}]`, resource, out);
}

function decodeScopeSpans(raw: unknown, path: string, resource: Resource, out: DecodedSpans): void {
  if (!isObject(raw)) {
    out.issues.push({ path, message: `expected ScopeSpans object, got ${describe(raw)}` });
    return;
  }
  const scope = decodeScope(raw, path, out.issues);
  const spansPath = `${path}.spans`;
  const spans = recover(out.issues, '', undefined, () => readArray(raw.spans, spansPath));
  if (spans === undefined) return;
  const site: SpanSite = { issues: out.issues, spansPath, index: 0 };
  for (let i = 0; i < spans.length; i++) {
    site.index = i;
    const issueCount = site.issues.length;
    try {
      out.spans.push(decodeSpan(spans[i], resource, scope, site));
    } catch (error) {
      if (!(error instanceof ImportError)) throw error;
      // The span is gone: its minor issues (unknown kind, …) would only be noise.
      site.issues.length = issueCount;
      site.issues.push({ path: joinPath(spanPath(site), error.path), message: error.reason });
    }
  }
}

/**
 * Decodes one entry of a `spans` array into `spans`, or leaves it out with one issue: what
 * `decodeScopeSpans` does per entry, for the streaming decoder's cold path (odd or bad spans).
 */
export function decodeSpanEntry(
  raw: unknown,
  resource: Resource,
  scope: Scope,
  spansPath: string,
  index: number,
  spans: SpanData[],
  issues: ImportIssue[],
): void {
  const site: SpanSite = { issues, spansPath, index };
  const issueCount = issues.length;
  try {
    spans.push(decodeSpan(raw, resource, scope, site));
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    issues.length = issueCount;
    issues.push({ path: joinPath(spanPath(site), error.path), message: error.reason });
  }
}

export function isEmptyList(value: unknown): boolean {
  return isAbsent(value) || (Array.isArray(value) && value.length === 0);
}

function spanPath(site: SpanSite): string {
  return `${site.spansPath}[${site.index}]`;
}

function report(site: SpanSite, relative: string, message: string): void {
  site.issues.push({ path: joinPath(spanPath(site), relative), message });
}

/** Runs a read whose failure should cost only that value: reports it and uses `fallback`. */
function recover<T>(issues: ImportIssue[], prefix: string, fallback: T, read: () => T): T {
  try {
    return read();
  } catch (error) {
    const nested = nestError(error, prefix);
    if (!(nested instanceof ImportError)) throw nested;
    issues.push({ path: nested.path, message: nested.reason });
    return fallback;
  }
}

// ---------------------------------------------------------------------------------------------
// Resource and scope: shared by many spans, so a bad attribute drops that attribute only.

export function decodeResource(batch: JsonObject, path: string, issues: ImportIssue[]): Resource {
  const schemaUrl = recover(issues, path, '', () => readString(batch.schemaUrl, 'schemaUrl'));
  const raw = batch.resource;
  if (!isObject(raw)) {
    if (!isAbsent(raw)) issues.push({ path: `${path}.resource`, message: `expected object, got ${describe(raw)}` });
    return { serviceName: 'unknown_service', attributes: NO_ATTRIBUTES, droppedAttributesCount: 0, schemaUrl };
  }
  const at = `${path}.resource`;
  const attributes = decodeAttributesLenient(raw.attributes, `${at}.attributes`, issues);
  return {
    serviceName: serviceNameOf(attributes),
    attributes,
    droppedAttributesCount: recover(issues, at, 0, () => readUint32(raw.droppedAttributesCount, 'droppedAttributesCount')),
    schemaUrl,
  };
}

function serviceNameOf(attributes: readonly Attribute[]): string {
  for (const { key, value } of attributes) {
    if (key === 'service.name' && value.type === 'string' && value.value !== '') return value.value;
  }
  return 'unknown_service';
}

export function decodeScope(group: JsonObject, path: string, issues: ImportIssue[]): Scope {
  const schemaUrl = recover(issues, path, '', () => readString(group.schemaUrl, 'schemaUrl'));
  const legacy = group.scope === undefined && group.instrumentationLibrary !== undefined;
  const at = `${path}.${legacy ? 'instrumentationLibrary' : 'scope'}`;
  const raw = legacy ? group.instrumentationLibrary : group.scope;
  if (!isObject(raw)) {
    if (!isAbsent(raw)) issues.push({ path: at, message: `expected object, got ${describe(raw)}` });
    if (schemaUrl === '') return EMPTY_SCOPE;
    return { name: '', version: '', attributes: NO_ATTRIBUTES, droppedAttributesCount: 0, schemaUrl };
  }
  const name = recover(issues, at, '', () => readString(raw.name, 'name'));
  const version = recover(issues, at, '', () => readString(raw.version, 'version'));
  const attributes = decodeAttributesLenient(raw.attributes, `${at}.attributes`, issues);
  const dropped = recover(issues, at, 0, () => readUint32(raw.droppedAttributesCount, 'droppedAttributesCount'));
  if (name === '' && version === '' && attributes.length === 0 && dropped === 0 && schemaUrl === '') return EMPTY_SCOPE;
  return { name, version, attributes, droppedAttributesCount: dropped, schemaUrl };
}

function decodeAttributesLenient(value: unknown, path: string, issues: ImportIssue[]): readonly Attribute[] {
  const list = recover(issues, '', undefined, () => readArray(value, path));
  if (list === undefined || list.length === 0) return NO_ATTRIBUTES;
  const out: Attribute[] = [];
  // One try per run of good entries rather than per entry; a bad one is skipped and the loop resumes.
  let i = 0;
  while (i < list.length) {
    try {
      for (; i < list.length; i++) out.push(decodeKeyValue(list[i], 0));
    } catch (error) {
      const nested = nestError(error, `${path}[${i}]`);
      if (!(nested instanceof ImportError)) throw nested;
      issues.push({ path: nested.path, message: `${nested.reason} (attribute dropped)` });
      i++;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Span. Minor problems (unknown kind, missing end) are reported as they are found; if the span
// then fails, the caller discards those reports, so a skipped span leaves exactly one issue.

function decodeSpan(raw: unknown, resource: Resource, scope: Scope, site: SpanSite): SpanData {
  if (!isObject(raw)) throw typeError('', 'span object', raw);
  const traceId = requireId(raw.traceId, 32, 'traceId', 'trace ID');
  const spanId = requireId(raw.spanId, 16, 'spanId', 'span ID');
  const parent = decodeId(raw.parentSpanId, 16, 'parentSpanId');
  let start = readInt64(raw.startTimeUnixNano, 'startTimeUnixNano');
  let end = readInt64(raw.endTimeUnixNano, 'endTimeUnixNano');
  if (start === undefined || end === undefined) {
    // Keep the span visible at zero duration rather than stretch the trace back to 1970.
    if (start === undefined) report(site, 'startTimeUnixNano', missingTimeMessage(end, 'end'));
    if (end === undefined) report(site, 'endTimeUnixNano', missingTimeMessage(start, 'start'));
    start ??= end ?? 0n;
    end ??= start;
  }
  return {
    traceId,
    spanId,
    // An all-zero parent is how some converters write "no parent".
    parentSpanId: parent === ZERO_SPAN_ID ? '' : parent,
    traceState: readString(raw.traceState, 'traceState'),
    name: readString(raw.name, 'name'),
    kind: decodeKind(raw.kind, site),
    startTimeUnixNano: start,
    endTimeUnixNano: end,
    attributes: decodeAttributes(raw.attributes, 'attributes'),
    droppedAttributesCount: readUint32(raw.droppedAttributesCount, 'droppedAttributesCount'),
    events: decodeEvents(raw.events),
    droppedEventsCount: readUint32(raw.droppedEventsCount, 'droppedEventsCount'),
    links: decodeLinks(raw.links, site),
    droppedLinksCount: readUint32(raw.droppedLinksCount, 'droppedLinksCount'),
    status: decodeStatus(raw.status, site),
    flags: readUint32(raw.flags, 'flags'),
    resource,
    scope,
  };
}

function missingTimeMessage(other: bigint | undefined, otherName: string): string {
  return other === undefined ? 'missing; taken as 0' : `missing; taken as the ${otherName} time (zero duration)`;
}

function requireId(value: unknown, hexLength: 16 | 32, path: string, what: string): string {
  const id = decodeId(value, hexLength, path);
  if (id === '') throw new ImportError(path, `missing ${what}`);
  return id;
}

// ---------------------------------------------------------------------------------------------
// Enums: integers (OTLP/JSON) or names (Tempo's jsonpb), tolerating lower case and short names.

const KIND_BY_NAME = enumNames(SPAN_KINDS, 'span_kind_');
const STATUS_BY_NAME = enumNames(STATUS_CODES, 'status_code_');

/** Name → value for `SPAN_KIND_SERVER`, `span_kind_server`, `SERVER` and `server`. */
function enumNames<T extends string>(values: readonly T[], prefix: string): ReadonlyMap<string, T> {
  const byName = new Map<string, T>();
  for (const value of values) {
    byName.set(value, value);
    byName.set(value.toUpperCase(), value);
    byName.set(prefix + value, value);
    byName.set((prefix + value).toUpperCase(), value);
  }
  return byName;
}

function enumValue<T>(value: unknown, values: readonly T[], byName: ReadonlyMap<string, T>): T | undefined {
  if (typeof value === 'number') return values[value];
  if (typeof value !== 'string') return undefined;
  const named = byName.get(value) ?? byName.get(value.toLowerCase());
  if (named !== undefined) return named;
  return isIntegerText(value) ? values[Number(value)] : undefined;
}

function decodeKind(value: unknown, site: SpanSite): SpanKind {
  if (isAbsent(value)) return 'unspecified';
  const kind = enumValue(value, SPAN_KINDS, KIND_BY_NAME);
  if (kind !== undefined) return kind;
  report(site, 'kind', `unknown span kind ${describe(value)}; taken as unspecified`);
  return 'unspecified';
}

function decodeStatus(value: unknown, site: SpanSite): SpanStatus {
  if (isAbsent(value)) return STATUS_BY_CODE.unset;
  if (!isObject(value)) throw typeError('status', 'object', value);
  // `deprecatedCode` (field 1, pre-1.0) is ignored: `code` supersedes it.
  const message = readString(value.message, 'status.message');
  let code: StatusCode = 'unset';
  if (!isAbsent(value.code)) {
    const known = enumValue(value.code, STATUS_CODES, STATUS_BY_NAME);
    if (known !== undefined) code = known;
    else report(site, 'status.code', `unknown status code ${describe(value.code)}; taken as unset`);
  }
  return message === '' ? STATUS_BY_CODE[code] : { code, message };
}

// ---------------------------------------------------------------------------------------------
// Events and links.

function decodeEvents(value: unknown): readonly SpanEvent[] {
  const list = readArray(value, 'events');
  if (list === undefined || list.length === 0) return NO_EVENTS;
  const out: SpanEvent[] = [];
  let i = 0;
  try {
    for (; i < list.length; i++) out.push(decodeEvent(list[i]));
  } catch (error) {
    throw nestError(error, `events[${i}]`);
  }
  return out;
}

function decodeEvent(raw: unknown): SpanEvent {
  if (!isObject(raw)) throw typeError('', 'event object', raw);
  return {
    timeUnixNano: readInt64(raw.timeUnixNano, 'timeUnixNano') ?? 0n,
    name: readString(raw.name, 'name'),
    attributes: decodeAttributes(raw.attributes, 'attributes'),
    droppedAttributesCount: readUint32(raw.droppedAttributesCount, 'droppedAttributesCount'),
  };
}

/** A link that cannot be read is dropped with an issue: it names another span, this one is fine. */
function decodeLinks(value: unknown, site: SpanSite): readonly SpanLink[] {
  const list = readArray(value, 'links');
  if (list === undefined || list.length === 0) return NO_LINKS;
  const out: SpanLink[] = [];
  let i = 0;
  while (i < list.length) {
    try {
      for (; i < list.length; i++) out.push(decodeLink(list[i]));
    } catch (error) {
      if (!(error instanceof ImportError)) throw error;
      report(site, joinPath(`links[${i}]`, error.path), `${error.reason} (link dropped)`);
      i++;
    }
  }
  return out.length === 0 ? NO_LINKS : out;
}

function decodeLink(raw: unknown): SpanLink {
  if (!isObject(raw)) throw typeError('', 'link object', raw);
  return {
    traceId: requireId(raw.traceId, 32, 'traceId', 'trace ID'),
    spanId: requireId(raw.spanId, 16, 'spanId', 'span ID'),
    traceState: readString(raw.traceState, 'traceState'),
    attributes: decodeAttributes(raw.attributes, 'attributes'),
    droppedAttributesCount: readUint32(raw.droppedAttributesCount, 'droppedAttributesCount'),
    flags: readUint32(raw.flags, 'flags'),
  };
}

// ---------------------------------------------------------------------------------------------
// Attributes and AnyValue.

function decodeAttributes(value: unknown, path: string): readonly Attribute[] {
  const list = readArray(value, path);
  if (list === undefined || list.length === 0) return NO_ATTRIBUTES;
  return decodeKeyValues(list, path, 0);
}

function decodeKeyValues(list: readonly unknown[], path: string, depth: number): Attribute[] {
  // Sized up front: one allocation instead of growing from empty.
  const out = new Array<Attribute>(list.length);
  // One try per list, not per entry; the index names the bad entry.
  let i = 0;
  try {
    for (; i < list.length; i++) out[i] = decodeKeyValue(list[i], depth);
  } catch (error) {
    throw nestError(error, `${path}[${i}]`);
  }
  return out;
}

function decodeKeyValue(raw: unknown, depth: number): Attribute {
  if (!isObject(raw)) throw typeError('', 'KeyValue object', raw);
  return { key: intern(readString(raw.key, 'key')), value: decodeAnyValue(raw.value, depth, 'value') };
}

// Attribute keys and short string values repeat on every span, but `JSON.parse` only shares
// strings of up to ~10 characters: `http.status_code` would otherwise be one string per span
// (~40 bytes each, ~200 MB over 5M attributes). Bounded, so hostile input cannot grow it forever.
const INTERN_MAX_LENGTH = 32;
const INTERN_MAX_SIZE = 20_000;
const interned = new Map<string, string>();

function intern(text: string): string {
  if (text.length > INTERN_MAX_LENGTH) return text;
  const known = interned.get(text);
  if (known !== undefined) return known;
  if (interned.size >= INTERN_MAX_SIZE) interned.clear();
  interned.set(text, text);
  return text;
}

/**
 * `at` is the value's path relative to what the caller reports from, so a KeyValue can name
 * `value.intValue` without a try of its own.
 */
function decodeAnyValue(raw: unknown, depth: number, at: string): AttributeValue {
  if (isAbsent(raw)) return EMPTY_VALUE;
  if (!isObject(raw)) throw typeError(at, 'AnyValue object', raw);
  // Most values are strings: settle those before looking up the other six keys.
  const stringValue = raw.stringValue;
  if (typeof stringValue === 'string') return { type: 'string', value: intern(stringValue) };
  if (!isAbsent(stringValue)) throw typeError(joinPath(at, 'stringValue'), 'string', stringValue);
  return decodeOtherValue(raw, depth, at);
}

function decodeOtherValue(raw: JsonObject, depth: number, at: string): AttributeValue {
  const { intValue, boolValue, doubleValue, arrayValue, kvlistValue, bytesValue } = raw;
  if (!isAbsent(intValue)) return decodeInt(intValue, at);
  if (!isAbsent(boolValue)) return decodeBool(boolValue, at);
  if (!isAbsent(doubleValue)) return decodeDouble(doubleValue, at);
  if (!isAbsent(arrayValue) || !isAbsent(kvlistValue)) {
    if (depth >= MAX_VALUE_DEPTH) throw new ImportError(at, `values nested deeper than ${MAX_VALUE_DEPTH}`);
    return isAbsent(arrayValue) ? decodeKvlist(kvlistValue, depth + 1, at) : decodeArray(arrayValue, depth + 1, at);
  }
  if (!isAbsent(bytesValue)) return decodeBytes(bytesValue, at);
  // No value set, or a kind this decoder does not know (e.g. a future one): OTLP's empty value.
  return EMPTY_VALUE;
}

function decodeInt(value: unknown, at: string): AttributeValue {
  const n = toInt64(value);
  if (n === undefined) throw typeError(joinPath(at, 'intValue'), 'integer', value);
  return { type: 'int', value: n };
}

function decodeDouble(value: unknown, at: string): AttributeValue {
  const n = toDouble(value);
  if (n === undefined) throw typeError(joinPath(at, 'doubleValue'), 'double', value);
  return { type: 'double', value: n };
}

function decodeBool(value: unknown, at: string): AttributeValue {
  if (value === true) return TRUE_VALUE;
  if (value === false) return FALSE_VALUE;
  throw typeError(joinPath(at, 'boolValue'), 'boolean', value);
}

function decodeArray(raw: unknown, depth: number, at: string): AttributeValue {
  const path = joinPath(at, 'arrayValue');
  if (!isObject(raw)) throw typeError(path, 'object', raw);
  const values = readArray(raw.values, joinPath(path, 'values'));
  if (values === undefined) return { type: 'array', value: [] };
  const out: AttributeValue[] = [];
  let i = 0;
  try {
    for (; i < values.length; i++) out.push(decodeAnyValue(values[i], depth, ''));
  } catch (error) {
    throw nestError(error, `${path}.values[${i}]`);
  }
  return { type: 'array', value: out };
}

function decodeKvlist(raw: unknown, depth: number, at: string): AttributeValue {
  const path = joinPath(at, 'kvlistValue');
  if (!isObject(raw)) throw typeError(path, 'object', raw);
  const values = readArray(raw.values, joinPath(path, 'values'));
  return { type: 'kvlist', value: values === undefined ? [] : decodeKeyValues(values, `${path}.values`, depth) };
}

function decodeBytes(value: unknown, at: string): AttributeValue {
  const bytes = typeof value === 'string' ? base64ToBytes(value) : undefined;
  if (bytes === undefined) throw typeError(joinPath(at, 'bytesValue'), 'base64 string', value);
  return { type: 'bytes', value: bytes };
}

// ---------------------------------------------------------------------------------------------
// IDs and base64, without regexes or `atob` on the hot path (Tempo sends every ID as base64).

const HEX_DIGITS = '0123456789abcdef';
const BASE64_DIGITS = base64Table();
const ID_BYTES = new Uint8Array(16);
// Char codes of the hex ID being built, one array per length: `String.fromCharCode.apply` makes
// one flat string, where `+=` per byte makes a chain of intermediate ones (GC-heavy at 1M spans).
const SPAN_ID_CHARS: number[] = new Array<number>(16).fill(48);
const TRACE_ID_CHARS: number[] = new Array<number>(32).fill(48);
// Every span of a trace repeats its trace ID: remembering the last one decoded skips the work.
let lastBase64TraceId = '';
let lastPlainTraceId = '';
let lastHexTraceId = '';

function base64Table(): Int8Array {
  const table = new Int8Array(128).fill(-1);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  // Proto3 JSON parsers also accept the URL-safe alphabet.
  table[45 /* - */] = 62;
  table[95 /* _ */] = 63;
  return table;
}

/**
 * Writes the bytes of base64 text (either alphabet, padding optional) into `target`. Returns the
 * byte count, or -1 when the text is not base64 or does not fit.
 */
function decodeBase64Into(text: string, target: Uint8Array): number {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 61 /* = */) end--;
  if (text.length - end > 2 || end % 4 === 1) return -1;
  let bits = 0;
  let pending = 0;
  let n = 0;
  for (let i = 0; i < end; i++) {
    const digit = BASE64_DIGITS[text.charCodeAt(i)] ?? -1;
    if (digit < 0) return -1;
    pending = ((pending << 6) | digit) & 0xffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      if (n === target.length) return -1;
      target[n++] = (pending >> bits) & 0xff;
    }
  }
  return n;
}

function base64ToBytes(text: string): Uint8Array | undefined {
  const capacity = Math.floor((text.length * 3) / 4);
  const bytes = new Uint8Array(capacity);
  const n = decodeBase64Into(text, bytes);
  if (n < 0) return undefined;
  return n === capacity ? bytes : bytes.slice(0, n);
}

function isLowerHex(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 48 || c > 57) && (c < 97 || c > 102)) return false;
  }
  return true;
}

function isHex(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 48 || c > 57) && (c < 97 || c > 102) && (c < 65 || c > 70)) return false;
  }
  return true;
}

/** Lowercase hex of the first `n` bytes of ID_BYTES, left-padded with zeros to `chars.length`. */
function bytesToHexId(n: number, chars: number[]): string {
  const pad = chars.length - 2 * n;
  chars.fill(48 /* 0 */, 0, pad);
  for (let i = 0; i < n; i++) {
    const byte = ID_BYTES[i] ?? 0;
    chars[pad + 2 * i] = HEX_DIGITS.charCodeAt(byte >> 4);
    chars[pad + 2 * i + 1] = HEX_DIGITS.charCodeAt(byte & 15);
  }
  return String.fromCharCode.apply(null, chars);
}

/**
 * An ID as lowercase hex of `hexLength`, or '' when absent. Hex (any case, leading zeros
 * optional) is read as hex; anything else must be base64 of exactly 8 or 16 bytes, since short
 * base64 decodes from almost any word (`"spanId"` is valid base64 of 4 bytes).
 */
export function decodeId(value: unknown, hexLength: 16 | 32, path: string): string {
  if (typeof value !== 'string') {
    if (isAbsent(value)) return '';
    throw typeError(path, 'ID string', value);
  }
  // Every span of a trace repeats its trace ID: returning the string seen last makes them share
  // one string instead of keeping one per span (JSON.parse makes a new one for each).
  if (hexLength === 32 && value === lastPlainTraceId) return lastPlainTraceId;
  if (value.length === hexLength && isLowerHex(value)) {
    if (hexLength === 32) lastPlainTraceId = value;
    return value;
  }
  if (value === '') return '';
  if (isHex(value)) return normalizeId(value, hexLength, path);
  if (hexLength === 32 && value === lastBase64TraceId) return lastHexTraceId;
  const n = decodeBase64Into(value, ID_BYTES);
  // A 64-bit trace ID in a 128-bit slot is allowed (Jaeger); it is left-padded.
  if (n === hexLength / 2 || (n === 8 && hexLength === 32)) {
    const hex = bytesToHexId(n, hexLength === 32 ? TRACE_ID_CHARS : SPAN_ID_CHARS);
    if (hexLength === 32) {
      lastBase64TraceId = value;
      lastHexTraceId = hex;
    }
    return hex;
  }
  throw new ImportError(path, `expected ${hexLength}-hex or base64 ID, got ${describe(value)}`);
}
