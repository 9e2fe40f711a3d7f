/**
 * The framework-free trace model shared by every importer, view and the server.
 *
 * Times: OTLP timestamps are nanoseconds since the epoch and exceed 2^53, so they are kept
 * exact as `bigint` at the boundary (importers, storage). For drawing, every span also carries
 * `start` and `duration` as plain numbers in nanoseconds relative to the trace start, which are
 * exact for any trace shorter than 104 days.
 */

/** Nanoseconds since the Unix epoch, exact. */
export type UnixNanos = bigint;

/** An attribute value of every OTLP `AnyValue` type. `int` is int64, kept exact. */
export type AttributeValue =
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'bool'; readonly value: boolean }
  | { readonly type: 'int'; readonly value: bigint }
  | { readonly type: 'double'; readonly value: number }
  | { readonly type: 'bytes'; readonly value: Uint8Array }
  | { readonly type: 'array'; readonly value: readonly AttributeValue[] }
  | { readonly type: 'kvlist'; readonly value: readonly Attribute[] }
  /** An `AnyValue` with no value set (allowed by OTLP). */
  | { readonly type: 'empty' };

export type AttributeType = AttributeValue['type'];

export interface Attribute {
  readonly key: string;
  readonly value: AttributeValue;
}

export type SpanKind = 'unspecified' | 'internal' | 'server' | 'client' | 'producer' | 'consumer';

/** OTLP enum order: index = wire value. */
export const SPAN_KINDS: readonly SpanKind[] = [
  'unspecified',
  'internal',
  'server',
  'client',
  'producer',
  'consumer',
];

export type StatusCode = 'unset' | 'ok' | 'error';

/** OTLP enum order: index = wire value. */
export const STATUS_CODES: readonly StatusCode[] = ['unset', 'ok', 'error'];

export interface SpanStatus {
  readonly code: StatusCode;
  readonly message: string;
}

/** The entity that produced spans: one service instance. Shared by all spans of a batch. */
export interface Resource {
  /** `service.name`, or `unknown_service` when the payload has none (as the OTel SDKs default). */
  readonly serviceName: string;
  readonly attributes: readonly Attribute[];
  readonly droppedAttributesCount: number;
  readonly schemaUrl: string;
}

/** The instrumentation library that produced spans (OTLP `InstrumentationScope`). */
export interface Scope {
  readonly name: string;
  readonly version: string;
  readonly attributes: readonly Attribute[];
  readonly droppedAttributesCount: number;
  readonly schemaUrl: string;
}

export interface SpanEvent {
  readonly timeUnixNano: UnixNanos;
  readonly name: string;
  readonly attributes: readonly Attribute[];
  readonly droppedAttributesCount: number;
}

/**
 * A link to another span. Jaeger `FOLLOWS_FROM` references (and extra `CHILD_OF` ones beyond
 * the parent) become links with `refType` set so nothing in the source is lost.
 */
export interface SpanLink {
  readonly traceId: string;
  readonly spanId: string;
  readonly traceState: string;
  readonly attributes: readonly Attribute[];
  readonly droppedAttributesCount: number;
  readonly flags: number;
  readonly refType?: 'child_of' | 'follows_from';
}

/**
 * One span as an importer produces it: everything the wire format carried, IDs normalised.
 * - `traceId`: 32 lowercase hex characters (64-bit IDs are left-padded with zeros).
 * - `spanId`, `parentSpanId`: 16 lowercase hex; `parentSpanId` is '' for a root.
 */
export interface SpanData {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string;
  readonly traceState: string;
  readonly name: string;
  readonly kind: SpanKind;
  readonly startTimeUnixNano: UnixNanos;
  readonly endTimeUnixNano: UnixNanos;
  readonly attributes: readonly Attribute[];
  readonly droppedAttributesCount: number;
  readonly events: readonly SpanEvent[];
  readonly droppedEventsCount: number;
  readonly links: readonly SpanLink[];
  readonly droppedLinksCount: number;
  readonly status: SpanStatus;
  /** OTLP `SpanFlags` (low 8 bits: W3C trace flags), or Jaeger's `flags`. 0 when absent. */
  readonly flags: number;
  readonly resource: Resource;
  readonly scope: Scope;
}

/** A span placed in its trace: the imported data plus what tree building derived. */
export interface Span extends SpanData {
  /** Position in `Trace.spans` (depth-first display order). */
  readonly index: number;
  readonly serviceName: string;
  /** Start, in ns from the trace start (after clock-skew adjustment when applied). */
  readonly start: number;
  /** Duration in ns (0 when the end precedes the start). */
  readonly duration: number;
  /** Index of the parent span in `Trace.spans`, or -1 for roots and orphans. */
  readonly parent: number;
  /** Indices of child spans, sorted by start. */
  readonly children: readonly number[];
  /** Number of span ancestors: 0 for roots and orphans. */
  readonly depth: number;
  /** The span names a parent that is not in the trace. */
  readonly isOrphan: boolean;
  /** Another span of this trace has the same span ID. */
  readonly isDuplicate: boolean;
  /** The span's parent link was cut to break a cycle. */
  readonly cycleBroken: boolean;
  /** Clock-skew shift applied to this span, in ns (0 when none). */
  readonly skewShift: number;
  readonly isError: boolean;
}

/** A top-level row of the tree: a root span, or a placeholder for a parent that never arrived. */
export type TopNode =
  | { readonly kind: 'span'; readonly span: number }
  | {
      readonly kind: 'missing-parent';
      /** The span ID the orphans name as parent. */
      readonly parentSpanId: string;
      /** Orphan span indices, sorted by start. */
      readonly children: readonly number[];
      /** Earliest start among the children, ns from trace start. */
      readonly start: number;
    };

export type TraceWarningKind =
  | 'missing-parent'
  | 'duplicate-span-id'
  | 'cycle'
  | 'no-root'
  | 'clock-skew'
  | 'mixed-trace-ids'
  | 'negative-duration';

export interface TraceWarning {
  readonly kind: TraceWarningKind;
  /** One sentence a user can act on. */
  readonly message: string;
  readonly spanIds: readonly string[];
}

export interface TraceSummary {
  readonly traceId: string;
  readonly spanCount: number;
  /** Service names, sorted. */
  readonly services: readonly string[];
  /** Whether a span without a parent exists. */
  readonly hasRoot: boolean;
  /** Service and name of the earliest root span (or of the earliest top-level span if none). */
  readonly rootService: string;
  readonly rootName: string;
  readonly startTimeUnixNano: UnixNanos;
  /** End of the last-finishing span minus the start, ns. */
  readonly duration: number;
  readonly errorCount: number;
  readonly orphanCount: number;
  /** Levels in the deepest chain of spans (a lone span has depth 1). */
  readonly depth: number;
}

export interface Trace {
  readonly traceId: string;
  readonly startTimeUnixNano: UnixNanos;
  readonly endTimeUnixNano: UnixNanos;
  /** Spans in depth-first display order; `Span.index` is the position here. */
  readonly spans: readonly Span[];
  /** Top-level rows sorted by start: roots and missing-parent placeholders. */
  readonly topLevel: readonly TopNode[];
  readonly summary: TraceSummary;
  readonly warnings: readonly TraceWarning[];
  /** Whether clock-skew adjustment has been applied to this trace. */
  readonly skewAdjusted: boolean;
}
