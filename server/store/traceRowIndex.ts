/**
 * Where the `traces` row of a trace key sits, kept in memory instead of an index in DuckDB.
 *
 * `traces` had a PRIMARY KEY on trace_key (an ART index). At 20M spans (2.5M traces) DuckDB
 * rewrote that index on every checkpoint: a checkpoint after 330k new spans took 1.2 s with it
 * and 0.4 s without (the WAL replay of the same data), and each batch's new rows paid ~1 µs per
 * index insert on the JS thread. Without the index, `traces` rows are appended in sid order,
 * so `first_sid` grows with row position and DuckDB's zone maps find a row from a narrow
 * first_sid range: this index maps each key to the sid bucket(s) of its row's first_sid.
 *
 * Layout: open addressing with linear probing over two Uint32Arrays (8 bytes a slot, at most
 * 3/4 full: ~32 MB for 2.5M traces). A slot holds a 32-bit fingerprint of the key (which also
 * picks the home slot) and `bucket + 2` (0 = empty, 1 = removed). Keys are not stored: two keys
 * may share a fingerprint, and a key may hold several buckets (a row inserted by a later part
 * when the first one's row was gone, or moved by retention). Both only widen what SQL scans,
 * since every query also compares trace_key; what matters is that no bucket of a stored row is
 * ever missing (see `add` callers in ingest.ts and retention).
 */
import { traceKey } from './traceKey';

/** Sids per bucket (2^12): a bucket's rows are one short zone-map range of `traces`. */
export const SID_BUCKET_BITS = 12n;

const EMPTY = 0;
const REMOVED = 1;
const MIN_CAPACITY = 1 << 16;

/**
 * A `traces` filter that finds a key's rows. The values are bigints written as literals (no
 * quoting needed), so a lookup is one query without a prepare step.
 */
export type TraceRowFilter = string;

/** What readers need to find a trace's row (SpanStore hands its index out as this). */
export interface TraceRowLocator {
  /** The filter on `traces` for the trace's row, or null when no row can exist. */
  rowFilter(traceId: string): TraceRowFilter | null;
}

const KEY = new BigInt64Array(1);
const HALVES = new Uint32Array(KEY.buffer);

/** 32-bit fingerprint of a (hashed) trace key; never 0 (0 means empty). */
function fingerprintOf(key: bigint): number {
  KEY[0] = key;
  const fp = (HALVES[0]! ^ Math.imul(HALVES[1]!, 0x9e3779b1)) >>> 0;
  return fp === 0 ? 1 : fp;
}

export function bucketOf(sid: bigint): number {
  return Number(sid >> SID_BUCKET_BITS);
}

export class TraceRowIndex implements TraceRowLocator {
  private fingerprints: Uint32Array;
  private buckets: Uint32Array;
  private mask: number;
  /** Slots in use (entries plus removed markers): what the load limit counts. */
  private used = 0;
  /** Live entries. */
  size = 0;

  constructor(expectedEntries = 0) {
    let capacity = MIN_CAPACITY;
    while (capacity * 0.75 < expectedEntries) capacity *= 2;
    this.fingerprints = new Uint32Array(capacity);
    this.buckets = new Uint32Array(capacity);
    this.mask = capacity - 1;
  }

  /**
   * Records that a row of `key` may have first_sid `sid`. Returns whether the key had an entry
   * before (false: no row of it can exist yet).
   */
  add(key: bigint, sid: bigint): boolean {
    const fp = fingerprintOf(key);
    const value = bucketOf(sid) + 2;
    let known = false;
    let free = -1;
    let i = fp & this.mask;
    for (; ; i = (i + 1) & this.mask) {
      const f = this.fingerprints[i]!;
      if (f === EMPTY) break;
      const b = this.buckets[i]!;
      if (b === REMOVED) {
        if (free < 0) free = i;
      } else if (f === fp) {
        if (b === value) return true;
        known = true;
      }
    }
    if (free < 0) {
      free = i;
      this.used++;
    }
    this.fingerprints[free] = fp;
    this.buckets[free] = value;
    this.size++;
    if (this.used > this.mask * 0.75) this.rehash(this.size * 2 > this.mask ? (this.mask + 1) * 2 : this.mask + 1);
    return known;
  }

  /** Forgets one (key, first_sid) entry: its row was deleted or moved. */
  remove(key: bigint, sid: bigint): void {
    const fp = fingerprintOf(key);
    const value = bucketOf(sid) + 2;
    for (let i = fp & this.mask; ; i = (i + 1) & this.mask) {
      const f = this.fingerprints[i]!;
      if (f === EMPTY) return;
      if (f === fp && this.buckets[i] === value) {
        this.buckets[i] = REMOVED;
        this.size--;
        return;
      }
    }
  }

  /** The sid buckets a row of `key` may be in. */
  bucketsOf(key: bigint): number[] {
    const fp = fingerprintOf(key);
    const out: number[] = [];
    for (let i = fp & this.mask; ; i = (i + 1) & this.mask) {
      const f = this.fingerprints[i]!;
      if (f === EMPTY) return out;
      const b = this.buckets[i]!;
      if (f === fp && b !== REMOVED) out.push(b - 2);
    }
  }

  /** first_sid bounds covering every row of these keys, or null when none can exist. */
  sidRange(keys: Iterable<bigint>): { lo: bigint; hi: bigint } | null {
    let lo = Infinity;
    let hi = -Infinity;
    for (const key of keys) {
      for (const b of this.bucketsOf(key)) {
        if (b < lo) lo = b;
        if (b > hi) hi = b;
      }
    }
    if (lo > hi) return null;
    return { lo: BigInt(lo) << SID_BUCKET_BITS, hi: ((BigInt(hi) + 1n) << SID_BUCKET_BITS) - 1n };
  }

  rowFilter(traceId: string): TraceRowFilter | null {
    const key = traceKey(traceId);
    const buckets = this.bucketsOf(key);
    if (buckets.length === 0) return null;
    const ranges = buckets.map((b) => `first_sid BETWEEN ${BigInt(b) << SID_BUCKET_BITS} AND ${((BigInt(b) + 1n) << SID_BUCKET_BITS) - 1n}`);
    return `trace_key = ${key} AND (${ranges.join(' OR ')})`;
  }

  private rehash(capacity: number): void {
    const { fingerprints, buckets } = this;
    this.fingerprints = new Uint32Array(capacity);
    this.buckets = new Uint32Array(capacity);
    this.mask = capacity - 1;
    this.used = 0;
    for (let j = 0; j < fingerprints.length; j++) {
      const b = buckets[j]!;
      if (fingerprints[j] === EMPTY || b === REMOVED) continue;
      let i = fingerprints[j]! & this.mask;
      while (this.fingerprints[i] !== EMPTY) i = (i + 1) & this.mask;
      this.fingerprints[i] = fingerprints[j]!;
      this.buckets[i] = b;
      this.used++;
    }
  }
}
