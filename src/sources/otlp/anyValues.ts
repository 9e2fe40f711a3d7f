/**
 * OTLP JSON attributes and `AnyValue`s, as every OTLP-shaped format writes them (int64 as
 * strings or numbers, bytes as base64), for decodeResourceSpans.ts. Nesting is bounded, and
 * short repeated strings (keys, common values) are interned.
 */
import type { Attribute, AttributeValue } from '../../model/types';
import { ImportError } from '../importResult';
import type { JsonObject } from './json';
import { isAbsent, isObject, joinPath, nestError, readArray, readString, toDouble, toInt64, typeError } from './json';
import { base64ToBytes } from './otlpIds';
import { EMPTY_VALUE, FALSE_VALUE, NO_ATTRIBUTES, TRUE_VALUE } from './sharedValues';

/** Deeper AnyValue nesting than this is hostile input, not telemetry; stop before the stack does. */
const MAX_VALUE_DEPTH = 64;

export function decodeAttributes(value: unknown, path: string): readonly Attribute[] {
  const list = readArray(value, path);
  if (list === undefined || list.length === 0) return NO_ATTRIBUTES;
  return decodeKeyValues(list, path, 0);
}

function decodeKeyValues(list: readonly unknown[], path: string, depth: number): Attribute[] {
  // Sized up front: one allocation instead of growing from empty.
  const out = new Array<Attribute>(list.length);
  // One try per list, not per entry; the index names the bad entry.
  let i = 0;
  try {
    for (; i < list.length; i++) out[i] = decodeKeyValue(list[i], depth);
  } catch (error) {
    throw nestError(error, `${path}[${i}]`);
  }
  return out;
}

export function decodeKeyValue(raw: unknown, depth: number): Attribute {
  if (!isObject(raw)) throw typeError('', 'KeyValue object', raw);
  return { key: intern(readString(raw.key, 'key')), value: decodeAnyValue(raw.value, depth, 'value') };
}

// Attribute keys and short string values repeat on every span, but `JSON.parse` only shares
// strings of up to ~10 characters: `http.status_code` would otherwise be one string per span
// (~40 bytes each, ~200 MB over 5M attributes). Bounded, so hostile input cannot grow it forever.
const INTERN_MAX_LENGTH = 32;
const INTERN_MAX_SIZE = 20_000;
const interned = new Map<string, string>();

function intern(text: string): string {
  if (text.length > INTERN_MAX_LENGTH) return text;
  const known = interned.get(text);
  if (known !== undefined) return known;
  if (interned.size >= INTERN_MAX_SIZE) interned.clear();
  interned.set(text, text);
  return text;
}

/**
 * `at` is the value's path relative to what the caller reports from, so a KeyValue can name
 * `value.intValue` without a try of its own.
 */
function decodeAnyValue(raw: unknown, depth: number, at: string): AttributeValue {
  if (isAbsent(raw)) return EMPTY_VALUE;
  if (!isObject(raw)) throw typeError(at, 'AnyValue object', raw);
  // Most values are strings: settle those before looking up the other six keys.
  const stringValue = raw.stringValue;
  if (typeof stringValue === 'string') return { type: 'string', value: intern(stringValue) };
  if (!isAbsent(stringValue)) throw typeError(joinPath(at, 'stringValue'), 'string', stringValue);
  return decodeOtherValue(raw, depth, at);
}

function decodeOtherValue(raw: JsonObject, depth: number, at: string): AttributeValue {
  const { intValue, boolValue, doubleValue, arrayValue, kvlistValue, bytesValue } = raw;
  if (!isAbsent(intValue)) return decodeInt(intValue, at);
  if (!isAbsent(boolValue)) return decodeBool(boolValue, at);
  if (!isAbsent(doubleValue)) return decodeDouble(doubleValue, at);
  if (!isAbsent(arrayValue) || !isAbsent(kvlistValue)) {
    if (depth >= MAX_VALUE_DEPTH) throw new ImportError(at, `values nested deeper than ${MAX_VALUE_DEPTH}`);
    return isAbsent(arrayValue) ? decodeKvlist(kvlistValue, depth + 1, at) : decodeArray(arrayValue, depth + 1, at);
  }
  if (!isAbsent(bytesValue)) return decodeBytes(bytesValue, at);
  // No value set, or a kind this decoder does not know (e.g. a future one): OTLP's empty value.
  return EMPTY_VALUE;
}

function decodeInt(value: unknown, at: string): AttributeValue {
  const n = toInt64(value);
  if (n === undefined) throw typeError(joinPath(at, 'intValue'), 'integer', value);
  return { type: 'int', value: n };
}

function decodeDouble(value: unknown, at: string): AttributeValue {
  const n = toDouble(value);
  if (n === undefined) throw typeError(joinPath(at, 'doubleValue'), 'double', value);
  return { type: 'double', value: n };
}

function decodeBool(value: unknown, at: string): AttributeValue {
  if (value === true) return TRUE_VALUE;
  if (value === false) return FALSE_VALUE;
  throw typeError(joinPath(at, 'boolValue'), 'boolean', value);
}

function decodeArray(raw: unknown, depth: number, at: string): AttributeValue {
  const path = joinPath(at, 'arrayValue');
  if (!isObject(raw)) throw typeError(path, 'object', raw);
  const values = readArray(raw.values, joinPath(path, 'values'));
  if (values === undefined) return { type: 'array', value: [] };
  const out: AttributeValue[] = [];
  let i = 0;
  try {
    for (; i < values.length; i++) out.push(decodeAnyValue(values[i], depth, ''));
  } catch (error) {
    throw nestError(error, `${path}.values[${i}]`);
  }
  return { type: 'array', value: out };
}

function decodeKvlist(raw: unknown, depth: number, at: string): AttributeValue {
  const path = joinPath(at, 'kvlistValue');
  if (!isObject(raw)) throw typeError(path, 'object', raw);
  const values = readArray(raw.values, joinPath(path, 'values'));
  return { type: 'kvlist', value: values === undefined ? [] : decodeKeyValues(values, `${path}.values`, depth) };
}

function decodeBytes(value: unknown, at: string): AttributeValue {
  const bytes = typeof value === 'string' ? base64ToBytes(value) : undefined;
  if (bytes === undefined) throw typeError(joinPath(at, 'bytesValue'), 'base64 string', value);
  return { type: 'bytes', value: bytes };
}
