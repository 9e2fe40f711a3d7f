/**
 * Attribute lists of `streamingDecoder`'s fast path: KeyValues and scalar AnyValues, with the
 * caches that make repeated attributes and values one shared frozen object.
 */
import type { Attribute, AttributeValue } from '../../model/types';
import { K_BOOL_VALUE, K_DOUBLE_VALUE, K_INT_VALUE, K_KEY, K_STRING_VALUE, K_VALUE } from './fastMemberKeys';
import { FastScalarReader } from './fastScalarReader';
import { FALSE_VALUE, NO_ATTRIBUTES, TRUE_VALUE } from './sharedValues';

/** A KeyValue longer than this (bytes) is not looked up in the cache: it is unlikely to repeat. */
const MAX_CACHED_KEY_VALUE = 160;

/** Attribute value kinds in the value cache (0 = slot empty). */
const T_STRING = 1;
const T_INT = 2;
const T_DOUBLE = 3;

const CACHE_SLOTS = 1 << 13;
const CACHE_MASK = CACHE_SLOTS - 1;

export class FastAttributeReader extends FastScalarReader {
  // Direct-mapped caches (a miss replaces the slot): scalar value → AttributeValue, and
  // (key, value) → Attribute. Identity of interned strings stands for their content.
  private readonly valueTok: string[] = new Array<string>(CACHE_SLOTS).fill('');
  private readonly valueType = new Uint8Array(CACHE_SLOTS);
  private readonly valueObj: (AttributeValue | undefined)[] = new Array<AttributeValue | undefined>(CACHE_SLOTS).fill(undefined);
  private readonly attrKey: string[] = new Array<string>(CACHE_SLOTS).fill('');
  private readonly attrValue: (AttributeValue | undefined)[] = new Array<AttributeValue | undefined>(CACHE_SLOTS).fill(undefined);
  private readonly attrObj: (Attribute | undefined)[] = new Array<Attribute | undefined>(CACHE_SLOTS).fill(undefined);
  /** Hash of the last value `fastAnyValue` read; -1 when it must not be cached. */
  private valueHash = 0;
  // Whole KeyValues by their raw bytes: a hit skips parsing the attribute altogether. The
  // bytes live in one flat pool (slot × MAX_CACHED_KEY_VALUE): a `slice` per miss was a
  // million small typed arrays at 1M spans, all garbage-collector work. Length 0 = slot empty.
  private readonly kvHash = new Int32Array(CACHE_SLOTS);
  private readonly kvLength = new Int32Array(CACHE_SLOTS);
  private readonly kvPool = new Uint8Array(CACHE_SLOTS * MAX_CACHED_KEY_VALUE);
  private readonly kvAttr: Attribute[] = new Array<Attribute>(CACHE_SLOTS);
  /** Attributes being collected (events nest inside spans, so lists stack up here). */
  private readonly scratch: Attribute[] = [];
  /** Hash computed by `scanKeyValueExtent`. */
  private extentHash = 0;
  /** Whether the last `fastKeyValue` result is a shared (frozen, cacheable) attribute. */
  private lastShared = false;

  protected fastAttributes(): readonly Attribute[] | null {
    const r = this.r;
    if (r.peek() !== 91) return null;
    r.pos++;
    // Collected in a reused scratch array, then copied at its exact size: a list grown by
    // `push` keeps room for 16 entries, which at 1M spans is ~100 MB of empty slots.
    const scratch = this.scratch;
    const from = scratch.length;
    for (let first = true; r.nextElement(first); first = false) {
      const attribute = this.cachedKeyValue();
      if (attribute === null) {
        scratch.length = from;
        return null;
      }
      scratch.push(attribute);
    }
    if (scratch.length === from) return NO_ATTRIBUTES;
    const list = scratch.slice(from);
    scratch.length = from;
    return list;
  }

