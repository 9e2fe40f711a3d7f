/**
 * The dashboard's time window (`window=` in the URL) and the exact range it covers.
 *
 * The range ends at `now` rounded UP to the step and starts one window earlier, so it is a
 * whole number of steps: the metrics backend's buckets then tile it exactly and the sum of a
 * range query's buckets is the exact count over the window (no partial bucket at either end).
 */
export const WINDOW_IDS = ['15m', '1h', '6h', '24h', '7d'] as const;
export type WindowId = (typeof WINDOW_IDS)[number];
export const DEFAULT_WINDOW: WindowId = '1h';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export interface WindowSpec {
  readonly ms: number;
  /** Sparkline bucket width: 30–84 points per window. */
  readonly stepMs: number;
  /** "1 h", for context lines. */
  readonly label: string;
}

export const WINDOWS: Readonly<Record<WindowId, WindowSpec>> = {
  '15m': { ms: 15 * MINUTE, stepMs: 30_000, label: '15 min' },
  '1h': { ms: HOUR, stepMs: MINUTE, label: '1 h' },
  '6h': { ms: 6 * HOUR, stepMs: 5 * MINUTE, label: '6 h' },
  '24h': { ms: 24 * HOUR, stepMs: 20 * MINUTE, label: '24 h' },
  '7d': { ms: 7 * 24 * HOUR, stepMs: 2 * HOUR, label: '7 days' },
};

export function parseWindow(raw: string | null): WindowId {
  return (WINDOW_IDS as readonly string[]).includes(raw ?? '') ? (raw as WindowId) : DEFAULT_WINDOW;
}

export interface DashboardRange {
  readonly window: WindowId;
  /** Inclusive, ms since the epoch. */
  readonly startMs: number;
  /** Exclusive. */
  readonly endMs: number;
  readonly stepMs: number;
  /** Number of step buckets (endMs − startMs) / stepMs. */
  readonly buckets: number;
}

export function windowRange(window: WindowId, nowMs: number): DashboardRange {
  const { ms, stepMs } = WINDOWS[window];
  const endMs = Math.ceil(nowMs / stepMs) * stepMs;
  return { window, startMs: endMs - ms, endMs, stepMs, buckets: ms / stepMs };
}

/** Bucket index of a time in the range, or -1 outside it. */
export function bucketOf(range: DashboardRange, timeMs: number): number {
  if (timeMs < range.startMs || timeMs >= range.endMs) return -1;
  return Math.floor((timeMs - range.startMs) / range.stepMs);
}
