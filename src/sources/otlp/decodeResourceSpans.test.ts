import { describe, expect, it } from 'vitest';
import { decodeResourceSpans } from './decodeResourceSpans';
import { decodeId } from './otlpIds';
import { ImportError } from '../importResult';

const TRACE = '5b8efff798038103d269b633813fc60c';

/** A valid OTLP/JSON span; `extra` overrides or adds fields. */
function span(spanId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    traceId: TRACE,
    spanId,
    name: `span ${spanId}`,
    startTimeUnixNano: '1544712660000000000',
    endTimeUnixNano: '1544712661000000000',
    ...extra,
  };
}

function batch(spans: unknown[], resource: unknown = { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] }) {
  return { resource, scopeSpans: [{ scope: { name: 'lib' }, spans }] };
}

/** The single attribute value a span carries under key `v`. */
function valueOf(value: unknown) {
  const { spans, issues } = decodeResourceSpans([batch([span('0000000000000001', { attributes: [{ key: 'v', value }] })])], 'resourceSpans');
  expect(issues).toEqual([]);
  return spans[0]?.attributes[0]?.value;
}

describe('decodeResourceSpans: malformed input', () => {
  it('skips a span with a non-integer time, keeps the rest, and names the exact path', () => {
    const payload = [
      {
        resource: {},
        scopeSpans: [
          { spans: [span('0000000000000001')] },
          { spans: [span('0000000000000002'), span('0000000000000003', { startTimeUnixNano: 'abc' }), span('0000000000000004')] },
        ],
      },
    ];
    const { spans, issues } = decodeResourceSpans(payload, 'resourceSpans');
    expect(spans.map((s) => s.spanId)).toEqual(['0000000000000001', '0000000000000002', '0000000000000004']);
    expect(issues).toEqual([
      { path: 'resourceSpans[0].scopeSpans[1].spans[1].startTimeUnixNano', message: 'expected integer, got "abc"' },
    ]);
  });

  it('throws ImportError at the container path when it is not an array', () => {
    expect(() => decodeResourceSpans(5, 'resourceSpans')).toThrow(ImportError);
    expect(() => decodeResourceSpans(5, 'resourceSpans')).toThrow('resourceSpans: expected array, got 5');
    try {
      decodeResourceSpans({}, 'batches');
    } catch (error) {
      expect(error).toBeInstanceOf(ImportError);
      expect((error as ImportError).path).toBe('batches');
      expect((error as ImportError).reason).toBe('expected array, got an object');
    }
    expect.assertions(5);
  });

  it('treats an absent list as empty (proto3 omits empty repeated fields)', () => {
    expect(decodeResourceSpans(undefined, 'resourceSpans')).toEqual({ spans: [], issues: [] });
    expect(decodeResourceSpans([{ resource: {} }], 'resourceSpans')).toEqual({ spans: [], issues: [] });
  });

  it('reports a nested container of the wrong type and keeps the other batches', () => {
    const payload = [7, { scopeSpans: 'x' }, { scopeSpans: [null, { spans: {} }] }, batch([span('0000000000000001')])];
    const { spans, issues } = decodeResourceSpans(payload, 'resourceSpans');
    expect(spans).toHaveLength(1);
    expect(issues).toEqual([
      { path: 'resourceSpans[0]', message: 'expected ResourceSpans object, got 7' },
      { path: 'resourceSpans[1].scopeSpans', message: 'expected array, got "x"' },
      { path: 'resourceSpans[2].scopeSpans[0]', message: 'expected ScopeSpans object, got null' },
      { path: 'resourceSpans[2].scopeSpans[1].spans', message: 'expected array, got an object' },
    ]);
  });

  it('skips spans with a missing, malformed or wrongly typed ID', () => {
    const { spans, issues } = decodeResourceSpans(
      [
        batch([
          span('0000000000000001', { traceId: undefined }),
          span(''),
          span('xyz!'),
          span('0000000000000004', { parentSpanId: 12 }),
          span('0000000000000005', { traceId: '5b8efff798038103d269b633813fc60c00' }),
          span('0000000000000006'),
        ]),
      ],
      'batches',
    );
    expect(spans.map((s) => s.spanId)).toEqual(['0000000000000006']);
    expect(issues).toEqual([
      { path: 'batches[0].scopeSpans[0].spans[0].traceId', message: 'missing trace ID' },
      { path: 'batches[0].scopeSpans[0].spans[1].spanId', message: 'missing span ID' },
      { path: 'batches[0].scopeSpans[0].spans[2].spanId', message: 'expected 16-hex or base64 ID, got "xyz!"' },
      { path: 'batches[0].scopeSpans[0].spans[3].parentSpanId', message: 'expected ID string, got 12' },
      {
        path: 'batches[0].scopeSpans[0].spans[4].traceId',
        message: 'expected 32-hex or base64 ID, got "5b8efff798038103d269b633813fc60c00"',
      },
    ]);
  });

  it('skips a span whose attribute value has the wrong type, naming the nested path', () => {
    const attributes = [
      { key: 'ok', value: { stringValue: 'x' } },
      { key: 'list', value: { arrayValue: { values: [{ intValue: '1' }, { intValue: '1.5' }] } } },
    ];
    const { spans, issues } = decodeResourceSpans([batch([span('0000000000000001', { attributes })])], 'resourceSpans');
    expect(spans).toEqual([]);
    expect(issues).toEqual([
      {
        path: 'resourceSpans[0].scopeSpans[0].spans[0].attributes[1].value.arrayValue.values[1].intValue',
        message: 'expected integer, got "1.5"',
      },
    ]);
  });

  it('reports wrong scalar types with the field path', () => {
    const { issues } = decodeResourceSpans(
      [
        batch([
          span('0000000000000001', { name: 5 }),
          span('0000000000000002', { attributes: [{ key: 'b', value: { boolValue: 'yes' } }] }),
          span('0000000000000003', { events: [{ timeUnixNano: 1.5 }] }),
          span('0000000000000004', { status: 'ERROR' }),
          span('0000000000000005', { droppedAttributesCount: -1 }),
          span('0000000000000006', { attributes: [{ key: 'd', value: { doubleValue: 'lots' } }] }),
          span('0000000000000007', { attributes: [{ key: 'y', value: { bytesValue: '**' } }] }),
        ]),
      ],
      'resourceSpans',
    );
    const at = 'resourceSpans[0].scopeSpans[0].spans';
    expect(issues).toEqual([
      { path: `${at}[0].name`, message: 'expected string, got 5' },
      { path: `${at}[1].attributes[0].value.boolValue`, message: 'expected boolean, got "yes"' },
      { path: `${at}[2].events[0].timeUnixNano`, message: 'expected integer, got 1.5' },
      { path: `${at}[3].status`, message: 'expected object, got "ERROR"' },
      { path: `${at}[4].droppedAttributesCount`, message: 'expected unsigned 32-bit integer, got -1' },
      { path: `${at}[5].attributes[0].value.doubleValue`, message: 'expected double, got "lots"' },
      { path: `${at}[6].attributes[0].value.bytesValue`, message: 'expected base64 string, got "**"' },
    ]);
  });

  it('leaves exactly one issue for a skipped span, not its minor ones too', () => {
    const { spans, issues } = decodeResourceSpans(
      [batch([span('0000000000000001', { kind: 'SPAN_KIND_WEIRD', endTimeUnixNano: undefined, name: [] })])],
      'resourceSpans',
    );
    expect(spans).toEqual([]);
    expect(issues).toEqual([{ path: 'resourceSpans[0].scopeSpans[0].spans[0].name', message: 'expected string, got an array' }]);
  });

  it('keeps a span with a missing end at zero duration and reports it', () => {
    const { spans, issues } = decodeResourceSpans(
      [batch([span('0000000000000001', { endTimeUnixNano: undefined }), span('0000000000000002', { startTimeUnixNano: undefined, endTimeUnixNano: undefined })])],
      'resourceSpans',
    );
    expect(spans.map((s) => [s.startTimeUnixNano, s.endTimeUnixNano])).toEqual([
      [1544712660000000000n, 1544712660000000000n],
      [0n, 0n],
    ]);
    expect(issues).toEqual([
      { path: 'resourceSpans[0].scopeSpans[0].spans[0].endTimeUnixNano', message: 'missing; taken as the start time (zero duration)' },
      { path: 'resourceSpans[0].scopeSpans[0].spans[1].startTimeUnixNano', message: 'missing; taken as 0' },
      { path: 'resourceSpans[0].scopeSpans[0].spans[1].endTimeUnixNano', message: 'missing; taken as 0' },
    ]);
  });

  it('keeps a span that ends before it starts, as the payload says', () => {
    const { spans, issues } = decodeResourceSpans(
      [batch([span('0000000000000001', { startTimeUnixNano: '2000', endTimeUnixNano: '1000' })])],
      'resourceSpans',
    );
    expect(issues).toEqual([]);
    expect([spans[0]?.startTimeUnixNano, spans[0]?.endTimeUnixNano]).toEqual([2000n, 1000n]);
  });

  it('drops a bad resource attribute but keeps the resource and its spans', () => {
    const resource = {
      attributes: [
        { key: 'service.name', value: { stringValue: 'svc' } },
        { key: 'bad', value: { intValue: 'x' } },
        { key: 'host', value: { stringValue: 'h' } },
      ],
    };
    const { spans, issues } = decodeResourceSpans([batch([span('0000000000000001')], resource)], 'resourceSpans');
    expect(spans).toHaveLength(1);
    expect(spans[0]?.resource.attributes.map((a) => a.key)).toEqual(['service.name', 'host']);
    expect(issues).toEqual([
      { path: 'resourceSpans[0].resource.attributes[1].value.intValue', message: 'expected integer, got "x" (attribute dropped)' },
    ]);
  });

  it('stops at absurdly deep value nesting instead of overflowing the stack', () => {
    let value: unknown = { stringValue: 'leaf' };
    for (let i = 0; i < 100; i++) value = { arrayValue: { values: [value] } };
    const { spans, issues } = decodeResourceSpans([batch([span('0000000000000001', { attributes: [{ key: 'deep', value }] })])], 'r');
    expect(spans).toEqual([]);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.message).toBe('values nested deeper than 64');
  });
});

