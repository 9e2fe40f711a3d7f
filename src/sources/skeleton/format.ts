/**
 * The trace skeleton: a compact binary form of one trace that holds everything the trace view
 * needs to draw it (IDs, parents, names, times, kind, status, resources, scopes, events, links)
 * but not the span attributes, which are fetched per span on demand. The embedded backend serves
 * it at `GET /api/tracescope/traces/{traceId}/skeleton`; a million-span trace is ~60 MB instead
 * of ~320 MB of OTLP JSON, and it decodes from typed arrays without JSON-parsing every span.
 *
 * Why: at 1M spans, producing, downloading, parsing and building the full JSON took ~17 s in the
 * browser; the skeleton is written by DuckDB as fixed-width columns (copied straight out of its
 * vectors) and read back as typed-array views over the response bytes.
 *
 * Layout (all numbers little-endian):
 *   bytes [0, 4)   magic "TSK1"
 *   bytes [4, 8)   u32 H: byte length of the header
 *   bytes [8, 8+H) header: UTF-8 JSON, `SkeletonHeader`
 *   then, starting at the first multiple of 8 at or after 8+H, the columns in `COLUMNS` order,
 *   each `spanCount` elements of its type, each starting at a multiple of 8 (zero padding).
 * Row r of every column is the same span. Rows are in store (arrival) order.
 */

/** First four bytes of a skeleton. */
export const SKELETON_MAGIC = 'TSK1';

/** The content type the embedded backend answers a skeleton with. */
export const SKELETON_CONTENT_TYPE = 'application/vnd.tracescope.skeleton';

export const skeletonPath = (traceId: string): string => `/api/tracescope/traces/${traceId}/skeleton`;

/**
 * `GET /api/tracescope/traces/{traceId}/spans/{spanId}`: OTLP JSON (`{"resourceSpans": …}`, hex
 * IDs, int enums, int64 as strings) holding every span of the trace with that span ID (usually
 * one; duplicates are possible), attributes included. 404 when there is none.
 */
export const spanPath = (traceId: string, spanId: string): string => `/api/tracescope/traces/${traceId}/spans/${spanId}`;

/**
 * `GET /api/tracescope/traces/{traceId}/find?term=a&term=b`: for each term (matched
 * case-insensitively as a substring), the span IDs of the trace that have a span attribute whose
 * `key=value` text contains it. Answers `{"terms": [{"term": "a", "spanIds": ["…", …]}, …]}` in
 * request order, terms lowercased. Value text: strings as is, ints and bools in decimal /
 * `true`/`false`, doubles as the shortest decimal, array elements each on their own.
 */
export const findPath = (traceId: string): string => `/api/tracescope/traces/${traceId}/find`;

export interface FindTermResult {
  readonly term: string;
  readonly spanIds: readonly string[];
}

export interface FindResponse {
  readonly terms: readonly FindTermResult[];
}

/** OTLP JSON `KeyValue` (as `encodeOtlpJson` writes: hex IDs, int64 as strings). */
export type OtlpJsonKeyValue = { readonly key: string; readonly value: Record<string, unknown> };

export interface SkeletonResource {
  readonly attributes: readonly OtlpJsonKeyValue[];
  readonly droppedAttributesCount?: number;
  readonly schemaUrl?: string;
}

export interface SkeletonScope {
  readonly name?: string;
  readonly version?: string;
  readonly attributes?: readonly OtlpJsonKeyValue[];
  readonly droppedAttributesCount?: number;
  readonly schemaUrl?: string;
}

export interface SkeletonHeader {
  /** 32 lowercase hex. */
  readonly traceId: string;
  readonly spanCount: number;
  /** The trace start (earliest span start), ns since the epoch, unsigned decimal text. */
  readonly startTimeUnixNano: string;
  /** String table: `name`, `statusMessage` and `traceState` columns index into it. */
  readonly strings: readonly string[];
  /** `resource` column indexes into it; OTLP JSON Resource plus the resource's schemaUrl. */
  readonly resources: readonly SkeletonResource[];
  /** `scope` column indexes into it; OTLP JSON InstrumentationScope plus its schemaUrl. */
  readonly scopes: readonly SkeletonScope[];
  /** [row, OTLP JSON span events] for each row with events (rows without are absent). */
  readonly events: readonly (readonly [number, readonly Record<string, unknown>[]])[];
  /** [row, OTLP JSON span links] for each row with links. */
  readonly links: readonly (readonly [number, readonly Record<string, unknown>[]])[];
}

/** `bits` column flags. */
export const BIT_HAS_SPAN_ID = 1;
/** The span has a parent span ID (else `parentSpanId` is 0 and the span is a root). */
export const BIT_HAS_PARENT = 2;

export type ColumnType = 'u64' | 'f64' | 'u32' | 'u8';

/**
 * The columns, in byte order. IDs are the 8 bytes of the hex ID read as a big-endian number
 * (`0x` + hex), stored as u64 little-endian. Times are ns relative to `startTimeUnixNano`, as
 * float64 (exact below 2^53 ns, i.e. for traces shorter than 104 days); `end` may be below
 * `start` (a span that ends before it starts, as received).
 */
export const COLUMNS = [
  ['spanId', 'u64'],
  ['parentSpanId', 'u64'],
  ['start', 'f64'],
  ['end', 'f64'],
  ['name', 'u32'],
  ['statusMessage', 'u32'],
  ['traceState', 'u32'],
  ['resource', 'u32'],
  ['scope', 'u32'],
  ['flags', 'u32'],
  ['droppedAttributesCount', 'u32'],
  ['droppedEventsCount', 'u32'],
  ['droppedLinksCount', 'u32'],
  ['kind', 'u8'],
  ['statusCode', 'u8'],
  ['bits', 'u8'],
] as const satisfies readonly (readonly [string, ColumnType])[];

export type ColumnName = (typeof COLUMNS)[number][0];

export const BYTES_PER: Readonly<Record<ColumnType, number>> = { u64: 8, f64: 8, u32: 4, u8: 1 };

/** Byte offsets of each column for `spanCount` rows whose columns start at `base` (a multiple of 8). */
export function columnOffsets(base: number, spanCount: number): { offsets: Record<ColumnName, number>; end: number } {
  const offsets = {} as Record<ColumnName, number>;
  let at = base;
  for (const [name, type] of COLUMNS) {
    offsets[name] = at;
    at = align8(at + spanCount * BYTES_PER[type]);
  }
  return { offsets, end: at };
}

export const align8 = (n: number): number => (n + 7) & ~7;
