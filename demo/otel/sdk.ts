/**
 * OpenTelemetry SDK of one demo service, configured from the environment the supervisor sets:
 * DEMO_SERVICE, DEMO_SERVICE_VERSION, DEMO_OTLP_PROTOCOL (grpc | http/protobuf), DEMO_OTLP_URL.
 * Loaded by register.mjs before the service's modules so HttpInstrumentation patches node:http.
 */
import { NodeSDK } from '@opentelemetry/sdk-node';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import { OTLPTraceExporter as GrpcExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { OTLPTraceExporter as ProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import { DEPLOYMENT_ENVIRONMENT } from '../topology.ts';
import { EdgeTraceStateSampler } from './edgeSampler.ts';

/** Same as runtime.ts RESEND_HEADER (runtime.ts is not imported here: it must load after the SDK patches node:http). */
const RESEND_HEADER = 'x-demo-resend-count';

const service = process.env.DEMO_SERVICE ?? 'unknown-service';
const url = process.env.DEMO_OTLP_URL ?? 'http://127.0.0.1:4317';

function exporter(): SpanExporter {
  if (process.env.DEMO_OTLP_PROTOCOL === 'http/protobuf') return new ProtoExporter({ url: `${url.replace(/\/$/, '')}/v1/traces` });
  return new GrpcExporter({ url });
}

const sdk = new NodeSDK({
  resource: resourceFromAttributes({
    [ATTR_SERVICE_NAME]: service,
    [ATTR_SERVICE_VERSION]: process.env.DEMO_SERVICE_VERSION ?? '0.0.0',
    'deployment.environment': DEPLOYMENT_ENVIRONMENT,
    'deployment.environment.name': DEPLOYMENT_ENVIRONMENT,
  }),
  autoDetectResources: false,
  // The nightly reindex makes > 5,000 spans at once: the queue must hold them all.
  spanProcessors: [new BatchSpanProcessor(exporter(), { maxQueueSize: 16_384, maxExportBatchSize: 1_024, scheduledDelayMillis: 1_000 })],
  instrumentations: [
    new HttpInstrumentation({
      // A retried call (runtime.ts `callWithRetry`) carries its retry number in a header.
      startOutgoingSpanHook: (request) => {
        const resend = (request.headers as Record<string, unknown> | undefined)?.[RESEND_HEADER];
        return resend === undefined ? {} : { 'http.request.resend_count': Number(resend) };
      },
    }),
  ],
  ...(service === 'edge-gateway' ? { sampler: new EdgeTraceStateSampler() } : {}),
});
sdk.start();

/** Flushes and stops the SDK; the service calls it on shutdown. */
(globalThis as { __demoSdkShutdown?: () => Promise<void> }).__demoSdkShutdown = () => sdk.shutdown();
