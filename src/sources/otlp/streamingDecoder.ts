/**
 * OTLP JSON straight from bytes to `SpanData`: the same result as `JSON.parse` followed by
 * `decodeResourceSpans`, without the whole text as a string or the generic JSON tree.
 *
 * Why: at 1M spans (~500 MB) `JSON.parse` alone takes seconds and needs the text plus a
 * ~0.9 KB/span object tree; past ~1.07M spans the text no longer fits in a V8 string at all.
 *
 * How: the envelope (ResourceSpans → ScopeSpans → spans) is walked token by token. Each span is
 * first read by a fast path that understands only the common, well-formed shape (lowercase hex
 * IDs, integer enums, int64 strings, scalar attributes). On anything else — base64 IDs, enum
 * names, nulls, links, unknown keys, bad values — it rewinds to the span's first byte and
 * `JSON.parse`s just that span for the same code `decodeResourceSpans` runs, so odd and bad
 * input behaves exactly as it does there (issues, paths and all). Resources and scopes (a few
 * per file) always take that route.
 *
 * Memory: repeated strings (keys, names, short values) are interned, one trace-ID string is
 * shared by all spans of a trace, and attributes and values that repeat (`http.method=GET`)
 * are one frozen object shared by every span that has them.
 */
import type { Attribute, AttributeValue, Resource, SpanData, SpanEvent, SpanKind, SpanStatus } from '../../model/types';
import { SPAN_KINDS, STATUS_CODES } from '../../model/types';
import type { ImportIssue } from '../importResult';
import { ImportError } from '../importResult';
import type { DecodedSpans } from './decodeResourceSpans';
import { decodeResource, decodeResourceSpans, decodeScope, decodeSpanEntry } from './decodeResourceSpans';
import { describe, joinPath } from './json';
import { JsonByteReader } from './jsonByteReader';
import {
  EMPTY_SCOPE,
  FALSE_VALUE,
  NO_ATTRIBUTES,
  NO_EVENTS,
  NO_LINKS,
  STATUS_BY_CODE,
  TRUE_VALUE,
  ZERO_SPAN_ID,
} from './sharedValues';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Decodes an OTLP-shaped JSON body — `{"resourceSpans"}` (OTLP/JSON, Tempo trace body),
 * `{"batches"}` (Tempo v1), `{"trace":{"resourceSpans"}}` (Tempo v2), `{"result":{"resourceSpans"}}`
 * (Jaeger v3) — from its bytes. Issue paths are those of the matching importer (e.g.
 * `batches[0].scopeSpans[1].spans[3]`), under `prefixPath` when given.
 *
 * Throws `ImportError` for bytes that are not JSON (with the byte offset), a body of another
 * shape, or a container that is not an array; a bad span is left out with an issue.
 */
export function decodeOtlpJsonBytes(bytes: Uint8Array | Iterable<Uint8Array>, prefixPath = ''): DecodedBody {
  return new StreamingDecoder(new JsonByteReader(bytes)).body(prefixPath);
}

/** Which member held the resource spans: tells OTLP/JSON, Tempo v1, Tempo v2 and Jaeger v3 apart. */
export type BodyContainer = 'resourceSpans' | 'batches' | 'trace' | 'result';

export interface DecodedBody extends DecodedSpans {
  readonly container: BodyContainer;
  /** The body's top-level `status` and `message`, when present (Tempo v2's partial-trace flag). */
  readonly envelope: Readonly<Record<string, unknown>>;
}

/** Stands in until the batch's resource is known (it may come after its spans in the JSON). */
const PENDING_RESOURCE: Resource = Object.freeze({
  serviceName: 'unknown_service',
  attributes: NO_ATTRIBUTES,
  droppedAttributesCount: 0,
  schemaUrl: '',
});

/** A ResourceSpans member that should hold an array: its decoded entries, or the odd value. */
interface Decoded {
  /** false: the member held `raw` (null, a string, …) instead of an array. */
  readonly isArray: boolean;
  readonly raw: unknown;
  readonly length: number;
  readonly spans: SpanData[];
  readonly issues: ImportIssue[];
}

type Container = DecodedSpans | ImportError | undefined;

