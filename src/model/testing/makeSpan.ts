/**
 * Test factory for `SpanData`, for tests anywhere in the project.
 *
 *   makeSpan({ spanId: 'a' })                                   // a root, 0–1 ms
 *   makeSpan({ spanId: 'b', parentSpanId: 'a', start: 0.2, duration: 0.5, service: 'db' })
 *   makeSpan({ spanId: 'c', parentSpanId: 'a', status: 'error', attributes: { 'http.status_code': 500 } })
 *   { ...makeSpan({ spanId: 'd' }), kind: 'client' }             // any other field: spread
 *
 * - `spanId` / `parentSpanId` / `traceId` are used verbatim (short readable IDs are fine in
 *   tests; importers produce 16/32 lowercase hex). `parentSpanId` defaults to '' (a root).
 * - `start` and `duration` are milliseconds (fractions allowed, rounded to whole ns); `start`
 *   counts from `BASE_TIME_NS` (1_700_000_000_000_000_000n, beyond 2^53 like real timestamps).
 *   Defaults: start 0, duration 1. A negative duration gives an end before the start.
 * - `service` (default 'frontend') and `host` (sets resource attribute `host.name`) select a
 *   `Resource` shared by every span with the same service and host, as in a real batch.
 * - `status`: a code ('unset' | 'ok' | 'error', message '') or a full `SpanStatus`. Default unset.
 * - `attributes`: `Attribute[]`, or a record whose values map string → string, boolean → bool,
 *   bigint → int, integer number → int, other number → double.
 * - `name` defaults to `op-<spanId>`; `kind` is 'server' for a root and 'internal' otherwise;
 *   `flags` is 1 (sampled); no events, links or dropped counts; one shared scope.
 */
import type { Attribute, AttributeValue, Resource, Scope, SpanData, SpanStatus, StatusCode } from '../types';

/** Start of `start: 0`, in ns since the epoch (2023-11-14T22:13:20Z). */
export const BASE_TIME_NS = 1_700_000_000_000_000_000n;

/** Trace ID of spans that do not set one. */
export const TEST_TRACE_ID = '5b8efff798038103d269b633813fc60c';

export interface MakeSpanInput {
  spanId: string;
  parentSpanId?: string;
  /** ms from `BASE_TIME_NS`. */
  start?: number;
  /** ms. */
  duration?: number;
  name?: string;
  service?: string;
  status?: StatusCode | SpanStatus;
  traceId?: string;
  attributes?: readonly Attribute[] | Readonly<Record<string, string | number | boolean | bigint>>;
  /** Sets the resource attribute `host.name`. */
  host?: string;
}

const TEST_SCOPE: Scope = Object.freeze({
  name: 'tracescope-test',
  version: '1.0.0',
  attributes: Object.freeze([]),
  droppedAttributesCount: 0,
  schemaUrl: '',
});

const resources = new Map<string, Resource>();

function resourceFor(service: string, host: string | undefined): Resource {
  const key = `${service}\u0000${host ?? ''}`;
  let resource = resources.get(key);
  if (resource === undefined) {
    const attributes: Attribute[] = [{ key: 'service.name', value: { type: 'string', value: service } }];
    if (host !== undefined) attributes.push({ key: 'host.name', value: { type: 'string', value: host } });
    resource = Object.freeze({
      serviceName: service,
      attributes: Object.freeze(attributes),
      droppedAttributesCount: 0,
      schemaUrl: '',
    });
    resources.set(key, resource);
  }
  return resource;
}

function toAttributeValue(value: string | number | boolean | bigint): AttributeValue {
  switch (typeof value) {
    case 'string':
      return { type: 'string', value };
    case 'boolean':
      return { type: 'bool', value };
    case 'bigint':
      return { type: 'int', value };
    default:
      return Number.isInteger(value) ? { type: 'int', value: BigInt(value) } : { type: 'double', value };
  }
}

function toAttributes(input: MakeSpanInput['attributes']): readonly Attribute[] {
  if (input === undefined) return [];
  if (Array.isArray(input)) return input as readonly Attribute[];
  return Object.entries(input).map(([key, value]) => ({ key, value: toAttributeValue(value) }));
}

/** Milliseconds (fractions allowed) to whole nanoseconds. */
export function msToNs(ms: number): bigint {
  return BigInt(Math.round(ms * 1_000_000));
}

export function makeSpan(partial: MakeSpanInput): SpanData {
  const parentSpanId = partial.parentSpanId ?? '';
  const startTimeUnixNano = BASE_TIME_NS + msToNs(partial.start ?? 0);
  const status: SpanStatus =
    partial.status === undefined
      ? { code: 'unset', message: '' }
      : typeof partial.status === 'string'
        ? { code: partial.status, message: '' }
        : partial.status;
  return {
    traceId: partial.traceId ?? TEST_TRACE_ID,
    spanId: partial.spanId,
    parentSpanId,
    traceState: '',
    name: partial.name ?? `op-${partial.spanId}`,
    kind: parentSpanId === '' ? 'server' : 'internal',
    startTimeUnixNano,
    endTimeUnixNano: startTimeUnixNano + msToNs(partial.duration ?? 1),
    attributes: toAttributes(partial.attributes),
    droppedAttributesCount: 0,
    events: [],
    droppedEventsCount: 0,
    links: [],
    droppedLinksCount: 0,
    status,
    flags: 1,
    resource: resourceFor(partial.service ?? 'frontend', partial.host),
    scope: TEST_SCOPE,
  };
}
