import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateOtlp } from '../../../bench/generateOtlp';
import { detectFormat } from '../detect';
import { ImportError } from '../importResult';
import { decodeResourceSpans } from './decodeResourceSpans';
import type { DecodedSpans } from './decodeResourceSpans';
import type { SpanData } from '../../model/types';

/** What decodeResourceSpans also gives (the body's container and envelope are extra). */
const spansAndIssues = ({ spans, issues }: { spans: unknown; issues: unknown }) => ({ spans, issues });
import { decodeOtlpJsonBytes } from './streamingDecoder';

const FIXTURES = join(import.meta.dirname, '..', '__fixtures__');
const encoder = new TextEncoder();

/** The reference: JSON.parse, then `decodeResourceSpans` on the container the importer reads. */
function reference(text: string): DecodedSpans | 'not otlp' {
  const json = JSON.parse(text) as Record<string, unknown>;
  const format = detectFormat(json);
  if (format === 'otlp-json') return decodeResourceSpans(json.resourceSpans, 'resourceSpans');
  if (format === 'tempo-v1') return decodeResourceSpans(json.batches, 'batches');
  const nested = format === 'tempo-v2' ? 'trace' : format === 'jaeger-v3' ? 'result' : null;
  const inner = nested === null ? undefined : (json[nested] as Record<string, unknown> | undefined);
  if (nested === null || inner === null || typeof inner !== 'object' || !('resourceSpans' in inner)) return 'not otlp';
  return decodeResourceSpans(inner.resourceSpans, `${nested}.resourceSpans`);
}

/** The bytes in pieces of `size`, to cross every token boundary a chunk can cut. */
function* chunked(bytes: Uint8Array, size: number): Generator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

const SPAN_DATA_KEYS = [
  'traceId', 'spanId', 'parentSpanId', 'traceState', 'name', 'kind', 'startTimeUnixNano', 'endTimeUnixNano',
  'attributes', 'droppedAttributesCount', 'events', 'droppedEventsCount', 'links', 'droppedLinksCount',
  'status', 'flags', 'resource', 'scope',
] as const satisfies readonly (keyof SpanData)[];

/** A span record's SpanData fields as a plain object (records compute some when read). */
const dataOf = (span: SpanData) => Object.fromEntries(SPAN_DATA_KEYS.map((key) => [key, span[key]]));

/**
 * Plain spans, and span records (whose attributes are packed, see packedAttributes.ts), equal
 * the reference's, for the bytes whole and in chunks.
 */
function expectSameAsReference(text: string): void {
  const expected = reference(text);
  const bytes = encoder.encode(text);
  for (const input of [bytes, chunked(bytes, 7), chunked(bytes, 4096)]) {
    if (expected === 'not otlp') expect(() => decodeOtlpJsonBytes(input)).toThrow(ImportError);
    else expect(spansAndIssues(decodeOtlpJsonBytes(input))).toStrictEqual(expected);
  }
  if (expected === 'not otlp') return;
  for (const input of [bytes, chunked(bytes, 4096)]) {
    const records = decodeOtlpJsonBytes(input, '', { records: true });
    expect(records.issues).toStrictEqual(expected.issues);
    expect(records.spans.map(dataOf)).toStrictEqual(expected.spans.map(dataOf));
  }
}

const fixtureFiles = [
  ...readdirSync(join(FIXTURES, 'tempo')).map((f) => join('tempo', f)),
  ...readdirSync(join(FIXTURES, 'otlp')).map((f) => join('otlp', f)),
  ...readdirSync(join(FIXTURES, 'jaeger'))
    .filter((f) => f.startsWith('v3-'))
    .map((f) => join('jaeger', f)),
].filter((f) => f.endsWith('.json'));

