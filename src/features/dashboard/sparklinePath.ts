/**
 * SVG path of a sparkline: x spreads the buckets over the width, y maps [0, max] to the height
 * (a 1 px margin keeps the stroke inside), null values break the line. A single value is a dot.
 */
export function sparklinePath(values: readonly (number | null)[], width: number, height: number): string {
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (finite.length === 0) return '';
  const max = Math.max(...finite, 0);
  const min = Math.min(...finite, 0);
  const span = max - min || 1;
  const dx = values.length > 1 ? width / (values.length - 1) : 0;
  const y = (v: number) => 1 + (height - 2) * (1 - (v - min) / span);
  const parts: string[] = [];
  let drawing = false;
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      drawing = false;
      return;
    }
    const x = (i * dx).toFixed(1);
    const next = values[i + 1];
    const isolated = !drawing && (next === null || next === undefined || !Number.isFinite(next));
    parts.push(`${drawing ? 'L' : 'M'}${x} ${y(v).toFixed(1)}${isolated ? 'h0.5' : ''}`);
    drawing = true;
  });
  return parts.join(' ');
}