describe('decodeResourceSpans: encodings', () => {
  it('reads IDs as hex of any case, short hex, or base64', () => {
    const { spans, issues } = decodeResourceSpans(
      [
        batch([
          span('EEE19B7EC3C1B174', { traceId: '5B8EFFF798038103D269B633813FC60C', parentSpanId: '7uGbfsPBsXM=' }),
          span('7uGbfsPBsXQ=', { traceId: 'W47/95gDgQPSabYzgT/GDA==' }),
          span('1f', { traceId: 'AAAAAAAAAAE=' }),
        ]),
      ],
      'resourceSpans',
    );
    expect(issues).toEqual([]);
    expect(spans.map((s) => [s.traceId, s.spanId, s.parentSpanId])).toEqual([
      [TRACE, 'eee19b7ec3c1b174', 'eee19b7ec3c1b173'],
      [TRACE, 'eee19b7ec3c1b174', ''],
      // A 64-bit trace ID (8 bytes of base64) is left-padded into the 128-bit slot.
      ['00000000000000000000000000000001', '000000000000001f', ''],
    ]);
  });

  it('keeps base64 trace IDs apart when they alternate (the last one is remembered)', () => {
    const ids = ['W47/95gDgQPSabYzgT/GDA==', 'AAAAAAAAAAE=', 'QpC1h3qZMN55u0KDZTmOzA==', 'W47/95gDgQPSabYzgT/GDA=='];
    const { spans } = decodeResourceSpans([batch(ids.map((traceId, i) => span(`000000000000000${i + 1}`, { traceId })))], 'r');
    expect(spans.map((s) => s.traceId)).toEqual([
      TRACE,
      '00000000000000000000000000000001',
      '4290b5877a9930de79bb428365398ecc',
      TRACE,
    ]);
  });

  it('reads an all-zero parent span ID as "no parent"', () => {
    const { spans } = decodeResourceSpans([batch([span('0000000000000001', { parentSpanId: 'AAAAAAAAAAA=' })])], 'r');
    expect(spans[0]?.parentSpanId).toBe('');
  });

  it('rejects short base64 that only looks like an ID', () => {
    // "spanId" is valid base64 of 4 bytes; it must not become 00000000b29a7889.
    expect(() => decodeId('spanId', 16, 'links[0].spanId')).toThrow('links[0].spanId: expected 16-hex or base64 ID, got "spanId"');
    expect(() => decodeId('W47/95gDgQPSabYzgT/GDA==', 16, 's')).toThrow('s: expected 16-hex or base64 ID');
    expect(decodeId('W47_95gDgQPSabYzgT_GDA', 32, 't')).toBe(TRACE); // URL-safe, unpadded
  });

  it('reads enums as integers, names, short names and any case', () => {
    const kinds = [2, 'SPAN_KIND_CLIENT', 'producer', 'Span_Kind_Consumer', 'INTERNAL', '2', undefined, 0];
    const codes = [{ code: 2 }, { code: 'STATUS_CODE_OK' }, { code: 'error' }, { code: 'Ok' }, {}, { code: 0 }, undefined, { code: '1' }];
    const { spans, issues } = decodeResourceSpans(
      [batch(kinds.map((kind, i) => span(`000000000000000${i + 1}`, { kind, status: codes[i] })))],
      'resourceSpans',
    );
    expect(issues).toEqual([]);
    expect(spans.map((s) => s.kind)).toEqual(['server', 'client', 'producer', 'consumer', 'internal', 'server', 'unspecified', 'unspecified']);
    expect(spans.map((s) => s.status.code)).toEqual(['error', 'ok', 'error', 'ok', 'unset', 'unset', 'unset', 'ok']);
  });

  it('keeps a span with an unknown enum value, reporting it', () => {
    const { spans, issues } = decodeResourceSpans(
      [batch([span('0000000000000001', { kind: 9, status: { code: 'STATUS_CODE_MAYBE', message: 'm' } })])],
      'resourceSpans',
    );
    expect(spans.map((s) => [s.kind, s.status])).toEqual([['unspecified', { code: 'unset', message: 'm' }]]);
    expect(issues).toEqual([
      { path: 'resourceSpans[0].scopeSpans[0].spans[0].kind', message: 'unknown span kind 9; taken as unspecified' },
      {
        path: 'resourceSpans[0].scopeSpans[0].spans[0].status.code',
        message: 'unknown status code "STATUS_CODE_MAYBE"; taken as unset',
      },
    ]);
  });

  it('reads status messages and ignores the deprecated code', () => {
    const { spans } = decodeResourceSpans(
      [batch([span('0000000000000001', { status: { deprecatedCode: 'DEPRECATED_STATUS_CODE_UNKNOWN_ERROR', code: 2, message: 'boom' } })])],
      'r',
    );
    expect(spans[0]?.status).toEqual({ code: 'error', message: 'boom' });
  });

  it('reads int64 as strings or numbers, exactly', () => {
    // 1544712660000000001 as a JSON number is already rounded by JSON.parse: keep what it says.
    const raw = JSON.parse(
      '[{"scopeSpans":[{"spans":[{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"0000000000000001",' +
        '"startTimeUnixNano":1544712660000000001,"endTimeUnixNano":"1544712660000000001",' +
        '"events":[{"timeUnixNano":1544712660000000500,"name":"e"}]}]}]}]',
    ) as unknown;
    const { spans, issues } = decodeResourceSpans(raw, 'resourceSpans');
    expect(issues).toEqual([]);
    expect(spans[0]?.startTimeUnixNano).toBe(1544712660000000000n);
    expect(spans[0]?.endTimeUnixNano).toBe(1544712660000000001n);
    expect(spans[0]?.events[0]?.timeUnixNano).toBe(1544712660000000512n);
    expect(valueOf({ intValue: '9007199254740993' })).toEqual({ type: 'int', value: 9007199254740993n });
    expect(valueOf({ intValue: '-9223372036854775808' })).toEqual({ type: 'int', value: -9223372036854775808n });
    expect(valueOf({ intValue: 4 })).toEqual({ type: 'int', value: 4n });
  });

  it('reads doubles including NaN and the infinities', () => {
    expect(valueOf({ doubleValue: 'NaN' })).toEqual({ type: 'double', value: NaN });
    expect(valueOf({ doubleValue: 'Infinity' })).toEqual({ type: 'double', value: Infinity });
    expect(valueOf({ doubleValue: '-Infinity' })).toEqual({ type: 'double', value: -Infinity });
    expect(valueOf({ doubleValue: 72.5 })).toEqual({ type: 'double', value: 72.5 });
    expect(valueOf({ doubleValue: '1e3' })).toEqual({ type: 'double', value: 1000 });
  });

  it('reads bytes, bools, empty values, arrays and kvlists', () => {
    expect(valueOf({ bytesValue: 'AAAwOQ==' })).toEqual({ type: 'bytes', value: new Uint8Array([0, 0, 48, 57]) });
    expect(valueOf({ bytesValue: '' })).toEqual({ type: 'bytes', value: new Uint8Array([]) });
    expect(valueOf({ boolValue: true })).toEqual({ type: 'bool', value: true });
    expect(valueOf({ boolValue: false })).toEqual({ type: 'bool', value: false });
    expect(valueOf({})).toEqual({ type: 'empty' });
    expect(valueOf(undefined)).toEqual({ type: 'empty' });
    expect(valueOf({ arrayValue: {} })).toEqual({ type: 'array', value: [] });
    expect(
      valueOf({
        arrayValue: { values: [{ stringValue: 'a' }, { intValue: '1' }, { arrayValue: { values: [{ boolValue: true }] } }, {}] },
      }),
    ).toEqual({
      type: 'array',
      value: [
        { type: 'string', value: 'a' },
        { type: 'int', value: 1n },
        { type: 'array', value: [{ type: 'bool', value: true }] },
        { type: 'empty' },
      ],
    });
    expect(
      valueOf({
        kvlistValue: {
          values: [
            { key: 'k', value: { doubleValue: 'NaN' } },
            { key: 'nested', value: { kvlistValue: { values: [{ key: 'b', value: { bytesValue: 'AQI=' } }] } } },
            { key: 'none' },
          ],
        },
      }),
    ).toEqual({
      type: 'kvlist',
      value: [
        { key: 'k', value: { type: 'double', value: NaN } },
        { key: 'nested', value: { type: 'kvlist', value: [{ key: 'b', value: { type: 'bytes', value: new Uint8Array([1, 2]) } }] } },
        { key: 'none', value: { type: 'empty' } },
      ],
    });
  });

  it('reads events and links in full, and drops only a bad link', () => {
    const { spans, issues } = decodeResourceSpans(
      [
        batch([
          span('0000000000000001', {
            traceState: 'a=b',
            flags: 257,
            droppedAttributesCount: 1,
            droppedEventsCount: 2,
            droppedLinksCount: '3',
            events: [{ timeUnixNano: '1544712660500000000', name: 'ev', attributes: [{ key: 'x', value: { intValue: '7' } }], droppedAttributesCount: 4 }],
            links: [
              { traceId: 'W47/95gDgQPSabYzgT/GDA==', spanId: 'EEE19B7EC3C1B173', traceState: 'k=v', flags: 1, droppedAttributesCount: 5, attributes: [{ key: 'l', value: { stringValue: 's' } }] },
              { traceId: TRACE },
              { traceId: 'traceId', spanId: 'spanId' },
            ],
          }),
        ]),
      ],
      'resourceSpans',
    );
    const s = spans[0];
    expect(s?.traceState).toBe('a=b');
    expect([s?.flags, s?.droppedAttributesCount, s?.droppedEventsCount, s?.droppedLinksCount]).toEqual([257, 1, 2, 3]);
    expect(s?.events).toEqual([
      { timeUnixNano: 1544712660500000000n, name: 'ev', attributes: [{ key: 'x', value: { type: 'int', value: 7n } }], droppedAttributesCount: 4 },
    ]);
    expect(s?.links).toEqual([
      { traceId: TRACE, spanId: 'eee19b7ec3c1b173', traceState: 'k=v', attributes: [{ key: 'l', value: { type: 'string', value: 's' } }], droppedAttributesCount: 5, flags: 1 },
    ]);
    expect(issues).toEqual([
      { path: 'resourceSpans[0].scopeSpans[0].spans[0].links[1].spanId', message: 'missing span ID (link dropped)' },
      { path: 'resourceSpans[0].scopeSpans[0].spans[0].links[2].traceId', message: 'expected 32-hex or base64 ID, got "traceId" (link dropped)' },
    ]);
  });

  it('reads the pre-0.15 instrumentationLibrarySpans / instrumentationLibrary names', () => {
    const payload = [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'old' } }] },
        instrumentationLibrarySpans: [{ instrumentationLibrary: { name: 'lib', version: '1' }, spans: [span('0000000000000001')], schemaUrl: 'u' }],
      },
    ];
    const { spans, issues } = decodeResourceSpans(payload, 'batches');
    expect(issues).toEqual([]);
    expect(spans[0]?.scope).toEqual({ name: 'lib', version: '1', attributes: [], droppedAttributesCount: 0, schemaUrl: 'u' });
    expect(spans[0]?.resource.serviceName).toBe('old');
  });

  it('names paths after the legacy key when that is what the payload uses', () => {
    const payload = [{ instrumentationLibrarySpans: [{ spans: [span('0000000000000001', { endTimeUnixNano: 'x' })] }] }];
    expect(decodeResourceSpans(payload, 'batches').issues).toEqual([
      { path: 'batches[0].instrumentationLibrarySpans[0].spans[0].endTimeUnixNano', message: 'expected integer, got "x"' },
    ]);
  });
});

