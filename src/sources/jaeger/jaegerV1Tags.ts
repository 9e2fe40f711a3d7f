/**
 * Jaeger's typed key-values (`{"key","type","value"}`, used for span tags, process tags and
 * log fields) to model attributes.
 */
import type { Attribute, AttributeValue } from '../../model/types';
import { base64ToBytes } from '../ids';
import type { AttributePool } from './json';
import { FALSE_VALUE, TRUE_VALUE, describeValue, isIntegerText, isObject } from './json';

/** Where a converter reports what it could not read; `suffix` is relative to the receiver. */
export interface IssueSink {
  issue(suffix: string, message: string): void;
}

type TagType = 'string' | 'bool' | 'int64' | 'float64' | 'binary';

/**
 * The tag type, tolerating any case and the Thrift names (LONG, DOUBLE) that older clients and
 * collectors write. Exact lowercase names are checked first: they are what Jaeger emits.
 */
function tagType(raw: unknown): TagType | undefined {
  switch (raw) {
    case 'string':
    case 'bool':
    case 'int64':
    case 'float64':
    case 'binary':
      return raw;
  }
  if (typeof raw !== 'string') return undefined;
  switch (raw.toLowerCase()) {
    case 'string':
      return 'string';
    case 'bool':
    case 'boolean':
      return 'bool';
    case 'int64':
    case 'long':
    case 'int':
      return 'int64';
    case 'float64':
    case 'double':
    case 'float':
      return 'float64';
    case 'binary':
    case 'bytes':
      return 'binary';
    default:
      return undefined;
  }
}

/** The value as its own JSON type says, for a tag whose declared type does not fit. */
function inferValue(value: unknown): AttributeValue {
  switch (typeof value) {
    case 'string':
      return { type: 'string', value };
    case 'boolean':
      return value ? TRUE_VALUE : FALSE_VALUE;
    case 'number':
      return Number.isInteger(value) ? { type: 'int', value: BigInt(value) } : { type: 'double', value };
    default:
      if (value === undefined || value === null) return { type: 'empty' };
      return { type: 'string', value: JSON.stringify(value) };
  }
}

function decodeBase64(text: string): Uint8Array | undefined {
  try {
    return base64ToBytes(text);
  } catch {
    return undefined;
  }
}

/** The value converted to the declared type, or undefined when it cannot be without loss. */
function convertValue(type: TagType, value: unknown): AttributeValue | undefined {
  switch (type) {
    case 'string':
      if (typeof value === 'string') return { type: 'string', value };
      // A number or bool in a string tag reads back the same as text: convert silently.
      if (typeof value === 'number' || typeof value === 'boolean') return { type: 'string', value: String(value) };
      return undefined;
    case 'bool':
      if (value === true) return TRUE_VALUE;
      if (value === false) return FALSE_VALUE;
      if (typeof value === 'string') {
        const lower = value.toLowerCase();
        if (lower === 'true') return TRUE_VALUE;
        if (lower === 'false') return FALSE_VALUE;
      }
      return undefined;
    case 'int64':
      // Jaeger writes an int64 beyond ±2^53 as a decimal string to keep it exact.
      if (typeof value === 'number') return Number.isInteger(value) ? { type: 'int', value: BigInt(value) } : undefined;
      if (typeof value === 'string' && isIntegerText(value)) return { type: 'int', value: BigInt(value) };
      return undefined;
    case 'float64':
      if (typeof value === 'number') return { type: 'double', value };
      if (typeof value === 'string' && value.trim() !== '') {
        const n = Number(value);
        if (!Number.isNaN(n) || value === 'NaN') return { type: 'double', value: n };
      }
      return undefined;
    case 'binary': {
      if (typeof value !== 'string') return undefined;
      const bytes = decodeBase64(value);
      return bytes === undefined ? undefined : { type: 'bytes', value: bytes };
    }
  }
}

/**
 * The value of a typed tag. A value that disagrees with its declared type is converted when
 * that loses nothing, otherwise kept as its own JSON type and reported at `list[index].value`
 * (the path is only built then: this runs for every tag of a million-span trace).
 */
export function readTypedValue(
  type: unknown,
  value: unknown,
  sink: IssueSink,
  list: string,
  index: number,
): AttributeValue {
  const known = tagType(type);
  if (known === undefined) {
    const inferred = inferValue(value);
    sink.issue(`${list}[${index}].type`, `unknown tag type ${describeValue(type)}; kept as ${inferred.type}`);
    return inferred;
  }
  const converted = convertValue(known, value);
  if (converted !== undefined) return converted;
  const inferred = inferValue(value);
  const got = describeValue(value);
  sink.issue(`${list}[${index}].value`, `expected ${known} value, got ${got}; kept as ${inferred.type}`);
  return inferred;
}

/** One `{key,type,value}` entry, or undefined (reported) when it has no usable key. */
export function readKeyValue(
  raw: unknown,
  sink: IssueSink,
  list: string,
  index: number,
  pool?: AttributePool,
): Attribute | undefined {
  if (!isObject(raw)) {
    sink.issue(`${list}[${index}]`, `expected {key, type, value}, got ${describeValue(raw)}`);
    return undefined;
  }
  const key = raw.key;
  if (typeof key !== 'string') {
    sink.issue(`${list}[${index}].key`, `expected a string key, got ${describeValue(key)}`);
    return undefined;
  }
  const value = raw.value;
  // The common, well-typed cases are shared; anything else goes through the checks below.
  if (pool !== undefined) {
    if (raw.type === 'string' && typeof value === 'string') return pool.string(key, value);
    if (raw.type === 'int64' && typeof value === 'number' && Number.isSafeInteger(value)) return pool.int(key, value);
  }
  return { key, value: readTypedValue(raw.type, value, sink, list, index) };
}

/** A list of key-values (process tags); entries without a key are reported and left out. */
export function readKeyValues(raw: unknown, sink: IssueSink, list: string): Attribute[] {
  const out: Attribute[] = [];
  if (raw === undefined || raw === null) return out;
  if (!Array.isArray(raw)) {
    sink.issue(list, `expected an array of {key, type, value}, got ${describeValue(raw)}`);
    return out;
  }
  for (let i = 0; i < raw.length; i++) {
    const attribute = readKeyValue(raw[i], sink, list, i);
    if (attribute !== undefined) out.push(attribute);
  }
  return out;
}
