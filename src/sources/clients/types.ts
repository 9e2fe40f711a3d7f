/**
 * The app's one interface to a trace backend, whatever API dialect it speaks (Tempo, Jaeger,
 * Zipkin). Pure TypeScript over an injectable `fetch`: no React, no globals besides `fetch`.
 */
import type { SpanData, Trace } from '../../model/types';
import type { FormatId, ImportIssue } from '../importResult';

export type SourceKind = 'tempo' | 'jaeger' | 'zipkin';

/** What the app may offer for a source (`GET /api/tracescope/sources`; the server fills it in). */
export interface SourceCapabilities {
  readonly search: boolean;
  readonly traceql: boolean;
  readonly metrics: boolean;
  readonly dependencies: boolean;
}

/** One entry of `GET /api/tracescope/sources`: deliberately no URL, header or credential. */
export interface SourceInfo {
  readonly name: string;
  readonly kind: SourceKind;
  readonly default: boolean;
  readonly capabilities: SourceCapabilities;
}

/** The `fetch` a client uses (the global one by default; tests and proxies may inject their own). */
export type FetchFn = (input: string, init?: RequestInit) => Promise<Response>;

export interface RequestOptions {
  readonly signal?: AbortSignal;
}

export interface TraceRequestOptions extends RequestOptions {
  /** Lower bound of the trace's time range, unix seconds: narrows the backend's block scan. */
  readonly start?: number;
  /** Upper bound of the trace's time range, unix seconds. */
  readonly end?: number;
  /** Called as the body arrives (bytes) and once more before the spans are built. */
  readonly onProgress?: (progress: TraceProgress) => void;
}

/** How far a trace download has come, for a progress display on big payloads. */
export type TraceProgress =
  | {
      readonly phase: 'receiving';
      /** Body bytes received so far. */
      readonly bytes: number;
      /** The body's size when the server sent `Content-Length` (absent when it did not). */
      readonly totalBytes?: number;
    }
  | {
      /** The body is decoded; the tree of this many spans is being built. */
      readonly phase: 'building';
      readonly spans: number;
    };

/**
 * Where the span attributes of a trace loaded without them come from: the embedded backend's
 * skeleton (src/sources/skeleton/format.ts) leaves them out so a million-span trace paints fast.
 */
export interface TraceDetailSource {
  /** The spans of the trace with this span ID (usually one), attributes included. */
  spans(spanId: string, signal?: AbortSignal): Promise<readonly SpanData[]>;
  /**
   * For each lowercased term, the IDs of the spans that have a span attribute whose `key=value`
   * text contains it (find in trace; everything else find matches is in the skeleton).
   */
  findAttributes(terms: readonly string[], signal?: AbortSignal): Promise<ReadonlyMap<string, ReadonlySet<string>>>;
  /** The whole trace with attributes, `{"result": <OTLP JSON>}` (Jaeger v3 trace by ID), for the JSON view and download. */
  readonly jsonUrl: string;
}

export interface TraceResult {
  /** The built trace (never empty: a response with no spans is a `not-found` SourceError). */
  readonly trace: Trace;
  /** The wire format the response was read as. */
  readonly format: FormatId | 'tracescope-skeleton';
  /** Set when the spans' attributes were left out of `trace` and are fetched from here on demand. */
  readonly details?: TraceDetailSource;
  /** Spans left out or oddities in the payload; includes the partial-trace notice. */
  readonly issues: readonly ImportIssue[];
  /** The backend said the trace is incomplete (Tempo v2 `status: "PARTIAL"`). */
  readonly partial: boolean;
  /** The URL the trace was read from (after any dialect fallback). */
  readonly url: string;
}

/**
 * A search. All fields optional; a dialect ignores what it cannot express (documented per
 * client). `traceql` wins over the structured fields on Tempo and is rejected elsewhere.
 */
export interface SearchQuery {
  readonly service?: string;
  /** Span (operation) name. */
  readonly operation?: string;
  /** Attribute equality filters, `key → value` (values compared as strings). */
  readonly tags?: Readonly<Record<string, string>>;
  readonly minDurationMs?: number;
  readonly maxDurationMs?: number;
  /** Time range, unix seconds. Jaeger/Zipkin default to the last 2 days when absent. */
  readonly startSec?: number;
  readonly endSec?: number;
  /** Maximum number of traces (server default when absent). */
  readonly limit?: number;
  /** A TraceQL query (Tempo only). */
  readonly traceql?: string;
}

