/**
 * Hand-built OTLP protobuf requests for decoder and receiver tests, encoded by protobufjs's
 * reflective encoder from the .proto (independent of the hand-written decoder under test).
 * Covers what the SDK cannot send: kvlist, bytes, empty values, int64 extremes.
 */
import { ExportTraceServiceRequestType } from '../schema';

export const TRACE_ID = '5b8efff798038103d269b633813fc60c';
export const hex = (text: string): Buffer => Buffer.from(text, 'hex');

/** A span in protobufjs's object form (IDs as hex here, converted in `span`). */
export interface SpanSpec {
  traceId?: string;
  spanId: string;
  parentSpanId?: string;
  name?: string;
  [field: string]: unknown;
}

export function span(spec: SpanSpec): Record<string, unknown> {
  const { traceId = TRACE_ID, spanId, parentSpanId, ...rest } = spec;
  return {
    traceId: hex(traceId),
    spanId: hex(spanId),
    ...(parentSpanId === undefined ? {} : { parentSpanId: hex(parentSpanId) }),
    startTimeUnixNano: '1700000000123456789',
    endTimeUnixNano: '1700000000223456789',
    ...rest,
  };
}

/** An ExportTraceServiceRequest from protobufjs object form (int64 as decimal strings). */
export function encodeRequest(request: Record<string, unknown>): Uint8Array {
  // Not verify(): it refuses decimal strings for int64 and unknown enum numbers, both wanted here.
  return ExportTraceServiceRequestType.encode(ExportTraceServiceRequestType.fromObject(request)).finish();
}

/** One resource, one scope, these spans. */
export function requestWithSpans(spans: Record<string, unknown>[], serviceName = 'orders'): Uint8Array {
  return encodeRequest({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: serviceName } }] },
        scopeSpans: [{ scope: { name: 'hand-made', version: '0.1' }, spans }],
      },
    ],
  });
}

/** Three spans; the third's span ID is 3 bytes (the receiver must reject it alone). */
export function requestWithOneBadSpan(): Uint8Array {
  return requestWithSpans([
    span({ spanId: '1111111111111111', name: 'good-1' }),
    span({ spanId: '2222222222222222', name: 'good-2' }),
    span({ spanId: 'abcdef', name: 'bad' }),
  ]);
}