// Member names the fast paths know, as small integers for a `switch`.
const K_TRACE_ID = 1;
const K_SPAN_ID = 2;
const K_PARENT = 3;
const K_TRACE_STATE = 4;
const K_NAME = 5;
const K_KIND = 6;
const K_START = 7;
const K_END = 8;
const K_ATTRIBUTES = 9;
const K_DROPPED_ATTRIBUTES = 10;
const K_EVENTS = 11;
const K_DROPPED_EVENTS = 12;
const K_LINKS = 13;
const K_DROPPED_LINKS = 14;
const K_STATUS = 15;
const K_FLAGS = 16;
const K_TIME = 17;
const K_KEY = 18;
const K_VALUE = 19;
const K_CODE = 20;
const K_MESSAGE = 21;
const K_STRING_VALUE = 22;
const K_INT_VALUE = 23;
const K_DOUBLE_VALUE = 24;
const K_BOOL_VALUE = 25;

const KEYS: ReadonlyMap<string, number> = new Map([
  ['traceId', K_TRACE_ID],
  ['spanId', K_SPAN_ID],
  ['parentSpanId', K_PARENT],
  ['traceState', K_TRACE_STATE],
  ['name', K_NAME],
  ['kind', K_KIND],
  ['startTimeUnixNano', K_START],
  ['endTimeUnixNano', K_END],
  ['attributes', K_ATTRIBUTES],
  ['droppedAttributesCount', K_DROPPED_ATTRIBUTES],
  ['events', K_EVENTS],
  ['droppedEventsCount', K_DROPPED_EVENTS],
  ['links', K_LINKS],
  ['droppedLinksCount', K_DROPPED_LINKS],
  ['status', K_STATUS],
  ['flags', K_FLAGS],
  ['timeUnixNano', K_TIME],
  ['key', K_KEY],
  ['value', K_VALUE],
  ['code', K_CODE],
  ['message', K_MESSAGE],
  ['stringValue', K_STRING_VALUE],
  ['intValue', K_INT_VALUE],
  ['doubleValue', K_DOUBLE_VALUE],
  ['boolValue', K_BOOL_VALUE],
]);

/** Known member names by the FNV-1a hash of their bytes (open addressing), so no string is made. */
const KEY_SLOTS = 256;
const KEY_SLOT_IDS = new Uint8Array(KEY_SLOTS);
const KEY_NAMES: string[] = [];
for (const [name, id] of KEYS) {
  let hash = 0x811c9dc5 | 0;
  for (let k = 0; k < name.length; k++) hash = Math.imul(hash ^ name.charCodeAt(k), 16777619);
  let slot = hash & (KEY_SLOTS - 1);
  while (KEY_SLOT_IDS[slot] !== 0) slot = (slot + 1) & (KEY_SLOTS - 1);
  KEY_SLOT_IDS[slot] = id;
  KEY_NAMES[id] = name;
}

/** A KeyValue longer than this (bytes) is not looked up in the cache: it is unlikely to repeat. */
const MAX_CACHED_KEY_VALUE = 160;

/** Attribute value kinds in the value cache (0 = slot empty). */
const T_STRING = 1;
const T_INT = 2;
const T_DOUBLE = 3;

const CACHE_SLOTS = 1 << 13;
const CACHE_MASK = CACHE_SLOTS - 1;

/** Returned by the fast paths when the input is not the common shape: re-read it generically. */
const BAIL = null;

class StreamingDecoder {
  private readonly r: JsonByteReader;
  private lastTraceId = '';
  private lastSecondsDigits = -1;
  private lastSecondsBig = 0n;
  // Direct-mapped caches (a miss replaces the slot): scalar value → AttributeValue, and
  // (key, value) → Attribute. Identity of interned strings stands for their content.
  private readonly valueTok: string[] = new Array<string>(CACHE_SLOTS).fill('');
  private readonly valueType = new Uint8Array(CACHE_SLOTS);
  private readonly valueObj: (AttributeValue | undefined)[] = new Array<AttributeValue | undefined>(CACHE_SLOTS).fill(undefined);
  private readonly attrKey: string[] = new Array<string>(CACHE_SLOTS).fill('');
  private readonly attrValue: (AttributeValue | undefined)[] = new Array<AttributeValue | undefined>(CACHE_SLOTS).fill(undefined);
  private readonly attrObj: (Attribute | undefined)[] = new Array<Attribute | undefined>(CACHE_SLOTS).fill(undefined);
  /** Hash of the last value `fastAnyValue` read; -1 when it must not be cached. */
  private valueHash = 0;
  // Whole KeyValues by their raw bytes: a hit skips parsing the attribute altogether.
  private readonly kvHash = new Int32Array(CACHE_SLOTS);
  private readonly kvBytes: (Uint8Array | undefined)[] = new Array<Uint8Array | undefined>(CACHE_SLOTS).fill(undefined);
  private readonly kvAttr: Attribute[] = new Array<Attribute>(CACHE_SLOTS);
  /** Attributes being collected (events nest inside spans, so lists stack up here). */
  private readonly scratch: Attribute[] = [];
  /** Hash computed by `scanKeyValueExtent`. */
  private extentHash = 0;
  /** Whether the last `fastKeyValue` result is a shared (frozen, cacheable) attribute. */
  private lastShared = false;

