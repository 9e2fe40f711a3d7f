import { describe, expect, it } from 'vitest';
import { readFixture } from '../testing/fixtures';
import { importJaegerV3 } from './jaegerV3';
import { ImportError } from '../importResult';


const str = (value: string) => ({ type: 'string', value });

describe('importJaegerV3', () => {
  it('reads a live /api/v3/traces/{id} response (lowercase hex IDs, integer kind)', () => {
    const { format, spans, issues } = importJaegerV3(readFixture('jaeger/v3-trace-response-observatorium-e2e.json'));
    expect(format).toBe('jaeger-v3');
    expect(issues).toEqual([]);
    expect(spans).toHaveLength(1);
    expect(spans[0]).toMatchObject({
      traceId: '5b8efff798038103d269b633813fc60c',
      spanId: 'eee19b7ec3c1b174',
      parentSpanId: 'eee19b7ec3c1b173',
      name: "I'm a server span",
      kind: 'server',
      startTimeUnixNano: 1544712660000000000n,
      endTimeUnixNano: 1544712661000000000n,
      attributes: [
        { key: 'my.span.attr', value: str('some value') },
        { key: 'internal.span.format', value: str('otlp') },
      ],
      status: { code: 'unset', message: '' },
    });
    expect(spans[0]?.resource.serviceName).toBe('my.service');
    expect(spans[0]?.scope).toMatchObject({ name: 'my.library', version: '1.0.0' });
  });

  // The gateway snapshots carry a span with zero (hence omitted) times, an empty resource and scope.
  it.each(['jaeger/v3-snapshot-GetTrace.json', 'jaeger/v3-snapshot-FindTraces.json'])(
    'reads the gateway snapshot %s, reporting the omitted times',
    (path) => {
      const { spans, issues } = importJaegerV3(readFixture(path));
      expect(spans).toHaveLength(1);
      expect(spans[0]).toMatchObject({
        traceId: '00000000000000000000000000000001',
        spanId: '0000000000000002',
        parentSpanId: '',
        name: 'foobar',
        kind: 'server',
        startTimeUnixNano: 0n,
        endTimeUnixNano: 0n,
        attributes: [],
        status: { code: 'error', message: '' },
      });
      expect(spans[0]?.resource).toEqual({ serviceName: 'unknown_service', attributes: [], droppedAttributesCount: 0, schemaUrl: '' });
      expect(spans[0]?.scope).toEqual({ name: '', version: '', attributes: [], droppedAttributesCount: 0, schemaUrl: '' });
      expect(issues).toEqual([
        { path: 'result.resourceSpans[0].scopeSpans[0].spans[0].startTimeUnixNano', message: 'missing; taken as 0' },
        { path: 'result.resourceSpans[0].scopeSpans[0].spans[0].endTimeUnixNano', message: 'missing; taken as 0' },
      ]);
    },
  );

  it('turns the gateway error body into an ImportError', () => {
    const json = readFixture('jaeger/v3-error-404-no-traces-found.CONSTRUCTED.json');
    expect(() => importJaegerV3(json)).toThrow(new ImportError('error', 'No traces found (HTTP 404)'));
    try {
      importJaegerV3(json);
    } catch (error) {
      expect(error).toBeInstanceOf(ImportError);
      expect((error as ImportError).path).toBe('error');
      expect((error as ImportError).reason).toBe('No traces found (HTTP 404)');
      expect((error as ImportError).message).toBe('error: No traces found (HTTP 404)');
    }
    expect.assertions(5);
  });

  it('throws ImportError for a payload that is not a v3 trace response', () => {
    expect(() => importJaegerV3({ data: [] })).toThrow(new ImportError('result', 'missing: not a Jaeger v3 trace response'));
    expect(() => importJaegerV3({ result: 'x' })).toThrow(new ImportError('result', 'expected object, got "x"'));
    expect(() => importJaegerV3({ result: { resourceSpans: 5 } })).toThrow(new ImportError('result.resourceSpans', 'expected array, got 5'));
    expect(() => importJaegerV3({ error: {} })).toThrow(new ImportError('error', 'Jaeger returned an error'));
  });

  it('reads an empty result as no spans', () => {
    expect(importJaegerV3({ result: {} })).toEqual({ format: 'jaeger-v3', spans: [], issues: [] });
  });

  it('prefixes issue paths with "result.resourceSpans"', () => {
    const { spans, issues } = importJaegerV3({
      result: {
        resourceSpans: [
          {
            scopeSpans: [
              {
                spans: [
                  { traceId: '0'.repeat(31) + '1', spanId: '0'.repeat(15) + '2', startTimeUnixNano: '1', endTimeUnixNano: '2' },
                  { traceId: '0'.repeat(31) + '1', spanId: '0'.repeat(15) + '3', startTimeUnixNano: '1', endTimeUnixNano: '2', kind: 'bogus' },
                ],
              },
            ],
          },
        ],
      },
    });
    expect(spans).toHaveLength(2);
    expect(issues).toEqual([
      { path: 'result.resourceSpans[0].scopeSpans[0].spans[1].kind', message: 'unknown span kind "bogus"; taken as unspecified' },
    ]);
  });
});
