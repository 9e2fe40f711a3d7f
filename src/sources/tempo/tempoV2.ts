import type { ImportIssue, Importer } from '../importResult';
import { ImportError } from '../importResult';
import { decodeResourceSpans } from '../otlp/decodeResourceSpans';
import type { JsonObject } from '../otlp/json';
import { isAbsent, isObject, typeError } from '../otlp/json';

/**
 * Tempo `GET /api/v2/traces/<id>`: `{"trace":{"resourceSpans":[…]},"metrics":…,"status"?,"message"?}`.
 * A bare `{"resourceSpans":[…]}` body is OTLP-shaped and goes through `importOtlpJson` instead.
 */
export const importTempoV2: Importer = (json) => {
  if (!isObject(json)) throw typeError('', 'an object {"trace":{…}}', json);
  const trace = json.trace;
  // jsonpb omits a nil trace, so a response with only metrics/status is an empty result.
  if (isAbsent(trace) && !('metrics' in json || 'status' in json)) {
    throw new ImportError('trace', 'missing: not a Tempo v2 trace response');
  }
  if (!isAbsent(trace) && !isObject(trace)) throw typeError('trace', 'object', trace);
  const resourceSpans = isObject(trace) ? trace.resourceSpans : undefined;
  const { spans, issues } = decodeResourceSpans(resourceSpans, 'trace.resourceSpans');
  const partial = partialIssue(json);
  if (partial !== undefined) issues.unshift(partial);
  return { format: 'tempo-v2', spans, issues };
};

/** Tempo stopped reading blocks early (size or time limit): the trace is incomplete. */
export function partialIssue(json: JsonObject): ImportIssue | undefined {
  const { status, message } = json;
  // `PartialStatus` enum: COMPLETE = 0 (omitted), PARTIAL = 1.
  if (status !== 'PARTIAL' && status !== 1) return undefined;
  const text = typeof message === 'string' && message !== '' ? message : 'Tempo returned a partial trace';
  return { path: 'status', message: text };
}
