/**
 * Spans made by the real OpenTelemetry JS SDK, for receiver tests: `sendScenario` creates a
 * fixed set of spans covering what the SDK can express (parent/child across a remote parent,
 * every attribute type the API allows, events, links, error status, span kinds, trace state)
 * and exports them through the exporter under test, capturing the SDK's own ReadableSpans with
 * an InMemorySpanExporter. `expectedSpanData` turns one into what the receiver must produce.
 */
import type { Attributes, AttributeValue as SdkAttributeValue, HrTime } from '@opentelemetry/api';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, TraceFlags, trace } from '@opentelemetry/api';
import { TraceState } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import type { ReadableSpan, SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { BasicTracerProvider, BatchSpanProcessor, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { Attribute, AttributeValue, SpanData } from '../../../src/model/types';
import { SPAN_KINDS, STATUS_CODES } from '../../../src/model/types';

export const RESOURCE_ATTRIBUTES = {
  'service.name': 'checkout',
  'service.version': '2.0.1',
  'deployment.environment.name': 'test',
  'host.cpu.count': 8,
} as const;

/** Every attribute type the OTel API accepts (bytes and kvlist are not among them). */
export const ALL_TYPES: Attributes = {
  'http.request.method': 'GET',
  'empty.string': '',
  unicode: 'héllo wörld ✓ 日本',
  'http.ok': true,
  'http.response.status_code': 200,
  'negative.int': -42,
  'max.safe.int': Number.MAX_SAFE_INTEGER,
  ratio: 0.25,
  'negative.double': -1.5e-7,
  strings: ['a', 'b', ''],
  bools: [true, false],
  ints: [1, -2, 3],
  doubles: [1.5, -2.25],
};

const REMOTE_PARENT = {
  traceId: 'f0e1d2c3b4a5968778695a4b3c2d1e0f',
  spanId: '0102030405060708',
  traceFlags: TraceFlags.SAMPLED,
  isRemote: true,
  traceState: new TraceState('vendor=value,other=x'),
};

const LINKED = {
  traceId: '00112233445566778899aabbccddeeff',
  spanId: 'a1b2c3d4e5f60718',
  traceFlags: TraceFlags.SAMPLED,
  isRemote: true,
  traceState: new TraceState('link=1'),
};

/** Explicit times with nanoseconds a millisecond clock would lose. */
const T0: HrTime = [1_700_000_000, 123_456_789];
const at = (ns: number): HrTime => [T0[0], T0[1] + ns];

export type ProcessorKind = 'simple' | 'batch';

/** Runs the scenario through `exporter`; resolves with the spans the SDK exported, once sent. */
export async function sendScenario(exporter: SpanExporter, processor: ProcessorKind = 'simple'): Promise<ReadableSpan[]> {
  const memory = new InMemorySpanExporter();
  const processors: SpanProcessor[] = [
    processor === 'simple' ? new SimpleSpanProcessor(exporter) : new BatchSpanProcessor(exporter, { scheduledDelayMillis: 60_000 }),
    new SimpleSpanProcessor(memory),
  ];
  const provider = new BasicTracerProvider({ resource: resourceFromAttributes(RESOURCE_ATTRIBUTES), spanProcessors: processors });
  const tracer = provider.getTracer('tracescope-receiver-test', '1.2.3');

  // A server span continuing a remote trace (inherits its trace state), with every attribute type.
  const remote = trace.setSpanContext(ROOT_CONTEXT, REMOTE_PARENT);
  const server = tracer.startSpan('GET /orders/{id}', { kind: SpanKind.SERVER, attributes: ALL_TYPES, startTime: T0 }, remote);

  // A failing client call below it, with a link and an event.
  const client = tracer.startSpan(
    'SELECT orders',
    { kind: SpanKind.CLIENT, startTime: at(1_000), links: [{ context: LINKED, attributes: { 'link.reason': 'batch', 'link.n': 2 } }] },
    trace.setSpan(remote, server),
  );
  client.addEvent('query.start', { 'db.rows': 3, 'db.ok': true, 'db.ratio': 0.5, 'db.tables': ['orders', 'items'] }, at(2_001));
  client.addEvent('query.retry', undefined, at(3_003));
  client.setStatus({ code: SpanStatusCode.ERROR, message: 'deadlock detected' });
  client.end(at(500_007));
  server.end(at(900_009));

  // A new root trace with default (clock) times, from a second scope without a version.
  const job = provider.getTracer('background-jobs').startSpan('nightly report', { kind: SpanKind.PRODUCER });
  job.setStatus({ code: SpanStatusCode.OK });
  job.end();
  tracer.startSpan('consume', { kind: SpanKind.CONSUMER }, trace.setSpan(ROOT_CONTEXT, job)).end();

  await provider.forceFlush();
  const sent = memory.getFinishedSpans();
  await provider.shutdown();
  return sent;
}

const toNanos = (time: HrTime): bigint => BigInt(time[0]) * 1_000_000_000n + BigInt(time[1]);

/** The SDK's number → OTLP int/double choice (its otlp-transformer `toAnyValue`). */
function toValue(value: SdkAttributeValue | null | undefined): AttributeValue {
  if (typeof value === 'string') return { type: 'string', value };
  if (typeof value === 'boolean') return { type: 'bool', value };
  if (typeof value === 'number') return Number.isInteger(value) ? { type: 'int', value: BigInt(value) } : { type: 'double', value };
  if (Array.isArray(value)) return { type: 'array', value: value.map((v) => toValue(v)) };
  return { type: 'empty' };
}

function toAttributes(attributes: Attributes | undefined): Attribute[] {
  return Object.entries(attributes ?? {}).map(([key, value]) => ({ key, value: toValue(value) }));
}

/** OTLP SpanFlags as the SDK's exporter writes them: W3C flags plus the has-is-remote bits. */
function spanFlags(traceFlags: number, isRemote: boolean | undefined): number {
  return (traceFlags & 0xff) | 0x100 | (isRemote ? 0x200 : 0);
}

/** The span with Resource and Scope as plain copies, so `toEqual` ignores their class and identity. */
export function comparable(span: SpanData): SpanData {
  return { ...span, resource: { ...span.resource }, scope: { ...span.scope } };
}

/** What a receiver must produce for one span the SDK exported. */
export function expectedSpanData(span: ReadableSpan): SpanData {
  const ctx = span.spanContext();
  return {
    traceId: ctx.traceId,
    spanId: ctx.spanId,
    parentSpanId: span.parentSpanContext?.spanId ?? '',
    traceState: ctx.traceState?.serialize() ?? '',
    name: span.name,
    // The API's SpanKind has no UNSPECIFIED: OTLP = API + 1.
    kind: SPAN_KINDS[span.kind + 1]!,
    startTimeUnixNano: toNanos(span.startTime),
    endTimeUnixNano: toNanos(span.endTime),
    attributes: toAttributes(span.attributes),
    droppedAttributesCount: span.droppedAttributesCount,
    events: span.events.map((e) => ({
      timeUnixNano: toNanos(e.time),
      name: e.name,
      attributes: toAttributes(e.attributes),
      droppedAttributesCount: e.droppedAttributesCount ?? 0,
    })),
    droppedEventsCount: span.droppedEventsCount,
    links: span.links.map((l) => ({
      traceId: l.context.traceId,
      spanId: l.context.spanId,
      traceState: l.context.traceState?.serialize() ?? '',
      attributes: toAttributes(l.attributes),
      droppedAttributesCount: l.droppedAttributesCount ?? 0,
      flags: spanFlags(l.context.traceFlags, l.context.isRemote),
    })),
    droppedLinksCount: span.droppedLinksCount,
    status: { code: STATUS_CODES[span.status.code]!, message: span.status.message ?? '' },
    flags: spanFlags(ctx.traceFlags, span.parentSpanContext?.isRemote),
    resource: {
      serviceName: String(span.resource.attributes['service.name']),
      attributes: toAttributes(span.resource.attributes),
      droppedAttributesCount: 0,
      schemaUrl: span.resource.schemaUrl ?? '',
    },
    scope: {
      name: span.instrumentationScope.name,
      version: span.instrumentationScope.version ?? '',
      attributes: [],
      droppedAttributesCount: 0,
      schemaUrl: span.instrumentationScope.schemaUrl ?? '',
    },
  };
}
