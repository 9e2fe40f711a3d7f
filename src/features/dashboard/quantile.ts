/**
 * The quantile definition the embedded backend uses (DuckDB `quantile_cont`): linear
 * interpolation between the two nearest ranks, position q·(n − 1) in the sorted values.
 * Null for no values.
 */
export function quantileCont(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile must be in [0, 1], got ${q}`);
  const sorted = [...values].sort((a, b) => a - b);
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (pos - lo);
}