export interface SearchHitService {
  readonly name: string;
  readonly spanCount: number;
  readonly errorCount: number;
}

/** One trace in a search result. */
export interface SearchHit {
  /** 32 lowercase hex characters (left-padded with zeros). */
  readonly traceId: string;
  /**
   * Service of the root span. When `rootMissing`: '' from Tempo (it only says the root is
   * missing); from Jaeger/Zipkin, the service of the earliest top-level span.
   */
  readonly rootService: string;
  /** Name of the root span (same rule as `rootService`). */
  readonly rootName: string;
  /** The root span has not been received yet (Tempo's "<root span not yet received>"). */
  readonly rootMissing?: boolean;
  readonly startTimeUnixNano: bigint;
  /** Trace duration in milliseconds (may be fractional for Jaeger/Zipkin). */
  readonly durationMs: number;
  readonly spanCount?: number;
  readonly errorCount?: number;
  readonly services?: readonly SearchHitService[];
}

/** A searchable attribute name; `scope` is Tempo's (v2 tags API), absent when unknown. */
export interface TagName {
  readonly name: string;
  readonly scope?: string;
}

export interface TraceSource {
  readonly name: string;
  readonly kind: SourceKind;
  /** One trace by ID (hex, up to 32 characters, case-insensitive). */
  getTrace(traceId: string, options?: TraceRequestOptions): Promise<TraceResult>;
  search(query: SearchQuery, options?: RequestOptions): Promise<SearchHit[]>;
  /** Service names, sorted, without duplicates. */
  services(options?: RequestOptions): Promise<string[]>;
  /** Span names of one service, sorted, without duplicates. */
  operations(service: string, options?: RequestOptions): Promise<string[]>;
  /** Searchable attribute names ([] for Jaeger, which has no such API). */
  tagNames(options?: RequestOptions): Promise<TagName[]>;
  /** Values seen for a tag ([] for Jaeger). For Tempo `tag` is a TraceQL identifier. */
  tagValues(tag: string, options?: RequestOptions): Promise<string[]>;
}

/** How a client is configured. `root` is prefixed to the dialect's paths (`/api/...`). */
export interface ClientConfig {
  /** Source name, shown in error messages. */
  readonly name: string;
  /** URL prefix of the dialect root: '' (same origin), an origin, or a proxy prefix. */
  readonly root: string;
  readonly fetch?: FetchFn;
  /** Clock for default search windows, ms since the epoch (tests inject it). */
  readonly now?: () => number;
}

export type SourceErrorKind = 'not-found' | 'unreachable' | 'http' | 'bad-response' | 'aborted';

/**
 * A failed request, with a message the UI shows as is:
 * `prod (https://…/api/v2/traces/abc): HTTP 500 — <server message>`.
 */
export class SourceError extends Error {
  readonly kind: SourceErrorKind;
  readonly source: string;
  readonly url: string;
  readonly status?: number;
  readonly serverMessage?: string;

  constructor(init: {
    kind: SourceErrorKind;
    source: string;
    url: string;
    status?: number;
    serverMessage?: string;
    detail?: string;
    cause?: unknown;
  }) {
    super(describe(init), init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'SourceError';
    this.kind = init.kind;
    this.source = init.source;
    this.url = init.url;
    if (init.status !== undefined) this.status = init.status;
    if (init.serverMessage !== undefined) this.serverMessage = init.serverMessage;
  }
}

function describe(init: {
  kind: SourceErrorKind;
  source: string;
  url: string;
  status?: number;
  serverMessage?: string;
  detail?: string;
}): string {
  const where = `${init.source} (${init.url})`;
  const server = init.serverMessage ? ` — ${init.serverMessage}` : '';
  const detail = init.detail ? ` — ${init.detail}` : '';
  switch (init.kind) {
    case 'not-found':
      return `${where}: not found${init.status !== undefined ? ` (HTTP ${init.status})` : ''}${server}`;
    case 'http':
      return `${where}: HTTP ${init.status ?? '?'}${server}`;
    case 'unreachable':
      return `${where}: unreachable${detail}`;
    case 'aborted':
      return `${where}: request cancelled`;
    case 'bad-response':
      return `${where}: unexpected response${init.status !== undefined ? ` (HTTP ${init.status})` : ''}${detail}`;
  }
}
