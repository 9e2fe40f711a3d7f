/**
 * `traces.trace_key`: a 64-bit hash of the trace ID string (cyrb53's mixing, widened to two
 * full 32-bit halves). Defined here rather than with DuckDB's hash() because the stored keys
 * must stay valid across DuckDB versions. Hashing the whole string, not a prefix, keeps
 * zero-padded 64-bit (Jaeger) IDs apart.
 */
export function traceKey(traceId: string): bigint {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < traceId.length; i++) {
    const ch = traceId.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return BigInt.asIntN(64, (BigInt(h2 >>> 0) << 32n) | BigInt(h1 >>> 0));
}
