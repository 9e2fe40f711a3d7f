import { describe, expect, it } from 'vitest';
import { parseSearchRequest } from './searchRequest';

const parse = (query: Record<string, string>) => parseSearchRequest((name) => query[name]);

describe('parseSearchRequest (Tempo /api/search parameters)', () => {
  it('reads tags as logfmt, Go durations, limit, spss and the time range', () => {
    expect(parse({ tags: 'service.name=cart span.http.route="/a b"', minDuration: '1.5s', maxDuration: '1h30m', limit: '5', spss: '2', start: '1700000000', end: '1700003600' })).toEqual({
      ok: true,
      value: {
        select: [],
        tags: [
          { key: 'service.name', value: 'cart', scope: 'any' },
          { key: 'http.route', value: '/a b', scope: 'span' },
        ],
        minDurationNs: 1_500_000_000n,
        maxDurationNs: 5_400_000_000_000n,
        limit: 5,
        spss: 2,
        startSec: 1_700_000_000,
        endSec: 1_700_003_600,
      },
    });
  });

  it('compiles q to a parameterised SQL filter', () => {
    const parsed = parse({ q: '{ resource.service.name = "cart" && duration > 250ms } | select(span.http.route)' });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.spanFilterSql?.params).toContain('cart');
    expect(parsed.value.spanFilterSql?.sql).not.toContain('cart');
    expect(parsed.value.select).toEqual(['span.http.route']);
  });

  it('answers what Tempo answers for bad parameters', () => {
    expect(parse({ q: '{}', tags: 'a=b' })).toEqual({ ok: false, message: 'invalid request: cannot use both q (TraceQL) and tags' });
    expect(parse({ limit: '0' })).toEqual({ ok: false, message: 'invalid limit: must be a positive number' });
    expect(parse({ minDuration: 'fast' })).toEqual({ ok: false, message: 'invalid minDuration: "fast" is not a duration like 250ms or 1.5s' });
    expect(parse({ minDuration: '2s', maxDuration: '1s' })).toEqual({ ok: false, message: 'invalid maxDuration: must be greater than minDuration' });
    expect(parse({ start: 'yesterday' })).toEqual({ ok: false, message: 'invalid start: expected unix seconds, got "yesterday"' });
    expect(parse({ tags: 'a="open' })).toEqual({ ok: false, message: 'tags: unterminated quote in the value of "a"' });
  });

  it('reports TraceQL errors with their position', () => {
    const bad = parse({ q: '{ duration > "abc" }' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toMatch(/^invalid TraceQL query: type mismatch: .* at line 1, col 14$/);
    const unsupported = parse({ q: '{ } | count() > 3' });
    expect(!unsupported.ok && unsupported.message).toMatch(/^unsupported TraceQL: .* at line 1, col \d+$/);
  });
});
