/**
 * Attribute lists of `streamingDecoder`'s fast path: `{"key":…,"value":{scalar}}` KeyValues,
 * read in one pass, with a cache that makes a repeated (key, value) pair one shared frozen
 * Attribute.
 *
 * Why one pass: most attributes repeat (`http.method=GET`), so the cost that matters is that
 * of a cache hit. The key and value bytes are hashed while the KeyValue is checked, and a hit
 * compares them with the cached pair's bytes: nothing is allocated and no string is made.
 */
import type { Attribute, AttributeValue } from '../../model/types';
import {
  TAG_DOUBLE,
  TAG_FALSE,
  TAG_INT32,
  TAG_INT_TEXT,
  TAG_STRING_ASCII,
  TAG_STRING_UTF8,
  TAG_TRUE,
  type PackedAttributes,
} from '../../model/packedAttributes';
import { K_BOOL_VALUE, K_DOUBLE_VALUE, K_INT_VALUE, K_STRING_VALUE, isKey } from './fastMemberKeys';
import { FastScalarReader, MAX_INTERNED, asciiString, endsNumber, hashStep } from './fastScalarReader';
import { FALSE_VALUE, NO_ATTRIBUTES, TRUE_VALUE } from './sharedValues';

/** Value kinds (also mixed into the cache hash). */
const T_STRING = 1;
const T_INT = 2;
const T_DOUBLE = 3;
const T_BOOL = 4;
/** A string value with escapes: `kvEscaped` holds it. */
const T_ESCAPED_STRING = 5;

const CACHE_SLOTS = 1 << 14;
const CACHE_MASK = CACHE_SLOTS - 1;
/** Key plus value bytes of a cached pair: longer ones are not cached (they rarely repeat). */
const MAX_PAIR_BYTES = 96;

const decoder = new TextDecoder();

export class FastAttributeReader extends FastScalarReader {
  // Direct-mapped cache (a miss replaces the slot) of frozen Attributes by their key and value
  // bytes. The bytes live in one flat pool (slot × MAX_PAIR_BYTES): a typed array per entry
  // would be a million small objects for the garbage collector at 1M spans.
  private readonly pairHash = new Int32Array(CACHE_SLOTS);
  /** Key length × 256 + value length + type × 65536; 0 = slot empty. */
  private readonly pairShape = new Int32Array(CACHE_SLOTS);
  private readonly pairPool = new Uint8Array(CACHE_SLOTS * MAX_PAIR_BYTES);
  private readonly pairAttr: (Attribute | undefined)[] = new Array<Attribute | undefined>(CACHE_SLOTS).fill(undefined);
  /** 1 once the slot's Attribute was handed out twice, and so frozen. */
  private readonly pairFrozen = new Uint8Array(CACHE_SLOTS);
  /** Interned keys by hash (keys repeat on every span). */
  private readonly keyHash = new Int32Array(CACHE_SLOTS);
  private readonly keyStr: string[] = new Array<string>(CACHE_SLOTS).fill('');
  /**
   * What `scanKeyValue` read: the key's bytes and hash, the value's (or an escaped string's
   * text). The value's hash is a string's (`scanString` makes it anyway), else 0.
   */
  private kvKeyFrom = 0;
  private kvKeyTo = 0;
  private kvKeyHash = 0;
  private kvValueFrom = 0;
  private kvValueTo = 0;
  private kvValueHash = 0;
  private kvEscaped = '';
  /** Key ids in `idOwner` by hash, as the interned keys are cached. */
  private idOwner: PackedAttributes | null = null;
  private readonly idKeyHash = new Int32Array(CACHE_SLOTS);
  private readonly idKeyStr: string[] = new Array<string>(CACHE_SLOTS).fill('');
  private readonly idKeyId = new Int32Array(CACHE_SLOTS);
  /** Attributes being collected (events nest inside spans, so lists stack up here). */
  private readonly scratch: Attribute[] = [];

