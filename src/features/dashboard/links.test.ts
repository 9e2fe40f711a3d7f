import { describe, expect, it } from 'vitest';
import { windowRange } from './dashboardWindow';
import { goDurationMs, operationSearchUrl, slowTracesUrl } from './links';

const range = windowRange('1h', 1_700_000_040_000);

describe('links', () => {
  it('floors the duration to the µs so the bound never exceeds the value', () => {
    expect(goDurationMs(303.2029)).toBe('303.202ms');
    expect(goDurationMs(12)).toBe('12ms');
  });
  it('searches for traces slower than the P99 over the same window, in µs', () => {
    expect(slowTracesUrl(303.2029, range)).toBe(`/search?minDuration=303.202ms&start=${range.startMs * 1000}&end=${range.endMs * 1000}`);
  });
  it('searches for an operation', () => {
    expect(operationSearchUrl('web', 'GET /a b', range)).toBe(`/search?service=web&operation=GET+%2Fa+b&start=${range.startMs * 1000}&end=${range.endMs * 1000}`);
  });
});
