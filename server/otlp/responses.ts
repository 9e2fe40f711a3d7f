/**
 * What the receivers answer: `ExportTraceServiceResponse` on success, `google.rpc.Status` on
 * failure, each in the request's encoding (OTLP/HTTP: "the response MUST use the request's
 * content type"; opentelemetry-proto docs/specification.md).
 */
import { ExportTraceServiceResponseType, RetryInfoType, RpcStatusType } from './schema';

export type WireFormat = 'protobuf' | 'json';

export interface PartialSuccess {
  /** Spans the server did not accept; 0 with a message is a warning-only response. */
  readonly rejectedSpans: number;
  readonly errorMessage: string;
}

/** google.rpc.Code values the receivers use. */
export const RpcCode = {
  INVALID_ARGUMENT: 3,
  NOT_FOUND: 5,
  RESOURCE_EXHAUSTED: 8,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
} as const;

const utf8 = new TextEncoder();

/**
 * The success body. Full success leaves `partial_success` unset, as the spec requires: an empty
 * protobuf message (0 bytes) or `{}`.
 */
export function encodeExportResponse(partial: PartialSuccess | undefined, as: WireFormat): Uint8Array {
  if (as === 'json') {
    if (partial === undefined) return utf8.encode('{}');
    // int64 is a decimal string in proto3 JSON.
    const body = { partialSuccess: { rejectedSpans: String(partial.rejectedSpans), errorMessage: partial.errorMessage } };
    return utf8.encode(JSON.stringify(body));
  }
  if (partial === undefined) return new Uint8Array(0);
  return ExportTraceServiceResponseType.encode({
    partialSuccess: { rejectedSpans: partial.rejectedSpans, errorMessage: partial.errorMessage },
  }).finish();
}

/** A `google.rpc.Status` body for a failed OTLP/HTTP request (no details). */
export function encodeRpcStatus(code: number, message: string, as: WireFormat): Uint8Array {
  if (as === 'json') return utf8.encode(JSON.stringify({ code, message }));
  return RpcStatusType.encode({ code, message }).finish();
}

/**
 * A `google.rpc.Status` with a `RetryInfo` detail, for gRPC's `grpc-status-details-bin`
 * trailer: the OTel Collector's exporters retry RESOURCE_EXHAUSTED only when it is present.
 */
export function encodeRetryStatus(code: number, message: string, retryAfterSeconds: number): Uint8Array {
  const retryInfo = RetryInfoType.encode({ retryDelay: { seconds: Math.ceil(retryAfterSeconds) } }).finish();
  return RpcStatusType.encode({
    code,
    message,
    // protobufjs's bundled google/protobuf/any.proto keeps snake_case field names.
    details: [{ type_url: 'type.googleapis.com/google.rpc.RetryInfo', value: retryInfo }],
  }).finish();
}

/** Issues quoted in a partial-success message; the rest are counted, so the message stays small. */
const MAX_QUOTED_ISSUES = 5;

/**
 * The partial-success part of a response, or undefined on full success. Repairs without
 * rejections still produce one: the spec's warning-only response (`rejected_spans` 0 and a
 * message), which SDKs log for the sender to see.
 */
export function partialSuccessOf(
  rejectedSpans: number,
  issues: readonly { readonly path: string; readonly message: string }[],
): PartialSuccess | undefined {
  if (rejectedSpans === 0 && issues.length === 0) return undefined;
  const quoted = issues.slice(0, MAX_QUOTED_ISSUES).map((i) => `${i.path}: ${i.message}`);
  if (issues.length > MAX_QUOTED_ISSUES) quoted.push(`and ${issues.length - MAX_QUOTED_ISSUES} more`);
  const head = rejectedSpans === 0 ? 'spans accepted with warnings' : `${rejectedSpans} span${rejectedSpans === 1 ? '' : 's'} rejected`;
  return { rejectedSpans, errorMessage: `${head}: ${quoted.join('; ')}` };
}