  /** `[KeyValue, …]`; null when any entry is not the common shape. */
  protected fastAttributes(): readonly Attribute[] | null {
    const b = this.b;
    if (b[this.p] !== 91) return null;
    let p = this.ws(this.p + 1);
    if (b[p] === 93) {
      this.p = p + 1;
      return NO_ATTRIBUTES;
    }
    // Collected in a reused scratch array, then copied at its exact size: a list grown by
    // `push` keeps room for 16 entries, which at 1M spans is ~100 MB of empty slots.
    const scratch = this.scratch;
    const from = scratch.length;
    for (;;) {
      this.p = p;
      const attribute = this.keyValue();
      if (attribute === null) break;
      scratch.push(attribute);
      p = this.ws(this.p);
      const c = b[p];
      if (c === 93) {
        this.p = p + 1;
        const list = exactCopy(scratch, from);
        scratch.length = from;
        return list;
      }
      if (c !== 44) break;
      p = this.ws(p + 1);
    }
    scratch.length = from;
    return null;
  }

  /**
   * `[KeyValue, …]` written to a list opened in `packed` (see packedAttributes.ts), not made
   * into objects; false when any entry is not the common shape, or a key cannot have an id
   * (the caller then reads the list with `fastAttributes`). The caller keeps the list.
   */
  protected packAttributes(packed: PackedAttributes): boolean {
    packed.openList();
    const b = this.b;
    if (b[this.p] !== 91) return false;
    let p = this.ws(this.p + 1);
    if (b[p] === 93) {
      this.p = p + 1;
      return true;
    }
    for (;;) {
      this.p = p;
      if (!this.packKeyValue(packed)) return false;
      p = this.ws(this.p);
      const c = b[p];
      if (c === 93) {
        this.p = p + 1;
        return true;
      }
      if (c !== 44) return false;
      p = this.ws(p + 1);
    }
  }

  /** One KeyValue (as `keyValue` reads it) written to the list open in `list`. */
  private packKeyValue(list: PackedAttributes): boolean {
    const type = this.scanKeyValue();
    if (type === 0) return false;
    const keyId = this.packedKeyId(list);
    if (keyId < 0) return false;
    const b = this.b;
    const from = this.kvValueFrom;
    const to = this.kvValueTo;
    if (type === T_STRING) {
      list.begin(keyId, this.sNonAscii ? TAG_STRING_UTF8 : TAG_STRING_ASCII, to - from + 5);
      list.stringBytes(b, from, to);
    } else if (type === T_ESCAPED_STRING) {
      const text = this.kvEscaped;
      if (!isWellFormed(text)) return false; // UTF-8 has no lone surrogates: keep it as a string
      list.begin(keyId, TAG_STRING_UTF8, text.length * 3 + 5);
      list.string(text);
    } else if (type === T_INT) {
      const small = int32At(b, from, to);
      if (small === null) {
        list.begin(keyId, TAG_INT_TEXT, to - from + 1);
        list.intText(b, from, to);
      } else {
        list.begin(keyId, TAG_INT32, 4);
        list.int32(small);
      }
    } else if (type === T_DOUBLE) {
      list.begin(keyId, TAG_DOUBLE, 8);
      list.double(doubleAt(b, from, to));
    } else {
      list.begin(keyId, b[from] === 116 ? TAG_TRUE : TAG_FALSE, 0);
    }
    return true;
  }

  /** The id in `packed` of the key `scanKeyValue` read; -1 when it cannot have one. */
  private packedKeyId(packed: PackedAttributes): number {
    if (packed !== this.idOwner) {
      this.idOwner = packed;
      this.idKeyStr.fill('');
    }
    const b = this.b;
    const from = this.kvKeyFrom;
    const length = this.kvKeyTo - from;
    const hash = this.kvKeyHash;
    const slot = (hash ^ (hash >>> 14) ^ length) & CACHE_MASK;
    const cached = this.idKeyStr[slot] as string;
    if (this.idKeyHash[slot] === hash && cached.length === length && length > 0 && sameBytesAscii(cached, b, from)) return this.idKeyId[slot] as number;
    const key = asciiString(b, from, length);
    const id = packed.keyId(key);
    if (id < 0) return -1;
    this.idKeyHash[slot] = hash;
    this.idKeyStr[slot] = key;
    this.idKeyId[slot] = id;
    return id;
  }

