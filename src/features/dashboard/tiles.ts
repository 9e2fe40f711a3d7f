/**
 * What each tile says: the big number, its unit, a one-line context and the sparkline values.
 * Plain TS so every figure's text is unit-tested; the React tile only lays it out.
 */
import { formatDuration } from '../../model/format';
import type { DashboardRange } from './dashboardWindow';
import { WINDOWS } from './dashboardWindow';
import type { DashboardFigures } from './figures';

export type TileId = 'traces' | 'avgSpans' | 'p99' | 'services' | 'errorRate' | 'sampled';

export interface TileModel {
  readonly id: TileId;
  readonly title: string;
  /** The big number as shown ("2.33", "—", "unknown"). */
  readonly value: string;
  readonly unit: string;
  readonly context: string;
  /** The exact value, for the tooltip. */
  readonly exact?: string;
  /** Per-bucket values; null entries are gaps. Null when the figure has no history. */
  readonly spark: readonly (number | null)[] | null;
}

const DAY_MS = 86_400_000;
const count = new Intl.NumberFormat('en-US');

/** 3 significant digits with k / M / G suffixes: 97214 → "97.2k", 812 → "812", 8.004 → "8.00". */
export function formatCompact(n: number): string {
  if (!Number.isFinite(n)) return '—';
  const abs = Math.abs(n);
  const scales: [number, string][] = [
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [size, suffix] of scales) {
    // 999_950 rounds to "1000k": promote it to "1.00M".
    if (abs >= size * 0.9995) return `${threeDigits(n / size)}${suffix}`;
  }
  return threeDigits(n);
}

/** A count: exact below 1000 ("17"), compact above ("12.3k"). */
export function formatCount(n: number): string {
  return Number.isInteger(n) && Math.abs(n) < 1000 ? String(n) : formatCompact(n);
}

function threeDigits(v: number): string {
  const abs = Math.abs(v);
  if (abs === 0) return '0';
  if (abs >= 100) return v.toFixed(0);
  if (abs >= 10) return v.toFixed(1);
  return v.toFixed(2);
}

/** "12.4 ms" → ["12.4", "ms"]. */
function splitDuration(ms: number): [string, string] {
  const [value = '—', unit = ''] = formatDuration(ms * 1e6).split(' ');
  return [value, unit];
}

/** What the figures rest on, appended to context lines. */
function basisNote(f: DashboardFigures): string {
  switch (f.basis.kind) {
    case 'exact':
      return 'exact';
    case 'metrics':
      return 'TraceQL metrics';
    case 'sampled':
      return `from ${count.format(f.basis.sampleSize)} sampled traces`;
  }
}

function ratio(num: readonly number[] | null, den: readonly number[]): (number | null)[] | null {
  if (num === null) return null;
  return den.map((d, i) => (d > 0 ? (num[i] as number) / d : null));
}

export interface TileOptions {
  /** The embedded store keeps every span it receives. */
  readonly storesEverything: boolean;
}