  constructor(reader: JsonByteReader) {
    this.r = reader;
  }

  // -------------------------------------------------------------------------------------------
  // Envelope. Containers are picked as `detectFormat` picks them when a body has several.

  body(prefix: string): DecodedBody {
    const r = this.r;
    r.skipByteOrderMark();
    if (r.peek() !== 123 /* { */) {
      if (r.peek() === -1) throw r.truncated();
      throw new ImportError('', 'expected a JSON object holding OTLP resource spans');
    }
    r.pos++;
    let otlp: Container;
    let tempo: Container;
    let nested: Container;
    let result: Container;
    // Tempo v2 reports a partial trace beside it: kept so the importer can say so.
    const envelope: Record<string, unknown> = {};
    for (let first = true; r.nextMember(first); first = false) {
      const key = r.readKey();
      if (key === 'resourceSpans') otlp = this.container(joinPath(prefix, 'resourceSpans'));
      else if (key === 'batches') tempo = this.container(joinPath(prefix, 'batches'));
      else if (key === 'trace') nested = this.nestedContainer(joinPath(prefix, 'trace'));
      else if (key === 'result') result = this.nestedContainer(joinPath(prefix, 'result'));
      else if (key === 'status' || key === 'message') envelope[key] = r.captureValue();
      else r.skipValue();
    }
    r.expectEnd();
    const chosen = otlp ?? tempo ?? nested ?? result;
    if (chosen === undefined) {
      throw new ImportError(
        '',
        'not an OTLP-shaped trace: expected {"resourceSpans":[…]}, {"batches":[…]}, {"trace":{"resourceSpans":[…]}} or {"result":{"resourceSpans":[…]}}',
      );
    }
    if (chosen instanceof ImportError) throw chosen;
    const container: BodyContainer =
      chosen === otlp ? 'resourceSpans' : chosen === tempo ? 'batches' : chosen === nested ? 'trace' : 'result';
    return { spans: chosen.spans, issues: chosen.issues, container, envelope };
  }

  /** `{"resourceSpans":[…]}` inside `trace` or `result`; undefined when it is not there. */
  private nestedContainer(path: string): Container {
    const r = this.r;
    if (r.peek() !== 123) {
      r.skipValue();
      return undefined;
    }
    r.pos++;
    let found: Container;
    for (let first = true; r.nextMember(first); first = false) {
      if (r.readKey() === 'resourceSpans') found = this.container(joinPath(path, 'resourceSpans'));
      else r.skipValue();
    }
    return found;
  }

  /** A `ResourceSpans[]`; a value of another kind gives the error `decodeResourceSpans` throws. */
  private container(path: string): Container {
    const r = this.r;
    if (r.peek() !== 91 /* [ */) {
      const raw = r.captureValue();
      try {
        return decodeResourceSpans(raw, path);
      } catch (error) {
        if (error instanceof ImportError) return error;
        throw error;
      }
    }
    r.pos++;
    const out: DecodedSpans = { spans: [], issues: [] };
    for (let b = 0; r.nextElement(b === 0); b++) this.batch(`${path}[${b}]`, out);
    return out;
  }

  /** One ResourceSpans, with `decodeBatch`'s choice between `scopeSpans` and the legacy name. */
  private batch(path: string, out: DecodedSpans): void {
    const r = this.r;
    if (r.peek() !== 123) {
      const raw = r.captureValue();
      out.issues.push({ path, message: `expected ResourceSpans object, got ${describe(raw)}` });
      return;
    }
    r.pos++;
    const envelope: Record<string, unknown> = {};
    let current: Decoded | undefined;
    let legacy: Decoded | undefined;
    for (let first = true; r.nextMember(first); first = false) {
      const key = r.readKey();
      if (key === 'resource' || key === 'schemaUrl') envelope[key] = r.captureValue();
      else if (key === 'scopeSpans') current = this.list(`${path}.scopeSpans`, (p, into) => this.scopeSpans(p, into));
      else if (key === 'instrumentationLibrarySpans') legacy = this.list(`${path}.instrumentationLibrarySpans`, (p, into) => this.scopeSpans(p, into));
      else r.skipValue();
    }
    const resource = decodeResource(envelope, path, out.issues);
    const useLegacy = isEmptyList(current) && !isAbsent(legacy);
    const chosen = useLegacy ? legacy : current;
    const spans = take(chosen, `${path}.${useLegacy ? 'instrumentationLibrarySpans' : 'scopeSpans'}`, out.issues);
    for (const span of spans) {
      (span as Mutable<SpanData>).resource = resource;
      out.spans.push(span);
    }
  }

