/**
 * Span and trace IDs in OTLP-shaped JSON: hex (OTLP/JSON, Jaeger v3) or base64 (Tempo), read
 * without regexes or `atob` on the hot path (Tempo sends every ID as base64).
 */
import { normalizeId } from '../ids';
import { ImportError } from '../importResult';
import { describe, isAbsent, typeError } from './json';

const HEX_DIGITS = '0123456789abcdef';
const BASE64_DIGITS = base64Table();
const ID_BYTES = new Uint8Array(16);
// Char codes of the hex ID being built, one array per length: `String.fromCharCode.apply` makes
// one flat string, where `+=` per byte makes a chain of intermediate ones (GC-heavy at 1M spans).
const SPAN_ID_CHARS: number[] = new Array<number>(16).fill(48);
const TRACE_ID_CHARS: number[] = new Array<number>(32).fill(48);
// Every span of a trace repeats its trace ID: remembering the last one decoded skips the work.
let lastBase64TraceId = '';
let lastPlainTraceId = '';
let lastHexTraceId = '';

function base64Table(): Int8Array {
  const table = new Int8Array(128).fill(-1);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  // Proto3 JSON parsers also accept the URL-safe alphabet.
  table[45 /* - */] = 62;
  table[95 /* _ */] = 63;
  return table;
}

/**
 * Writes the bytes of base64 text (either alphabet, padding optional) into `target`. Returns the
 * byte count, or -1 when the text is not base64 or does not fit.
 */
function decodeBase64Into(text: string, target: Uint8Array): number {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 61 /* = */) end--;
  if (text.length - end > 2 || end % 4 === 1) return -1;
  let bits = 0;
  let pending = 0;
  let n = 0;
  for (let i = 0; i < end; i++) {
    const digit = BASE64_DIGITS[text.charCodeAt(i)] ?? -1;
    if (digit < 0) return -1;
    pending = ((pending << 6) | digit) & 0xffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      if (n === target.length) return -1;
      target[n++] = (pending >> bits) & 0xff;
    }
  }
  return n;
}

export function base64ToBytes(text: string): Uint8Array | undefined {
  const capacity = Math.floor((text.length * 3) / 4);
  const bytes = new Uint8Array(capacity);
  const n = decodeBase64Into(text, bytes);
  if (n < 0) return undefined;
  return n === capacity ? bytes : bytes.slice(0, n);
}

function isLowerHex(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 48 || c > 57) && (c < 97 || c > 102)) return false;
  }
  return true;
}

function isHex(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 48 || c > 57) && (c < 97 || c > 102) && (c < 65 || c > 70)) return false;
  }
  return true;
}

/** Lowercase hex of the first `n` bytes of ID_BYTES, left-padded with zeros to `chars.length`. */
function bytesToHexId(n: number, chars: number[]): string {
  const pad = chars.length - 2 * n;
  chars.fill(48 /* 0 */, 0, pad);
  for (let i = 0; i < n; i++) {
    const byte = ID_BYTES[i] ?? 0;
    chars[pad + 2 * i] = HEX_DIGITS.charCodeAt(byte >> 4);
    chars[pad + 2 * i + 1] = HEX_DIGITS.charCodeAt(byte & 15);
  }
  return String.fromCharCode.apply(null, chars);
}

/**
 * An ID as lowercase hex of `hexLength`, or '' when absent. Hex (any case, leading zeros
 * optional) is read as hex; anything else must be base64 of exactly 8 or 16 bytes, since short
 * base64 decodes from almost any word (`"spanId"` is valid base64 of 4 bytes).
 */
export function decodeId(value: unknown, hexLength: 16 | 32, path: string): string {
  if (typeof value !== 'string') {
    if (isAbsent(value)) return '';
    throw typeError(path, 'ID string', value);
  }
  // Every span of a trace repeats its trace ID: returning the string seen last makes them share
  // one string instead of keeping one per span (JSON.parse makes a new one for each).
  if (hexLength === 32 && value === lastPlainTraceId) return lastPlainTraceId;
  if (value.length === hexLength && isLowerHex(value)) {
    if (hexLength === 32) lastPlainTraceId = value;
    return value;
  }
  if (value === '') return '';
  if (isHex(value)) return normalizeId(value, hexLength, path);
  if (hexLength === 32 && value === lastBase64TraceId) return lastHexTraceId;
  const n = decodeBase64Into(value, ID_BYTES);
  // A 64-bit trace ID in a 128-bit slot is allowed (Jaeger); it is left-padded.
  if (n === hexLength / 2 || (n === 8 && hexLength === 32)) {
    const hex = bytesToHexId(n, hexLength === 32 ? TRACE_ID_CHARS : SPAN_ID_CHARS);
    if (hexLength === 32) {
      lastBase64TraceId = value;
      lastHexTraceId = hex;
    }
    return hex;
  }
  throw new ImportError(path, `expected ${hexLength}-hex or base64 ID, got ${describe(value)}`);
}
