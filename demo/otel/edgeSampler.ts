/**
 * The edge gateway's sampler: samples everything, and on a trace's root span puts a
 * `justkalm=` tracestate entry that W3C propagation then carries through every service.
 */
import type { Attributes, Context, Link, SpanKind } from '@opentelemetry/api';
import { trace } from '@opentelemetry/api';
import { TraceState } from '@opentelemetry/core';
import { SamplingDecision } from '@opentelemetry/sdk-trace-base';
import type { Sampler, SamplingResult } from '@opentelemetry/sdk-trace-base';

export const TRACESTATE_VENDOR = 'justkalm';

export class EdgeTraceStateSampler implements Sampler {
  shouldSample(context: Context, _traceId: string, _name: string, _kind: SpanKind, _attributes: Attributes, _links: Link[]): SamplingResult {
    const parent = trace.getSpanContext(context);
    if (parent) return { decision: SamplingDecision.RECORD_AND_SAMPLED };
    const session = Math.floor(Math.random() * 0xffffffff).toString(16).padStart(8, '0');
    return { decision: SamplingDecision.RECORD_AND_SAMPLED, traceState: new TraceState().set(TRACESTATE_VENDOR, `edge:${session}`) };
  }

  toString(): string {
    return 'EdgeTraceStateSampler';
  }
}