  /** An array whose entries `entry` decodes into one `Decoded`, or the odd value in its place. */
  private list(path: string, entry: (path: string, into: Mutable<Decoded>) => void): Decoded {
    const r = this.r;
    if (r.peek() !== 91) return { isArray: false, raw: r.captureValue(), length: 0, spans: [], issues: [] };
    r.pos++;
    const into: Mutable<Decoded> = { isArray: true, raw: undefined, length: 0, spans: [], issues: [] };
    for (; r.nextElement(into.length === 0); into.length++) entry(`${path}[${into.length}]`, into);
    return into;
  }

  /** One ScopeSpans: its scope (generically, it is one per group) and its spans (streamed). */
  private scopeSpans(path: string, into: Mutable<Decoded>): void {
    const r = this.r;
    if (r.peek() !== 123) {
      const raw = r.captureValue();
      into.issues.push({ path, message: `expected ScopeSpans object, got ${describe(raw)}` });
      return;
    }
    r.pos++;
    const envelope: Record<string, unknown> = {};
    let spans: Decoded | undefined;
    for (let first = true; r.nextMember(first); first = false) {
      const key = r.readKey();
      if (key === 'scope' || key === 'instrumentationLibrary' || key === 'schemaUrl') envelope[key] = r.captureValue();
      else if (key === 'spans') spans = this.spanList(`${path}.spans`);
      else r.skipValue();
    }
    const scope = decodeScope(envelope, path, into.issues);
    for (const span of take(spans, `${path}.spans`, into.issues)) {
      (span as Mutable<SpanData>).scope = scope;
      into.spans.push(span);
    }
  }

  private spanList(path: string): Decoded {
    const r = this.r;
    if (r.peek() !== 91) return { isArray: false, raw: r.captureValue(), length: 0, spans: [], issues: [] };
    r.pos++;
    const into: Mutable<Decoded> = { isArray: true, raw: undefined, length: 0, spans: [], issues: [] };
    for (; r.nextElement(into.length === 0); into.length++) this.span(path, into.length, into);
    return into;
  }

  /** One span: the fast path, or — rewound to its first byte — the generic one. */
  private span(spansPath: string, index: number, into: Decoded): void {
    const r = this.r;
    const startAbs = r.offset();
    const saved = r.mark;
    r.mark = startAbs;
    const fast = r.peek() === 123 ? this.fastSpan() : BAIL;
    if (fast !== BAIL) {
      into.spans.push(fast);
    } else {
      r.pos = startAbs - r.base;
      const raw = r.captureValue();
      decodeSpanEntry(raw, PENDING_RESOURCE, EMPTY_SCOPE, spansPath, index, into.spans, into.issues);
    }
    r.mark = saved;
  }

  // -------------------------------------------------------------------------------------------
  // Fast paths. Each returns BAIL (or -1) on anything outside the common shape, never an issue.