describe('decodeResourceSpans: sharing', () => {
  it('shares one Resource per ResourceSpans and one Scope per ScopeSpans', () => {
    const payload = [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'a' } }], droppedAttributesCount: 2 },
        schemaUrl: 'https://opentelemetry.io/schemas/1.4.0',
        scopeSpans: [
          { scope: { name: 's1', version: 'v' }, spans: [span('0000000000000001'), span('0000000000000002')] },
          { scope: { name: 's2' }, spans: [span('0000000000000003')] },
        ],
      },
      { resource: {}, scopeSpans: [{ spans: [span('0000000000000004')] }] },
    ];
    const { spans } = decodeResourceSpans(payload, 'resourceSpans');
    const [a, b, c, d] = spans;
    expect(a?.resource).toBe(b?.resource);
    expect(a?.resource).toBe(c?.resource);
    expect(a?.scope).toBe(b?.scope);
    expect(a?.scope).not.toBe(c?.scope);
    expect(a?.resource).toEqual({
      serviceName: 'a',
      attributes: [{ key: 'service.name', value: { type: 'string', value: 'a' } }],
      droppedAttributesCount: 2,
      schemaUrl: 'https://opentelemetry.io/schemas/1.4.0',
    });
    expect(d?.resource).toEqual({ serviceName: 'unknown_service', attributes: [], droppedAttributesCount: 0, schemaUrl: '' });
    expect(d?.scope).toEqual({ name: '', version: '', attributes: [], droppedAttributesCount: 0, schemaUrl: '' });
  });

  it('falls back to unknown_service when service.name is not a non-empty string', () => {
    const names = [{ intValue: '1' }, { stringValue: '' }].map((value) => {
      const { spans } = decodeResourceSpans([batch([span('0000000000000001')], { attributes: [{ key: 'service.name', value }] })], 'r');
      return spans[0]?.resource.serviceName;
    });
    expect(names).toEqual(['unknown_service', 'unknown_service']);
  });

  it('fills every field of a minimal span with its zero value', () => {
    const { spans } = decodeResourceSpans([{ scopeSpans: [{ spans: [span('0000000000000001')] }] }], 'r');
    const { resource, scope, ...rest } = spans[0] ?? {};
    expect(resource?.serviceName).toBe('unknown_service');
    expect(scope?.name).toBe('');
    expect(rest).toEqual({
      traceId: TRACE,
      spanId: '0000000000000001',
      parentSpanId: '',
      traceState: '',
      name: 'span 0000000000000001',
      kind: 'unspecified',
      startTimeUnixNano: 1544712660000000000n,
      endTimeUnixNano: 1544712661000000000n,
      attributes: [],
      droppedAttributesCount: 0,
      events: [],
      droppedEventsCount: 0,
      links: [],
      droppedLinksCount: 0,
      status: { code: 'unset', message: '' },
      flags: 0,
    });
  });
});
