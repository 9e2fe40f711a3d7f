import { describe, expect, it } from 'vitest';
import { buildTrace } from '../../model/buildTrace';
import { BASE_TIME_NS, makeSpan } from '../../model/testing/makeSpan';
import { formatBytes, formatStartTime, relativeTime, serviceLegend, warningGroups } from './headerFigures';

describe('serviceLegend', () => {
  it('lists services in order of first appearance with span and error counts', () => {
    const trace = buildTrace([
      makeSpan({ spanId: 'a', service: 'edge', duration: 10 }),
      makeSpan({ spanId: 'b', parentSpanId: 'a', service: 'pay', start: 1, status: 'error' }),
      makeSpan({ spanId: 'c', parentSpanId: 'a', service: 'auth', start: 2 }),
      makeSpan({ spanId: 'd', parentSpanId: 'b', service: 'pay', start: 1.5, status: 'error' }),
      makeSpan({ spanId: 'e', parentSpanId: 'a', service: 'edge', start: 3 }),
    ]);
    expect(serviceLegend(trace)).toEqual([
      { name: 'edge', spans: 2, errors: 0 },
      { name: 'pay', spans: 2, errors: 2 },
      { name: 'auth', spans: 1, errors: 0 },
    ]);
  });
});

describe('formatStartTime', () => {
  // BASE_TIME_NS = 2023-11-14T22:13:20Z; add 345.678 ms.
  const ns = BASE_TIME_NS + 345_678_000n;

  it('shows UTC with the zone named', () => {
    expect(formatStartTime(ns, true)).toBe('2023-11-14 22:13:20.345 UTC');
  });

  it('shows a local zone with its name, across the date line', () => {
    expect(formatStartTime(ns, false, 'Asia/Tokyo')).toBe('2023-11-15 07:13:20.345 GMT+9');
    expect(formatStartTime(ns, false, 'Europe/Berlin')).toMatch(/^2023-11-14 23:13:20\.345 (CET|GMT\+1)$/);
  });
});

describe('relativeTime', () => {
  const now = 1_700_000_000_000;
  it('picks the unit by size', () => {
    expect(relativeTime(now - 2_000, now)).toBe('just now');
    expect(relativeTime(now - 42_000, now)).toBe('42 s ago');
    expect(relativeTime(now - 3 * 60_000 - 5_000, now)).toBe('3 min ago');
    expect(relativeTime(now - 5 * 3_600_000, now)).toBe('5 h ago');
    expect(relativeTime(now - 12 * 86_400_000, now)).toBe('12 d ago');
    expect(relativeTime(now + 3 * 60_000, now)).toBe('in 3 min');
  });
});

describe('warningGroups', () => {
  it('groups by kind and explains each kind', () => {
    const trace = buildTrace([
      makeSpan({ spanId: 'a', duration: 10 }),
      makeSpan({ spanId: 'b', parentSpanId: 'missing1', start: 1 }),
      makeSpan({ spanId: 'c', parentSpanId: 'missing2', start: 2 }),
      makeSpan({ spanId: 'a', start: 3 }),
    ]);
    const groups = warningGroups(trace.warnings);
    const kinds = groups.map((g) => g.kind);
    expect(kinds).toContain('missing-parent');
    expect(kinds).toContain('duplicate-span-id');
    expect(new Set(kinds).size).toBe(kinds.length);
    for (const group of groups) {
      expect(group.explanation.length).toBeGreaterThan(20);
      expect(group.warnings.every((w) => w.kind === group.kind)).toBe(true);
    }
    expect(groups.reduce((n, g) => n + g.warnings.length, 0)).toBe(trace.warnings.length);
  });
});

describe('formatBytes', () => {
  it('uses binary units with 3 significant digits', () => {
    expect(formatBytes(812)).toBe('812 B');
    expect(formatBytes(12.4 * 1024)).toBe('12.4 KB');
    expect(formatBytes(1.32 * 1024 * 1024)).toBe('1.32 MB');
  });
});
