/**
 * Spans → the Jaeger UI model (`internal/uimodel/model.go`) that the v1 API serves, written
 * the way Jaeger's OTLP → Jaeger translator (collector-contrib `pkg/translator/jaeger`) writes
 * an OTLP span, so that src/sources/jaeger/jaegerV1.ts reads back the same SpanData:
 * - Resource → process: `serviceName` plus the other resource attributes as tags; one process
 *   per distinct resource content, numbered p1, p2… in order of first use.
 * - Span tags: `otel.scope.name`/`otel.scope.version`, the attributes, then `span.kind`,
 *   `otel.status_code` (OK|ERROR), `error`=true, `otel.status_description`, `w3c.tracestate`.
 * - Parent → a CHILD_OF reference first; links → references of their recorded refType
 *   (FOLLOWS_FROM when none).
 * - Events → logs, the name as the first field `event`.
 * - Times in whole µs (truncated, as Go's UnixNano()/1000); duration = (end − start)/1000.
 */
import type { AttributeValue, Resource, SpanData } from '../../../src/model/types';
import { bytesToBase64 } from '../../../src/sources/ids';

export type UiTagType = 'string' | 'bool' | 'int64' | 'float64' | 'binary';

export interface UiKeyValue {
  key: string;
  type: UiTagType;
  value: string | number | boolean;
}

export interface UiReference {
  refType: 'CHILD_OF' | 'FOLLOWS_FROM';
  traceID: string;
  spanID: string;
}

export interface UiLog {
  timestamp: number;
  fields: UiKeyValue[];
}

export interface UiSpan {
  traceID: string;
  spanID: string;
  flags?: number;
  operationName: string;
  references: UiReference[];
  startTime: number;
  duration: number;
  tags: UiKeyValue[];
  logs: UiLog[];
  processID: string;
  warnings: string[] | null;
}

export interface UiProcess {
  serviceName: string;
  tags: UiKeyValue[];
}

export interface UiTrace {
  traceID: string;
  spans: UiSpan[];
  processes: Record<string, UiProcess>;
  warnings: string[] | null;
}

const KIND_TAG: Record<SpanData['kind'], string | undefined> = {
  unspecified: undefined,
  internal: 'internal',
  server: 'server',
  client: 'client',
  producer: 'producer',
  consumer: 'consumer',
};

