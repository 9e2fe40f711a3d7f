import { describe, expect, it } from 'vitest';
import { parseGoDuration, parseRfc3339Nano, parseTraceId, parseV1Search, parseV3Search } from './params';
import type { QueryReader } from './params';

function reader(query: string): QueryReader {
  const params = new URLSearchParams(query);
  return { get: (name) => params.get(name) ?? undefined, all: (name) => params.getAll(name) };
}

describe('Jaeger parameter parsing', () => {
  it('reads Go durations like time.ParseDuration', () => {
    expect(parseGoDuration('0')).toBe(0n);
    expect(parseGoDuration('1.5s')).toBe(1_500_000_000n);
    expect(parseGoDuration('1h2m3s4ms5us6ns')).toBe(3_723_004_005_006n);
    expect(parseGoDuration('100µs')).toBe(100_000n);
    expect(parseGoDuration('-2ms')).toBe(-2_000_000n);
    expect(parseGoDuration('.5ms')).toBe(500_000n);
    for (const bad of ['', '5', 'ms', '1d', '1.s.', '--1s']) expect(parseGoDuration(bad), bad).toBeNull();
  });

  it('reads RFC3339Nano times to exact ns', () => {
    expect(parseRfc3339Nano('2023-11-14T22:13:20Z')).toBe(1_700_000_000_000_000_000n);
    expect(parseRfc3339Nano('2023-11-14T22:13:20.000000001Z')).toBe(1_700_000_000_000_000_001n);
    expect(parseRfc3339Nano('2023-11-14T23:13:20.5+01:00')).toBe(1_700_000_000_500_000_000n);
    for (const bad of ['2023-11-14', '2023-11-14 22:13:20Z', '2023-13-14T22:13:20Z', 'soon']) expect(parseRfc3339Nano(bad), bad).toBeNull();
  });

  it('reads trace IDs as hex (any length up to 32) or base64 of 8/16 bytes', () => {
    expect(parseTraceId('A')).toBe('0000000000000000000000000000000a');
    expect(parseTraceId('AAAAAAAAAAAAAAAAAAAACg==')).toBe('0000000000000000000000000000000a');
    expect(parseTraceId('AAAAAAAAAAo=')).toBe('0000000000000000000000000000000a');
    expect(parseTraceId('x'.repeat(33))).toBeNull();
    expect(parseTraceId('AAAA')).toBe('0000000000000000000000000000aaaa'); // hex first
    expect(parseTraceId('zz!')).toBeNull();
  });

  it('parses v1 search: defaults (limit 100, 2-day lookback), merged tags, traceIDs', () => {
    const now = 10_000_000_000_000_000n;
    const parsed = parseV1Search(reader('service=s&tag=a:b:c&tags={"x":"1"}&traceID=ab'), now);
    expect(parsed).toEqual({
      ok: true,
      value: {
        traceIds: [{ hex: '000000000000000000000000000000ab', raw: 'ab' }],
        query: {
          service: 's',
          operation: undefined,
          tags: new Map([
            ['a', 'b:c'],
            ['x', '1'],
          ]),
          startNs: now - 172_800_000_000_000n,
          endNs: now,
          minDurationNs: undefined,
          maxDurationNs: undefined,
          limit: 100,
        },
      },
    });
    expect(parseV1Search(reader('traceID=ab'), now).ok).toBe(true);
    expect(parseV1Search(reader('service=s&limit=x'), now)).toEqual({ ok: false, message: `unable to parse param 'limit': strconv.ParseInt: parsing "x": invalid syntax` });
  });

  it('parses v3 search with camelCase winning over snake_case aliases', () => {
    const parsed = parseV3Search(
      reader('query.serviceName=new&query.service_name=old&query.start_time_min=2023-11-14T22:13:20Z&query.startTimeMax=2023-11-14T22:13:21Z&query.durationMin=1ms&query.num_traces=5'),
    );
    expect(parsed).toMatchObject({ ok: true, value: { service: 'new', startNs: 1_700_000_000_000_000_000n, endNs: 1_700_000_001_000_000_000n, minDurationNs: 1_000_000n, limit: 5 } });
    expect(parseV3Search(reader('query.startTimeMin=2023-11-14T22:13:20Z'))).toEqual({
      ok: false,
      message: 'query.startTimeMin and query.startTimeMax are required',
    });
  });
});
