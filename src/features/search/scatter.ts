/**
 * Layout of the results scatter (duration over start time): scales, ticks, points and the
 * brush's pixel → time conversion. Plain TS over d3-scale so it is unit-tested.
 */
import { scaleLinear, scaleTime, scaleUtc } from 'd3-scale';
import type { SearchHit } from '../../sources/clients';
import { formatDuration } from '../../model/format';

export interface ScatterSize {
  readonly width: number;
  readonly height: number;
}

/** Room for the axes' labels. */
export const MARGIN = { top: 8, right: 12, bottom: 22, left: 56 } as const;

export interface ScatterPoint {
  readonly traceId: string;
  readonly x: number;
  readonly y: number;
  readonly error: boolean;
  readonly hit: SearchHit;
}

export interface ScatterTick {
  readonly at: number;
  readonly label: string;
}

export interface ScatterLayout {
  readonly points: readonly ScatterPoint[];
  readonly xTicks: readonly ScatterTick[];
  readonly yTicks: readonly ScatterTick[];
  /** The plot area, inside the margins. */
  readonly plot: { readonly left: number; readonly top: number; readonly right: number; readonly bottom: number };
  /** Time shown at the left and right edges of the plot, ms since the epoch. */
  readonly domainMs: readonly [number, number];
}

export function startMs(hit: SearchHit): number {
  return Number(hit.startTimeUnixNano / 1_000_000n);
}

/**
 * Places the hits. The x domain is the hits' own extent, padded by 4 % each side so edge marks
 * stay clear of the axes (a 1 h search whose traces all came in the last minute would
 * otherwise pile up at one edge), clamped to the searched window; with no hits, the window.
 * y starts at 0 so heights compare.
 */
export function layoutScatter(hits: readonly SearchHit[], size: ScatterSize, windowMs: readonly [number, number] | null, utc: boolean): ScatterLayout {
  const plot = { left: MARGIN.left, top: MARGIN.top, right: Math.max(MARGIN.left + 1, size.width - MARGIN.right), bottom: Math.max(MARGIN.top + 1, size.height - MARGIN.bottom) };
  const times = hits.map(startMs);
  let lo = times.length > 0 ? Math.min(...times) : (windowMs?.[0] ?? Number.NaN);
  let hi = times.length > 0 ? Math.max(...times) : (windowMs?.[1] ?? Number.NaN);
  if (times.length > 0) {
    const pad = Math.max((hi - lo) * 0.04, 1000);
    lo -= pad;
    hi += pad;
    if (windowMs) {
      lo = Math.max(lo, Math.min(windowMs[0], ...times));
      hi = Math.min(hi, Math.max(windowMs[1], ...times));
    }
  }
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) [lo, hi] = [Date.now() - 3_600_000, Date.now()];
  if (hi <= lo) [lo, hi] = [lo - 1000, hi + 1000];
  const x = (utc ? scaleUtc() : scaleTime()).domain([lo, hi]).range([plot.left, plot.right]);
  const maxDuration = Math.max(0, ...hits.map((h) => h.durationMs));
  const y = scaleLinear()
    .domain([0, maxDuration > 0 ? maxDuration : 1])
    .nice(4)
    .range([plot.bottom, plot.top]);
  const points = hits.map((hit, i) => ({
    traceId: hit.traceId,
    x: x(times[i]!),
    y: y(hit.durationMs),
    error: (hit.errorCount ?? 0) > 0,
    hit,
  }));
  const xTicks = x.ticks(Math.max(2, Math.floor((plot.right - plot.left) / 110))).map((t) => ({ at: x(t), label: timeTick(t.getTime(), hi - lo, utc) }));
  const yTicks = y.ticks(4).map((v) => ({ at: y(v), label: v === 0 ? '0' : formatDuration(v * 1e6) }));
  return { points, xTicks, yTicks, plot, domainMs: [lo, hi] };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** `14:05` (or `14:05:30` for short windows; `Nov 27 14:05` beyond a day), local or UTC. */
export function timeTick(ms: number, spanMs: number, utc: boolean): string {
  const d = new Date(ms);
  const [h, m, s] = utc ? [d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()] : [d.getHours(), d.getMinutes(), d.getSeconds()];
  const clock = spanMs < 10 * 60_000 ? `${pad(h)}:${pad(m)}:${pad(s)}` : `${pad(h)}:${pad(m)}`;
  if (spanMs <= 86_400_000) return clock;
  const month = d.toLocaleString('en-US', { month: 'short', ...(utc ? { timeZone: 'UTC' } : {}) });
  return `${month} ${utc ? d.getUTCDate() : d.getDate()} ${clock}`;
}

/**
 * The time window a horizontal brush from pixel `x0` to `x1` selects (clamped to the plot), or
 * null when the drag is too short to be meant as a selection (a click).
 */
export function brushToRange(x0: number, x1: number, layout: Pick<ScatterLayout, 'plot' | 'domainMs'>, minPx = 4): { startMs: number; endMs: number } | null {
  const { left, right } = layout.plot;
  const a = Math.min(Math.max(Math.min(x0, x1), left), right);
  const b = Math.min(Math.max(Math.max(x0, x1), left), right);
  if (b - a < minPx) return null;
  const [lo, hi] = layout.domainMs;
  const toMs = (px: number) => lo + ((px - left) / (right - left)) * (hi - lo);
  return { startMs: Math.floor(toMs(a)), endMs: Math.ceil(toMs(b)) };
}

/** A cross (×) centred on (x, y): error traces differ by shape as well as colour. */
export function crossPath(x: number, y: number, r: number): string {
  return `M${x - r},${y - r}L${x + r},${y + r}M${x - r},${y + r}L${x + r},${y - r}`;
}
