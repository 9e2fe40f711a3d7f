/** Paints the flame graph bars (from `visibleBars`) onto a canvas. */
import { formatDuration } from '../../../model/format';
import type { Trace } from '../../../model/types';
import { serviceColor } from '../../../app/theme/serviceColor';
import type { ThemeColors } from '../timeline/useThemeColors';
import { ROOT, spanOfNode, type FlameBar, type FlameLayout } from './flameLayout';

export const FLAME_ROW = 20;
const FONT = '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const LABEL_MIN_WIDTH = 28;

/** Black or white, whichever reads on `hex` (#rrggbb). */
export function textOn(hex: string): string {
  const n = Number.parseInt(hex.slice(1), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return luminance > 0.35 ? '#111111' : '#ffffff';
}

/** The label of a node: span name (or the trace for the root) and its time. */
export function nodeLabel(trace: Trace, layout: FlameLayout, node: number): string {
  if (node === ROOT) return `All spans (${trace.spans.length.toLocaleString('en-US')}) · ${formatDuration(trace.summary.duration)}`;
  const span = trace.spans[spanOfNode(node)]!;
  return `${span.isError ? '! ' : ''}${span.name} · ${formatDuration(span.duration)}`;
}

/** Cuts `text` with an ellipsis to fit `width` px (binary search on the length). */
export function fitText(text: string, width: number, measure: (t: string) => number): string {
  if (measure(text) <= width) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (measure(`${text.slice(0, mid)}…`) <= width) lo = mid;
    else hi = mid - 1;
  }
  return lo === 0 ? '' : `${text.slice(0, lo)}…`;
}

export interface FlameDrawInput {
  readonly ctx: CanvasRenderingContext2D;
  readonly trace: Trace;
  readonly layout: FlameLayout;
  readonly rows: readonly (readonly FlameBar[])[];
  readonly width: number;
  readonly height: number;
  /** Content px scrolled above the canvas top. */
  readonly offsetY: number;
  readonly selected: number | null;
  readonly hovered: number | null;
  readonly colors: ThemeColors;
}

export function drawFlame({ ctx, trace, layout, rows, width, height, offsetY, selected, hovered, colors }: FlameDrawInput): void {
  ctx.clearRect(0, 0, width, height);
  ctx.font = FONT;
  ctx.textBaseline = 'middle';
  const measure = (t: string): number => ctx.measureText(t).width;
  let selectedBar: FlameBar | null = null;
  const firstRow = Math.max(0, Math.floor(offsetY / FLAME_ROW));
  const lastRow = Math.min(rows.length, Math.ceil((offsetY + height) / FLAME_ROW));
  for (let r = firstRow; r < lastRow; r++) {
    for (const bar of rows[r]!) {
      const y = bar.row * FLAME_ROW - offsetY;
      const x = bar.x;
      const w = Math.max(1, bar.width - (bar.width > 3 ? 1 : 0)); // a 1 px gap between wide bars
      if (bar.node < 0) {
        // Aggregate of sub-pixel spans: muted, so it reads as "more here, zoom in".
        ctx.globalAlpha = 0.45;
        ctx.fillStyle = colors.fgMuted;
        ctx.fillRect(x, y + 1, w, FLAME_ROW - 2);
        ctx.globalAlpha = 1;
        continue;
      }
      const span = bar.node === ROOT ? null : trace.spans[spanOfNode(bar.node)]!;
      const fill = span === null ? colors.fgMuted : serviceColor(span.serviceName);
      ctx.globalAlpha = bar.ancestor ? 0.55 : 1;
      ctx.fillStyle = fill;
      ctx.fillRect(x, y + 1, w, FLAME_ROW - 2);
      if (span?.isError) {
        ctx.fillStyle = colors.error;
        ctx.fillRect(x, y + FLAME_ROW - 4, w, 3);
      }
      ctx.globalAlpha = 1;
      if (bar.node === hovered) {
        ctx.strokeStyle = colors.fg;
        ctx.lineWidth = 1;
        ctx.strokeRect(x + 0.5, y + 1.5, Math.max(0, w - 1), FLAME_ROW - 3);
      }
      if (span !== null && span.index === selected) selectedBar = bar;
      if (w >= LABEL_MIN_WIDTH) {
        const text = fitText(nodeLabel(trace, layout, bar.node), w - 8, measure);
        if (text !== '') {
          ctx.fillStyle = span === null ? colors.bg : textOn(fill);
          ctx.fillText(text, x + 4, y + FLAME_ROW / 2);
        }
      }
    }
  }
  if (selectedBar !== null) {
    // Drawn last so neighbours do not cover the outline.
    ctx.strokeStyle = colors.accent;
    ctx.lineWidth = 2;
    ctx.strokeRect(selectedBar.x + 1, selectedBar.row * FLAME_ROW - offsetY + 1, Math.max(1, selectedBar.width - 2), FLAME_ROW - 2);
  }
}
