/**
 * Attribute values as the details panel shows them: plain text per scalar type (never HTML),
 * nested arrays/kvlists kept as structure for the view to expand, and the text a filter matches.
 */
import type { Attribute, AttributeValue } from '../../../model/types';

/** Short type label shown beside a value (`int`, `string[]`…). */
export function typeLabel(value: AttributeValue): string {
  switch (value.type) {
    case 'array': {
      const types = new Set(value.value.map((v) => v.type));
      // A homogeneous scalar array reads best as `int[]`; mixed or nested ones as `array`.
      if (types.size === 1) {
        const only = value.value[0]!.type;
        if (only !== 'array' && only !== 'kvlist') return `${only}[]`;
      }
      return 'array';
    }
    default:
      return value.type;
  }
}

/**
 * Text of a scalar value. Doubles always show a decimal point or exponent so `1.0` reads apart
 * from the int `1`; bytes show as hex; nested values as compact JSON-like text.
 */
export function formatValue(value: AttributeValue): string {
  switch (value.type) {
    case 'string':
      return value.value;
    case 'bool':
      return value.value ? 'true' : 'false';
    case 'int':
      return value.value.toString();
    case 'double':
      return formatDouble(value.value);
    case 'bytes':
      return bytesToHex(value.value);
    case 'empty':
      return '(empty)';
    case 'array':
      return `[${value.value.map(formatNested).join(', ')}]`;
    case 'kvlist':
      return `{${value.value.map((a) => `${a.key}: ${formatNested(a.value)}`).join(', ')}}`;
  }
}

/** Strings inside arrays/kvlists are quoted so `["a, b"]` and `["a", "b"]` stay distinct. */
function formatNested(value: AttributeValue): string {
  return value.type === 'string' ? JSON.stringify(value.value) : formatValue(value);
}

export function formatDouble(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const text = String(n);
  return Number.isInteger(n) && !/e/i.test(text) ? `${text}.0` : text;
}

export function bytesToHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out === '' ? '(0 bytes)' : out;
}

/** Whether an attribute matches a filter (case-insensitive, key or any nested value). */
export function attributeMatches(attribute: Attribute, needle: string): boolean {
  if (needle === '') return true;
  const lower = needle.toLowerCase();
  return attribute.key.toLowerCase().includes(lower) || formatValue(attribute.value).toLowerCase().includes(lower);
}

export function filterAttributes(attributes: readonly Attribute[], needle: string): readonly Attribute[] {
  const trimmed = needle.trim();
  return trimmed === '' ? attributes : attributes.filter((a) => attributeMatches(a, trimmed));
}

/** Exact nanoseconds for hover titles: `12,400,000 ns`. */
export function exactNs(ns: number): string {
  return `${Math.round(ns).toLocaleString('en-US')} ns`;
}

/** UTC wall-clock time with nanoseconds, e.g. `2026-11-27 07:31:06.447123456 UTC`. */
export function wallClock(unixNanos: bigint): string {
  const ms = unixNanos / 1_000_000n;
  const iso = new Date(Number(ms)).toISOString();
  const subMs = (unixNanos % 1_000_000n + 1_000_000n) % 1_000_000n;
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}${subMs.toString().padStart(6, '0')} UTC`;
}
