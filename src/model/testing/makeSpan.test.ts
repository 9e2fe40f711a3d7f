import { describe, expect, it } from 'vitest';
import { BASE_TIME_NS, TEST_TRACE_ID, makeSpan, msToNs } from './makeSpan';

describe('makeSpan', () => {
  it('builds a root span with defaults', () => {
    expect(makeSpan({ spanId: 'a' })).toEqual({
      traceId: TEST_TRACE_ID,
      spanId: 'a',
      parentSpanId: '',
      traceState: '',
      name: 'op-a',
      kind: 'server',
      startTimeUnixNano: 1_700_000_000_000_000_000n,
      endTimeUnixNano: 1_700_000_000_001_000_000n,
      attributes: [],
      droppedAttributesCount: 0,
      events: [],
      droppedEventsCount: 0,
      links: [],
      droppedLinksCount: 0,
      status: { code: 'unset', message: '' },
      flags: 1,
      resource: {
        serviceName: 'frontend',
        attributes: [{ key: 'service.name', value: { type: 'string', value: 'frontend' } }],
        droppedAttributesCount: 0,
        schemaUrl: '',
      },
      scope: { name: 'tracescope-test', version: '1.0.0', attributes: [], droppedAttributesCount: 0, schemaUrl: '' },
    });
  });

  it('reads start and duration as milliseconds from the base time', () => {
    const span = makeSpan({ spanId: 'b', parentSpanId: 'a', start: 1.5, duration: 0.000001 });
    expect(span.startTimeUnixNano).toBe(BASE_TIME_NS + 1_500_000n);
    expect(span.endTimeUnixNano - span.startTimeUnixNano).toBe(1n);
    expect(span.kind).toBe('internal');
    expect(makeSpan({ spanId: 'c', duration: -2 }).endTimeUnixNano).toBe(BASE_TIME_NS - 2_000_000n);
    expect(msToNs(0.25)).toBe(250_000n);
  });

  it('shares one resource per service and host', () => {
    const a = makeSpan({ spanId: 'a', service: 'api', host: 'h1' });
    expect(makeSpan({ spanId: 'b', service: 'api', host: 'h1' }).resource).toBe(a.resource);
    expect(makeSpan({ spanId: 'c', service: 'api', host: 'h2' }).resource).not.toBe(a.resource);
    expect(makeSpan({ spanId: 'd', service: 'api' }).resource).not.toBe(a.resource);
    expect(a.resource.attributes).toEqual([
      { key: 'service.name', value: { type: 'string', value: 'api' } },
      { key: 'host.name', value: { type: 'string', value: 'h1' } },
    ]);
  });

  it('maps status and attributes', () => {
    const span = makeSpan({
      spanId: 'a',
      status: 'error',
      attributes: { s: 'x', b: true, i: 200, d: 0.5, big: 9007199254740993n },
    });
    expect(span.status).toEqual({ code: 'error', message: '' });
    expect(span.attributes).toEqual([
      { key: 's', value: { type: 'string', value: 'x' } },
      { key: 'b', value: { type: 'bool', value: true } },
      { key: 'i', value: { type: 'int', value: 200n } },
      { key: 'd', value: { type: 'double', value: 0.5 } },
      { key: 'big', value: { type: 'int', value: 9007199254740993n } },
    ]);
    const attrs = [{ key: 'k', value: { type: 'empty' } }] as const;
    expect(makeSpan({ spanId: 'a', attributes: attrs, status: { code: 'ok', message: 'fine' } })).toMatchObject({
      attributes: attrs,
      status: { code: 'ok', message: 'fine' },
    });
  });
});
