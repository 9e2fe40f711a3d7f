/**
 * Span IDs, exact times and the numeric fields (kind, flags, dropped counts) as numbers, one row
 * per span, written by an importer while it reads (the streaming OTLP JSON decoder). Spans that
 * point at a row (`ColumnSpan`) compute `spanId`, `parentSpanId` and the `…UnixNano` times only
 * when read, and tree building takes the
 * rows as they are (`preparedFromSpans`): a million-span file then makes neither the two
 * million ID strings nor the four million BigInts that most views never read.
 *
 * Times are split at the second — whole seconds and the ns within — because OTLP nanosecond
 * timestamps exceed 2^53 but both parts fit a double exactly.
 */

import { PackedAttributes } from './packedAttributes';
import type { Attribute } from './types';

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/** The 16-hex ID of two 32-bit words (high word first). */
export function hexOfWords(hi: number, lo: number): string {
  return (
    HEX[hi >>> 24]! + HEX[(hi >>> 16) & 255]! + HEX[(hi >>> 8) & 255]! + HEX[hi & 255]! +
    HEX[lo >>> 24]! + HEX[(lo >>> 16) & 255]! + HEX[(lo >>> 8) & 255]! + HEX[lo & 255]!
  );
}

const NS_PER_SECOND = 1_000_000_000;
const BIG_NS_PER_SECOND = 1_000_000_000n;

/** Bits of `Placement.flags`. */
export const PLACED_ORPHAN = 1;
export const PLACED_DUPLICATE = 2;
export const PLACED_CYCLE_BROKEN = 4;
export const PLACED_ERROR = 8;

/**
 * What tree building computed for each row (the `Span` fields past `SpanData`), written by
 * `buildTrace` when it adopts `ColumnSpan`s: typed arrays rather than eight fields (two of
 * them boxed doubles) on each of a million objects.
 */
export class Placement {
  /** Display index; -1 until the row's span is built. */
  readonly index: Int32Array;
  readonly start: Float64Array;
  readonly duration: Float64Array;
  readonly parent: Int32Array;
  readonly depth: Int32Array;
  readonly flags: Uint8Array;

  constructor(rows: number) {
    this.index = new Int32Array(rows).fill(-1);
    this.start = new Float64Array(rows);
    this.duration = new Float64Array(rows);
    this.parent = new Int32Array(rows).fill(-1);
    this.depth = new Int32Array(rows);
    this.flags = new Uint8Array(rows);
  }
}

export class SpanColumns {
  /** Rows written so far; a row being written is `length` until `commit`. */
  length = 0;
  idHi: Uint32Array;
  idLo: Uint32Array;
  parentHi: Uint32Array;
  parentLo: Uint32Array;
  /** 1 when the span names a parent. */
  hasParent: Uint8Array;
  startSec: Float64Array;
  startNs: Int32Array;
  endSec: Float64Array;
  endNs: Int32Array;
  /** Index into SPAN_KINDS. */
  kind: Uint8Array;
  flags: Uint32Array;
  droppedAttributes: Uint32Array;
  droppedEvents: Uint32Array;
  droppedLinks: Uint32Array;
  /** Where the row's attributes are in `packed`, and how many (rows of spans whose list was packed). */
  attrRef: Uint32Array;
  attrCount: Uint32Array;
  /** Attribute lists kept as bytes (see packedAttributes.ts); made by the first `packAttributes`. */
  packed: PackedAttributes | null = null;
  /** Decoded packed lists by row (sparse: filled as views read them). */
  private attributeLists: (readonly Attribute[] | undefined)[] | null = null;

  /** Null until a span of these rows is built (see Placement). */
  placement: Placement | null = null;

  constructor(capacity = 1024) {
    this.idHi = new Uint32Array(capacity);
    this.idLo = new Uint32Array(capacity);
    this.parentHi = new Uint32Array(capacity);
    this.parentLo = new Uint32Array(capacity);
    this.hasParent = new Uint8Array(capacity);
    this.startSec = new Float64Array(capacity);
    this.startNs = new Int32Array(capacity);
    this.endSec = new Float64Array(capacity);
    this.endNs = new Int32Array(capacity);
    this.kind = new Uint8Array(capacity);
    this.flags = new Uint32Array(capacity);
    this.droppedAttributes = new Uint32Array(capacity);
    this.droppedEvents = new Uint32Array(capacity);
    this.droppedLinks = new Uint32Array(capacity);
    this.attrRef = new Uint32Array(capacity);
    this.attrCount = new Uint32Array(capacity);
  }