  /** `{"key":"…","value":{"<type>Value":scalar}}`, members in that order; null otherwise. */
  private keyValue(): Attribute | null {
    const type = this.scanKeyValue();
    if (type === 0) return null;
    const keyFrom = this.kvKeyFrom;
    const keyTo = this.kvKeyTo;
    const keyHash = this.kvKeyHash;
    if (type === T_ESCAPED_STRING) {
      // Not cached: such values rarely repeat.
      return { key: this.keyString(keyFrom, keyTo, keyHash), value: { type: 'string', value: this.kvEscaped } };
    }
    const b = this.b;
    const valueFrom = this.kvValueFrom;
    const valueTo = this.kvValueTo;
    let valueHash = this.kvValueHash;
    if (type === T_DOUBLE || type === T_BOOL) for (let i = valueFrom; i < valueTo; i++) valueHash = hashStep(valueHash, b[i] as number);
    const keyLength = keyTo - keyFrom;
    const valueLength = valueTo - valueFrom;
    if (keyLength + valueLength > MAX_PAIR_BYTES) {
      return { key: this.keyString(keyFrom, keyTo, keyHash), value: this.makeValue(type, valueFrom, valueTo) };
    }
    const hash = Math.imul(keyHash ^ Math.imul(valueHash, 0x9e3779b1), 0x85ebca6b) ^ type;
    const slot = (hash ^ (hash >>> 15)) & CACHE_MASK;
    const shape = (type << 16) | (keyLength << 8) | valueLength;
    if (this.pairHash[slot] === hash && this.pairShape[slot] === shape) {
      const pool = this.pairPool;
      const at = slot * MAX_PAIR_BYTES;
      let k = 0;
      while (k < keyLength && pool[at + k] === b[keyFrom + k]) k++;
      if (k === keyLength) {
        const valueAt = at + keyLength - valueFrom;
        k = valueFrom;
        while (k < valueTo && pool[valueAt + k] === b[k]) k++;
        if (k === valueTo) return this.shared(slot);
      }
    }
    const made: Attribute = { key: this.keyString(keyFrom, keyTo, keyHash), value: this.makeValue(type, valueFrom, valueTo) };
    const pool = this.pairPool;
    const at = slot * MAX_PAIR_BYTES;
    for (let k = 0; k < keyLength; k++) pool[at + k] = b[keyFrom + k] as number;
    for (let k = 0; k < valueLength; k++) pool[at + keyLength + k] = b[valueFrom + k] as number;
    this.pairHash[slot] = hash;
    this.pairShape[slot] = shape;
    this.pairAttr[slot] = made;
    this.pairFrozen[slot] = 0;
    return made;
  }

  /**
   * Reads the KeyValue at `p` — `{"key":"…","value":{"<type>Value":scalar}}`, members in that
   * order — into the `kv…` fields, leaving `p` after it; its T_ type, or 0 when it is not that
   * shape. A string value's `sNonAscii` is left set.
   */
  private scanKeyValue(): number {
    const b = this.b;
    let p = this.p;
    if (b[p] !== 123) return 0;
    p = this.ws(p + 1);
    // "key"
    if (b[p] !== 34 || b[p + 1] !== 107 || b[p + 2] !== 101 || b[p + 3] !== 121 || b[p + 4] !== 34) return 0;
    p = this.ws(p + 5);
    if (b[p] !== 58) return 0;
    this.p = this.ws(p + 1);
    const keyFrom = this.scanString();
    if (keyFrom < 0 || this.sNonAscii) return 0;
    this.kvKeyFrom = keyFrom;
    this.kvKeyTo = this.sEnd;
    this.kvKeyHash = this.sHash;
    p = this.ws(this.p);
    if (b[p] !== 44) return 0;
    p = this.ws(p + 1);
    // "value"
    if (b[p] !== 34 || b[p + 1] !== 118 || b[p + 2] !== 97 || b[p + 3] !== 108 || b[p + 4] !== 117 || b[p + 5] !== 101 || b[p + 6] !== 34) return 0;
    p = this.ws(p + 7);
    if (b[p] !== 58) return 0;
    p = this.ws(p + 1);
    if (b[p] !== 123) return 0;
    p = this.ws(p + 1);
    // The value's member name: stringValue, intValue, doubleValue or boolValue.
    if (b[p] !== 34) return 0;
    const first = b[p + 1];
    const nameLength = first === 115 || first === 100 ? 11 : first === 105 ? 8 : first === 98 ? 9 : 0;
    if (nameLength === 0 || b[p + nameLength + 1] !== 34 || !isValueName(b, p + 1, nameLength)) return 0;
    let type = first === 115 ? T_STRING : first === 105 ? T_INT : first === 100 ? T_DOUBLE : T_BOOL;
    p = this.ws(p + nameLength + 2);
    if (b[p] !== 58) return 0;
    p = this.ws(p + 1);
    // The scalar: `kvValueFrom..kvValueTo` are its bytes (quotes excluded).
    if (type === T_STRING || type === T_INT) {
      this.p = p;
      const valueFrom = this.scanString();
      if (valueFrom === -2 && type === T_STRING) {
        const text = this.escapedString();
        if (text === null) return 0;
        this.kvEscaped = text;
        type = T_ESCAPED_STRING;
      } else {
        if (valueFrom < 0) return 0;
        this.kvValueFrom = valueFrom;
        this.kvValueTo = this.sEnd;
        this.kvValueHash = this.sHash;
        if (type === T_INT && !isIntegerDigits(b, valueFrom, this.sEnd)) return 0;
      }
      p = this.p;
    } else {
      const valueFrom = p;
      const c = b[p];
      if (type === T_BOOL) {
        if (c === 116 && b[p + 1] === 114 && b[p + 2] === 117 && b[p + 3] === 101) p += 4;
        else if (c === 102 && b[p + 1] === 97 && b[p + 2] === 108 && b[p + 3] === 115 && b[p + 4] === 101) p += 5;
        else return 0;
      } else {
        p = numberEnd(b, p, this.e);
        if (p < 0) return 0;
      }
      this.kvValueFrom = valueFrom;
      this.kvValueTo = p;
      this.kvValueHash = 0; // only `keyValue` needs it: computed there
    }
    p = this.ws(p);
    if (b[p] !== 125) return 0;
    p = this.ws(p + 1);
    if (b[p] !== 125) return 0;
    this.p = p + 1;
    return type;
  }

