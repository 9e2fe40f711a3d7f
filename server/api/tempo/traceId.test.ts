import { describe, expect, it } from 'vitest';
import { parseTraceIdParam, parseUnixSecondsParam } from './traceId';

describe('Tempo trace ID parameter', () => {
  it('pads short hex and lowercases', () => {
    expect(parseTraceIdParam('5B8EFFF798038103D269B633813FC60C')).toBe('5b8efff798038103d269b633813fc60c');
    expect(parseTraceIdParam('abc')).toBe('00000000000000000000000000000abc');
  });
  it('rejects non-hex and over-long IDs', () => {
    expect(parseTraceIdParam('xyz')).toBeNull();
    expect(parseTraceIdParam('0'.repeat(33))).toBeNull();
    expect(parseTraceIdParam('')).toBeNull();
  });
  it('reads start/end seconds', () => {
    expect(parseUnixSecondsParam('1700000000')).toBe(1_700_000_000_000_000_000n);
    expect(parseUnixSecondsParam(undefined)).toBeUndefined();
    expect(parseUnixSecondsParam('soon')).toBe('invalid');
  });
});
