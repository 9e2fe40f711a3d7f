/**
 * The minimap's pre-rendered picture of a whole trace: spans in display order are bucketed into
 * pixel rows, and each row counts how many spans cover each pixel column. Difference arrays keep
 * it O(spans + pixels), so a 1M-span trace renders in a few milliseconds.
 */
import { FLAG_ERROR, type TraceColumns } from './columns';

export interface DensityGrid {
  readonly width: number;
  readonly height: number;
  /** Spans covering each pixel, row-major. */
  readonly count: Uint32Array;
  /** Error spans covering each pixel, row-major. */
  readonly errors: Uint32Array;
  /** Largest value of `count`. */
  readonly max: number;
}

/** Pixel column range [x0, x1] (inclusive) of a span on a whole-trace axis `width` px wide. */
export function spanColumns(start: number, end: number, duration: number, width: number): [number, number] {
  const x0 = Math.min(width - 1, Math.max(0, Math.floor((start / duration) * width)));
  const x1 = Math.min(width - 1, Math.max(x0, Math.ceil((end / duration) * width) - 1));
  return [x0, x1];
}

/** The pixel row of span `i` among `count` spans on a minimap `height` px tall. */
export function spanRow(i: number, count: number, height: number): number {
  return Math.min(height - 1, Math.floor((i * height) / Math.max(1, count)));
}

export function densityGrid(columns: TraceColumns, width: number, height: number): DensityGrid {
  const w = Math.max(1, Math.floor(width));
  const h = Math.max(1, Math.floor(height));
  const stride = w + 1;
  const diff = new Int32Array(stride * h);
  const errDiff = new Int32Array(stride * h);
  const { count: n, start, end, flags, duration } = columns;
  for (let i = 0; i < n; i++) {
    const row = spanRow(i, n, h) * stride;
    const [x0, x1] = spanColumns(start[i]!, end[i]!, duration, w);
    diff[row + x0]!++;
    diff[row + x1 + 1]!--;
    if ((flags[i]! & FLAG_ERROR) !== 0) {
      errDiff[row + x0]!++;
      errDiff[row + x1 + 1]!--;
    }
  }
  const count = new Uint32Array(w * h);
  const errors = new Uint32Array(w * h);
  let max = 0;
  for (let y = 0; y < h; y++) {
    let run = 0;
    let errRun = 0;
    for (let x = 0; x < w; x++) {
      run += diff[y * stride + x]!;
      errRun += errDiff[y * stride + x]!;
      count[y * w + x] = run;
      errors[y * w + x] = errRun;
      if (run > max) max = run;
    }
  }
  return { width: w, height: h, count, errors, max };
}

/** Parses `rgb(r, g, b)` / `#rrggbb` into components (for writing ImageData). */
export function parseColor(color: string): [number, number, number] {
  const hex = /^#([0-9a-f]{6})$/i.exec(color.trim());
  if (hex) {
    const v = parseInt(hex[1]!, 16);
    return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
  }
  const nums = color.match(/[\d.]+/g);
  if (nums && nums.length >= 3) return [Number(nums[0]), Number(nums[1]), Number(nums[2])];
  return [128, 128, 128];
}

/** RGBA pixels of a density grid: `base` with opacity growing with log density, errors in `error`. */
export function densityPixels(grid: DensityGrid, base: string, error: string): Uint8ClampedArray<ArrayBuffer> {
  const [br, bg, bb] = parseColor(base);
  const [er, eg, eb] = parseColor(error);
  const out = new Uint8ClampedArray(new ArrayBuffer(grid.width * grid.height * 4));
  const scale = 1 / Math.log2(1 + Math.max(1, grid.max));
  for (let p = 0; p < grid.count.length; p++) {
    const c = grid.count[p]!;
    if (c === 0) continue;
    const alpha = 0.35 + 0.65 * Math.log2(1 + c) * scale;
    const o = p * 4;
    if (grid.errors[p]! > 0) {
      out[o] = er;
      out[o + 1] = eg;
      out[o + 2] = eb;
      out[o + 3] = 255;
    } else {
      out[o] = br;
      out[o + 1] = bg;
      out[o + 2] = bb;
      out[o + 3] = Math.round(alpha * 255);
    }
  }
  return out;
}
