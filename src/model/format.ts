/**
 * Human-readable durations for the UI (waterfall labels, tooltips, statistics, warnings).
 */

interface Unit {
  readonly label: string;
  /** Nanoseconds per unit. */
  readonly size: number;
  /** Values (in this unit) at or above this move to the next unit; Infinity for the last. */
  readonly limit: number;
}

const UNITS: readonly Unit[] = [
  { label: 'ns', size: 1, limit: 1000 },
  { label: 'µs', size: 1e3, limit: 1000 },
  { label: 'ms', size: 1e6, limit: 1000 },
  { label: 's', size: 1e9, limit: 60 },
  { label: 'min', size: 60e9, limit: 60 },
  { label: 'h', size: 3600e9, limit: Infinity },
];

/** Rounds to 3 significant digits (more integer digits are kept as they are, e.g. 1234 h). */
function toThreeDigits(value: number): string {
  const decimals = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return value.toFixed(decimals);
}

/** Drops trailing zeros of a fixed-point string: '12.40' → '12.4', '1.00' → '1'. */
function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/**
 * Formats a duration given in nanoseconds with the unit chosen per value and 3 significant
 * digits: `812 ns`, `812 µs`, `12.4 ms`, `1.32 s`, `1.02 min`, `2.5 h`.
 *
 * - Units: ns, µs, ms, s (below 60 s), min (below 60 min), h (no larger unit: `1234 h`).
 * - A value that rounds up to the next unit's threshold is shown in that unit
 *   (999 999 ns → `1 ms`, 59.99 s → `1 min`).
 * - Zero is `0 ns` (the smallest unit, so it never suggests a coarser precision than measured).
 * - Negative values keep their sign (`-12.4 ms`), used for clock-skew shifts.
 * - NaN and ±Infinity give `—`.
 */
export function formatDuration(ns: number): string {
  if (!Number.isFinite(ns)) return '—';
  if (ns === 0) return '0 ns';
  const sign = ns < 0 ? '-' : '';
  const abs = Math.abs(ns);

  let u = 0;
  while (u < UNITS.length - 1 && abs >= UNITS[u + 1]!.size) u++;
  let unit = UNITS[u]!;
  let text = toThreeDigits(abs / unit.size);
  // Rounding may reach the unit's limit (999.9996 µs → '1000'): use the next unit.
  while (Number(text) >= unit.limit && u < UNITS.length - 1) {
    u++;
    unit = UNITS[u]!;
    text = toThreeDigits(abs / unit.size);
  }
  const trimmed = trimZeros(text);
  // A tiny value can round to zero ('0.00' ns): no sign on zero.
  return `${trimmed === '0' ? '' : sign}${trimmed} ${unit.label}`;
}
