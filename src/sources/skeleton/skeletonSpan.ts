/**
 * A span read from a skeleton, as the record `buildTrace(…, { adopt: true })` completes in place
 * (see src/model/unbuiltSpan.ts). Its IDs and exact times are computed when read, from the
 * skeleton's columns: tree building takes them as numbers (`PreparedInput`), so a million-span
 * trace never makes the two million ID strings and four million BigInts most views never read.
 */
import type { Attribute, Resource, Scope, SpanData, SpanEvent, SpanKind, SpanLink, SpanStatus } from '../../model/types';
import { BIT_HAS_PARENT, BIT_HAS_SPAN_ID } from './format';

/** The columns the spans of one skeleton read lazily. */
export interface LazyColumns {
  readonly bytes: Uint8Array;
  /** Byte offsets of the u64 span ID and parent ID columns. */
  readonly idAt: number;
  readonly parentAt: number;
  readonly bits: Uint8Array;
  readonly traceStart: bigint;
  /** ns from `traceStart`. */
  readonly start: Float64Array;
  readonly end: Float64Array;
}

/** The per-span values stored as fields (IDs and times come from the columns; no attributes). */
export type SkeletonSpanFields = Omit<SpanData, 'spanId' | 'parentSpanId' | 'startTimeUnixNano' | 'endTimeUnixNano' | 'attributes'>;

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));
const NO_ATTRIBUTES: readonly Attribute[] = Object.freeze([]);
const NO_CHILDREN: readonly number[] = Object.freeze([]);

/** The 16-hex ID whose big-endian bytes are the little-endian u64 at `at`. */
function hexAt(bytes: Uint8Array, at: number): string {
  return (
    HEX[bytes[at + 7]!]! + HEX[bytes[at + 6]!]! + HEX[bytes[at + 5]!]! + HEX[bytes[at + 4]!]! +
    HEX[bytes[at + 3]!]! + HEX[bytes[at + 2]!]! + HEX[bytes[at + 1]!]! + HEX[bytes[at]!]!
  );
}

export class SkeletonSpan implements SpanData {
  // Fields in one order for every instance (one hidden class). The Span placeholders are what
  // buildTrace overwrites; times start as NaN so V8 stores them as doubles from the start.
  readonly traceId: string;
  readonly traceState: string;
  readonly name: string;
  readonly kind: SpanKind;
  readonly attributes: readonly Attribute[] = NO_ATTRIBUTES;
  readonly droppedAttributesCount: number;
  readonly events: readonly SpanEvent[];
  readonly droppedEventsCount: number;
  readonly links: readonly SpanLink[];
  readonly droppedLinksCount: number;
  readonly status: SpanStatus;
  readonly flags: number;
  readonly resource: Resource;
  readonly scope: Scope;
  index = -1;
  serviceName: string;
  start = Number.NaN;
  duration = Number.NaN;
  parent = -1;
  children: readonly number[] = NO_CHILDREN;
  depth = 0;
  isOrphan = false;
  isDuplicate = false;
  cycleBroken = false;
  skewShift = 0;
  isError = false;
  private readonly columns: LazyColumns;
  private readonly row: number;

  constructor(columns: LazyColumns, row: number, fields: SkeletonSpanFields) {
    this.traceId = fields.traceId;
    this.traceState = fields.traceState;
    this.name = fields.name;
    this.kind = fields.kind;
    this.droppedAttributesCount = fields.droppedAttributesCount;
    this.events = fields.events;
    this.droppedEventsCount = fields.droppedEventsCount;
    this.links = fields.links;
    this.droppedLinksCount = fields.droppedLinksCount;
    this.status = fields.status;
    this.flags = fields.flags;
    this.resource = fields.resource;
    this.scope = fields.scope;
    this.serviceName = fields.resource.serviceName;
    this.columns = columns;
    this.row = row;
  }

  get spanId(): string {
    const c = this.columns;
    return c.bits[this.row]! & BIT_HAS_SPAN_ID ? hexAt(c.bytes, c.idAt + this.row * 8) : '';
  }

  get parentSpanId(): string {
    const c = this.columns;
    return c.bits[this.row]! & BIT_HAS_PARENT ? hexAt(c.bytes, c.parentAt + this.row * 8) : '';
  }

  get startTimeUnixNano(): bigint {
    return this.columns.traceStart + BigInt(this.columns.start[this.row]!);
  }

  get endTimeUnixNano(): bigint {
    return this.columns.traceStart + BigInt(this.columns.end[this.row]!);
  }
}