  private fastSpan(): SpanData | null {
    const r = this.r;
    r.pos++;
    let traceId = '';
    let spanId = '';
    let parentSpanId = '';
    let traceState = '';
    let name = '';
    let kind: SpanKind = 'unspecified';
    let start: bigint | null = null;
    let end: bigint | null = null;
    let attributes = NO_ATTRIBUTES;
    let events = NO_EVENTS;
    let status = STATUS_BY_CODE.unset;
    let droppedAttributes = 0;
    let droppedEvents = 0;
    let droppedLinks = 0;
    let flags = 0;
    for (let first = true; r.nextMember(first); first = false) {
      switch (this.key()) {
        case K_TRACE_ID:
          traceId = this.fastTraceId();
          if (traceId === '') return BAIL;
          break;
        case K_SPAN_ID: {
          const id = this.fastSpanId();
          if (id === null || id === '') return BAIL;
          spanId = id;
          break;
        }
        case K_PARENT: {
          const id = this.fastSpanId();
          if (id === null) return BAIL;
          parentSpanId = id === ZERO_SPAN_ID ? '' : id;
          break;
        }
        case K_TRACE_STATE: {
          const text = this.fastString();
          if (text === null) return BAIL;
          traceState = text;
          break;
        }
        case K_NAME: {
          const text = this.fastString();
          if (text === null) return BAIL;
          name = text;
          break;
        }
        case K_KIND: {
          const k = this.fastDigit();
          if (k < 0 || k >= SPAN_KINDS.length) return BAIL;
          kind = SPAN_KINDS[k] as SpanKind;
          break;
        }
        case K_START:
          start = this.fastTime();
          if (start === null) return BAIL;
          break;
        case K_END:
          end = this.fastTime();
          if (end === null) return BAIL;
          break;
        case K_ATTRIBUTES: {
          const list = this.fastAttributes();
          if (list === null) return BAIL;
          attributes = list;
          break;
        }
        case K_EVENTS: {
          const list = this.fastEvents();
          if (list === null) return BAIL;
          events = list;
          break;
        }
        case K_STATUS: {
          const s = this.fastStatus();
          if (s === null) return BAIL;
          status = s;
          break;
        }
        case K_LINKS:
          if (!this.fastEmptyArray()) return BAIL;
          break;
        case K_DROPPED_ATTRIBUTES:
          droppedAttributes = this.fastUint32();
          if (droppedAttributes < 0) return BAIL;
          break;
        case K_DROPPED_EVENTS:
          droppedEvents = this.fastUint32();
          if (droppedEvents < 0) return BAIL;
          break;
        case K_DROPPED_LINKS:
          droppedLinks = this.fastUint32();
          if (droppedLinks < 0) return BAIL;
          break;
        case K_FLAGS:
          flags = this.fastUint32();
          if (flags < 0) return BAIL;
          break;
        default:
          return BAIL;
      }
    }
    // Missing IDs or times are issues (or fatal): the generic path reports them.
    if (traceId === '' || spanId === '' || start === null || end === null) return BAIL;
    // Same literal (same key order, so same hidden class) as `decodeSpan`.
    return {
      traceId,
      spanId,
      parentSpanId,
      traceState,
      name,
      kind,
      startTimeUnixNano: start,
      endTimeUnixNano: end,
      attributes,
      droppedAttributesCount: droppedAttributes,
      events,
      droppedEventsCount: droppedEvents,
      links: NO_LINKS,
      droppedLinksCount: droppedLinks,
      status,
      flags,
      resource: PENDING_RESOURCE,
      scope: EMPTY_SCOPE,
    };
  }

  /** The member name at `pos` and its `:`, as a K_ constant (0 for any other name). */
  private key(): number {
    const r = this.r;
    r.scanString();
    let id = 0;
    if (r.tokFlags === 0) {
      const length = r.tokEnd - r.tokStart;
      for (let slot = r.tokHash & (KEY_SLOTS - 1); ; slot = (slot + 1) & (KEY_SLOTS - 1)) {
        const candidate = KEY_SLOT_IDS[slot] as number;
        if (candidate === 0) break;
        const name = KEY_NAMES[candidate] as string;
        if (name.length === length && r.bytesEqual(name, r.tokStart)) {
          id = candidate;
          break;
        }
      }
    }
    r.expect(58 /* : */);
    return id;
  }

  /** 32 lowercase hex; the string of the previous span is reused when the bytes match. */
  private fastTraceId(): string {
    const r = this.r;
    if (r.peek() !== 34) return '';
    r.scanString();
    const at = r.tokStart;
    if (r.tokEnd - at !== 32 || r.tokFlags !== 0) return '';
    const last = this.lastTraceId;
    if (last.length === 32 && r.bytesEqual(last, at)) return last;
    if (!isLowerHex(r.buf, at, r.tokEnd)) return '';
    this.lastTraceId = r.text(at, r.tokEnd);
    return this.lastTraceId;
  }