describe('decodeOtlpJsonBytes: same result as JSON.parse + decodeResourceSpans', () => {
  it.each(fixtureFiles)('%s', (file) => {
    expectSameAsReference(readFileSync(join(FIXTURES, file), 'utf8'));
  });

  it('the bench generator output (fast path)', () => {
    expectSameAsReference(generateOtlp(3000, 7));
  });

  it('look-alikes of the one-pass checks (IDs, times, member names) behave as the reference', () => {
    const T = '0af7651916cd43dd8448eb211c80319c';
    const span = (members: string) => `{"traceId":"${T}","spanId":"b7ad6b7169203331","startTimeUnixNano":"1","endTimeUnixNano":"2",${members}}`;
    const spans = [
      span('"name":"a","parentSpanId":"b7ad6b7169203331"'), // the same ID string again
      span('"name":"b","parentSpanId":"B7AD6B7169203331"'), // uppercase: not the fast shape
      span('"name":"c","parentSpanId":"b7ad6b716920333\u0031"'), // escaped digit, same ID
      span('"name":"d","parentSpanId":"b7ad6b71692033"'), // too short
      span('"name":"e","parentSpanId":""'),
      `{"traceId":"${T.toUpperCase()}","spanId":"00f067aa0ba902b7","startTimeUnixNano":"1","endTimeUnixNano":"2"}`,
      `{"traceId":"${T}0","spanId":"00f067aa0ba902b8","startTimeUnixNano":"1","endTimeUnixNano":"2"}`,
      `{"traceId":"${T}","spanId":"00f067aa0ba902b9","startTimeUnixNano":"12345678901234567890","endTimeUnixNano":"2"}`,
      `{"traceId":"${T}","spanId":"00f067aa0ba902ba","startTimeUnixNano":"1700000000123456789","endTimeUnixNano":"17000000001234567x9"}`,
      `{"traceId":"${T}","spanId":"00f067aa0ba902bb","startTimeUnixNano":"","endTimeUnixNano":"2"}`,
      `{"traceId":"${T}","spanId":"00f067aa0ba902bc","start\u0054imeUnixNano":"5","endTimeUnixNano":"9","nam":"x","nameX":"y"}`,
      `{"traceId":"${T}","spanId":"00f067aa0ba902bd","startTimeUnixNano":"5","endTimeUnixNano":"9","attributes":[{"key":"k","value":{"stringValue":"v"}},{"key":"k","value":{"stringValue":"w"}},{"key":"k","value":{"stringValue":"v"}}]}`,
    ];
    expectSameAsReference(`{"resourceSpans":[{"scopeSpans":[{"spans":[${spans.join(',')}]}]}]}`);
  });

  it('pretty-printed JSON (whitespace between every token) decodes as the reference', () => {
    expectSameAsReference(JSON.stringify(JSON.parse(generateOtlp(400, 11)), null, 2));
    expectSameAsReference(JSON.stringify(JSON.parse(generateOtlp(50, 12)), null, '\t').replace(/\n/g, '\r\n'));
  });

  it('a span longer than the fast path looks ahead, across chunk boundaries', () => {
    const T = '0af7651916cd43dd8448eb211c80319c';
    const long = `{"key":"long","value":{"stringValue":"${'z'.repeat(70_000)}"}}`;
    const span = (id: string) =>
      `{"traceId":"${T}","spanId":"${id}","startTimeUnixNano":"1","endTimeUnixNano":"2","attributes":[${long},{"key":"k","value":{"intValue":"7"}}]}`;
    const text = `{"resourceSpans":[{"scopeSpans":[{"spans":[${span('00f067aa0ba902b7')},${span('00f067aa0ba902b8')}]}]}]}`;
    expectSameAsReference(text);
    const bytes = encoder.encode(text);
    expect(spansAndIssues(decodeOtlpJsonBytes(chunked(bytes, 50_000)))).toStrictEqual(reference(text));
  });

  it('scalar look-alikes in attributes, events and counts behave as the reference', () => {
    const T = '0af7651916cd43dd8448eb211c80319c';
    const kv = (value: string) => `{"key":"k","value":${value}}`;
    const values = [
      '{"stringValue":"caf\u00e9"}', '{"stringValue":"café ünï"}', '{"stringValue":""}', '{"stringValue":"a\\"b"}',
      '{"intValue":"-0"}', '{"intValue":"007"}', '{"intValue":"-9223372036854775808"}', '{"intValue":"123456789012345678901"}',
      '{"intValue":"1e3"}', '{"intValue":5}', '{"doubleValue":-0}', '{"doubleValue":0.1}', '{"doubleValue":1e-7}',
      '{"doubleValue":123456789012345678}', '{"doubleValue":"Infinity"}', '{"boolValue":true}', '{"boolValue":false}',
      '{"intValue":"2147483647"}', '{"intValue":"2147483648"}', '{"intValue":"-2147483648"}', '{"intValue":"-2147483649"}',
      '{"intValue":"00000000000000000042"}', '{"intValue":"9007199254740993"}', '{"stringValue":"tab\\there \\u00e9 \\ud83d\\ude00"}',
      '{"stringValue":"lone \\ud800 surrogate"}', `{"stringValue":"${'é'.repeat(300)}"}`, `{"stringValue":"${'a'.repeat(300)}"}`,
      '{"stringValue":"x","intValue":"1"}', '{"stringValu":"x"}', '{}', 'null', '{"arrayValue":{"values":[{"intValue":"1"}]}}',
    ];
    const spans = values.map(
      (value, i) =>
        `{"traceId":"${T}","spanId":"00f067aa0ba9${String(1000 + i)}","startTimeUnixNano":"1","endTimeUnixNano":"2","attributes":[${kv(value)}]}`,
    );
    const odd = [
      '"kind":"2"', '"kind":2.0', '"kind":12', '"flags":1.0', '"flags":4294967296', '"droppedAttributesCount":-1',
      '"status":{"code":2,"message":"m"}', '"status":{}', '"status":{"code":3}', '"events":[{}]', '"events":[{"name":"e","timeUnixNano":"5","attributes":[]}]',
      '"attributes":[{"value":{"stringValue":"v"},"key":"k"}]', '"attributes":[{"key":"k"}]', '"links":[]', '"links":[ ]', '"name":"caf\u00e9"', '"name":"naïve"',
      '"parentSpanId":""', '"parentSpanId":"0000000000000000"', '"traceState":"k=v"',
    ].map((member, i) => `{"traceId":"${T}","spanId":"00f067aa0ba9${String(2000 + i)}","startTimeUnixNano":"1","endTimeUnixNano":"2",${member}}`);
    expectSameAsReference(`{"resourceSpans":[{"scopeSpans":[{"spans":[${[...spans, ...odd].join(',')}]}]}]}`);
    // Not JSON at all: the fast path must not accept it either.
    const leadingZero = `{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"${T}","spanId":"00f067aa0ba90001","flags":01}]}]}]}`;
    expect(() => decodeOtlpJsonBytes(encoder.encode(leadingZero))).toThrow(/malformed number/);
  });

  it('a repeated attribute is one frozen object; one seen once is not frozen, as the reference', () => {
    const T = '0af7651916cd43dd8448eb211c80319c';
    const span = (id: string, user: string) =>
      `{"traceId":"${T}","spanId":"${id}","startTimeUnixNano":"1","endTimeUnixNano":"2","attributes":[{"key":"http.method","value":{"stringValue":"GET"}},{"key":"user","value":{"stringValue":"${user}"}}]}`;
    const text = `{"resourceSpans":[{"scopeSpans":[{"spans":[${span('00f067aa0ba902b7', 'u1')},${span('00f067aa0ba902b8', 'u2')}]}]}]}`;
    const [a, b] = decodeOtlpJsonBytes(encoder.encode(text)).spans;
    expect(a!.attributes[0]).toBe(b!.attributes[0]);
    expect(Object.isFrozen(a!.attributes[0]) && Object.isFrozen(a!.attributes[0]!.value)).toBe(true);
    expect(a!.attributes[1]).toStrictEqual({ key: 'user', value: { type: 'string', value: 'u1' } });
    expect(a!.attributes[1]).not.toBe(b!.attributes[1]);
  });

  it('odd but valid shapes: base64 IDs, enum names, nulls, links, legacy names, members in any order', () => {
    const span = (id: string, extra: Record<string, unknown> = {}) => ({
      traceId: '5b8efff798038103d269b633813fc60c',
      spanId: id,
      startTimeUnixNano: '1700000000000000001',
      endTimeUnixNano: '1700000000000000002',
      ...extra,
    });
    const payload = {
      resourceSpans: [
        {
          scopeSpans: [
            {
              spans: [
                span('eee19b7ec3c1b174', { kind: 'SPAN_KIND_SERVER', status: { code: 'STATUS_CODE_ERROR', message: 'boom' } }),
                span('W47/95gDgQM=', { traceId: 'W47/95gDgQPSabYzgT/GDA==', parentSpanId: 'AAAAAAAAAAA=' }),
                span('eee19b7ec3c1b175', { parentSpanId: null, name: 'caf\u00e9 \\"q\\" \n', traceState: 'k=v', flags: 257 }),
                span('eee19b7ec3c1b176', {
                  links: [{ traceId: '5b8efff798038103d269b633813fc60c', spanId: 'eee19b7ec3c1b174' }, { spanId: 3 }],
                  attributes: [
                    { value: { stringValue: 'x' }, key: 'reversed' },
                    { key: 'n', value: { intValue: 4 } },
                    { key: 'neg', value: { intValue: '-12' } },
                    { key: 'big', value: { intValue: '18446744073709551615' } },
                    { key: 'd', value: { doubleValue: 'NaN' } },
                    { key: 'e', value: { doubleValue: 1.5e-7 } },
                    { key: 'arr', value: { arrayValue: { values: [{ boolValue: true }, { kvlistValue: { values: [{ key: 'a' }] } }] } } },
                    { key: 'bytes', value: { bytesValue: 'AQID' } },
                    { key: 'empty', value: {} },
                    { key: 'long', value: { stringValue: 'y'.repeat(300) } },
                  ],
                  events: [{ name: 'e', timeUnixNano: '5' }, { name: 'f', attributes: [{ key: 'a', value: { boolValue: false } }] }],
                }),
                span('eee19b7ec3c1b177', { startTimeUnixNano: 1700000000, endTimeUnixNano: '-5', unknownField: { a: [1, 2] } }),
              ],
              scope: { name: 'lib', version: '1' },
            },
          ],
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] },
          schemaUrl: 'https://opentelemetry.io/schemas/1.21.0',
        },
        {
          instrumentationLibrarySpans: [{ instrumentationLibrary: { name: 'old' }, spans: [span('eee19b7ec3c1b178')] }],
          scopeSpans: [],
        },
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'other' } }] },
          scopeSpans: [{ spans: [span('eee19b7ec3c1b179', { kind: 2, status: { code: 1 } })] }],
        },
      ],
    };
    expectSameAsReference(JSON.stringify(payload));
    expectSameAsReference(JSON.stringify({ batches: payload.resourceSpans }));
    expectSameAsReference(JSON.stringify({ trace: payload, metrics: {} }));
    expectSameAsReference(JSON.stringify({ result: payload }));
  });

  it('bad spans, scopes and resources: the same issues, the rest kept', () => {
    const good = { traceId: '5b8efff798038103d269b633813fc60c', spanId: 'eee19b7ec3c1b174', startTimeUnixNano: '1', endTimeUnixNano: '2' };
    const payload = {
      resourceSpans: [
        5,
        { resource: 'x', scopeSpans: 'y' },
        { resource: { attributes: [{ key: 'a', value: { intValue: 'z' } }], droppedAttributesCount: -1 }, scopeSpans: [7, { scope: 3, spans: 4 }] },
        {
          scopeSpans: [
            {
              spans: [
                good,
                { ...good, traceId: 5 },
                { ...good, kind: 42, status: { code: 9 }, startTimeUnixNano: undefined },
                { ...good, kind: 42, spanId: 'nothex!' },
                { ...good, attributes: [{ key: 'a', value: { intValue: '1.5' } }] },
                { ...good, attributes: [{ key: 'a', value: 'not an object' }] },
                { ...good, events: [{ timeUnixNano: 'soon' }] },
                { ...good, status: 'ok' },
                { ...good, flags: -1 },
                null,
                good,
              ],
            },
          ],
        },
      ],
    };
    const text = JSON.stringify(payload);
    expectSameAsReference(text);
    const { spans, issues } = decodeOtlpJsonBytes(encoder.encode(text));
    expect(spans).toHaveLength(3);
    expect(issues).toContainEqual({ path: 'resourceSpans[3].scopeSpans[0].spans[1].traceId', message: 'expected ID string, got 5' });
  });

  it('an absent, null or non-array container', () => {
    expectSameAsReference('{"resourceSpans":null}');
    expectSameAsReference('{"resourceSpans":[]}');
    expectSameAsReference('{"resourceSpans":[{}], "other": [1, {"a": null}]}');
    expect(() => decodeOtlpJsonBytes(encoder.encode('{"resourceSpans":5}'))).toThrow('resourceSpans: expected array, got 5');
    expect(() => decodeOtlpJsonBytes(encoder.encode('{"data":[]}'))).toThrow(/not an OTLP-shaped trace/);
    expect(() => decodeOtlpJsonBytes(encoder.encode('[1]'))).toThrow(ImportError);
  });

  it('reads chunks from a source that reuses one buffer, and skips a byte order mark', () => {
    const text = generateOtlp(300, 5);
    const bytes = encoder.encode(`\ufeff${text}`);
    function* reused(size: number): Generator<Uint8Array> {
      const buffer = new Uint8Array(size);
      for (let i = 0; i < bytes.length; i += size) {
        const n = Math.min(size, bytes.length - i);
        buffer.set(bytes.subarray(i, i + n));
        yield buffer.subarray(0, n);
      }
    }
    const expected = reference(text);
    expect(spansAndIssues(decodeOtlpJsonBytes(reused(13)))).toStrictEqual(expected);
    expect(spansAndIssues(decodeOtlpJsonBytes(reused(1000)))).toStrictEqual(expected);
  });

  it('prefixes issue paths with prefixPath', () => {
    const { issues } = decodeOtlpJsonBytes(encoder.encode('{"resourceSpans":[5]}'), 'body');
    expect(issues).toEqual([{ path: 'body.resourceSpans[0]', message: 'expected ResourceSpans object, got 5' }]);
  });
});

