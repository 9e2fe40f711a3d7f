/**
 * A span record (see unbuiltSpan.ts) that is a view of one `SpanColumns` row: its IDs and exact
 * times, and once built its place in the tree (`Placement`), live in typed arrays and are read
 * through getters. `buildTrace(…, { adopt: true })` takes the IDs and times as numbers
 * (`preparedFromSpans`) and writes the placement (`place`), so a million-span file makes
 * neither ID strings nor BigInts unless a view asks, and each span is a third of the object a
 * plain record is — less for the garbage collector to copy and mark while the file loads.
 */
import { PLACED_CYCLE_BROKEN, PLACED_DUPLICATE, PLACED_ERROR, PLACED_ORPHAN, type SpanColumns } from './spanColumns';
import type { Attribute, Resource, Scope, Span, SpanData, SpanEvent, SpanKind, SpanLink, SpanStatus } from './types';

/** The per-span values kept as fields: everything but the IDs and times. */
export type ColumnSpanFields = Omit<SpanData, 'spanId' | 'parentSpanId' | 'startTimeUnixNano' | 'endTimeUnixNano'>;

const NO_CHILDREN: readonly number[] = Object.freeze([]);

export class ColumnSpan implements Span {
  // Fields in one order for every instance (one hidden class).
  readonly traceId: string;
  readonly traceState: string;
  readonly name: string;
  readonly kind: SpanKind;
  readonly attributes: readonly Attribute[];
  readonly droppedAttributesCount: number;
  readonly events: readonly SpanEvent[];
  readonly droppedEventsCount: number;
  readonly links: readonly SpanLink[];
  readonly droppedLinksCount: number;
  readonly status: SpanStatus;
  readonly flags: number;
  readonly resource: Resource;
  readonly scope: Scope;
  serviceName: string;
  children: readonly number[] = NO_CHILDREN;
  readonly columns: SpanColumns;
  readonly row: number;

  // Positional, not a fields object: the decoder makes a million of these, and the object
  // would be a million more for the garbage collector.
  constructor(
    columns: SpanColumns,
    row: number,
    traceId: string,
    traceState: string,
    name: string,
    kind: SpanKind,
    attributes: readonly Attribute[],
    droppedAttributesCount: number,
    events: readonly SpanEvent[],
    droppedEventsCount: number,
    links: readonly SpanLink[],
    droppedLinksCount: number,
    status: SpanStatus,
    flags: number,
    resource: Resource,
    scope: Scope,
  ) {
    this.traceId = traceId;
    this.traceState = traceState;
    this.name = name;
    this.kind = kind;
    this.attributes = attributes;
    this.droppedAttributesCount = droppedAttributesCount;
    this.events = events;
    this.droppedEventsCount = droppedEventsCount;
    this.links = links;
    this.droppedLinksCount = droppedLinksCount;
    this.status = status;
    this.flags = flags;
    this.resource = resource;
    this.scope = scope;
    this.serviceName = resource.serviceName;
    this.columns = columns;
    this.row = row;
  }

  static of(columns: SpanColumns, row: number, f: ColumnSpanFields): ColumnSpan {
    return new ColumnSpan(
      columns, row, f.traceId, f.traceState, f.name, f.kind, f.attributes, f.droppedAttributesCount,
      f.events, f.droppedEventsCount, f.links, f.droppedLinksCount, f.status, f.flags, f.resource, f.scope,
    );
  }

  /**
   * Stores what tree building computed (once: the span is frozen after). Positional for the
   * same reason as the constructor. `placeFlags`: PLACED_* bits.
   */
  place(index: number, serviceName: string, start: number, duration: number, parent: number, children: readonly number[], depth: number, placeFlags: number): void {
    const p = this.columns.placed();
    const row = this.row;
    p.index[row] = index;
    p.start[row] = start;
    p.duration[row] = duration;
    p.parent[row] = parent;
    p.depth[row] = depth;
    p.flags[row] = placeFlags;
    this.serviceName = serviceName;
    this.children = children;
  }

  get spanId(): string {
    return this.columns.spanId(this.row);
  }

  get parentSpanId(): string {
    return this.columns.parentSpanId(this.row);
  }

  get startTimeUnixNano(): bigint {
    return this.columns.startTimeUnixNano(this.row);
  }

  get endTimeUnixNano(): bigint {
    return this.columns.endTimeUnixNano(this.row);
  }

  // Before it is built, a span reads as unbuilt records do: index -1, no parent, NaN times.

  /** -1 until built (what `isUnbuilt` checks). */
  get index(): number {
    const p = this.columns.placement;
    return p !== null && this.row < p.index.length ? p.index[this.row]! : -1;
  }

  get start(): number {
    const p = this.columns.placement;
    return p !== null && this.row < p.start.length ? p.start[this.row]! : Number.NaN;
  }

  get duration(): number {
    const p = this.columns.placement;
    return p !== null && this.row < p.duration.length ? p.duration[this.row]! : Number.NaN;
  }

  get parent(): number {
    const p = this.columns.placement;
    return p !== null && this.row < p.parent.length ? p.parent[this.row]! : -1;
  }

  get depth(): number {
    const p = this.columns.placement;
    return p !== null && this.row < p.depth.length ? p.depth[this.row]! : 0;
  }

  get isOrphan(): boolean {
    return (this.placedFlags() & PLACED_ORPHAN) !== 0;
  }

  get isDuplicate(): boolean {
    return (this.placedFlags() & PLACED_DUPLICATE) !== 0;
  }

  get cycleBroken(): boolean {
    return (this.placedFlags() & PLACED_CYCLE_BROKEN) !== 0;
  }

  get isError(): boolean {
    return (this.placedFlags() & PLACED_ERROR) !== 0;
  }

  /** Clock-skew adjustment makes new spans: a span read from a file is never shifted. */
  get skewShift(): number {
    return 0;
  }

  private placedFlags(): number {
    const p = this.columns.placement;
    return p !== null && this.row < p.flags.length ? p.flags[this.row]! : 0;
  }
}
