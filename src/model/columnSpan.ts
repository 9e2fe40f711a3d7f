/**
 * A span record (see unbuiltSpan.ts) that is a view of one `SpanColumns` row: its IDs and exact
 * times, and once built its place in the tree (`Placement`), live in typed arrays and are read
 * through getters. `buildTrace(…, { adopt: true })` takes the IDs and times as numbers
 * (`preparedFromSpans`) and writes the placement (`place`), so a million-span file makes
 * neither ID strings nor BigInts unless a view asks, and each span is a third of the object a
 * plain record is — less for the garbage collector to copy and mark while the file loads.
 * An importer may also pack the attributes into the columns (PACKED_ATTRIBUTES): they are
 * then decoded when `attributes` is first read.
 */
import { PLACED_CYCLE_BROKEN, PLACED_DUPLICATE, PLACED_ERROR, PLACED_ORPHAN, type SpanColumns } from './spanColumns';
import { SPAN_KINDS, type Attribute, type Resource, type Scope, type Span, type SpanData, type SpanEvent, type SpanKind, type SpanLink, type SpanStatus } from './types';

/** The per-span values an importer gives besides the IDs and times. */
export type ColumnSpanFields = Omit<SpanData, 'spanId' | 'parentSpanId' | 'startTimeUnixNano' | 'endTimeUnixNano'>;

/**
 * What runs of spans share: one object for all the spans of a batch with the same trace,
 * trace state and status (nearly all of them), not six fields on each.
 */
export interface SpanContext {
  readonly traceId: string;
  readonly traceState: string;
  readonly status: SpanStatus;
  readonly links: readonly SpanLink[];
  readonly resource: Resource;
  readonly scope: Scope;
}

const NO_CHILDREN: readonly number[] = Object.freeze([]);

/**
 * Given as a span's attributes when the importer packed them into its columns (see
 * packedAttributes.ts): `attributes` then decodes them from there when first read.
 */
export const PACKED_ATTRIBUTES: readonly Attribute[] = Object.freeze([]);

export class ColumnSpan implements Span {
  // Fields in one order for every instance (one hidden class). Numbers are in the columns.
  readonly name: string;
  /** The list, or PACKED_ATTRIBUTES when it is in the columns. */
  private readonly attributeList: readonly Attribute[];
  readonly events: readonly SpanEvent[];
  readonly context: SpanContext;
  children: readonly number[] = NO_CHILDREN;
  readonly columns: SpanColumns;
  readonly row: number;

  /**
   * The row's kind, flags and dropped counts must be written to `columns` already. Positional,
   * not a fields object: the decoder makes a million of these.
   */
  constructor(columns: SpanColumns, row: number, name: string, attributes: readonly Attribute[], events: readonly SpanEvent[], context: SpanContext) {
    this.name = name;
    this.attributeList = attributes;
    this.events = events;
    this.context = context;
    this.columns = columns;
    this.row = row;
  }

  /** A span of `fields` in row `row`, writing the row's numeric fields (IDs and times are the caller's). */
  static of(columns: SpanColumns, row: number, f: ColumnSpanFields): ColumnSpan {
    columns.kind[row] = SPAN_KINDS.indexOf(f.kind);
    columns.flags[row] = f.flags;
    columns.droppedAttributes[row] = f.droppedAttributesCount;
    columns.droppedEvents[row] = f.droppedEventsCount;
    columns.droppedLinks[row] = f.droppedLinksCount;
    const context: SpanContext = { traceId: f.traceId, traceState: f.traceState, status: f.status, links: f.links, resource: f.resource, scope: f.scope };
    return new ColumnSpan(columns, row, f.name, f.attributes, f.events, context);
  }

  get attributes(): readonly Attribute[] {
    const list = this.attributeList;
    return list === PACKED_ATTRIBUTES ? this.columns.attributesOf(this.row) : list;
  }

  get traceId(): string {
    return this.context.traceId;
  }

  get traceState(): string {
    return this.context.traceState;
  }

  get status(): SpanStatus {
    return this.context.status;
  }

  get links(): readonly SpanLink[] {
    return this.context.links;
  }

  get resource(): Resource {
    return this.context.resource;
  }

  get scope(): Scope {
    return this.context.scope;
  }

  /** The resource's: read when asked, as a decoder fills the resource after its spans. */
  get serviceName(): string {
    return this.context.resource.serviceName;
  }

  get kind(): SpanKind {
    return SPAN_KINDS[this.columns.kind[this.row]!]!;
  }

  get flags(): number {
    return this.columns.flags[this.row]!;
  }

  get droppedAttributesCount(): number {
    return this.columns.droppedAttributes[this.row]!;
  }

  get droppedEventsCount(): number {
    return this.columns.droppedEvents[this.row]!;
  }

  get droppedLinksCount(): number {
    return this.columns.droppedLinks[this.row]!;
  }

  /**
   * Stores what tree building computed (once: the span is frozen after). Positional for the
   * same reason as the constructor. `placeFlags`: PLACED_* bits.
   */
  place(index: number, start: number, duration: number, parent: number, children: readonly number[], depth: number, placeFlags: number): void {
    const p = this.columns.placed();
    const row = this.row;
    p.index[row] = index;
    p.start[row] = start;
    p.duration[row] = duration;
    p.parent[row] = parent;
    p.depth[row] = depth;
    p.flags[row] = placeFlags;
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
