/** Parameters and results of `search` (search.ts). */
import type { Attribute } from '../../src/model/types';

export type TagScope = 'span' | 'resource' | 'any';

export interface TagFilter {
  key: string;
  value: string;
  /** Default 'any': a span attribute, a resource attribute, or one of the special keys below. */
  scope?: TagScope;
}


export const ROOT_NOT_YET_RECEIVED = '<root span not yet received>';

export interface SearchParams {
  tags?: readonly TagFilter[];
  /** Resource service name of a matching span. */
  service?: string;
  /** Span name of a matching span. */
  name?: string;
  /** Trace duration bounds, inclusive. */
  minDurationNs?: bigint;
  maxDurationNs?: bigint;
  /**
   * Unix seconds. With span conditions: traces with a matching span that STARTS within
   * [startSec, endSec] (lets zone maps prune). Without: traces overlapping the range.
   */
  startSec?: number;
  endSec?: number;
  /** Traces to return, default 20. */
  limit?: number;
  /** Matching spans returned per trace, default 3. */
  spss?: number;
  /** A compiled TraceQL filter over `spans s` (see schema.ts "TraceQL compile target"). */
  spanFilterSql?: { sql: string; params: readonly unknown[] };
}

export interface SearchSpan {
  spanId: string;
  name: string;
  startTimeUnixNano: bigint;
  durationNanos: bigint;
  attributes: Attribute[];
}

export interface TraceSearchResult {
  traceId: string;
  /** `<root span not yet received>` when the trace has no root span yet. */
  rootServiceName: string;
  /** '' when the trace has no root span yet. */
  rootTraceName: string;
  startTimeUnixNano: bigint;
  /** Whole milliseconds (truncated), as Tempo reports it. */
  durationMs: number;
  serviceStats: Record<string, { spanCount: number; errorCount: number }>;
  /** Spans of the trace that matched. */
  matched: number;
  /** Up to `spss` matching spans, earliest first. */
  spans: SearchSpan[];
}