export function buildTiles(f: DashboardFigures, range: DashboardRange, options: TileOptions): TileModel[] {
  const win = WINDOWS[range.window].label;
  const note = basisNote(f);
  const capped = f.basis.kind === 'sampled' && f.basis.capped;
  const perDay = (f.traceCount * DAY_MS) / (range.endMs - range.startMs);

  const traces: TileModel = {
    id: 'traces',
    title: 'Traces/day',
    value: `${capped ? '≥ ' : ''}${formatCompact(perDay)}`,
    unit: 'traces/day',
    context: capped
      ? `at least ${count.format(f.traceCount)} in ${win} (search capped)`
      : f.basis.kind === 'sampled'
        ? `${count.format(f.traceCount)} found in ${win} by search`
        : f.basis.kind === 'exact'
          ? `exact count ${count.format(f.traceCount)} in ${win}`
          : `count ${count.format(f.traceCount)} in ${win} (TraceQL metrics)`,
    exact: `${perDay.toFixed(1)} traces/day`,
    spark: f.buckets.traces,
  };

  const avg = f.spanCount !== null && f.traceCount > 0 ? f.spanCount / f.traceCount : null;
  const avgSpans: TileModel = {
    id: 'avgSpans',
    title: 'Avg spans',
    value: avg === null ? '—' : formatCompact(avg),
    unit: 'spans/trace',
    context:
      f.spanCount === null
        ? 'the source does not report span counts'
        : `${count.format(f.spanCount)} spans in ${count.format(f.traceCount)} traces${f.basis.kind === 'sampled' ? `, ${note}` : ''}`,
    ...(avg === null ? {} : { exact: `${avg} spans/trace` }),
    spark: ratio(f.buckets.spans, f.buckets.traces),
  };

  const [p99Value, p99Unit] = f.p99Ms === null ? ['—', ''] : splitDuration(f.p99Ms);
  const p99: TileModel = {
    id: 'p99',
    title: 'P99 latency',
    value: p99Value,
    unit: p99Unit,
    context:
      f.p99Ms === null
        ? `no traces in ${win}`
        : `whole traces; p50 ${f.p50Ms === null ? '—' : formatDuration(f.p50Ms * 1e6)}; ${f.basis.kind === 'metrics' ? 'Tempo estimate' : note}`,
    ...(f.p99Ms === null ? {} : { exact: `${f.p99Ms} ms` }),
    spark: f.buckets.p99Ms,
  };

  const shown = f.services.slice(0, 3).join(', ');
  const services: TileModel = {
    id: 'services',
    title: 'Services',
    value: String(f.services.length),
    unit: f.services.length === 1 ? 'service' : 'services',
    context: f.services.length === 0 ? `none seen in ${win}` : `${shown}${f.services.length > 3 ? ` +${f.services.length - 3}` : ''}`,
    exact: f.services.join(', '),
    spark: f.buckets.services,
  };

  const rate = f.errorTraceCount !== null && f.traceCount > 0 ? f.errorTraceCount / f.traceCount : null;
  const errorRate: TileModel = {
    id: 'errorRate',
    title: 'Error rate',
    value: rate === null ? '—' : formatPercent(rate),
    unit: '%',
    context:
      f.errorTraceCount === null
        ? 'the source does not report errors per trace'
        : f.traceCount === 0
          ? `no traces in ${win}`
        : `${count.format(f.errorTraceCount)} of ${count.format(f.traceCount)} traces had ≥1 error span${f.basis.kind === 'sampled' ? ` (${note})` : ''}`,
    ...(rate === null ? {} : { exact: `${rate * 100} %` }),
    spark: ratio(f.buckets.errorTraces, f.buckets.traces),
  };

  const sampled: TileModel = options.storesEverything
    ? {
        id: 'sampled',
        title: 'Sampled',
        value: '100',
        unit: '%',
        context: 'the embedded store keeps every span it receives',
        spark: f.buckets.traces.map(() => 1),
      }
    : { id: 'sampled', title: 'Sampled', value: 'unknown', unit: '', context: 'this source does not report its sampling rate', spark: null };

  // A unit beside a dash reads as a value ("— %"): no figure, no unit. A capped sample holds
  // the newest traces only, so its per-bucket history would draw a false trend: no sparklines.
  return [traces, avgSpans, p99, services, errorRate, sampled].map((t) => ({
    ...t,
    ...(t.value === '—' ? { unit: '' } : {}),
    ...(capped ? { spark: null } : {}),
  }));
}

/** A fraction as a percentage with 3 significant digits ("11.3", "0.400", "100"); 0 → "0". */
export function formatPercent(fraction: number): string {
  const pct = fraction * 100;
  if (pct === 0) return '0';
  if (pct >= 100) return pct.toFixed(0);
  if (pct >= 10) return pct.toFixed(1);
  if (pct >= 1) return pct.toFixed(2);
  return pct.toPrecision(3);
}
