import { ImportError } from './importResult';

const HEX = /^[0-9a-fA-F]+$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Lowercase hex of bytes. */
export function bytesToHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/** Bytes of a standard base64 string (no Node `Buffer`: the model also runs in the browser). */
export function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** Bytes of an even-length hex string (as produced by `normalizeId`). */
export function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/**
 * Normalises an ID that may be hex (any case, 16 or 32 characters, or shorter with leading
 * zeros trimmed as Tempo's search does) or base64 (as Tempo and Jaeger's proto JSON write
 * bytes) to lowercase hex left-padded to `hexLength` characters. Returns '' for an empty ID.
 * Throws `ImportError` at `path` when it is neither.
 *
 * Hex is tried first: base64 of an 8- or 16-byte ID always ends in '=' padding, which hex
 * never contains, so a string of hex digits alone is read as hex.
 */
export function normalizeId(raw: unknown, hexLength: 16 | 32, path: string): string {
  if (raw === undefined || raw === null || raw === '') return '';
  if (typeof raw !== 'string') throw new ImportError(path, `expected ID string, got ${typeof raw}`);
  if (raw.length <= hexLength && HEX.test(raw)) return raw.toLowerCase().padStart(hexLength, '0');
  if (BASE64.test(raw) && raw.length % 4 !== 1) {
    const bytes = base64ToBytes(raw);
    // Shorter is allowed: a 64-bit Jaeger trace ID in a 128-bit slot.
    if (bytes.length > 0 && bytes.length <= hexLength / 2) return bytesToHex(bytes).padStart(hexLength, '0');
  }
  throw new ImportError(path, `expected ${hexLength}-hex or base64 ID, got ${JSON.stringify(raw.slice(0, 40))}`);
}

/**
 * Like `normalizeId`, for formats whose IDs are hex only (Jaeger v1, Zipkin): a short string
 * that happens to be valid base64 must not be taken for an ID.
 */
export function normalizeHexId(raw: unknown, hexLength: 16 | 32, path: string): string {
  if (raw === undefined || raw === null || raw === '') return '';
  if (typeof raw !== 'string') throw new ImportError(path, `expected ID string, got ${typeof raw}`);
  if (raw.length <= hexLength && HEX.test(raw)) return raw.toLowerCase().padStart(hexLength, '0');
  throw new ImportError(path, `expected ${hexLength}-hex ID, got ${JSON.stringify(raw.slice(0, 40))}`);
}

/** True when every character of the ID is zero (OTLP calls such IDs invalid). */
export function isZeroId(hex: string): boolean {
  return /^0*$/.test(hex);
}
