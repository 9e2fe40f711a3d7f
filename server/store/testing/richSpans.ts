/**
 * Test data for the store: spans that exercise every field of SpanData (all attribute types,
 * int64 beyond 2^53, bytes, nested arrays/kvlists, events, links with refType, dropped counts,
 * trace state, flags) and temp-dir helpers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Attribute, Resource, Scope, SpanData } from '../../../src/model/types';
import { BASE_TIME_NS, makeSpan } from '../../../src/model/testing/makeSpan';

export { BASE_TIME_NS, makeSpan };

export function tempDir(prefix = 'tracescope-store-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export const EVERY_TYPE: readonly Attribute[] = [
  { key: 'str', value: { type: 'string', value: 'héllo "wörld"\n\t\\ 🚀' } },
  { key: 'empty.str', value: { type: 'string', value: '' } },
  { key: 'bool.t', value: { type: 'bool', value: true } },
  { key: 'bool.f', value: { type: 'bool', value: false } },
  { key: 'int.big', value: { type: 'int', value: 9_007_199_254_740_993n } },
  { key: 'int.max', value: { type: 'int', value: 9_223_372_036_854_775_807n } },
  { key: 'int.min', value: { type: 'int', value: -9_223_372_036_854_775_808n } },
  { key: 'double', value: { type: 'double', value: 3.141592653589793 } },
  { key: 'double.negzero', value: { type: 'double', value: -0 } },
  { key: 'double.nan', value: { type: 'double', value: Number.NaN } },
  { key: 'double.inf', value: { type: 'double', value: Number.NEGATIVE_INFINITY } },
  { key: 'bytes', value: { type: 'bytes', value: new Uint8Array([0, 1, 2, 250, 255]) } },
  { key: 'bytes.empty', value: { type: 'bytes', value: new Uint8Array([]) } },
  {
    key: 'array',
    value: {
      type: 'array',
      value: [
        { type: 'string', value: 'a' },
        { type: 'int', value: -5n },
        { type: 'array', value: [{ type: 'bool', value: true }] },
        { type: 'empty' },
      ],
    },
  },
  {
    key: 'kvlist',
    value: {
      type: 'kvlist',
      value: [
        { key: 'inner', value: { type: 'double', value: 1.5 } },
        { key: 'nested', value: { type: 'kvlist', value: [{ key: 'deep', value: { type: 'bytes', value: new Uint8Array([7]) } }] } },
      ],
    },
  },
  { key: 'empty', value: { type: 'empty' } },
  { key: 'array.empty', value: { type: 'array', value: [] } },
  {
    key: 'array.odd',
    value: {
      type: 'array',
      value: [
        { type: 'double', value: Number.NaN },
        { type: 'string', value: 'lone \ud800 surrogate' },
        { type: 'kvlist', value: [] },
        { type: 'double', value: 2.5 },
      ],
    },
  },
  { key: 'str.surrogate', value: { type: 'string', value: '\udc00' } },
  { key: 'nul', value: { type: 'string', value: 'a\u0000b' } },
  { key: 'str', value: { type: 'string', value: 'duplicate key kept in order' } },
];

export const RICH_RESOURCE: Resource = {
  serviceName: 'checkout',
  attributes: [
    { key: 'service.name', value: { type: 'string', value: 'checkout' } },
    { key: 'host.name', value: { type: 'string', value: 'node-7' } },
    { key: 'process.pid', value: { type: 'int', value: 4242n } },
  ],
  droppedAttributesCount: 2,
  schemaUrl: 'https://opentelemetry.io/schemas/1.21.0',
};

export const RICH_SCOPE: Scope = {
  name: 'io.opentelemetry.http',
  version: '1.2.3',
  attributes: [{ key: 'scope.attr', value: { type: 'bool', value: true } }],
  droppedAttributesCount: 1,
  schemaUrl: 'https://opentelemetry.io/schemas/1.20.0',
};

/** A span using every SpanData feature. */
export function richSpan(traceId: string, spanId: string, parentSpanId = ''): SpanData {
  return {
    traceId,
    spanId,
    parentSpanId,
    traceState: 'vendor=abc,other=x',
    name: 'GET /cart',
    kind: 'server',
    startTimeUnixNano: BASE_TIME_NS + 123n,
    endTimeUnixNano: BASE_TIME_NS + 5_000_123n,
    attributes: EVERY_TYPE,
    droppedAttributesCount: 3,
    events: [
      { timeUnixNano: BASE_TIME_NS + 1_000n, name: 'exception', attributes: [{ key: 'exception.type', value: { type: 'string', value: 'Boom' } }], droppedAttributesCount: 1 },
      { timeUnixNano: BASE_TIME_NS + 2_000n, name: 'no attrs', attributes: [], droppedAttributesCount: 0 },
    ],
    droppedEventsCount: 4,
    links: [
      { traceId: 'ffffffffffffffffffffffffffffffff', spanId: '00000000000000aa', traceState: 'k=v', attributes: EVERY_TYPE.slice(0, 3), droppedAttributesCount: 5, flags: 257 },
      { traceId, spanId: '00000000000000bb', traceState: '', attributes: [], droppedAttributesCount: 0, flags: 0, refType: 'follows_from' },
    ],
    droppedLinksCount: 6,
    status: { code: 'error', message: 'it broke' },
    flags: 0x301,
    resource: RICH_RESOURCE,
    scope: RICH_SCOPE,
  };
}
