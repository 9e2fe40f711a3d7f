/**
 * Time ↔ pixel maths for the ruler, the bars and the minimap. A view range is a fraction
 * [start, end] of the trace duration; x is in CSS pixels across the timeline column.
 */
import { scaleLinear } from 'd3-scale';
import { formatDuration } from '../../../model/format';
import type { ViewRange } from '../contracts';

export const FULL_RANGE: ViewRange = [0, 1];

/** The narrowest zoom: a millionth of the trace, or 1 ns, whichever is wider. */
export function minRangeWidth(duration: number): number {
  return Math.min(1, Math.max(1e-6, 1 / Math.max(1, duration)));
}

export function isZoomed(range: ViewRange): boolean {
  return range[0] > 0 || range[1] < 1;
}

/** x (px) of a time `t` (ns from the trace start). */
export function timeToX(t: number, duration: number, range: ViewRange, width: number): number {
  return ((t / duration - range[0]) / (range[1] - range[0])) * width;
}

/** Fraction of the trace at x (px) in the current view. */
export function xToFraction(x: number, range: ViewRange, width: number): number {
  return range[0] + (x / width) * (range[1] - range[0]);
}

/**
 * A valid range: ordered, inside [0, 1], at least `minWidth` wide. A range pushed past an end
 * keeps its width and slides back inside (panning into the edge stops there).
 */
export function clampRange(range: readonly [number, number], minWidth: number): ViewRange {
  let start = Number.isFinite(range[0]) ? range[0] : 0;
  let end = Number.isFinite(range[1]) ? range[1] : 1;
  if (end < start) [start, end] = [end, start];
  let width = Math.min(1, Math.max(minWidth, end - start));
  if (end - start < minWidth) {
    const mid = (start + end) / 2;
    start = mid - width / 2;
    end = mid + width / 2;
  }
  if (start < 0) {
    start = 0;
    end = width;
  }
  if (end > 1) {
    end = 1;
    start = 1 - width;
  }
  width = end - start;
  return [Math.max(0, start), Math.min(1, start + width)];
}

/** The range selected by dragging from x0 to x1 (px) on the ruler of the current view. */
export function rangeFromDrag(x0: number, x1: number, width: number, current: ViewRange, minWidth: number): ViewRange {
  const a = xToFraction(Math.max(0, Math.min(width, x0)), current, width);
  const b = xToFraction(Math.max(0, Math.min(width, x1)), current, width);
  return clampRange([Math.min(a, b), Math.max(a, b)], minWidth);
}

/** Zoom by `factor` (< 1 zooms in) keeping the fraction at `anchor` (0..1 across the view) still. */
export function zoomAround(range: ViewRange, factor: number, anchor: number, minWidth: number): ViewRange {
  const width = range[1] - range[0];
  const at = range[0] + anchor * width;
  const next = Math.min(1, Math.max(minWidth, width * factor));
  return clampRange([at - anchor * next, at - anchor * next + next], minWidth);
}

export interface Tick {
  readonly x: number;
  readonly label: string;
}

/** Ruler ticks for the view: round durations about every 100 px, labelled with units. */
export function rulerTicks(duration: number, range: ViewRange, width: number): Tick[] {
  if (width <= 0) return [];
  const scale = scaleLinear()
    .domain([range[0] * duration, range[1] * duration])
    .range([0, width]);
  const count = Math.max(2, Math.floor(width / 100));
  return scale.ticks(count).map((t) => ({ x: scale(t), label: formatDuration(t) }));
}

export type LabelPlace = 'inside' | 'right' | 'left';

/**
 * Where a bar's label goes: inside when it fits with padding, else right of the bar, else (no
 * room on the right) left of it.
 */
export function labelPlacement(barX: number, barWidth: number, textWidth: number, viewWidth: number, pad = 4): LabelPlace {
  const visibleX = Math.max(0, barX);
  const visibleWidth = Math.min(viewWidth, barX + barWidth) - visibleX;
  if (textWidth + 2 * pad <= visibleWidth) return 'inside';
  if (barX + barWidth + pad + textWidth <= viewWidth) return 'right';
  return barX - pad - textWidth >= 0 ? 'left' : 'right';
}

export type WindowDragMode = 'pan' | 'start' | 'end';

/**
 * The minimap window after dragging by `dx` fraction of the whole trace: panning keeps the
 * width; dragging an edge moves only that edge and cannot cross the other.
 */
export function dragWindow(mode: WindowDragMode, from: ViewRange, dx: number, minWidth: number): ViewRange {
  if (mode === 'pan') {
    const width = from[1] - from[0];
    const start = Math.max(0, Math.min(1 - width, from[0] + dx));
    return [start, start + width];
  }
  if (mode === 'start') {
    const start = Math.max(0, Math.min(from[1] - minWidth, from[0] + dx));
    return [start, from[1]];
  }
  const end = Math.min(1, Math.max(from[0] + minWidth, from[1] + dx));
  return [from[0], end];
}
