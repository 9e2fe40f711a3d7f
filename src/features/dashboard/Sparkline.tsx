/** A tiny line over the window's buckets; gaps where a bucket has no value. Decorative: the tile's text carries the figure. */
import { sparklinePath } from './sparklinePath';

export function Sparkline({ values, width = 160, height = 28 }: { values: readonly (number | null)[]; width?: number; height?: number }) {
  const d = sparklinePath(values, width, height);
  return (
    <svg className="dash-spark" width={width} height={height} viewBox={`0 0 ${width} ${height}`} aria-hidden="true" focusable="false">
      {d !== '' && <path d={d} fill="none" stroke="currentColor" strokeWidth={1.25} strokeLinejoin="round" strokeLinecap="round" />}
    </svg>
  );
}