  /** The packed attributes (made when first asked for: key ids are given out before a list is stored). */
  packedAttributes(): PackedAttributes {
    return (this.packed ??= new PackedAttributes());
  }

  /**
   * Keeps the list open in `packedAttributes()` as row `row`'s attributes; false when it cannot
   * be kept (the caller then keeps objects).
   */
  packAttributes(row: number): boolean {
    const packed = this.packedAttributes();
    const ref = packed.closeList();
    if (ref < 0) return false;
    this.attrRef[row] = ref;
    this.attrCount[row] = packed.count;
    return true;
  }

  /** Row `row`'s packed attributes, decoded on the first call; the same list on every call. */
  attributesOf(row: number): readonly Attribute[] {
    const lists = (this.attributeLists ??= new Array<readonly Attribute[] | undefined>(this.length));
    const known = lists[row];
    if (known !== undefined) return known;
    const list = this.packedAttributes().list(this.attrRef[row]!, this.attrCount[row]!);
    lists[row] = list;
    return list;
  }

  /** The row the next span writes to: `length`, with room made for it. */
  next(): number {
    if (this.length === this.idHi.length) this.grow();
    return this.length;
  }

  /** Keeps the row `next` gave (a span that was abandoned half-written is simply overwritten). */
  commit(): number {
    return this.length++;
  }

  spanId(row: number): string {
    return hexOfWords(this.idHi[row]!, this.idLo[row]!);
  }

  parentSpanId(row: number): string {
    return this.hasParent[row] === 1 ? hexOfWords(this.parentHi[row]!, this.parentLo[row]!) : '';
  }

  startTimeUnixNano(row: number): bigint {
    return exactNs(this.startSec[row]!, this.startNs[row]!);
  }

  endTimeUnixNano(row: number): bigint {
    return exactNs(this.endSec[row]!, this.endNs[row]!);
  }

  /** The placement columns, made for every row written so far when first asked for. */
  placed(): Placement {
    const old = this.placement;
    if (old !== null && old.index.length >= this.length) return old;
    const placement = new Placement(this.length);
    if (old !== null) {
      placement.index.set(old.index);
      placement.start.set(old.start);
      placement.duration.set(old.duration);
      placement.parent.set(old.parent);
      placement.depth.set(old.depth);
      placement.flags.set(old.flags);
    }
    this.placement = placement;
    return placement;
  }

  /** Writes a row's times from BigInts (for spans an importer decoded the generic way). */
  setTimes(row: number, start: bigint, end: bigint): void {
    this.startSec[row] = Number(start / BIG_NS_PER_SECOND);
    this.startNs[row] = Number(start % BIG_NS_PER_SECOND);
    this.endSec[row] = Number(end / BIG_NS_PER_SECOND);
    this.endNs[row] = Number(end % BIG_NS_PER_SECOND);
  }

  private grow(): void {
    const size = Math.max(16, this.idHi.length * 2);
    this.idHi = grown(this.idHi, new Uint32Array(size));
    this.idLo = grown(this.idLo, new Uint32Array(size));
    this.parentHi = grown(this.parentHi, new Uint32Array(size));
    this.parentLo = grown(this.parentLo, new Uint32Array(size));
    this.hasParent = grown(this.hasParent, new Uint8Array(size));
    this.startSec = grown(this.startSec, new Float64Array(size));
    this.startNs = grown(this.startNs, new Int32Array(size));
    this.endSec = grown(this.endSec, new Float64Array(size));
    this.endNs = grown(this.endNs, new Int32Array(size));
    this.kind = grown(this.kind, new Uint8Array(size));
    this.flags = grown(this.flags, new Uint32Array(size));
    this.droppedAttributes = grown(this.droppedAttributes, new Uint32Array(size));
    this.droppedEvents = grown(this.droppedEvents, new Uint32Array(size));
    this.droppedLinks = grown(this.droppedLinks, new Uint32Array(size));
    this.attrRef = grown(this.attrRef, new Uint32Array(size));
    this.attrCount = grown(this.attrCount, new Uint32Array(size));
  }
}

function grown<T extends Uint32Array | Uint8Array | Float64Array | Int32Array>(old: T, into: T): T {
  into.set(old);
  return into;
}

/** seconds·10^9 + ns as a BigInt, exactly. */
function exactNs(seconds: number, ns: number): bigint {
  return seconds * NS_PER_SECOND + ns <= Number.MAX_SAFE_INTEGER
    ? BigInt(seconds * NS_PER_SECOND + ns)
    : BigInt(seconds) * BIG_NS_PER_SECOND + BigInt(ns);
}