  /**
   * The cached Attribute of `slot`, frozen now that a second span shares it. Freezing waits
   * for that: many values (IDs, amounts) are seen once, and an unshared Attribute needs no
   * more freezing than the generic path's, which freezes none.
   */
  private shared(slot: number): Attribute {
    const attribute = this.pairAttr[slot] as Attribute;
    if (this.pairFrozen[slot] === 0) {
      Object.freeze(attribute.value);
      Object.freeze(attribute);
      this.pairFrozen[slot] = 1;
    }
    return attribute;
  }

  /** The key `b[from..to)` (ASCII), interned. */
  private keyString(from: number, to: number, hash: number): string {
    const length = to - from;
    if (length > MAX_INTERNED) return asciiString(this.b, from, length);
    const slot = (hash ^ (hash >>> 14) ^ length) & CACHE_MASK;
    const cached = this.keyStr[slot] as string;
    if (this.keyHash[slot] === hash && cached.length === length && sameBytesAscii(cached, this.b, from)) return cached;
    const made = asciiString(this.b, from, length);
    this.keyHash[slot] = hash;
    this.keyStr[slot] = made;
    return made;
  }

  /** The AttributeValue of scalar bytes the caller checked; `sNonAscii` describes a string's. */
  private makeValue(type: number, from: number, to: number): AttributeValue {
    const b = this.b;
    if (type === T_BOOL) return b[from] === 116 ? TRUE_VALUE : FALSE_VALUE;
    if (type === T_STRING) return { type: 'string', value: this.stringAt(from, to) };
    if (type === T_INT) return { type: 'int', value: intAt(b, from, to) };
    return { type: 'double', value: doubleAt(b, from, to) };
  }
}

/**
 * `list.slice(from)`, but up to 6 entries as an array literal: one allocation of exactly that
 * size, which took about half the time of the `slice` in a profile of the bench trace.
 */
function exactCopy(list: readonly Attribute[], from: number): Attribute[] {
  const a = list as Attribute[];
  switch (list.length - from) {
    case 1: return [a[from] as Attribute];
    case 2: return [a[from] as Attribute, a[from + 1] as Attribute];
    case 3: return [a[from] as Attribute, a[from + 1] as Attribute, a[from + 2] as Attribute];
    case 4: return [a[from] as Attribute, a[from + 1] as Attribute, a[from + 2] as Attribute, a[from + 3] as Attribute];
    case 5: return [a[from] as Attribute, a[from + 1] as Attribute, a[from + 2] as Attribute, a[from + 3] as Attribute, a[from + 4] as Attribute];
    case 6: return [a[from] as Attribute, a[from + 1] as Attribute, a[from + 2] as Attribute, a[from + 3] as Attribute, a[from + 4] as Attribute, a[from + 5] as Attribute];
    default: return a.slice(from);
  }
}

/**
 * The int64 of `-?[0-9]{1,20}` bytes, exact as the generic path's `decimalToBigInt`: up to 15
 * digits through an exact double, longer ones through the text.
 */