describe('decodeOtlpJsonBytes: malformed JSON', () => {
  const text = generateOtlp(50, 3);

  it('truncated input is an ImportError naming the byte offset', () => {
    for (const cut of [1, 100, Math.floor(text.length / 2), text.length - 1]) {
      const bytes = encoder.encode(text.slice(0, cut));
      expect(() => decodeOtlpJsonBytes(chunked(bytes, 64))).toThrow(/unexpected end of input at byte \d+/);
    }
  });

  it('a syntax error is an ImportError naming the byte offset', () => {
    const broken = text.replace('"kind":2', '"kind":2]');
    expect(() => decodeOtlpJsonBytes(encoder.encode(broken))).toThrow(/not valid JSON: unexpected '\]' at byte \d+/);
    expect(() => decodeOtlpJsonBytes(encoder.encode('{"resourceSpans":[]} x'))).toThrow("unexpected 'x' at byte 21");
    expect(() => decodeOtlpJsonBytes(encoder.encode('{"resourceSpans":[{"a":01}]}'))).toThrow(/malformed number at byte 23/);
    expect(() => decodeOtlpJsonBytes(encoder.encode(''))).toThrow(/unexpected end of input/);
  });

  it('a bad escape inside a span is reported, not swallowed', () => {
    const bad = '{"resourceSpans":[{"scopeSpans":[{"spans":[{"name":"\\x"}]}]}]}';
    expect(() => decodeOtlpJsonBytes(encoder.encode(bad))).toThrow(/not valid JSON.*at byte \d+/);
  });
});

