import { describe, expect, it } from 'vitest';
import { parseDurationField, parseLookback } from './durations';
import {
  EMPTY_SEARCH,
  describeFilters,
  parseJaegerTags,
  parseSearchParams,
  resolveRange,
  toSearchParams,
  toSearchQuery,
  validateSearch,
  widerLookback,
  type SearchState,
} from './searchUrl';

const params = (s: string) => new URLSearchParams(s);

describe('durations', () => {
  it('reads Go-style durations', () => {
    expect(parseDurationField('100ms')).toEqual({ ok: true, ms: 100 });
    expect(parseDurationField(' 1.5s ')).toEqual({ ok: true, ms: 1500 });
    expect(parseDurationField('2m30s')).toEqual({ ok: true, ms: 150_000 });
    expect(parseDurationField('250us')).toEqual({ ok: true, ms: 0.25 });
    expect(parseDurationField('')).toBeNull();
  });
  it('explains what is wrong', () => {
    const bad = parseDurationField('100');
    expect(bad).toMatchObject({ ok: false });
    expect(bad && !bad.ok && bad.message).toContain('like 100ms');
    expect(parseDurationField('fast')).toMatchObject({ ok: false });
  });
  it('reads look-back windows', () => {
    expect(parseLookback('15m')).toBe(900_000);
    expect(parseLookback('2d')).toBe(172_800_000);
    expect(parseLookback('0h')).toBeNull();
    expect(parseLookback('1.5h')).toBeNull();
  });
});

describe('URL ⇄ search', () => {
  it('round-trips every field', () => {
    const state: SearchState = {
      ...EMPTY_SEARCH,
      service: 'checkout-service',
      operation: 'place-order',
      attributes: [
        { key: 'user.tier', value: 'gold' },
        { key: 'q', value: 'a=b c' },
      ],
      minDuration: '100ms',
      maxDuration: '1.5s',
      range: { kind: 'absolute', startMs: 1_700_000_000_000, endMs: 1_700_000_600_000 },
      limit: 50,
      sort: 'duration-desc',
      utc: true,
    };
    const p = toSearchParams(state, 'local');
    expect(p.get('source')).toBe('local');
    expect(p.getAll('attr')).toEqual(['user.tier=gold', 'q=a=b c']);
    expect(p.get('start')).toBe('1700000000000000');
    expect(parseSearchParams(p)).toEqual({ state, problems: [] });
  });

  it('leaves defaults out of links', () => {
    expect(toSearchParams(EMPTY_SEARCH, null).toString()).toBe('');
    expect(parseSearchParams(params(''))).toEqual({ state: EMPTY_SEARCH, problems: [] });
  });

  it('keeps TraceQL on its own tab', () => {
    const p = toSearchParams({ ...EMPTY_SEARCH, tab: 'traceql', traceql: '{ status = error }', service: 'ignored' }, null);
    expect(p.toString()).toBe('tab=traceql&q=%7B+status+%3D+error+%7D');
    expect(parseSearchParams(params('q=%7B%7D')).state.tab).toBe('traceql');
    expect(parseSearchParams(params('q=%7B%7D&tab=form')).state.tab).toBe('form');
  });

  it("reads Jaeger's search links", () => {
    const jaeger = params(
      'end=1700000600000000&limit=20&lookback=1h&maxDuration=2s&minDuration=10ms&operation=all&service=frontend&start=1700000000000000&tags=%7B%22error%22%3A%22true%22%2C%22http.status_code%22%3A500%7D',
    );
    const { state, problems } = parseSearchParams(jaeger);
    expect(problems).toEqual([]);
    expect(state).toMatchObject({
      service: 'frontend',
      operation: '',
      minDuration: '10ms',
      maxDuration: '2s',
      attributes: [
        { key: 'error', value: 'true' },
        { key: 'http.status_code', value: '500' },
      ],
      range: { kind: 'absolute', startMs: 1_700_000_000_000, endMs: 1_700_000_600_000 },
    });
    expect(parseJaegerTags('error=true http.url="/a b"')).toEqual([
      { key: 'error', value: 'true' },
      { key: 'http.url', value: '/a b' },
    ]);
  });

  it('accepts fractional µs in start/end', () => {
    expect(parseSearchParams(params('start=1700000000000000.5&end=1700000600000000')).state.range).toEqual({
      kind: 'absolute',
      startMs: 1_700_000_000_000.0005,
      endMs: 1_700_000_600_000,
    });
  });

  it('names parameters it cannot read instead of dropping them silently', () => {
    const { state, problems } = parseSearchParams(params('tags=%7Bbroken&lookback=soon&limit=-3&attr=novalue&start=5'));
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/tags.*JSON/);
    expect(state.range).toEqual(EMPTY_SEARCH.range);
    expect(state.limit).toBe(20);
  });
});

describe('search → client query', () => {
  const now = 1_700_000_000_000;
  it('resolves look-back windows at run time', () => {
    expect(resolveRange({ kind: 'lookback', lookback: '15m' }, now)).toEqual({ startMs: now - 900_000, endMs: now });
    const q = toSearchQuery({ ...EMPTY_SEARCH, service: 's', attributes: [{ key: ' k ', value: 'v' }], minDuration: '1.5s' }, now);
    expect(q).toEqual({ service: 's', tags: { k: 'v' }, minDurationMs: 1500, startSec: now / 1000 - 3600, endSec: now / 1000, limit: 20 });
  });
  it('sends only TraceQL, time and limit from the TraceQL tab', () => {
    const q = toSearchQuery({ ...EMPTY_SEARCH, tab: 'traceql', traceql: ' { } ', service: 'x' }, now);
    expect(q).toEqual({ traceql: '{ }', startSec: now / 1000 - 3600, endSec: now / 1000, limit: 20 });
  });
  it('validates fields', () => {
    expect(validateSearch(EMPTY_SEARCH)).toEqual({});
    expect(validateSearch(EMPTY_SEARCH, { requireService: true }).service).toMatch(/needs a service/);
    expect(validateSearch({ ...EMPTY_SEARCH, service: 'api' }, { requireService: true })).toEqual({});
    expect(validateSearch({ ...EMPTY_SEARCH, minDuration: '2s', maxDuration: '1s' }).maxDuration).toMatch(/greater/);
    expect(validateSearch({ ...EMPTY_SEARCH, minDuration: 'abc' }).minDuration).toMatch(/not a duration/);
    expect(validateSearch({ ...EMPTY_SEARCH, range: { kind: 'absolute', startMs: 2, endMs: 1 } }).range).toBeDefined();
  });
  it('describes filters and suggests a wider window', () => {
    expect(describeFilters({ ...EMPTY_SEARCH, service: 'api', minDuration: '1s' })).toEqual(['service = api', 'duration ≥ 1s', 'last 1h', 'limit 20']);
    expect(widerLookback({ kind: 'lookback', lookback: '1h' })).toBe('6h');
    expect(widerLookback({ kind: 'lookback', lookback: '7d' })).toBeNull();
  });
});
