import type { FormatId, ImportResult, Importer } from './importResult';
import { ImportError } from './importResult';
import { importOtlpJson } from './otlp/otlpJson';
import { importTempoV1 } from './tempo/tempoV1';
import { importTempoV2 } from './tempo/tempoV2';
import { importJaegerV1 } from './jaeger/jaegerV1';
import { importJaegerV3 } from './jaeger/jaegerV3';
import { importZipkinV2 } from './zipkin/zipkinV2';
import { decodeOtlpJsonBytes, type DecodeOptions } from './otlp/streamingDecoder';
import type { BodyContainer } from './otlp/streamingDecoder';
import { partialIssue } from './tempo/tempoV2';

const importers: Record<FormatId, Importer> = {
  'otlp-json': importOtlpJson,
  'tempo-v1': importTempoV1,
  'tempo-v2': importTempoV2,
  'jaeger-v1': importJaegerV1,
  'jaeger-v3': importJaegerV3,
  'zipkin-v2': importZipkinV2,
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Tells the wire format from the payload's shape alone (top-level keys), so that files and
 * responses need no declared type. Returns null when nothing matches.
 */
export function detectFormat(json: unknown): FormatId | null {
  if (Array.isArray(json)) {
    // Zipkin: [span] for one trace, [[span]] for search results; an empty array is Zipkin too.
    const first: unknown = json[0];
    const span = Array.isArray(first) ? first[0] : first;
    if (span === undefined || (isRecord(span) && 'traceId' in span && 'id' in span)) return 'zipkin-v2';
    return null;
  }
  if (!isRecord(json)) return null;
  if ('resourceSpans' in json) return 'otlp-json';
  if ('batches' in json) return 'tempo-v1';
  if (isRecord(json.trace) && 'resourceSpans' in json.trace) return 'tempo-v2';
  if (isRecord(json.result) && 'resourceSpans' in json.result) return 'jaeger-v3';
  if (isRecord(json.error) && 'httpCode' in json.error) return 'jaeger-v3';
  if ('data' in json && ('total' in json || 'errors' in json || Array.isArray(json.data))) return 'jaeger-v1';
  if ('traceID' in json && 'spans' in json) return 'jaeger-v1';
  return null;
}

/** Imports a payload of any supported format; throws `ImportError` when the shape is unknown. */
export function importAuto(json: unknown): ImportResult {
  const format = detectFormat(json);
  if (format === null) {
    throw new ImportError(
      '',
      'unrecognised trace format: expected OTLP JSON ({"resourceSpans"}), Tempo ({"batches"} or {"trace"}), Jaeger ({"data"}, a bare trace, or {"result"}) or Zipkin ([span] / [[span]])',
    );
  }
  return importers[format](json);
}

/** Parses text as JSON and imports it; JSON syntax errors become `ImportError`s. */
export function importText(text: string): ImportResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ImportError('', `not valid JSON: ${(err as Error).message}`);
  }
  return importAuto(json);
}

const CONTAINER_FORMAT: Record<BodyContainer, FormatId> = {
  resourceSpans: 'otlp-json',
  batches: 'tempo-v1',
  trace: 'tempo-v2',
  result: 'jaeger-v3',
};

/**
 * Imports a file's bytes. OTLP-shaped bodies (OTLP/JSON, Tempo, Jaeger v3) go through the
 * streaming decoder, which never holds the text as one string (so files past Node's 512 MiB
 * string limit open) nor builds the generic JSON tree; everything else through `importText`.
 * Both paths give the same result (tested on every fixture). `records`: see DecodeOptions
 * (for callers that pass the spans straight to `buildTraces(…, { adopt: true })`).
 */
export function importBytes(bytes: Uint8Array, options: DecodeOptions = {}): ImportResult {
  if (firstSignificantByte(bytes) === 0x7b /* { */) {
    try {
      const body = decodeOtlpJsonBytes(bytes, '', options);
      const format = CONTAINER_FORMAT[body.container];
      const partial = format === 'tempo-v2' ? partialIssue(body.envelope) : undefined;
      return { format, spans: body.spans, issues: partial ? [partial, ...body.issues] : body.issues };
    } catch (err) {
      // Another format that happens to be an object (Jaeger v1, an error body): read it whole.
      if (!(err instanceof ImportError && err.reason.startsWith('not an OTLP-shaped trace'))) throw err;
    }
  }
  return importText(new TextDecoder().decode(bytes));
}

function firstSignificantByte(bytes: Uint8Array): number {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  return bytes[i] ?? -1;
}
