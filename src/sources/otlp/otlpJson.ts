import type { Importer } from '../importResult';
import { ImportError } from '../importResult';
import { decodeResourceSpans } from './decodeResourceSpans';
import { isObject, typeError } from './json';

/**
 * OTLP/JSON `ExportTraceServiceRequest` (`{"resourceSpans":[…]}`). The same shape is a bare
 * `tempopb.Trace` body, so Tempo's own trace JSON files import here too.
 */
export const importOtlpJson: Importer = (json) => {
  if (!isObject(json)) throw typeError('', 'an object {"resourceSpans":[…]}', json);
  // `{}` is a valid empty export request, but as a file to view it is almost surely the wrong one.
  if (!('resourceSpans' in json)) throw new ImportError('resourceSpans', 'missing: not an OTLP/JSON trace payload');
  const { spans, issues } = decodeResourceSpans(json.resourceSpans, 'resourceSpans');
  return { format: 'otlp-json', spans, issues };
};