/** Jaeger's ID text: 16 hex when the high 64 bits are zero, else 32. */
export function jaegerTraceId(hex32: string): string {
  return hex32.startsWith('0000000000000000') ? hex32.slice(16) : hex32;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** An attribute as Jaeger's translator writes it (arrays and maps as JSON text, empty as ''). */
export function keyValue(key: string, value: AttributeValue): UiKeyValue {
  switch (value.type) {
    case 'string':
      return { key, type: 'string', value: value.value };
    case 'bool':
      return { key, type: 'bool', value: value.value };
    case 'int':
      // Beyond ±2^53 a JSON number would lose digits: the exact decimal text instead.
      return { key, type: 'int64', value: value.value <= MAX_SAFE && value.value >= -MAX_SAFE ? Number(value.value) : value.value.toString() };
    case 'double':
      // JSON has no NaN/Infinity (and JSON.stringify(-0) is "0").
      return { key, type: 'float64', value: Number.isFinite(value.value) ? value.value : String(value.value) };
    case 'bytes':
      return { key, type: 'binary', value: bytesToBase64(value.value) };
    case 'array':
    case 'kvlist':
      return { key, type: 'string', value: rawJson(value) };
    case 'empty':
      return { key, type: 'string', value: '' };
  }
}

/** pcommon `Value.AsString()` of a slice or map: JSON of the raw values, map keys sorted. */
function rawJson(value: AttributeValue): string {
  switch (value.type) {
    case 'string':
      return JSON.stringify(value.value);
    case 'bool':
      return String(value.value);
    case 'int':
      return value.value.toString();
    case 'double':
      return Number.isFinite(value.value) ? JSON.stringify(value.value) : JSON.stringify(String(value.value));
    case 'bytes':
      return JSON.stringify(bytesToBase64(value.value));
    case 'array':
      return `[${value.value.map(rawJson).join(',')}]`;
    case 'kvlist': {
      const sorted = [...value.value].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      return `{${sorted.map((a) => `${JSON.stringify(a.key)}:${rawJson(a.value)}`).join(',')}}`;
    }
    case 'empty':
      return 'null';
  }
}

function processOf(resource: Resource): UiProcess {
  const tags: UiKeyValue[] = [];
  for (const a of resource.attributes) if (a.key !== 'service.name') tags.push(keyValue(a.key, a.value));
  return { serviceName: resource.serviceName, tags };
}

const micros = (ns: bigint): number => Number(ns / 1000n);

function spanTags(span: SpanData): UiKeyValue[] {
  const tags: UiKeyValue[] = [];
  if (span.scope.name !== '') tags.push({ key: 'otel.scope.name', type: 'string', value: span.scope.name });
  if (span.scope.version !== '') tags.push({ key: 'otel.scope.version', type: 'string', value: span.scope.version });
  for (const a of span.attributes) tags.push(keyValue(a.key, a.value));
  const kind = KIND_TAG[span.kind];
  if (kind !== undefined) tags.push({ key: 'span.kind', type: 'string', value: kind });
  if (span.status.code === 'ok') tags.push({ key: 'otel.status_code', type: 'string', value: 'OK' });
  if (span.status.code === 'error') {
    tags.push({ key: 'otel.status_code', type: 'string', value: 'ERROR' });
    tags.push({ key: 'error', type: 'bool', value: true });
  }
  if (span.status.message !== '') tags.push({ key: 'otel.status_description', type: 'string', value: span.status.message });
  if (span.traceState !== '') tags.push({ key: 'w3c.tracestate', type: 'string', value: span.traceState });
  return tags;
}

function references(span: SpanData): UiReference[] {
  const refs: UiReference[] = [];
  if (span.parentSpanId !== '') refs.push({ refType: 'CHILD_OF', traceID: jaegerTraceId(span.traceId), spanID: span.parentSpanId });
  for (const link of span.links) {
    refs.push({ refType: link.refType === 'child_of' ? 'CHILD_OF' : 'FOLLOWS_FROM', traceID: jaegerTraceId(link.traceId), spanID: link.spanId });
  }
  return refs;
}

function logs(span: SpanData): UiLog[] {
  return span.events.map((event) => {
    const fields: UiKeyValue[] = [];
    if (event.name !== '' && !event.attributes.some((a) => a.key === 'event')) fields.push({ key: 'event', type: 'string', value: event.name });
    for (const a of event.attributes) fields.push(keyValue(a.key, a.value));
    return { timestamp: micros(event.timeUnixNano), fields };
  });
}

/** One trace's spans (same trace ID) as a UI-model trace. */
export function encodeUiTrace(traceId: string, spans: readonly SpanData[]): UiTrace {
  const processes: Record<string, UiProcess> = {};
  const byResource = new Map<Resource, string>();
  const byContent = new Map<string, string>();
  const out: UiSpan[] = [];
  for (const span of spans) {
    let pid = byResource.get(span.resource);
    if (pid === undefined) {
      const process = processOf(span.resource);
      const content = JSON.stringify(process);
      pid = byContent.get(content);
      if (pid === undefined) {
        pid = `p${byContent.size + 1}`;
        byContent.set(content, pid);
        processes[pid] = process;
      }
      byResource.set(span.resource, pid);
    }
    // Field order of uimodel.Span; `flags` is omitempty.
    const ui: UiSpan = {
      traceID: jaegerTraceId(span.traceId),
      spanID: span.spanId,
      ...(span.flags !== 0 ? { flags: span.flags } : {}),
      operationName: span.name,
      references: references(span),
      startTime: micros(span.startTimeUnixNano),
      duration: micros(span.endTimeUnixNano - span.startTimeUnixNano),
      tags: spanTags(span),
      logs: logs(span),
      processID: pid,
      warnings: null,
    };
    out.push(ui);
  }
  return { traceID: jaegerTraceId(traceId), spans: out, processes, warnings: null };
}