  /** 16 lowercase hex, or '' for an empty string; null otherwise. */
  private fastSpanId(): string | null {
    const r = this.r;
    if (r.peek() !== 34) return null;
    r.scanString();
    const at = r.tokStart;
    const length = r.tokEnd - at;
    if (length === 0) return '';
    if (length !== 16 || r.tokFlags !== 0 || !isLowerHex(r.buf, at, r.tokEnd)) return null;
    const b = r.buf;
    // Span IDs are unique: interning would only churn the cache. Sixteen arguments beat a decoder call.
    return String.fromCharCode(
      b[at] as number, b[at + 1] as number, b[at + 2] as number, b[at + 3] as number,
      b[at + 4] as number, b[at + 5] as number, b[at + 6] as number, b[at + 7] as number,
      b[at + 8] as number, b[at + 9] as number, b[at + 10] as number, b[at + 11] as number,
      b[at + 12] as number, b[at + 13] as number, b[at + 14] as number, b[at + 15] as number,
    );
  }

  private fastString(): string | null {
    const r = this.r;
    if (r.peek() !== 34) return null;
    r.scanString();
    return r.string();
  }

  /** A one-digit JSON number (enum values); -1 otherwise. */
  private fastDigit(): number {
    const r = this.r;
    const c = r.peek();
    if (c < 48 || c > 57) return -1;
    r.scanNumber();
    return r.tokEnd - r.tokStart === 1 ? c - 48 : -1;
  }

  /** A JSON number that is a uint32 (counts, flags); -1 otherwise. */
  private fastUint32(): number {
    const r = this.r;
    const c = r.peek();
    if (c < 48 || c > 57) return -1;
    r.scanNumber();
    const n = r.number();
    return Number.isInteger(n) && n <= 0xffffffff ? n : -1;
  }

  /**
   * A timestamp string of 1–19 decimal digits, as a bigint. Split into seconds and nanoseconds
   * (each exact as a number) because `BigInt(string)` costs about four times as much, and
   * spans of a trace mostly share the seconds.
   */
  private fastTime(): bigint | null {
    const r = this.r;
    if (r.peek() !== 34) return null;
    r.scanString();
    const b = r.buf;
    const from = r.tokStart;
    const to = r.tokEnd;
    const length = to - from;
    if (length === 0 || length > 19 || r.tokFlags !== 0) return null;
    let high = 0;
    const split = length > 15 ? to - 9 : to;
    for (let i = from; i < split; i++) {
      const d = (b[i] as number) - 48;
      if (d < 0 || d > 9) return null;
      high = high * 10 + d;
    }
    if (split === to) return BigInt(high);
    let low = 0;
    for (let i = split; i < to; i++) {
      const d = (b[i] as number) - 48;
      if (d < 0 || d > 9) return null;
      low = low * 10 + d;
    }
    if (high !== this.lastSecondsDigits) {
      this.lastSecondsDigits = high;
      this.lastSecondsBig = BigInt(high) * 1_000_000_000n;
    }
    return this.lastSecondsBig + BigInt(low);
  }

  private fastEmptyArray(): boolean {
    const r = this.r;
    if (r.peek() !== 91) return false;
    r.pos++;
    if (r.peek() !== 93) return false;
    r.pos++;
    return true;
  }

  private fastAttributes(): readonly Attribute[] | null {
    const r = this.r;
    if (r.peek() !== 91) return null;
    r.pos++;
    // Collected in a reused scratch array, then copied at its exact size: a list grown by
    // `push` keeps room for 16 entries, which at 1M spans is ~100 MB of empty slots.
    const scratch = this.scratch;
    const from = scratch.length;
    for (let first = true; r.nextElement(first); first = false) {
      const attribute = this.cachedKeyValue();
      if (attribute === null) {
        scratch.length = from;
        return null;
      }
      scratch.push(attribute);
    }
    if (scratch.length === from) return NO_ATTRIBUTES;
    const list = scratch.slice(from);
    scratch.length = from;
    return list;
  }

  /**
   * A KeyValue whose exact bytes were seen recently is the same frozen Attribute: most
   * attributes repeat (`http.method=GET`), and matching bytes is cheaper than parsing them.
   */
  private cachedKeyValue(): Attribute | null {
    const r = this.r;
    if (r.peek() !== 123) return null;
    const startAbs = r.base + r.pos;
    const length = this.scanKeyValueExtent();
    const slot = this.extentHash & CACHE_MASK;
    if (length > 0) {
      const bytes = this.kvBytes[slot];
      if (bytes !== undefined && this.kvHash[slot] === this.extentHash && bytes.length === length && sameBytes(bytes, r.buf, startAbs - r.base)) {
        return this.kvAttr[slot] as Attribute;
      }
    }
    r.pos = startAbs - r.base;
    const made = this.fastKeyValue();
    if (made !== null && length > 0 && this.lastShared) {
      const at = startAbs - r.base;
      this.kvHash[slot] = this.extentHash;
      this.kvBytes[slot] = r.buf.slice(at, at + length);
      this.kvAttr[slot] = made;
    }
    return made;
  }

