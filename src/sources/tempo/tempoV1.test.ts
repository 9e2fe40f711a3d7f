import { describe, expect, it } from 'vitest';
import { readFixture } from '../testing/fixtures';
import { importTempoV1 } from './tempoV1';
import { ImportError } from '../importResult';


const str = (value: string) => ({ type: 'string', value });

describe('importTempoV1', () => {
  it('reads a live Tempo v1 response (base64 IDs, enum names, empty status)', () => {
    const { format, spans, issues } = importTempoV1(readFixture('tempo/trace-v1-response-observatorium-e2e.json'));
    expect(format).toBe('tempo-v1');
    expect(issues).toEqual([]);
    expect(spans).toHaveLength(1);
    const [s] = spans;
    expect(s).toMatchObject({
      // W47/95gDgQPSabYzgT/GDA==, 7uGbfsPBsXQ=, 7uGbfsPBsXM=
      traceId: '5b8efff798038103d269b633813fc60c',
      spanId: 'eee19b7ec3c1b174',
      parentSpanId: 'eee19b7ec3c1b173',
      name: "I'm a server span",
      kind: 'server',
      startTimeUnixNano: 1544712660000000000n,
      endTimeUnixNano: 1544712661000000000n,
      attributes: [{ key: 'my.span.attr', value: str('some value') }],
      status: { code: 'unset', message: '' },
    });
    expect(s?.resource.serviceName).toBe('my.service');
    expect(s?.scope).toEqual({
      name: 'my.library',
      version: '1.0.0',
      attributes: [{ key: 'my.scope.attribute', value: str('some scope attribute') }],
      droppedAttributesCount: 0,
      schemaUrl: '',
    });
  });

  it("tolerates Grafana's legacy mock: instrumentationLibrarySpans, mixed ID encodings, bogus link IDs", () => {
    const { spans, issues } = importTempoV1(readFixture('tempo/trace-v1-legacy-instrumentationLibrarySpans-grafana-mock-EXCERPT.json'));
    expect(spans).toHaveLength(2);
    const [root, client] = spans;
    expect(root).toMatchObject({
      traceId: '000000000000000060ba2abb44f13eae',
      spanId: '726b5e30102fc0d0',
      parentSpanId: '398f0f21a3db99ae',
      name: 'HTTP GET - root',
      kind: 'server',
      startTimeUnixNano: 1627471657255809000n,
      endTimeUnixNano: 1627471657256268000n,
      attributes: [
        { key: 'http.status_code', value: { type: 'int', value: 200n } },
        { key: 'http.method', value: str('GET') },
        { key: 'http.url', value: str('/') },
        { key: 'component', value: str('net/http') },
      ],
      // Both links name "traceId"/"spanId" literally: dropped, with an issue each.
      links: [],
      status: { code: 'unset', message: '' },
    });
    expect(root?.resource.serviceName).toBe('db');
    expect(root?.resource.attributes).toHaveLength(6);
    expect(root?.scope).toEqual({ name: '', version: '', attributes: [], droppedAttributesCount: 0, schemaUrl: '' });
    expect(client).toMatchObject({
      traceId: '000000000000000060ba2abb44f13eae',
      spanId: '1957671c4ad85a8a',
      // base64 "WgdmnUQaoyY=" among hex IDs
      parentSpanId: '5a07669d441aa326',
      name: 'HTTP Client',
      kind: 'unspecified',
      startTimeUnixNano: 1627471657251425000n,
      endTimeUnixNano: 1627471657258789000n,
      attributes: [],
    });
    expect(client?.resource.serviceName).toBe('app');
    expect(issues).toEqual([
      {
        path: 'batches[0].instrumentationLibrarySpans[0].spans[0].links[0].traceId',
        message: 'expected 32-hex or base64 ID, got "traceId" (link dropped)',
      },
      {
        path: 'batches[0].instrumentationLibrarySpans[0].spans[0].links[1].traceId',
        message: 'expected 32-hex or base64 ID, got "traceId2" (link dropped)',
      },
    ]);
  });

  it('reads the mock link\'s `"intValue": 4` (a JSON number) once its IDs are valid', () => {
    const json = readFixture('tempo/trace-v1-legacy-instrumentationLibrarySpans-grafana-mock-EXCERPT.json');
    const text = JSON.stringify(json).replace('"spanId":"spanId","traceId":"traceId"', '"spanId":"AAAAAAAAAAE=","traceId":"AAAAAAAAAAAAAAAAAAAAAg=="');
    const { spans } = importTempoV1(JSON.parse(text) as unknown);
    expect(spans[0]?.links).toEqual([
      {
        traceId: '00000000000000000000000000000002',
        spanId: '0000000000000001',
        traceState: '',
        attributes: [
          { key: 'key', value: str('Value') },
          { key: 'intValue', value: { type: 'int', value: 4n } },
        ],
        droppedAttributesCount: 0,
        flags: 0,
      },
    ]);
  });

  it('throws ImportError for a payload that is not a v1 trace response', () => {
    expect(() => importTempoV1({ batches: 'nope' })).toThrow(new ImportError('batches', 'expected array, got "nope"'));
    expect(() => importTempoV1({ resourceSpans: [] })).toThrow(new ImportError('batches', 'missing: not a Tempo v1 trace response'));
    expect(() => importTempoV1(null)).toThrow('expected an object {"batches":[…]}, got null');
  });

  it('prefixes issue paths with "batches"', () => {
    const { issues } = importTempoV1({
      batches: [{ scopeSpans: [{ spans: [{ traceId: 'W47/95gDgQPSabYzgT/GDA==', spanId: '7uGbfsPBsXQ=', startTimeUnixNano: 'soon' }] }] }],
    });
    expect(issues).toEqual([{ path: 'batches[0].scopeSpans[0].spans[0].startTimeUnixNano', message: 'expected integer, got "soon"' }]);
  });
});
