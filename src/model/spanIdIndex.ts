/**
 * Span ID → input index, for tree building at 1M spans.
 *
 * Importers normalise span IDs to 16 lowercase hex characters, i.e. a 64-bit number. For those,
 * an open-addressing table over the two 32-bit halves avoids V8's string hashing, which for
 * freshly parsed ID strings (hash not yet cached) makes a `Map` 2–2.5× slower at 1M spans
 * (measured: build + lookups ≈ 800 ms vs ≈ 330 ms on the dev VM). Any other ID shape falls
 * back to a `Map`, as does a table whose probe chains grow suspiciously long (the hash is
 * seeded per process, so crafted IDs cannot be aimed at it; the cap bounds the worst case).
 *
 * Both give the same answers: two 16-lowercase-hex strings are equal exactly when their
 * 64-bit values are, and a string of any other shape names no span once every span ID is hex.
 */
import type { SpanData } from './types';

export interface SpanIdIndex {
  /** Input index of the first span with this ID, or -1. */
  indexOf(spanId: string): number;
}

/** Past this many probes for one key, the table gives way to a `Map`. */
const MAX_PROBE = 128;

const SEED = (Math.random() * 0x1_0000_0000) | 0;

/** Value of a lowercase hex digit by char code (< 128), -1 for any other character. */
const HEX_DIGIT = new Int8Array(128).fill(-1);
for (let c = 48; c <= 57; c++) HEX_DIGIT[c] = c - 48;
for (let c = 97; c <= 102; c++) HEX_DIGIT[c] = c - 87;

/** Mixes the two halves of a 64-bit ID into a 32-bit hash (murmur3-style finaliser). */
function mix(hi: number, lo: number): number {
  let h = hi ^ SEED;
  h = Math.imul(h ^ (h >>> 16), 0x85eb_ca6b);
  h ^= lo;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2_ae35);
  return h ^ (h >>> 16);
}

class HexIdTable implements SpanIdIndex {
  /** Input index + 1 per slot; 0 = empty. */
  private readonly slots: Int32Array;
  private readonly mask: number;
  /** High and low 32 bits of each span's ID, by input index. */
  private readonly his: Int32Array;
  private readonly los: Int32Array;
  /** Longest probe sequence an insert needed: no lookup has to look further. */
  private maxProbe = 0;
  /** Output of `parse`. */
  private hi = 0;
  private lo = 0;

  constructor(n: number) {
    let size = 16;
    while (size < n * 2) size *= 2; // load factor ≤ 0.5
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    this.his = new Int32Array(n);
    this.los = new Int32Array(n);
  }

  /** Reads 16 lowercase hex digits into `hi`/`lo`; false for anything else. */
  private parse(id: string): boolean {
    if (id.length !== 16) return false;
    // Two loops and a table, not a branch per digit: this runs twice per span at 1M spans.
    let hi = 0;
    for (let k = 0; k < 8; k++) {
      const c = id.charCodeAt(k);
      const v = c < 128 ? (HEX_DIGIT[c] as number) : -1;
      if (v < 0) return false;
      hi = (hi << 4) | v;
    }
    let lo = 0;
    for (let k = 8; k < 16; k++) {
      const c = id.charCodeAt(k);
      const v = c < 128 ? (HEX_DIGIT[c] as number) : -1;
      if (v < 0) return false;
      lo = (lo << 4) | v;
    }
    this.hi = hi;
    this.lo = lo;
    return true;
  }

  /**
   * Adds span `i`; returns the input index of an earlier span with the same ID, `i` when it is
   * the first, -2 when the ID is not 16-hex, -3 when the probe chain is too long.
   */
  insert(i: number, id: string): number {
    return this.parse(id) ? this.insertWords(i, this.hi, this.lo) : -2;
  }

