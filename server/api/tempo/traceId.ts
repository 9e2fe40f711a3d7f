/**
 * Tempo's trace-by-ID path takes hex of 32 characters or fewer, leading zeros optional.
 * Returns the 32-hex form or null when the ID is malformed (Tempo answers 400).
 */
export function parseTraceIdParam(raw: string): string | null {
  if (!/^[0-9a-fA-F]{1,32}$/.test(raw)) return null;
  return raw.toLowerCase().padStart(32, '0');
}

/** Tempo's `start`/`end` query parameters: unix seconds. Returns ns, or undefined when absent. */
export function parseUnixSecondsParam(raw: string | undefined): bigint | undefined | 'invalid' {
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d+$/.test(raw)) return 'invalid';
  return BigInt(raw) * 1_000_000_000n;
}
