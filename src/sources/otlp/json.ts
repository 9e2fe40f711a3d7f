/**
 * Helpers for reading untyped proto3-JSON (`unknown`) as the OTLP-shaped formats write it.
 *
 * The readers throw `ImportError` with a path *relative* to the value they read (e.g.
 * `intValue`); callers prefix their own segment with `nestError` only when something failed, so
 * the hot path never builds path strings.
 */
import { ImportError } from '../importResult';

export type JsonObject = { readonly [key: string]: unknown };

/** A JSON object (not an array, not null). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Proto3 JSON writes a default value either by omitting the key or as `null`. */
export function isAbsent(value: unknown): value is undefined | null {
  return value === undefined || value === null;
}

/** A short rendering of a JSON value for messages: `"abc"`, `1.5`, `an object`. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  }
  return String(value);
}

/** Appends a relative path to a prefix: `a` + `b` → `a.b`, `a` + `[2].b` → `a[2].b`. */
export function joinPath(prefix: string, relative: string): string {
  if (relative === '') return prefix;
  if (prefix === '') return relative;
  return relative.charCodeAt(0) === 91 /* [ */ ? prefix + relative : `${prefix}.${relative}`;
}

/** Re-roots an `ImportError` under `prefix`; anything else (a bug, not bad input) passes through. */
export function nestError(error: unknown, prefix: string): unknown {
  if (!(error instanceof ImportError)) return error;
  return new ImportError(joinPath(prefix, error.path), error.reason);
}

export function typeError(path: string, expected: string, got: unknown): ImportError {
  return new ImportError(path, `expected ${expected}, got ${describe(got)}`);
}

/** An array, or an empty one when the key was omitted (proto3 drops empty repeated fields). */
export function readArray(value: unknown, path: string): readonly unknown[] | undefined {
  if (isAbsent(value)) return undefined;
  if (!Array.isArray(value)) throw typeError(path, 'array', value);
  return value;
}

export function readString(value: unknown, path: string): string {
  if (typeof value === 'string') return value;
  if (isAbsent(value)) return '';
  throw typeError(path, 'string', value);
}

/** Decimal digits with an optional leading '-': what `BigInt()` should see, nothing laxer. */
export function isIntegerText(text: string): boolean {
  const n = text.length;
  let i = n > 0 && text.charCodeAt(0) === 45 /* - */ ? 1 : 0;
  // More than 20 digits cannot be a 64-bit integer.
  if (i === n || n - i > 20) return false;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * A 64-bit integer written as a decimal string (proto3 JSON) or a JSON number (what some
 * encoders write; above 2^53 it is already rounded, and we keep what the payload says).
 * Returns undefined when it is neither, leaving the caller to build the error path.
 */
export function toInt64(value: unknown): bigint | undefined {
  if (typeof value === 'string') return isIntegerText(value) ? decimalToBigInt(value) : undefined;
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : undefined;
  return undefined;
}

// The seconds part of the last timestamp converted: spans of a trace mostly share it.
let lastHighDigits = -1;
let lastHighBig = 0n;

/**
 * `BigInt(text)` for text that passed `isIntegerText`, about four times faster for the 19-digit
 * nanosecond timestamps that fill OTLP (measured; `BigInt` of a string is slow in V8): up to 15
 * digits go through an exact double; longer ones are split into two exact doubles, the high
 * part (up to 11 digits) times 10^9 plus the low 9 digits.
 */
export function decimalToBigInt(text: string): bigint {
  const negative = text.charCodeAt(0) === 45; /* - */
  const from = negative ? 1 : 0;
  const n = text.length;
  if (n - from <= 15) return BigInt(Number(text));
  let high = 0;
  for (let i = from; i < n - 9; i++) high = high * 10 + (text.charCodeAt(i) - 48);
  let low = 0;
  for (let i = n - 9; i < n; i++) low = low * 10 + (text.charCodeAt(i) - 48);
  if (high !== lastHighDigits) {
    lastHighDigits = high;
    lastHighBig = BigInt(high) * 1_000_000_000n;
  }
  const value = lastHighBig + BigInt(low);
  return negative ? -value : value;
}

/** `toInt64` that throws at `path`; undefined when the key is absent, so "omitted" differs from 0. */
export function readInt64(value: unknown, path: string): bigint | undefined {
  if (isAbsent(value)) return undefined;
  const n = toInt64(value);
  if (n === undefined) throw typeError(path, 'integer', value);
  return n;
}

/** A uint32 (counts, flags): a JSON number, or a decimal string as lenient encoders write. */
export function readUint32(value: unknown, path: string): number {
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= 0 && value <= 0xffffffff) return value;
  } else if (typeof value === 'string') {
    const n = isIntegerText(value) ? Number(value) : NaN;
    if (n >= 0 && n <= 0xffffffff) return n;
  } else if (isAbsent(value)) {
    return 0;
  }
  throw typeError(path, 'unsigned 32-bit integer', value);
}

/** A double: a JSON number, or a string for the values JSON cannot write (`"NaN"`, `"Infinity"`). */
export function toDouble(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  if (value === 'NaN') return NaN;
  if (value === 'Infinity') return Infinity;
  if (value === '-Infinity') return -Infinity;
  // Proto3 JSON also allows any double as a string.
  const n = value.trim() === '' ? NaN : Number(value);
  return Number.isNaN(n) ? undefined : n;
}
