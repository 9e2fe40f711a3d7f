import type { Importer } from '../importResult';
import { ImportError } from '../importResult';
import { decodeResourceSpans } from '../otlp/decodeResourceSpans';
import type { JsonObject } from '../otlp/json';
import { isAbsent, isObject, typeError } from '../otlp/json';

/**
 * Jaeger `GET /api/v3/traces[/{id}]`: `{"result":{"resourceSpans":[…]}}` from the OTel
 * `ptrace.JSONMarshaler` (hex IDs, integer enums), or the gateway's error body.
 */
export const importJaegerV3: Importer = (json) => {
  if (!isObject(json)) throw typeError('', 'an object {"result":{…}}', json);
  if (isObject(json.error)) throw gatewayError(json.error);
  const result = json.result;
  if (isAbsent(result)) throw new ImportError('result', 'missing: not a Jaeger v3 trace response');
  if (!isObject(result)) throw typeError('result', 'object', result);
  const { spans, issues } = decodeResourceSpans(result.resourceSpans, 'result.resourceSpans');
  return { format: 'jaeger-v3', spans, issues };
};

/** `{"error":{"httpCode":404,"message":"No traces found"}}`, as `GRPCGatewayError` writes it. */
function gatewayError(error: JsonObject): ImportError {
  const message = typeof error.message === 'string' && error.message !== '' ? error.message : 'Jaeger returned an error';
  const code = error.httpCode;
  return new ImportError('error', typeof code === 'number' ? `${message} (HTTP ${code})` : message);
}
