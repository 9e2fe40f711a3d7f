/** server/otlp: receive OTLP traces (HTTP :4318, gRPC :4317), decode them, hand them to a sink. */
export type { SpanSink } from './sink';
export { IngestBusyError } from './sink';
export type { BoundedIngestOptions, IngestLoad } from './ingestQueue';
export { BoundedIngest } from './ingestQueue';
export type { OtlpIssue, ProtobufDecodeResult } from './decodeProtobuf';
export { OtlpDecodeError, decodeProtobuf } from './decodeProtobuf';
export type { JsonDecodeResult } from './decodeJson';
export { decodeJsonRequest } from './decodeJson';
export { encodeTracesProtobuf } from './encodeTraces';
export type { PartialSuccess, WireFormat } from './responses';
export { encodeExportResponse, encodeRpcStatus, partialSuccessOf } from './responses';
export type { RunningServer } from './listen';
export type { OtlpHttpOptions, OtlpHttpServerOptions } from './httpReceiver';
export { OTLP_TRACES_PATH, createOtlpHttpHandler, startOtlpHttpServer } from './httpReceiver';
export type { OtlpGrpcServerOptions } from './grpcReceiver';
export { TRACE_SERVICE_EXPORT_PATH, startOtlpGrpcServer } from './grpcReceiver';