  /**
   * A KeyValue whose exact bytes were seen recently is the same frozen Attribute: most
   * attributes repeat (`http.method=GET`), and matching bytes is cheaper than parsing them.
   */
  private cachedKeyValue(): Attribute | null {
    const r = this.r;
    if (r.peek() !== 123) return null;
    const startAbs = r.base + r.pos;
    const length = this.scanKeyValueExtent();
    const slot = this.extentHash & CACHE_MASK;
    if (length > 0 && this.kvLength[slot] === length && this.kvHash[slot] === this.extentHash) {
      if (sameBytes(this.kvPool, slot * MAX_CACHED_KEY_VALUE, length, r.buf, startAbs - r.base)) return this.kvAttr[slot] as Attribute;
    }
    r.pos = startAbs - r.base;
    const made = this.fastKeyValue();
    if (made !== null && length > 0 && this.lastShared) {
      const at = startAbs - r.base;
      this.kvHash[slot] = this.extentHash;
      this.kvLength[slot] = length;
      copyBytes(r.buf, at, length, this.kvPool, slot * MAX_CACHED_KEY_VALUE);
      this.kvAttr[slot] = made;
    }
    return made;
  }

  /**
   * From a `{`, the byte length of the object (strings skipped, brackets balanced) and a hash
   * of it in `extentHash`; -1 when it has escapes, is long, or the input ends. Only used to key
   * the cache: a miss re-reads the bytes with the real parser, which checks the syntax.
   */
  private scanKeyValueExtent(): number {
    const r = this.r;
    const startAbs = r.base + r.pos;
    let i = r.pos;
    let depth = 0;
    let inString = false;
    for (;;) {
      // One bound per chunk (its end or the length cap), not two per byte.
      const buf = r.buf;
      const capAt = startAbs - r.base + MAX_CACHED_KEY_VALUE;
      const stop = capAt < r.end ? capAt : r.end;
      while (i < stop) {
        // Most bytes are inside strings: a tight loop to the closing quote there.
        if (inString) {
          while (i < stop && buf[i] !== 34 && buf[i] !== 92) i++;
          if (i === stop) break;
          if (buf[i] === 92) return -1;
          inString = false;
          i++;
          continue;
        }
        const c = buf[i] as number;
        i++;
        if (c === 34) {
          inString = true;
        } else if (c === 123 || c === 91) {
          depth++;
        } else if ((c === 125 || c === 93) && --depth === 0) {
          r.pos = i;
          const length = r.base + i - startAbs;
          this.extentHash = sampledHash(buf, i - length, length);
          return length;
        }
      }
      if (stop === capAt) return -1;
      r.pos = i;
      if (!r.more()) return -1;
      i = r.pos;
    }
  }

  /** `{"key":…,"value":{scalar}}` in either order; shared when the pair was seen recently. */
  private fastKeyValue(): Attribute | null {
    const r = this.r;
    if (r.peek() !== 123) return null;
    r.pos++;
    let key: string | null = null;
    let keyHash = 0;
    let value: AttributeValue | null = null;
    let valueHash = 0;
    for (let first = true; r.nextMember(first); first = false) {
      const member = this.key();
      if (member === K_KEY) {
        key = this.fastString();
        if (key === null) return null;
        keyHash = r.tokFlags === 0 && r.tokEnd - r.tokStart <= 64 ? r.tokHash : -1;
      } else if (member === K_VALUE) {
        value = this.fastAnyValue();
        if (value === null) return null;
        valueHash = this.valueHash;
      } else {
        return null;
      }
    }
    this.lastShared = false;
    if (key === null || value === null) return null;
    if (keyHash === -1 || valueHash === -1) return { key, value };
    this.lastShared = true;
    const slot = (Math.imul(keyHash, 31) + valueHash) & CACHE_MASK;
    const cached = this.attrObj[slot];
    if (cached !== undefined && this.attrKey[slot] === key && this.attrValue[slot] === value) return cached;
    const made: Attribute = Object.freeze({ key, value });
    this.attrKey[slot] = key;
    this.attrValue[slot] = value;
    this.attrObj[slot] = made;
    return made;
  }

