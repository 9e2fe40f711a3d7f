/**
 * The hand-written wire decoder/encoder (wireTags.ts) must agree with the .proto schema: every
 * tag it matches is the field's number and wire type, and every field of the schema is read.
 */
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { otlpSchema } from './schema';
import { Tag } from './wireTags';

const TYPE_OF: Record<keyof typeof Tag, string> = {
  Request: 'opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest',
  ResourceSpans: 'opentelemetry.proto.trace.v1.ResourceSpans',
  Resource: 'opentelemetry.proto.resource.v1.Resource',
  ScopeSpans: 'opentelemetry.proto.trace.v1.ScopeSpans',
  Scope: 'opentelemetry.proto.common.v1.InstrumentationScope',
  Span: 'opentelemetry.proto.trace.v1.Span',
  Event: 'opentelemetry.proto.trace.v1.Span.Event',
  Link: 'opentelemetry.proto.trace.v1.Span.Link',
  Status: 'opentelemetry.proto.trace.v1.Status',
  KeyValue: 'opentelemetry.proto.common.v1.KeyValue',
  AnyValue: 'opentelemetry.proto.common.v1.AnyValue',
  ArrayValue: 'opentelemetry.proto.common.v1.ArrayValue',
  KeyValueList: 'opentelemetry.proto.common.v1.KeyValueList',
};

/** Protobuf wire type of a field: 0 varint, 1 64-bit, 2 length-delimited, 5 32-bit. */
function wireType(field: protobuf.Field): number {
  if (field.resolvedType instanceof protobuf.Type) return 2;
  if (field.resolvedType instanceof protobuf.Enum) return 0;
  switch (field.type) {
    case 'fixed64':
    case 'sfixed64':
    case 'double':
      return 1;
    case 'fixed32':
    case 'sfixed32':
    case 'float':
      return 5;
    case 'string':
    case 'bytes':
      return 2;
    default:
      return 0;
  }
}

describe('wire tags', () => {
  for (const [group, typeName] of Object.entries(TYPE_OF) as [keyof typeof Tag, string][]) {
    it(`${group} matches ${typeName} field for field`, () => {
      const type = otlpSchema.lookupType(typeName);
      const fromSchema = Object.fromEntries(type.fieldsArray.map((f) => [f.name, (f.id << 3) | wireType(f)]));
      expect(Tag[group]).toEqual(fromSchema);
    });
  }

  it('covers every message type of the trace schema', () => {
    const messages: string[] = [];
    const walk = (ns: protobuf.NamespaceBase): void => {
      for (const nested of ns.nestedArray) {
        if (nested instanceof protobuf.Type) messages.push(nested.fullName.slice(1));
        if (nested instanceof protobuf.Namespace || nested instanceof protobuf.Type) walk(nested);
      }
    };
    walk(otlpSchema.lookup('opentelemetry') as protobuf.Namespace);
    const notDecoded = [
      'opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse',
      'opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess',
      'opentelemetry.proto.trace.v1.TracesData',
    ];
    expect(messages.filter((m) => !notDecoded.includes(m)).sort()).toEqual(Object.values(TYPE_OF).sort());
  });
});
