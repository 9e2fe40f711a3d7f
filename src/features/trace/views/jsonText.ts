/** The JSON view's text: the trace as OTLP/JSON, whole for download, capped for display. */
import type { Trace } from '../../../model/types';
import { encodeOtlpJson } from '../../../sources/otlp/encodeOtlpJson';

export const PREVIEW_BYTES = 1_000_000;
/** Above this many spans the download is written compact (pretty JSON would be ~2× larger). */
export const PRETTY_MAX_SPANS = 10_000;

/** The whole trace as OTLP/JSON text (pretty-printed unless it is huge). */
export function traceJson(trace: Trace): string {
  return JSON.stringify(encodeOtlpJson(trace.spans), null, trace.spans.length > PRETTY_MAX_SPANS ? undefined : 2);
}

export interface JsonPreview {
  readonly text: string;
  /** Whether `text` is only the beginning of the document. */
  readonly truncated: boolean;
}

/**
 * At most `limit` characters of the pretty-printed document, cut at a line end. Only as many
 * spans as can fill the limit are encoded, so a 1M-span trace does not build 1 GB of text here.
 */
export function jsonPreview(trace: Trace, limit = PREVIEW_BYTES): JsonPreview {
  // A span takes at least ~200 characters pretty-printed; encode a prefix that surely fills the limit.
  const enough = Math.ceil(limit / 200) + 1;
  const spans = trace.spans.length > enough ? trace.spans.slice(0, enough) : trace.spans;
  const text = JSON.stringify(encodeOtlpJson(spans), null, 2);
  if (text.length <= limit && spans.length === trace.spans.length) return { text, truncated: false };
  const cut = text.lastIndexOf('\n', limit);
  return { text: text.slice(0, cut > 0 ? cut : limit), truncated: true };
}

export function jsonFileName(trace: Trace): string {
  return `trace-${trace.traceId || 'unknown'}.json`;
}
