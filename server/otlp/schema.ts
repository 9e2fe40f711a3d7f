/**
 * The OTLP trace schema (proto/*.proto, written by hand from the spec's field numbers), loaded
 * once with protobufjs. Used reflectively for the small messages (responses, google.rpc.Status)
 * and by tests as the reference codec; the span hot paths use the same field numbers by hand
 * (wireTags.ts, checked against this schema by schemaTags.test.ts).
 */
import protobuf from 'protobufjs';
import { fileURLToPath } from 'node:url';

const PROTO_FILES = ['common.proto', 'resource.proto', 'trace.proto', 'trace_service.proto', 'status.proto'];

function loadRoot(): protobuf.Root {
  const dir = fileURLToPath(new URL('./proto/', import.meta.url));
  // keepCase false: fields become lowerCamelCase, the same names as OTLP/JSON.
  const root = new protobuf.Root().loadSync(
    PROTO_FILES.map((f) => dir + f),
    { keepCase: false },
  );
  root.resolveAll();
  return root;
}

/** All loaded types, for lookups by full name (tests compare the hand decoder's tags with it). */
export const otlpSchema = loadRoot();
const root = otlpSchema;

export const ExportTraceServiceRequestType = root.lookupType('opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest');
export const ExportTraceServiceResponseType = root.lookupType('opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse');
export const TracesDataType = root.lookupType('opentelemetry.proto.trace.v1.TracesData');
export const RpcStatusType = root.lookupType('google.rpc.Status');
export const RetryInfoType = root.lookupType('google.rpc.RetryInfo');
