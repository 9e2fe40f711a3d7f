import { describe, expect, it } from 'vitest';
import { parseTraceInput } from './parseTraceInput';

describe('parseTraceInput', () => {
  it('accepts 32-hex IDs in any case', () => {
    expect(parseTraceInput(' 5B8EFFF798038103D269B633813FC60C ')).toEqual({ ok: true, traceId: '5b8efff798038103d269b633813fc60c' });
  });
  it('pads 16-hex and trimmed IDs', () => {
    expect(parseTraceInput('6605c7b08e715d6c')).toEqual({ ok: true, traceId: '00000000000000006605c7b08e715d6c' });
    expect(parseTraceInput('abc')).toEqual({ ok: true, traceId: '00000000000000000000000000000abc' });
  });
  it('reads a traceparent header and selects its span', () => {
    expect(parseTraceInput('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01')).toEqual({
      ok: true,
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
    });
  });
  it('finds the trace ID in a pasted link', () => {
    expect(parseTraceInput('http://jaeger:16686/trace/4bf92f3577b34da6a3ce929d0e0e4736?uiFind=x')).toEqual({
      ok: true,
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
    });
  });
  it('explains what it expected otherwise', () => {
    const bad = parseTraceInput('checkout failed');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toMatch(/^Expected a 32- or 16-hex trace ID/);
    expect(parseTraceInput('00000000000000000000000000000000')).toEqual({ ok: false, message: 'An all-zero trace ID is invalid.' });
    expect(parseTraceInput('https://example.com/nothing-here')).toEqual({ ok: false, message: 'That link holds no trace ID (32 or 16 hex characters).' });
  });
});
