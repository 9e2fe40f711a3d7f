/**
 * The whole trace in a strip: a pre-rendered density picture (canvas) with the viewing window
 * on top. Drag the window to pan, its edges to resize, or drag across the strip to pick a range.
 */
import { useEffect, useMemo, useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { formatDuration } from '../../../model/format';
import { serviceColor } from '../../../app/theme/serviceColor';
import type { MinimapProps, ViewRange } from '../contracts';
import { traceColumns } from './columns';
import { densityGrid, densityPixels, spanColumns, spanRow } from './minimapDensity';
import { clampRange, dragWindow, minRangeWidth, zoomAround, type WindowDragMode } from './timeScale';
import { prepareCanvas, useElementSize } from './useElementSize';
import { useThemeColors } from './useThemeColors';
import './timeline.css';

const HEIGHT = 48;
/** Below this many spans each gets its own service-coloured bar; above, a density picture. */
const BAR_LIMIT = 4000;

type Drag = { mode: WindowDragMode | 'create'; x0: number; from: ViewRange; moved: boolean };

export function Minimap({ trace, viewRange, onViewRange, criticalPath, matches }: MinimapProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const { width } = useElementSize(containerRef);
  const colors = useThemeColors();
  const columns = useMemo(() => traceColumns(trace), [trace]);
  const minWidth = minRangeWidth(columns.duration);
  const drag = useRef<Drag | null>(null);
  const pending = useRef<{ range: ViewRange; frame: number } | null>(null);

  // The base picture depends only on the trace, size and theme; overlays are cheap.
  const picture = useMemo(() => {
    if (width <= 0 || columns.count <= BAR_LIMIT) return null;
    const dpr = window.devicePixelRatio || 1;
    const grid = densityGrid(columns, Math.round(width * dpr), Math.round(HEIGHT * dpr));
    return new ImageData(densityPixels(grid, colors.accent, colors.error), grid.width, grid.height);
  }, [columns, width, colors]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (canvas === null || width <= 0) return;
    const ctx = prepareCanvas(canvas, width, HEIGHT);
    if (ctx === null) return;
    ctx.clearRect(0, 0, width, HEIGHT);
    const { count, start, end, duration, service, services, flags } = columns;
    if (picture !== null) {
      ctx.putImageData(picture, 0, 0);
    } else {
      const band = HEIGHT / Math.max(1, count);
      for (let i = 0; i < count; i++) {
        const [x0, x1] = spanColumns(start[i]!, end[i]!, duration, width);
        ctx.fillStyle = (flags[i]! & 1) !== 0 ? colors.error : serviceColor(services[service[i]!]!);
        ctx.fillRect(x0, i * band, x1 - x0 + 1, Math.max(1, band - (band > 3 ? 1 : 0)));
      }
    }
    if (criticalPath !== null) {
      ctx.fillStyle = colors.fg;
      for (const i of criticalPath) {
        if (i < 0 || i >= count) continue;
        const [x0, x1] = spanColumns(start[i]!, end[i]!, duration, width);
        ctx.fillRect(x0, picture !== null ? spanRow(i, count, HEIGHT) : (i * HEIGHT) / count, x1 - x0 + 1, 1.5);
      }
    }
    if (matches !== null) {
      // One mark per pixel column however many spans match (find can match all 1M).
      const marked = new Uint8Array(Math.ceil(width));
      for (const i of matches) {
        if (i < 0 || i >= count) continue;
        marked[spanColumns(start[i]!, end[i]!, duration, width)[0]] = 1;
      }
      ctx.fillStyle = colors.accent;
      for (let x = 0; x < marked.length; x++) if (marked[x] === 1) ctx.fillRect(x, HEIGHT - 4, 2, 4);
    }
  }, [columns, picture, width, colors, criticalPath, matches]);

  useEffect(() => () => {
    if (pending.current !== null) cancelAnimationFrame(pending.current.frame);
  }, []);

  // Pointer moves arrive faster than frames: report at most one range per frame.
  const report = (range: ViewRange): void => {
    if (pending.current !== null) {
      pending.current.range = range;
      return;
    }
    const entry = { range, frame: 0 };
    entry.frame = requestAnimationFrame(() => {
      pending.current = null;
      onViewRange(entry.range);
    });
    pending.current = entry;
  };

  const fractionAt = (clientX: number): number => {
    const rect = containerRef.current?.getBoundingClientRect();
    if (!rect || rect.width <= 0) return 0;
    return Math.max(0, Math.min(1, (clientX - rect.left) / rect.width));
  };

  const begin = (mode: Drag['mode'], e: PointerEvent<HTMLElement>): void => {
    if (e.button !== 0) return;
    e.stopPropagation();
    e.preventDefault();
    containerRef.current?.setPointerCapture(e.pointerId);
    drag.current = { mode, x0: fractionAt(e.clientX), from: viewRange, moved: false };
  };

  const onPointerMove = (e: PointerEvent<HTMLDivElement>): void => {
    const d = drag.current;
    if (d === null) return;
    const at = fractionAt(e.clientX);
    if (!d.moved && Math.abs(at - d.x0) * width < 2) return;
    d.moved = true;
    if (d.mode === 'create') report(clampRange([Math.min(d.x0, at), Math.max(d.x0, at)], minWidth));
    else report(dragWindow(d.mode, d.from, at - d.x0, minWidth));
  };

  const onPointerUp = (e: PointerEvent<HTMLDivElement>): void => {
    const d = drag.current;
    drag.current = null;
    if (d === null) return;
    containerRef.current?.releasePointerCapture(e.pointerId);
    // A click outside the window centres the window there.
    if (!d.moved && d.mode === 'create') {
      const w = viewRange[1] - viewRange[0];
      report(clampRange([d.x0 - w / 2, d.x0 + w / 2], minWidth));
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const w = viewRange[1] - viewRange[0];
    let next: ViewRange | null = null;
    if (e.key === 'ArrowLeft') next = dragWindow('pan', viewRange, -w / 10, minWidth);
    else if (e.key === 'ArrowRight') next = dragWindow('pan', viewRange, w / 10, minWidth);
    else if (e.key === '+' || e.key === '=') next = zoomAround(viewRange, 0.5, 0.5, minWidth);
    else if (e.key === '-') next = zoomAround(viewRange, 2, 0.5, minWidth);
    else if (e.key === 'Home') next = dragWindow('pan', viewRange, -1, minWidth);
    else if (e.key === 'End') next = dragWindow('pan', viewRange, 1, minWidth);
    if (next === null) return;
    e.preventDefault();
    onViewRange(next);
  };

  const [a, b] = viewRange;
  const valueText = `${formatDuration(a * columns.duration)} to ${formatDuration(b * columns.duration)} of ${formatDuration(columns.duration)}`;
  return (
    <div
      ref={containerRef}
      className="ts-minimap"
      style={{ height: HEIGHT }}
      onPointerDown={(e) => begin('create', e)}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      data-testid="minimap"
    >
      <canvas ref={canvasRef} className="ts-minimap-canvas" style={{ width: '100%', height: HEIGHT }} aria-hidden="true" />
      <div className="ts-minimap-shade" style={{ left: 0, width: `${a * 100}%` }} />
      <div className="ts-minimap-shade" style={{ left: `${b * 100}%`, right: 0 }} />
      <div
        className="ts-minimap-window"
        style={{ left: `${a * 100}%`, width: `${(b - a) * 100}%` }}
        role="slider"
        tabIndex={0}
        aria-label="Visible time range (arrows pan, + and − zoom)"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(a * 100)}
        aria-valuetext={valueText}
        onPointerDown={(e) => begin('pan', e)}
        onKeyDown={onKeyDown}
        data-testid="minimap-window"
      >
        <div className="ts-minimap-handle ts-start" onPointerDown={(e) => begin('start', e)} data-testid="minimap-handle-start" />
        <div className="ts-minimap-handle ts-end" onPointerDown={(e) => begin('end', e)} data-testid="minimap-handle-end" />
      </div>
    </div>
  );
}
