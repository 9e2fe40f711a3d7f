/**
 * OTLP/JSON `ExportTraceServiceRequest` bytes → model spans, through the shared tolerant
 * decoder of the file importers (src/sources/otlp/decodeResourceSpans.ts): one reading of
 * OTLP/JSON for files, Tempo answers and the receiver.
 */
import type { SpanData } from '../../src/model/types';
import { ImportError } from '../../src/sources/importResult';
import { decodeResourceSpans } from '../../src/sources/otlp/decodeResourceSpans';
import type { OtlpIssue } from './decodeProtobuf';
import { OtlpDecodeError } from './decodeProtobuf';

export interface JsonDecodeResult {
  readonly spans: SpanData[];
  /** Spans present in the request but left out of `spans`. */
  readonly rejectedSpans: number;
  /** Everything the decoder reported: rejected spans and repairs (dropped links, …) alike. */
  readonly issues: readonly OtlpIssue[];
}

export function decodeJsonRequest(body: Buffer): JsonDecodeResult {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new OtlpDecodeError(error instanceof Error ? error.message : String(error), 'JSON');
  }
  if (!isObject(json)) throw new OtlpDecodeError('expected a JSON object {"resourceSpans":[…]}', 'JSON');
  let decoded;
  try {
    decoded = decodeResourceSpans(json.resourceSpans, 'resourceSpans');
  } catch (error) {
    if (error instanceof ImportError) throw new OtlpDecodeError(error.message, 'JSON');
    throw error;
  }
  const { spans, issues } = decoded;
  return { spans, rejectedSpans: Math.max(0, countSpans(json.resourceSpans) - spans.length), issues };
}

function isObject(value: unknown): value is { readonly [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Span entries in the request, for `rejected_spans`: the decoder's issues mix rejections with
 * repairs, so the count is what was sent minus what came out. Mirrors the decoder's reading of
 * the pre-0.15 `instrumentationLibrarySpans` name.
 */
function countSpans(resourceSpans: unknown): number {
  if (!Array.isArray(resourceSpans)) return 0;
  let total = 0;
  for (const batch of resourceSpans) {
    if (!isObject(batch)) continue;
    const current = batch.scopeSpans;
    const groups = Array.isArray(current) && current.length > 0 ? current : batch.instrumentationLibrarySpans;
    if (!Array.isArray(groups)) continue;
    for (const group of groups) {
      if (isObject(group) && Array.isArray(group.spans)) total += group.spans.length;
    }
  }
  return total;
}
