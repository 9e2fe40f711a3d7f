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
 * Attribute values are read by anyValues.ts, IDs by otlpIds.ts.
 */
import type {
  Attribute,
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
import type { ImportIssue } from '../importResult';
import { ImportError } from '../importResult';
import type { JsonObject } from './json';
import { decodeAttributes, decodeKeyValue } from './anyValues';
import { decodeId } from './otlpIds';
import {
  EMPTY_SCOPE,
  NO_ATTRIBUTES,
  NO_EVENTS,
  NO_LINKS,
  STATUS_BY_CODE,
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