  /**
   * From a `{`, the byte length of the object (strings skipped, brackets balanced) and its
   * hash in `extentHash`; -1 when it has escapes, is long, or the input ends. Only used to key
   * the cache: a miss re-reads the bytes with the real parser, which checks the syntax.
   */
  private scanKeyValueExtent(): number {
    const r = this.r;
    let buf = r.buf;
    let end = r.end;
    let i = r.pos;
    const startAbs = r.base + i;
    let limit = i + MAX_CACHED_KEY_VALUE;
    let hash = 0x811c9dc5 | 0;
    let depth = 0;
    let inString = false;
    for (;;) {
      if (i >= end) {
        r.pos = i;
        if (!r.more()) return -1;
        i = r.pos;
        buf = r.buf;
        end = r.end;
        limit = startAbs - r.base + MAX_CACHED_KEY_VALUE;
      }
      if (i >= limit) return -1;
      const c = buf[i] as number;
      hash = Math.imul(hash ^ c, 16777619);
      i++;
      if (inString) {
        if (c === 34) inString = false;
        else if (c === 92) return -1;
      } else if (c === 34) {
        inString = true;
      } else if (c === 123 || c === 91) {
        depth++;
      } else if ((c === 125 || c === 93) && --depth === 0) {
        break;
      }
    }
    r.pos = i;
    this.extentHash = hash;
    return r.base + i - startAbs;
  }

  /** `{"key":…,"value":{scalar}}` in either order; shared when the pair was seen recently. */
  private fastKeyValue(): Attribute | null {
    const r = this.r;
    if (r.peek() !== 123) return null;
    r.pos++;
    let key: string | null = null;
    let keyHash = 0;
    let value: AttributeValue | null = null;
    let valueHash = 0;
    for (let first = true; r.nextMember(first); first = false) {
      const member = this.key();
      if (member === K_KEY) {
        key = this.fastString();
        if (key === null) return null;
        keyHash = r.tokFlags === 0 && r.tokEnd - r.tokStart <= 64 ? r.tokHash : -1;
      } else if (member === K_VALUE) {
        value = this.fastAnyValue();
        if (value === null) return null;
        valueHash = this.valueHash;
      } else {
        return null;
      }
    }
    this.lastShared = false;
    if (key === null || value === null) return null;
    if (keyHash === -1 || valueHash === -1) return { key, value };
    this.lastShared = true;
    const slot = (Math.imul(keyHash, 31) + valueHash) & CACHE_MASK;
    const cached = this.attrObj[slot];
    if (cached !== undefined && this.attrKey[slot] === key && this.attrValue[slot] === value) return cached;
    const made: Attribute = Object.freeze({ key, value });
    this.attrKey[slot] = key;
    this.attrValue[slot] = value;
    this.attrObj[slot] = made;
    return made;
  }

  /** `{"stringValue"|"intValue"|"doubleValue"|"boolValue": scalar}`; sets `valueHash`. */
  private fastAnyValue(): AttributeValue | null {
    const r = this.r;
    if (r.peek() !== 123) return null;
    r.pos++;
    if (!r.nextMember(true)) return null;
    const member = this.key();
    let value: AttributeValue | null = null;
    const c = r.peek();
    if (member === K_STRING_VALUE && c === 34) {
      r.scanString();
      value = this.cachedValue(T_STRING, r.string());
    } else if (member === K_INT_VALUE && c === 34) {
      r.scanString();
      if (!isDigits(r.buf, r.tokStart, r.tokEnd) || r.tokFlags !== 0) return null;
      value = this.cachedValue(T_INT, r.string());
    } else if (member === K_DOUBLE_VALUE && (c === 45 || (c >= 48 && c <= 57))) {
      r.scanNumber();
      value = this.cachedValue(T_DOUBLE, r.numberText());
    } else if (member === K_BOOL_VALUE && (c === 116 || c === 102)) {
      r.literal(c === 116 ? 'true' : 'false');
      value = c === 116 ? TRUE_VALUE : FALSE_VALUE;
      this.valueHash = c;
    }
    if (value === null || r.nextMember(false)) return null;
    return value;
  }

