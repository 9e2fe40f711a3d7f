/**
 * The narrow interfaces between the trace page and the components it composes. The page owns
 * the state (URL + zustand); components receive what they draw and report what the user did.
 * Spans are addressed by their index in `trace.spans` (depth-first order, see src/model).
 */
import type { Trace } from '../../model/types';
import type { TraceDetailSource } from '../../sources/clients';

/** A fraction range of the trace's duration, 0 ≤ start < end ≤ 1 ([0, 1] = whole trace). */
export type ViewRange = readonly [start: number, end: number];

/**
 * A collapsible row: a span (its index) or a missing-parent placeholder group
 * (`mp:<parentSpanId>`, one per missing parent, see TopNode in src/model/types.ts).
 */
export type RowKey = number | `mp:${string}`;

export interface WaterfallProps {
  readonly trace: Trace;
  /** Rows whose subtree is hidden. */
  readonly collapsed: ReadonlySet<RowKey>;
  readonly onToggleCollapsed: (key: RowKey) => void;
  /** Replace the whole collapsed set ("collapse all", "expand one level"). */
  readonly onSetCollapsed: (next: ReadonlySet<RowKey>) => void;
  readonly selected: number | null;
  readonly onSelect: (index: number | null) => void;
  /** Enter on a row (open the details panel for it). */
  readonly onOpenDetails: (index: number) => void;
  /** Spans on the critical path, or null when the overlay is off. */
  readonly criticalPath: ReadonlySet<number> | null;
  /** Spans matching find + filters (highlighted), or null when nothing is being searched. */
  readonly matches: ReadonlySet<number> | null;
  /** The current match: the waterfall scrolls it into view (the page has already expanded its ancestors). */
  readonly currentMatch: number | null;
  readonly viewRange: ViewRange;
  readonly onViewRange: (range: ViewRange) => void;
}

export interface MinimapProps {
  readonly trace: Trace;
  readonly viewRange: ViewRange;
  readonly onViewRange: (range: ViewRange) => void;
  readonly criticalPath: ReadonlySet<number> | null;
  readonly matches: ReadonlySet<number> | null;
}

export interface SpanDetailsProps {
  readonly trace: Trace;
  readonly index: number;
  readonly onClose: () => void;
  /** Go to another span of this trace (parent ID click). */
  readonly onSelect: (index: number) => void;
  /** Href for a link to another trace/span (keeps `source=`); the page provides it. */
  readonly linkHref: (traceId: string, spanId: string) => string;
  /** Where the span's attributes come from when the trace was loaded without them. */
  readonly details?: TraceDetailSource;
}

export type TraceViewId = 'timeline' | 'flame' | 'stats' | 'spans' | 'json';

/** Props of the alternative views (flame graph, statistics, span table, JSON). */
export interface TraceSubViewProps {
  readonly trace: Trace;
  /** Set when the trace was loaded without span attributes (the JSON view fetches the full trace). */
  readonly details?: TraceDetailSource;
  readonly selected: number | null;
  readonly onSelect: (index: number) => void;
}