describe('decodeOtlpJsonBytes({ records: true })', () => {
  it('builds, with adopt, the same traces as plain SpanData does', async () => {
    const { buildTraces } = await import('../../model/buildTrace');
    const { plainTrace } = await import('../../model/testing/plainSpan');
    const bytes = new TextEncoder().encode(generateOtlp(300, 5));
    const plain = decodeOtlpJsonBytes(bytes);
    const records = decodeOtlpJsonBytes(bytes, '', { records: true });
    expect(records.issues).toEqual(plain.issues);
    const adopted = buildTraces(records.spans, { adopt: true });
    expect(adopted.map(plainTrace)).toEqual(buildTraces(plain.spans).map(plainTrace));
    expect(adopted[0]!.spans[0]).toBe(records.spans.find((s) => s.spanId === adopted[0]!.spans[0]!.spanId));
  });

  it('a record gives back the same attribute list on every read, and spans share repeated pairs', () => {
    const T = '0af7651916cd43dd8448eb211c80319c';
    const span = (id: string, user: string) =>
      `{"traceId":"${T}","spanId":"${id}","startTimeUnixNano":"1","endTimeUnixNano":"2","attributes":[{"key":"http.method","value":{"stringValue":"GET"}},{"key":"user","value":{"stringValue":"${user}"}}]}`;
    const text = `{"resourceSpans":[{"scopeSpans":[{"spans":[${span('00f067aa0ba902b7', 'u1')},${span('00f067aa0ba902b8', 'u2')}]}]}]}`;
    const [a, b] = decodeOtlpJsonBytes(encoder.encode(text), '', { records: true }).spans;
    expect(a!.attributes).toBe(a!.attributes);
    expect(a!.attributes[0]).toBe(b!.attributes[0]);
    expect(b!.attributes[1]).toStrictEqual({ key: 'user', value: { type: 'string', value: 'u2' } });
  });
});