function intAt(b: Uint8Array, from: number, to: number): bigint {
  const negative = b[from] === 45;
  const digitsFrom = negative ? from + 1 : from;
  if (to - digitsFrom > 15) return BigInt(decoder.decode(b.subarray(from, to)));
  let n = 0;
  for (let i = digitsFrom; i < to; i++) n = n * 10 + ((b[i] as number) - 48);
  return BigInt(negative ? -n : n);
}

/** The int32 of `-?[0-9]+` bytes (checked), or null when it does not fit one. */
function int32At(b: Uint8Array, from: number, to: number): number | null {
  const negative = b[from] === 45;
  const digitsFrom = negative ? from + 1 : from;
  let first = digitsFrom;
  while (first < to - 1 && b[first] === 48) first++; // leading zeros
  if (to - first > 10) return null;
  let n = 0;
  for (let i = first; i < to; i++) n = n * 10 + ((b[i] as number) - 48);
  if (negative) n = -n;
  return n >= -2147483648 && n <= 2147483647 ? n : null;
}

/**
 * The double of JSON number bytes (grammar checked), exactly as `JSON.parse` gives it: up to
 * 15 significant digits and 22 decimals directly (both operands are exact doubles and the
 * division rounds once), anything else (exponents, long mantissas) through `Number` of the text.
 */
function doubleAt(b: Uint8Array, from: number, to: number): number {
  const negative = b[from] === 45;
  let mantissa = 0;
  let digits = 0;
  let scale = 0;
  for (let i = negative ? from + 1 : from; i < to; i++) {
    const c = b[i] as number;
    if (c === 46) {
      scale = to - i - 1;
      continue;
    }
    if (c < 48 || c > 57) return Number(decoder.decode(b.subarray(from, to))); // an exponent
    mantissa = mantissa * 10 + (c - 48);
    digits++;
  }
  if (digits > 15 || scale > 22) return Number(decoder.decode(b.subarray(from, to)));
  const value = scale === 0 ? mantissa : mantissa / (POWERS_OF_TEN[scale] as number);
  return negative ? -value : value;
}

const POWERS_OF_TEN: readonly number[] = Array.from({ length: 23 }, (_, k) => 10 ** k);

/** Whether `b[at..at + length)` is `stringValue`, `intValue`, `doubleValue` or `boolValue`. */
function isValueName(b: Uint8Array, at: number, length: number): boolean {
  const id = length === 8 ? K_INT_VALUE : length === 9 ? K_BOOL_VALUE : b[at] === 115 ? K_STRING_VALUE : K_DOUBLE_VALUE;
  return isKey(id, b, at);
}

/** Whether `text` has no lone surrogate (`\ud800` alone is valid JSON, but not UTF-8). */
function isWellFormed(text: string): boolean {
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c > 0xdbff) return false;
    const next = text.charCodeAt(k + 1);
    if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
    k++;
  }
  return true;
}

function sameBytesAscii(text: string, b: Uint8Array, at: number): boolean {
  for (let k = 0; k < text.length; k++) if (b[at + k] !== text.charCodeAt(k)) return false;
  return true;
}

/** `-?[0-9]{1,20}`: what the generic path's `isIntegerText` accepts. */
function isIntegerDigits(b: Uint8Array, from: number, to: number): boolean {
  let i = from < to && b[from] === 45 ? from + 1 : from;
  if (i === to || to - i > 20) return false;
  for (; i < to; i++) {
    const c = b[i] as number;
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * The end of a JSON number at `p`, strictly per the grammar
 * `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`; -1 when it is not one.
 */
function numberEnd(b: Uint8Array, p: number, e: number): number {
  if (b[p] === 45) p++;
  if (b[p] === 48) p++;
  else if (isDigit(b[p])) while (isDigit(b[p])) p++;
  else return -1;
  if (b[p] === 46) {
    p++;
    if (!isDigit(b[p])) return -1;
    while (isDigit(b[p])) p++;
  }
  if (b[p] === 101 || b[p] === 69) {
    p++;
    if (b[p] === 43 || b[p] === 45) p++;
    if (!isDigit(b[p])) return -1;
    while (isDigit(b[p])) p++;
  }
  return p < e && endsNumber(b[p]) ? p : -1;
}

function isDigit(c: number | undefined): boolean {
  return c !== undefined && c >= 48 && c <= 57;
}
