/**
 * How figures look on the map: edge width by call count (log scale, so a 100,000-call edge does
 * not drown a 10-call one), colour by error rate in three named bands (with the rate also in
 * text, since colour is never the only signal), and number formats.
 */

export const MIN_WIDTH = 1;
export const MAX_WIDTH = 8;

/** Width in px for `calls` given the busiest edge's `maxCalls`. */
export function edgeWidth(calls: number, maxCalls: number): number {
  if (!(calls > 0) || !(maxCalls > 0)) return MIN_WIDTH;
  const t = Math.log10(1 + calls) / Math.log10(1 + maxCalls);
  return Math.round((MIN_WIDTH + (MAX_WIDTH - MIN_WIDTH) * Math.min(1, t)) * 10) / 10;
}

export type ErrorBand = 'unknown' | 'ok' | 'some' | 'high';

/** Bands: none; under 1 %; 1–5 %; over 5 % (the usual SLO-ish thresholds for calls). */
export function errorBand(errors: number | undefined, calls: number): ErrorBand {
  if (errors === undefined || !(calls > 0)) return 'unknown';
  const rate = errors / calls;
  if (rate === 0) return 'ok';
  return rate <= 0.05 ? 'some' : 'high';
}

export const BAND_LABEL: Record<ErrorBand, string> = {
  unknown: 'errors not reported',
  ok: 'no errors',
  some: 'up to 5 % errors',
  high: 'over 5 % errors',
};

/** `0.123` → "12.3 %"; tiny non-zero rates keep a digit ("0.04 %"). */
export function formatRate(errors: number | undefined, calls: number | undefined): string {
  if (errors === undefined || calls === undefined) return '—';
  if (calls === 0) return '0 %';
  const pct = (errors / calls) * 100;
  if (pct === 0) return '0 %';
  if (pct < 0.1) return `${pct.toPrecision(1)} %`;
  return `${pct < 10 ? pct.toFixed(1) : pct.toFixed(0)} %`;
}

const COUNT = new Intl.NumberFormat('en-US');

export function formatCount(n: number | undefined): string {
  return n === undefined ? '—' : COUNT.format(n);
}

/** Compact count for edge labels: 950, 1.2k, 45k, 1.3M. */
export function formatCompact(n: number): string {
  if (n < 1000) return String(Math.round(n));
  if (n < 1e6) return `${trim(n / 1e3)}k`;
  return `${trim(n / 1e6)}M`;
}

function trim(v: number): string {
  return v < 10 ? v.toFixed(1).replace(/\.0$/, '') : String(Math.round(v));
}

/** Requests per second over a window: "0.35/s", "12/s", or per minute when below 0.1/s. */
export function formatPerSecond(calls: number | undefined, seconds: number): string {
  if (calls === undefined || !(seconds > 0)) return '—';
  const perSec = calls / seconds;
  if (perSec === 0) return '0/s';
  if (perSec < 0.1) return `${(perSec * 60).toPrecision(2)}/min`;
  return `${perSec < 10 ? perSec.toPrecision(2) : Math.round(perSec)}/s`;
}
