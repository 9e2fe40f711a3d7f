/** What the "Trace ID" box understood. */
export type TraceInput =
  | { readonly ok: true; readonly traceId: string; readonly spanId?: string }
  | { readonly ok: false; readonly message: string };

const EXPECTED = 'Expected a 32- or 16-hex trace ID, a traceparent header (00-<trace-id>-<span-id>-<flags>) or a link containing a trace ID.';
const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/i;
const HEX_ID = /^[0-9a-f]{1,32}$/i;
const ID_IN_TEXT = /(?:^|[^0-9a-f])([0-9a-f]{32}|[0-9a-f]{16})(?![0-9a-f])/i;

/**
 * Reads what people paste: a trace ID in any case, padded or not; a whole `traceparent`
 * header (which also names a span); or a URL from Jaeger, Grafana or Tracescope that holds a
 * trace ID. IDs come back as 32 lowercase hex.
 */
export function parseTraceInput(raw: string): TraceInput {
  const text = raw.trim();
  if (text === '') return { ok: false, message: EXPECTED };
  const parent = TRACEPARENT.exec(text);
  if (parent) {
    const [, , traceId = '', spanId = ''] = parent;
    if (/^0+$/.test(traceId)) return { ok: false, message: 'That traceparent has an all-zero trace ID, which is invalid.' };
    return { ok: true, traceId: traceId.toLowerCase(), spanId: spanId.toLowerCase() };
  }
  if (HEX_ID.test(text)) {
    if (/^0+$/.test(text)) return { ok: false, message: 'An all-zero trace ID is invalid.' };
    return { ok: true, traceId: text.toLowerCase().padStart(32, '0') };
  }
  if (/^[a-z]+:\/\//i.test(text) || text.startsWith('/')) {
    const found = ID_IN_TEXT.exec(text);
    if (found?.[1]) return { ok: true, traceId: found[1].toLowerCase().padStart(32, '0') };
    return { ok: false, message: 'That link holds no trace ID (32 or 16 hex characters).' };
  }
  return { ok: false, message: EXPECTED };
}
