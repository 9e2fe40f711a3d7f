import { describe, expect, it } from 'vitest';
import { clockTime, fromDateTimeInput, relativeTime, toDateTimeInput } from './timeInput';

const T = Date.UTC(2026, 10, 27, 7, 5, 31);

describe('time inputs', () => {
  it('round-trips UTC and local date-times', () => {
    expect(toDateTimeInput(T, true)).toBe('2026-11-27T07:05:31');
    expect(fromDateTimeInput('2026-11-27T07:05:31', true)).toBe(T);
    expect(fromDateTimeInput(toDateTimeInput(T, false), false)).toBe(T);
    expect(fromDateTimeInput('2026-11-27T07:05', true)).toBe(T - 31_000);
    expect(fromDateTimeInput('yesterday', false)).toBeNaN();
  });
  it('says how long ago', () => {
    expect(relativeTime(T - 30_000, T)).toBe('30 s ago');
    expect(relativeTime(T - 3 * 60_000, T)).toBe('3 min ago');
    expect(relativeTime(T - 2 * 3_600_000, T)).toBe('2 h ago');
    expect(relativeTime(T + 5_000, T)).toBe('in 5 s');
  });
  it('shows the date only when it is not today', () => {
    expect(clockTime(T, T, true)).toBe('07:05:31');
    expect(clockTime(T - 86_400_000, T, true)).toBe('Nov 26 07:05:31');
  });
});