  /** The frozen value for a scalar's text (interned unless long or unusual), shared when cached. */
  private cachedValue(type: number, text: string): AttributeValue {
    const r = this.r;
    if (r.tokFlags !== 0 || r.tokEnd - r.tokStart > 64) {
      this.valueHash = -1;
      return makeValue(type, text);
    }
    const hash = (r.tokHash + type) | 0;
    this.valueHash = hash;
    const slot = hash & CACHE_MASK;
    const cached = this.valueObj[slot];
    if (cached !== undefined && this.valueType[slot] === type && this.valueTok[slot] === text) return cached;
    const made = Object.freeze(makeValue(type, text));
    this.valueType[slot] = type;
    this.valueTok[slot] = text;
    this.valueObj[slot] = made;
    return made;
  }

  private fastEvents(): readonly SpanEvent[] | null {
    const r = this.r;
    if (r.peek() !== 91) return null;
    r.pos++;
    let list: SpanEvent[] | null = null;
    for (let first = true; r.nextElement(first); first = false) {
      const event = this.fastEvent();
      if (event === null) return null;
      (list ??= []).push(event);
    }
    return list ?? NO_EVENTS;
  }

  private fastEvent(): SpanEvent | null {
    const r = this.r;
    if (r.peek() !== 123) return null;
    r.pos++;
    let time: bigint | null = 0n;
    let name: string | null = '';
    let attributes: readonly Attribute[] | null = NO_ATTRIBUTES;
    let dropped = 0;
    for (let first = true; r.nextMember(first); first = false) {
      const member = this.key();
      if (member === K_TIME) time = this.fastTime();
      else if (member === K_NAME) name = this.fastString();
      else if (member === K_ATTRIBUTES) attributes = this.fastAttributes();
      else if (member === K_DROPPED_ATTRIBUTES) dropped = this.fastUint32();
      else return null;
      if (time === null || name === null || attributes === null || dropped < 0) return null;
    }
    return { timeUnixNano: time, name, attributes, droppedAttributesCount: dropped };
  }

  private fastStatus(): SpanStatus | null {
    const r = this.r;
    if (r.peek() !== 123) return null;
    r.pos++;
    let code = 0;
    let message: string | null = '';
    for (let first = true; r.nextMember(first); first = false) {
      const member = this.key();
      if (member === K_CODE) code = this.fastDigit();
      else if (member === K_MESSAGE) message = this.fastString();
      else return null;
      if (code < 0 || code >= STATUS_CODES.length || message === null) return null;
    }
    const statusCode = STATUS_CODES[code] as SpanStatus['code'];
    return message === '' ? STATUS_BY_CODE[statusCode] : { code: statusCode, message };
  }
}

function makeValue(type: number, text: string): AttributeValue {
  if (type === T_STRING) return { type: 'string', value: text };
  if (type === T_INT) return { type: 'int', value: BigInt(text) };
  // The text passed the JSON number grammar, for which `Number` and `JSON.parse` agree.
  return { type: 'double', value: Number(text) };
}

function sameBytes(a: Uint8Array, b: Uint8Array, at: number): boolean {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[at + k]) return false;
  return true;
}

/** `-?[0-9]{1,20}`: what `isIntegerText` accepts. */
function isDigits(b: Uint8Array, from: number, to: number): boolean {
  let i = from < to && b[from] === 45 ? from + 1 : from;
  if (i === to || to - i > 20) return false;
  for (; i < to; i++) {
    const c = b[i] as number;
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function isLowerHex(b: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = b[i] as number;
    if ((c < 48 || c > 57) && (c < 97 || c > 102)) return false;
  }
  return true;
}

/** `isEmptyList` of `decodeResourceSpans`, for a member decoded here. */
function isEmptyList(list: Decoded | undefined): boolean {
  return isAbsent(list) || (list !== undefined && list.isArray && list.length === 0);
}

/** Absent or null, as proto3 JSON writes a default. */
function isAbsent(list: Decoded | undefined): boolean {
  return list === undefined || (!list.isArray && list.raw === null);
}

/**
 * The spans of a decoded member, after appending its issues to `issues`; a member that held
 * something other than an array gets the issue `readArray` would give.
 */
function take(list: Decoded | undefined, path: string, issues: ImportIssue[]): readonly SpanData[] {
  if (list === undefined || isAbsent(list)) return [];
  if (!list.isArray) {
    issues.push({ path, message: `expected array, got ${describe(list.raw)}` });
    return [];
  }
  for (const issue of list.issues) issues.push(issue);
  return list.spans;
}
