/**
 * Paints the span bars of the rows in the viewport onto the waterfall canvas. Called once per
 * frame at most (and synchronously on scroll so bars move with the natively scrolled rows).
 */
import { formatDuration } from '../../../model/format';
import type { Trace } from '../../../model/types';
import type { ViewRange } from '../contracts';
import { FLAG_ERROR, FLAG_HAS_EVENTS, type TraceColumns } from './columns';
import { groupIndex } from './rows';
import { labelPlacement, rulerTicks, timeToX } from './timeScale';
import type { ThemeColors } from './useThemeColors';
import { ROW_HEIGHT } from './viewport';

export const BAR_FONT = '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

export interface DrawInput {
  readonly ctx: CanvasRenderingContext2D;
  readonly trace: Trace;
  readonly columns: TraceColumns;
  readonly rows: Int32Array;
  /** Extent [start, end] (ns) of each missing-parent group, by topLevel index. */
  readonly groupExtent: ReadonlyMap<number, readonly [number, number]>;
  /** Service colour by service id. */
  readonly serviceColors: readonly string[];
  /** Text colour that reads on each service colour. */
  readonly serviceText: readonly string[];
  readonly width: number;
  readonly height: number;
  readonly contentOffset: number;
  readonly viewRange: ViewRange;
  readonly criticalPath: ReadonlySet<number> | null;
  readonly colors: ThemeColors;
  readonly measure: (text: string) => number;
}

/** Draws the visible bars; returns how many rows were painted. */
export function drawBars(input: DrawInput): number {
  const { ctx, trace, columns, rows, width, height, contentOffset, viewRange, criticalPath, colors } = input;
  const { duration, start, end, flags, service } = columns;
  ctx.clearRect(0, 0, width, height);

  ctx.fillStyle = colors.grid;
  for (const tick of rulerTicks(duration, viewRange, width)) ctx.fillRect(Math.round(tick.x), 0, 1, height);

  ctx.font = BAR_FONT;
  ctx.textBaseline = 'middle';
  const first = Math.max(0, Math.floor(contentOffset / ROW_HEIGHT));
  const last = Math.min(rows.length, Math.ceil((contentOffset + height) / ROW_HEIGHT));
  const x = (t: number): number => timeToX(t, duration, viewRange, width);
  for (let pos = first; pos < last; pos++) {
    const row = rows[pos]!;
    const y = pos * ROW_HEIGHT - contentOffset;
    const mid = y + ROW_HEIGHT / 2;
    if (row < 0) {
      const extent = input.groupExtent.get(groupIndex(row));
      if (extent === undefined) continue;
      const gx0 = x(extent[0]);
      const gx1 = Math.max(gx0 + 1, x(extent[1]));
      ctx.strokeStyle = colors.fgMuted;
      ctx.lineWidth = 1;
      ctx.setLineDash([4, 3]);
      ctx.strokeRect(Math.round(gx0) + 0.5, y + 6.5, Math.max(1, Math.round(gx1 - gx0) - 1), ROW_HEIGHT - 13);
      ctx.setLineDash([]);
      continue;
    }
    const s = start[row]!;
    const e = end[row]!;
    const x0 = x(s);
    const x1 = Math.max(x0 + 1, x(e));
    const onPath = criticalPath !== null && criticalPath.has(row);
    const dim = criticalPath !== null && !onPath;
    const barH = onPath ? 16 : 12;
    const top = mid - barH / 2;
    const isError = (flags[row]! & FLAG_ERROR) !== 0;
    const visible = x1 >= 0 && x0 <= width;
    if (visible) {
      ctx.globalAlpha = dim ? 0.35 : 1;
      ctx.fillStyle = input.serviceColors[service[row]!]!;
      ctx.fillRect(x0, top, x1 - x0, barH);
      if (onPath) {
        ctx.strokeStyle = colors.fg;
        ctx.lineWidth = 2;
        ctx.strokeRect(x0 + 1, top + 1, Math.max(0, x1 - x0 - 2), barH - 2);
      }
      if (isError) {
        ctx.strokeStyle = colors.error;
        ctx.lineWidth = 2;
        ctx.strokeRect(x0 + 1, top + 1, Math.max(0, x1 - x0 - 2), barH - 2);
      }
      if ((flags[row]! & FLAG_HAS_EVENTS) !== 0) {
        ctx.fillStyle = colors.fg;
        for (const ev of trace.spans[row]!.events) {
          const ex = x(Number(ev.timeUnixNano - trace.startTimeUnixNano));
          if (ex >= -1 && ex <= width + 1) ctx.fillRect(Math.round(ex), top - 2, 1, barH + 4);
        }
      }
      ctx.globalAlpha = 1;
    }
    // Badge position for errors: just before the bar, or inside it when the bar starts off-view.
    const badgeInside = isError && x0 - 8 < 0;
    let label = formatDuration(e - s);
    // A bar wholly outside the view still says where it is (and how long).
    if (x1 < 0) label = `◂ ${label}`;
    else if (x0 > width) label = `${label} ▸`;
    const textWidth = input.measure(label);
    const place = x1 < 0 ? 'right' : x0 > width ? 'left' : labelPlacement(x0, x1 - x0, textWidth, width);
    ctx.globalAlpha = dim ? 0.55 : 1;
    if (place === 'inside') {
      ctx.fillStyle = input.serviceText[service[row]!]!;
      ctx.fillText(label, Math.max(0, x0) + 4 + (badgeInside ? 12 : 0), mid);
    } else {
      ctx.fillStyle = isError ? colors.error : colors.fgMuted;
      const lx = place === 'right' ? Math.max(0, x1) + 4 + (badgeInside && x1 < 16 ? 12 : 0) : Math.min(x0, width) - 4 - textWidth;
      ctx.fillText(label, Math.max(0, Math.min(lx, width - textWidth)), mid);
    }
    ctx.globalAlpha = 1;
    if (isError && visible) {
      // A "!" badge just before the bar: errors read without relying on the red outline alone.
      const bx = badgeInside ? 7 : x0 - 8;
      ctx.fillStyle = colors.error;
      ctx.beginPath();
      ctx.arc(bx, mid, 6, 0, Math.PI * 2);
      ctx.fill();
      ctx.fillStyle = colors.bg;
      ctx.font = `bold ${BAR_FONT}`;
      ctx.textAlign = 'center';
      ctx.fillText('!', bx, mid + 0.5);
      ctx.textAlign = 'start';
      ctx.font = BAR_FONT;
    }
  }
  return last - first;
}

/** Black or white, whichever reads better on a #rrggbb colour (WCAG relative luminance). */
export function textOn(hex: string): string {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) return '#000000';
  const v = parseInt(m[1]!, 16);
  const lin = (c: number): number => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * lin((v >> 16) & 255) + 0.7152 * lin((v >> 8) & 255) + 0.0722 * lin(v & 255);
  return (1.05 / (l + 0.05)) > ((l + 0.05) / 0.05) ? '#ffffff' : '#000000';
}