  /** `insert` of an ID given as its two 32-bit halves. */
  insertWords(i: number, hi: number, lo: number): number {
    const { slots, mask, his, los } = this;
    his[i] = hi;
    los[i] = lo;
    let h = mix(hi, lo) & mask;
    for (let probe = 0; probe <= MAX_PROBE; probe++) {
      const s = slots[h] as number;
      if (s === 0) {
        slots[h] = i + 1;
        if (probe > this.maxProbe) this.maxProbe = probe;
        return i;
      }
      if (his[s - 1] === hi && los[s - 1] === lo) return s - 1;
      h = (h + 1) & mask;
    }
    return -3;
  }

  indexOf(spanId: string): number {
    return this.parse(spanId) ? this.indexOfWords(this.hi, this.lo) : -1;
  }

  /** `indexOf` of an ID given as its two 32-bit halves. */
  indexOfWords(hi: number, lo: number): number {
    const { slots, mask, his, los } = this;
    let h = mix(hi, lo) & mask;
    for (let probe = 0; probe <= this.maxProbe; probe++) {
      const s = slots[h] as number;
      if (s === 0) return -1;
      if (his[s - 1] === hi && los[s - 1] === lo) return s - 1;
      h = (h + 1) & mask;
    }
    return -1;
  }
}

class MapIdIndex implements SpanIdIndex {
  constructor(private readonly byId: ReadonlyMap<string, number>) {}

  indexOf(spanId: string): number {
    const i = this.byId.get(spanId);
    return i === undefined ? -1 : i;
  }
}

/**
 * Indexes the span IDs of `spans` and fills `firstOf[i]` with the input index of the first span
 * with the same ID as span `i` (`i` itself for a first occurrence).
 */
export function indexSpanIds(spans: readonly SpanData[], firstOf: Int32Array): SpanIdIndex {
  const n = spans.length;
  const table = new HexIdTable(n);
  let i = 0;
  for (; i < n; i++) {
    const first = table.insert(i, (spans[i] as SpanData).spanId);
    if (first < 0) break;
    firstOf[i] = first;
  }
  if (i === n) return table;

  const byId = new Map<string, number>();
  for (let j = 0; j < n; j++) {
    const id = (spans[j] as SpanData).spanId;
    const first = byId.get(id);
    if (first === undefined) {
      byId.set(id, j);
      firstOf[j] = j;
    } else {
      firstOf[j] = first;
    }
  }
  return new MapIdIndex(byId);
}

/**
 * The 64-bit span IDs of a trace, already split into 32-bit halves by whoever read them as
 * numbers (the skeleton decoder), with the same values as the hex strings of the spans: lets
 * tree building skip parsing two million hex strings at 1M spans.
 */
export interface SpanIdWords {
  readonly idHi: Int32Array | Uint32Array;
  readonly idLo: Int32Array | Uint32Array;
  readonly parentHi: Int32Array | Uint32Array;
  readonly parentLo: Int32Array | Uint32Array;
}

/** A span ID index over ID words, looking parents up by row; null if the table gave up (see MAX_PROBE). */
export interface WordIdIndex extends SpanIdIndex {
  /** Input index of the first span whose ID is span `i`'s parent ID, or -1. */
  parentOf(i: number): number;
}

/** `indexSpanIds` from ID words; null when the hash table gives up, so the caller takes the string path. */
export function indexSpanIdWords(words: SpanIdWords, n: number, firstOf: Int32Array): WordIdIndex | null {
  const table = new HexIdTable(n);
  const { idHi, idLo, parentHi, parentLo } = words;
  for (let i = 0; i < n; i++) {
    const first = table.insertWords(i, idHi[i]! | 0, idLo[i]! | 0);
    if (first < 0) return null;
    firstOf[i] = first;
  }
  return {
    indexOf: (spanId) => table.indexOf(spanId),
    parentOf: (i) => table.indexOfWords(parentHi[i]! | 0, parentLo[i]! | 0),
  };
}

/** Exposed for tests: whether the hex table (rather than the `Map` fallback) was used. */
export function usesHexTable(index: SpanIdIndex): boolean {
  return index instanceof HexIdTable;
}
