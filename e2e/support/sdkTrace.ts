/**
 * Writes traces with the real OpenTelemetry JS SDK (BasicTracerProvider + the OTLP/HTTP protobuf
 * exporter) to the backend under test, from a declarative tree with explicit times, so tests know
 * every span they sent. Each call records what it sent in `sent`, which the dashboard tests use
 * to compute exact expectations.
 */
import { context, trace, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { Attributes, Link, Span } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { E2E_OTLP_HTTP_PORT } from './ports';

export interface SpanSpec {
  readonly service: string;
  readonly name: string;
  /** Start, ms after the trace's start. */
  readonly at: number;
  /** Duration in ms. */
  readonly ms: number;
  readonly kind?: SpanKind;
  readonly attributes?: Attributes;
  /** Marks the span as failed with this message (status ERROR + an exception event). */
  readonly error?: string;
  readonly events?: readonly { readonly name: string; readonly at: number; readonly attributes?: Attributes }[];
  /** Links to spans of other traces. */
  readonly links?: readonly { readonly traceId: string; readonly spanId: string; readonly attributes?: Attributes }[];
  /** A key to find this span's ID in the result (`spans[key]`). */
  readonly key?: string;
  readonly children?: readonly SpanSpec[];
}

export interface SentTrace {
  readonly traceId: string;
  /** Root span ID. */
  readonly rootSpanId: string;
  readonly rootService: string;
  readonly rootName: string;
  readonly startMs: number;
  /** Root start to the last span's end, ms. */
  readonly durationMs: number;
  readonly spanCount: number;
  readonly errorCount: number;
  readonly services: readonly string[];
  /** Span IDs by the spec's `key`. */
  readonly spans: Readonly<Record<string, string>>;
  /** Every span, for tests that compute figures: service, name, parent service (or null), duration ms, error. */
  readonly spanList: readonly { service: string; name: string; parentService: string | null; ms: number; error: boolean }[];
}

export const sent: SentTrace[] = [];

const providers = new Map<string, BasicTracerProvider>();

function tracerFor(service: string) {
  let provider = providers.get(service);
  if (!provider) {
    const exporter = new OTLPTraceExporter({ url: `http://127.0.0.1:${E2E_OTLP_HTTP_PORT}/v1/traces` });
    provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ 'service.name': service, 'service.version': '1.0.0', 'deployment.environment': 'e2e' }),
      spanProcessors: [new BatchSpanProcessor(exporter, { maxQueueSize: 100_000, maxExportBatchSize: 2_000, scheduledDelayMillis: 200 })],
    });
    providers.set(service, provider);
  }
  return provider.getTracer('tracescope-e2e', '1.0.0');
}

/** Sends one trace starting at `startMs` (epoch ms) and returns what was sent. */
export function sendTrace(root: SpanSpec, startMs: number): SentTrace {
  const spans: Record<string, string> = {};
  const spanList: SentTrace['spanList'][number][] = [];
  let end = startMs;
  let errors = 0;
  const services = new Set<string>();
  const emit = (spec: SpanSpec, parent: Span | undefined, parentService: string | null): Span => {
    const ctx = parent ? trace.setSpan(context.active(), parent) : context.active();
    const links: Link[] = (spec.links ?? []).map((l) => ({
      context: { traceId: l.traceId, spanId: l.spanId, traceFlags: 1 },
      ...(l.attributes ? { attributes: l.attributes } : {}),
    }));
    const span = tracerFor(spec.service).startSpan(
      spec.name,
      { startTime: startMs + spec.at, kind: spec.kind ?? (parent ? SpanKind.INTERNAL : SpanKind.SERVER), attributes: spec.attributes ?? {}, links },
      ctx,
    );
    if (spec.key) spans[spec.key] = span.spanContext().spanId;
    for (const event of spec.events ?? []) span.addEvent(event.name, event.attributes ?? {}, startMs + event.at);
    if (spec.error) {
      span.recordException({ name: 'Error', message: spec.error }, startMs + spec.at + spec.ms);
      span.setStatus({ code: SpanStatusCode.ERROR, message: spec.error });
      errors++;
    }
    services.add(spec.service);
    spanList.push({ service: spec.service, name: spec.name, parentService, ms: spec.ms, error: spec.error !== undefined });
    for (const child of spec.children ?? []) emit(child, span, spec.service);
    span.end(startMs + spec.at + spec.ms);
    end = Math.max(end, startMs + spec.at + spec.ms);
    return span;
  };
  const rootSpan = emit(root, undefined, null);
  const record: SentTrace = {
    traceId: rootSpan.spanContext().traceId,
    rootSpanId: rootSpan.spanContext().spanId,
    rootService: root.service,
    rootName: root.name,
    startMs: startMs + root.at,
    durationMs: end - (startMs + root.at),
    spanCount: spanList.length,
    errorCount: errors,
    services: [...services].sort(),
    spans,
    spanList,
  };
  sent.push(record);
  return record;
}

/** Exports everything queued and shuts the providers down. */
export async function flushAll(): Promise<void> {
  await Promise.all([...providers.values()].map((p) => p.forceFlush()));
  await Promise.all([...providers.values()].map((p) => p.shutdown()));
  providers.clear();
}
