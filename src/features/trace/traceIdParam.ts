/** The trace ID of a `/trace/:id` link as 32 lowercase hex, or null when it is not one. */
export function normaliseTraceId(raw: string): string | null {
  const id = raw.trim().toLowerCase();
  return /^[0-9a-f]{1,32}$/.test(id) && !/^0+$/.test(id) ? id.padStart(32, '0') : null;
}
