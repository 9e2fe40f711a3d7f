import { describe, expect, it } from 'vitest';
import { windowRange } from './dashboardWindow';
import type { DashboardFigures } from './figures';
import { buildTiles, formatCompact, formatCount, formatPercent } from './tiles';

const range = windowRange('1h', 3_600_000);
const figures = (over: Partial<DashboardFigures> = {}): DashboardFigures => ({
  basis: { kind: 'exact' },
  traceCount: 97_214,
  spanCount: 800_000,
  errorTraceCount: 1_234,
  p50Ms: 41.8,
  p99Ms: 303.2,
  services: ['auth', 'cart', 'db', 'web'],
  buckets: { traces: [1, 2], spans: [10, 0], errorTraces: [1, 0], p99Ms: [5, null], services: [2, 1] },
  ...over,
});
const byId = (tiles: ReturnType<typeof buildTiles>) => Object.fromEntries(tiles.map((t) => [t.id, t]));

describe('formatCompact / formatPercent', () => {
  it('keeps 3 significant digits with k / M / G', () => {
    expect(formatCompact(2_333_136)).toBe('2.33M');
    expect(formatCompact(97_214)).toBe('97.2k');
    expect(formatCompact(999_960)).toBe('1.00M');
    expect(formatCompact(812)).toBe('812');
    expect(formatCompact(8.004)).toBe('8.00');
    expect(formatCompact(0)).toBe('0');
  });
  it('keeps small counts whole', () => {
    expect(formatCount(17)).toBe('17');
    expect(formatCount(1)).toBe('1');
    expect(formatCount(12_345)).toBe('12.3k');
  });
  it('formats a fraction as a percentage', () => {
    expect(formatPercent(0.1127)).toBe('11.3');
    expect(formatPercent(0.0127)).toBe('1.27');
    expect(formatPercent(0.004)).toBe('0.400');
    expect(formatPercent(1)).toBe('100');
    expect(formatPercent(0)).toBe('0');
  });
});

describe('buildTiles', () => {
  it('scales the exact count to a day and says so', () => {
    const t = byId(buildTiles(figures(), range, { storesEverything: true }));
    expect(t.traces?.value).toBe('2.33M'); // 97,214 × 24
    expect(t.traces?.unit).toBe('traces/day');
    expect(t.traces?.context).toBe('exact count 97,214 in 1 h');
  });

  it('divides spans by traces', () => {
    const t = byId(buildTiles(figures({ traceCount: 3, spanCount: 25 }), range, { storesEverything: true }));
    expect(t.avgSpans?.value).toBe('8.33');
    expect(t.avgSpans?.context).toBe('25 spans in 3 traces');
    expect(t.avgSpans?.spark).toEqual([10, 0]);
    const none = byId(buildTiles(figures({ buckets: { traces: [0], spans: [0], errorTraces: [0], p99Ms: [null], services: [0] } }), range, { storesEverything: true }));
    expect(none.avgSpans?.spark).toEqual([null]);
  });

  it('shows the P99 with its unit and the P50 in context', () => {
    const t = byId(buildTiles(figures(), range, { storesEverything: true }));
    expect([t.p99?.value, t.p99?.unit]).toEqual(['303', 'ms']);
    expect(t.p99?.context).toBe('whole traces; p50 41.8 ms; exact');
  });

  it('counts services and names the first ones', () => {
    const t = byId(buildTiles(figures(), range, { storesEverything: true }));
    expect(t.services?.value).toBe('4');
    expect(t.services?.context).toBe('auth, cart, db +1');
  });

  it('says what the error rate is', () => {
    const t = byId(buildTiles(figures(), range, { storesEverything: true }));
    expect(t.errorRate?.value).toBe('1.27');
    expect(t.errorRate?.context).toBe('1,234 of 97,214 traces had ≥1 error span');
    expect(t.errorRate?.spark).toEqual([1, 0]);
  });

  it('is 100% sampled on the embedded store, unknown elsewhere', () => {
    expect(byId(buildTiles(figures(), range, { storesEverything: true })).sampled?.value).toBe('100');
    const other = byId(buildTiles(figures({ basis: { kind: 'metrics' } }), range, { storesEverything: false })).sampled;
    expect(other?.value).toBe('unknown');
    expect(other?.spark).toBeNull();
  });

  it('marks sampled figures and a capped search', () => {
    const t = byId(buildTiles(figures({ basis: { kind: 'sampled', sampleSize: 1000, capped: true }, traceCount: 1000 }), range, { storesEverything: false }));
    expect(t.traces?.value).toBe('≥ 24.0k');
    expect(t.traces?.context).toBe('at least 1,000 in 1 h (search capped)');
    expect(t.p99?.context).toContain('from 1,000 sampled traces');
    expect(Object.values(t).map((x) => x.spark)).toEqual([null, null, null, null, null, null]);
    const complete = byId(buildTiles(figures({ basis: { kind: 'sampled', sampleSize: 30, capped: false }, traceCount: 30 }), range, { storesEverything: false }));
    expect(complete.traces?.context).toBe('30 found in 1 h by search');
    expect(complete.traces?.spark).toEqual([1, 2]);
  });

  it('labels remote TraceQL metrics as such', () => {
    const t = byId(buildTiles(figures({ basis: { kind: 'metrics' } }), range, { storesEverything: false }));
    expect(t.traces?.context).toBe('count 97,214 in 1 h (TraceQL metrics)');
    expect(t.p99?.context).toBe('whole traces; p50 41.8 ms; Tempo estimate');
  });

  it('shows dashes without traces and when the source does not say', () => {
    const t = byId(buildTiles(figures({ traceCount: 0, spanCount: null, errorTraceCount: 0, p99Ms: null, p50Ms: null, services: [] }), range, { storesEverything: true }));
    expect(t.avgSpans?.value).toBe('—');
    expect(t.avgSpans?.context).toBe('the source does not report span counts');
    const unknownErrors = byId(buildTiles(figures({ errorTraceCount: null }), range, { storesEverything: false }));
    expect(unknownErrors.errorRate?.context).toBe('the source does not report errors per trace');
    expect(t.p99?.value).toBe('—');
    expect(t.errorRate?.value).toBe('—');
    expect(t.errorRate?.unit).toBe('');
    expect(t.errorRate?.context).toBe('no traces in 1 h');
    expect(t.services?.context).toBe('none seen in 1 h');
  });
});
