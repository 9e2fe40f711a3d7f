import type { Importer } from '../importResult';
import { ImportError } from '../importResult';
import { decodeResourceSpans } from '../otlp/decodeResourceSpans';
import { isObject, typeError } from '../otlp/json';

/**
 * Tempo `GET /api/traces/<id>`: `{"batches":[ResourceSpans…]}` in gogo jsonpb encoding (base64
 * IDs, enum names, int64 as strings). Old captures use the pre-0.15 `instrumentationLibrarySpans`.
 */
export const importTempoV1: Importer = (json) => {
  if (!isObject(json)) throw typeError('', 'an object {"batches":[…]}', json);
  if (!('batches' in json)) throw new ImportError('batches', 'missing: not a Tempo v1 trace response');
  const { spans, issues } = decodeResourceSpans(json.batches, 'batches');
  return { format: 'tempo-v1', spans, issues };
};