  /** `{"stringValue"|"intValue"|"doubleValue"|"boolValue": scalar}`; sets `valueHash`. */
  private fastAnyValue(): AttributeValue | null {
    const r = this.r;
    if (r.peek() !== 123) return null;
    r.pos++;
    if (!r.nextMember(true)) return null;
    const member = this.key();
    let value: AttributeValue | null = null;
    const c = r.peek();
    if (member === K_STRING_VALUE && c === 34) {
      r.scanString();
      value = this.cachedValue(T_STRING, r.string());
    } else if (member === K_INT_VALUE && c === 34) {
      r.scanString();
      if (!isDigits(r.buf, r.tokStart, r.tokEnd) || r.tokFlags !== 0) return null;
      value = this.cachedValue(T_INT, r.string());
    } else if (member === K_DOUBLE_VALUE && (c === 45 || (c >= 48 && c <= 57))) {
      r.scanNumber();
      value = this.cachedValue(T_DOUBLE, r.numberText());
    } else if (member === K_BOOL_VALUE && (c === 116 || c === 102)) {
      r.literal(c === 116 ? 'true' : 'false');
      value = c === 116 ? TRUE_VALUE : FALSE_VALUE;
      this.valueHash = c;
    }
    if (value === null || r.nextMember(false)) return null;
    return value;
  }

  /** The frozen value for a scalar's text (interned unless long or unusual), shared when cached. */
  private cachedValue(type: number, text: string): AttributeValue {
    const r = this.r;
    if (r.tokFlags !== 0 || r.tokEnd - r.tokStart > 64) {
      this.valueHash = -1;
      return makeValue(type, text);
    }
    const hash = (r.tokHash + type) | 0;
    this.valueHash = hash;
    const slot = hash & CACHE_MASK;
    const cached = this.valueObj[slot];
    if (cached !== undefined && this.valueType[slot] === type && this.valueTok[slot] === text) return cached;
    const made = Object.freeze(makeValue(type, text));
    this.valueType[slot] = type;
    this.valueTok[slot] = text;
    this.valueObj[slot] = made;
    return made;
  }

}

function makeValue(type: number, text: string): AttributeValue {
  if (type === T_STRING) return { type: 'string', value: text };
  if (type === T_INT) return { type: 'int', value: BigInt(text) };
  // The text passed the JSON number grammar, for which `Number` and `JSON.parse` agree.
  return { type: 'double', value: Number(text) };
}

function sameBytes(a: Uint8Array, from: number, length: number, b: Uint8Array, at: number): boolean {
  for (let k = 0; k < length; k++) if (a[from + k] !== b[at + k]) return false;
  return true;
}

/**
 * A hash of a KeyValue's bytes that reads only some of them: its length, the start of the key
 * (after `{"key":"`) and the last 16 bytes (the value's end). A per-byte FNV chain over the
 * whole object cost more than the rest of a cache hit; the hash only picks a slot, and a hit
 * still compares every byte, so pairs that share these samples just share a slot.
 */
function sampledHash(b: Uint8Array, from: number, length: number): number {
  let hash = Math.imul(length, 0x9e3779b1);
  const keyEnd = length < 12 ? length : 12;
  for (let k = 8; k < keyEnd; k++) hash = Math.imul(hash ^ (b[from + k] as number), 16777619);
  for (let k = length < 16 ? 0 : length - 16; k < length; k++) hash = Math.imul(hash ^ (b[from + k] as number), 16777619);
  return hash;
}

/** A loop, not `set(subarray)`: no view object per copy. */
function copyBytes(from: Uint8Array, at: number, length: number, to: Uint8Array, into: number): void {
  for (let k = 0; k < length; k++) to[into + k] = from[at + k] as number;
}

/** `-?[0-9]{1,20}`: what `isIntegerText` accepts. */
function isDigits(b: Uint8Array, from: number, to: number): boolean {
  let i = from < to && b[from] === 45 ? from + 1 : from;
  if (i === to || to - i > 20) return false;
  for (; i < to; i++) {
    const c = b[i] as number;
    if (c < 48 || c > 57) return false;
  }
  return true;
}
