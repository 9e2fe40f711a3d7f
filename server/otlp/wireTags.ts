/**
 * Wire tags (`field_number << 3 | wire_type`) of the fields the hand-written decoder reads,
 * named as in proto/*.proto. Matching on the whole tag means a field sent with an unexpected
 * wire type falls to `default` and is skipped as unknown instead of being misread.
 * `schemaTags.test.ts` derives every tag from the loaded .proto and compares.
 */

/** Wire types: 0 varint, 1 64-bit, 2 length-delimited, 5 32-bit. */
const tag = (field: number, wireType: 0 | 1 | 2 | 5): number => (field << 3) | wireType;

export const Tag = {
  Request: { resourceSpans: tag(1, 2) },
  ResourceSpans: { resource: tag(1, 2), scopeSpans: tag(2, 2), schemaUrl: tag(3, 2) },
  Resource: { attributes: tag(1, 2), droppedAttributesCount: tag(2, 0) },
  ScopeSpans: { scope: tag(1, 2), spans: tag(2, 2), schemaUrl: tag(3, 2) },
  Scope: { name: tag(1, 2), version: tag(2, 2), attributes: tag(3, 2), droppedAttributesCount: tag(4, 0) },
  Span: {
    traceId: tag(1, 2),
    spanId: tag(2, 2),
    traceState: tag(3, 2),
    parentSpanId: tag(4, 2),
    name: tag(5, 2),
    kind: tag(6, 0),
    startTimeUnixNano: tag(7, 1),
    endTimeUnixNano: tag(8, 1),
    attributes: tag(9, 2),
    droppedAttributesCount: tag(10, 0),
    events: tag(11, 2),
    droppedEventsCount: tag(12, 0),
    links: tag(13, 2),
    droppedLinksCount: tag(14, 0),
    status: tag(15, 2),
    flags: tag(16, 5),
  },
  Event: { timeUnixNano: tag(1, 1), name: tag(2, 2), attributes: tag(3, 2), droppedAttributesCount: tag(4, 0) },
  Link: {
    traceId: tag(1, 2),
    spanId: tag(2, 2),
    traceState: tag(3, 2),
    attributes: tag(4, 2),
    droppedAttributesCount: tag(5, 0),
    flags: tag(6, 5),
  },
  Status: { message: tag(2, 2), code: tag(3, 0) },
  KeyValue: { key: tag(1, 2), value: tag(2, 2) },
  AnyValue: {
    stringValue: tag(1, 2),
    boolValue: tag(2, 0),
    intValue: tag(3, 0),
    doubleValue: tag(4, 1),
    arrayValue: tag(5, 2),
    kvlistValue: tag(6, 2),
    bytesValue: tag(7, 2),
  },
  ArrayValue: { values: tag(1, 2) },
  KeyValueList: { values: tag(1, 2) },
} as const;

/** Deeper AnyValue nesting than this is hostile input, not telemetry (same as the JSON decoder). */
export const MAX_VALUE_DEPTH = 64;
