import { describe, expect, it } from 'vitest';
import type { TraceUrlState } from './urlState';
import { DEFAULT_STATE, hasFilters, parseTraceUrl, writeTraceUrl } from './urlState';

const parse = (query: string) => parseTraceUrl(new URLSearchParams(query));

describe('parseTraceUrl', () => {
  it('gives the defaults for an empty query', () => {
    expect(parse('')).toEqual(DEFAULT_STATE);
  });

  it('reads every parameter', () => {
    const state = parse(
      'span=00F067AA0BA902B7&details=0&view=flame&from=0.25&to=0.5&find=charge&errors=1&cp=1&slow=120&svc=a&svc=b%2Cc' +
        '&collapsed=00f067aa0ba902b7,mp:1111111111111111&critical=1&skew=true&tz=utc',
    );
    expect(state).toEqual({
      span: '00f067aa0ba902b7',
      detailsOpen: false,
      view: 'flame',
      range: [0.25, 0.5],
      find: 'charge',
      filters: { errorsOnly: true, criticalOnly: true, slowerThanMs: 120, services: ['a', 'b,c'] },
      collapsed: ['00f067aa0ba902b7', 'mp:1111111111111111'],
      criticalPath: true,
      skew: true,
      utc: true,
    } satisfies TraceUrlState);
  });

  it("accepts Jaeger's uiFind as the find text; find= wins", () => {
    expect(parse('uiFind=db').find).toBe('db');
    expect(parse('uiFind=db&find=pay').find).toBe('pay');
  });

  it('ignores what it cannot use instead of failing', () => {
    const state = parse('span=xyz&view=nope&from=0.8&to=0.2&slow=-3&collapsed=zz,,1234&svc=');
    expect(state.span).toBeNull();
    expect(state.view).toBe('timeline');
    expect(state.range).toEqual([0, 1]);
    expect(state.filters.slowerThanMs).toBeNull();
    expect(state.collapsed).toEqual([]);
    expect(state.filters.services).toEqual([]);
  });

  it('clamps zoom fractions to [0, 1]', () => {
    expect(parse('from=-1&to=0.5').range).toEqual([0, 0.5]);
    expect(parse('from=0.5&to=7').range).toEqual([0.5, 1]);
  });

  it('treats slow=0 as a pill that is on', () => {
    expect(parse('slow=0').filters.slowerThanMs).toBe(0);
  });
});

describe('writeTraceUrl', () => {
  it('leaves defaults out', () => {
    expect(writeTraceUrl(DEFAULT_STATE).toString()).toBe('');
  });

  it('keeps parameters it does not own, drops stale ones it does', () => {
    const base = new URLSearchParams('source=prod&uiFind=old&span=0000000000000001&other=x');
    expect(writeTraceUrl({ ...DEFAULT_STATE, find: 'new' }, base).toString()).toBe('source=prod&other=x&find=new');
  });

  it('round-trips a full state', () => {
    const state: TraceUrlState = {
      span: '00f067aa0ba902b7',
      detailsOpen: false,
      view: 'json',
      range: [0.1234567891, 0.9],
      find: 'a b=c & d',
      filters: { errorsOnly: true, criticalOnly: false, slowerThanMs: 2.5, services: ['x y', 'z'] },
      collapsed: ['00f067aa0ba902b7', 'mp:00000000000000aa'],
      criticalPath: true,
      skew: true,
      utc: true,
    };
    const back = parseTraceUrl(new URLSearchParams(writeTraceUrl(state).toString()));
    expect(back).toEqual({ ...state, range: [0.123457, 0.9] });
  });

  it('writes details=0 only when a span is selected', () => {
    expect(writeTraceUrl({ ...DEFAULT_STATE, detailsOpen: false }).has('details')).toBe(false);
  });
});

describe('hasFilters', () => {
  it('is true when any pill is on', () => {
    expect(hasFilters(DEFAULT_STATE.filters)).toBe(false);
    expect(hasFilters({ ...DEFAULT_STATE.filters, slowerThanMs: 0 })).toBe(true);
    expect(hasFilters({ ...DEFAULT_STATE.filters, services: ['a'] })).toBe(true);
  });
});

describe('collapsed tokens', () => {
  it('accepts all and -<id> exceptions', () => {
    expect(parse('collapsed=all,-00f067aa0ba902b7,-mp:00000000000000aa,bad').collapsed).toEqual([
      'all',
      '-00f067aa0ba902b7',
      '-mp:00000000000000aa',
    ]);
  });
});
