/** The statistics table's rows: per-group timings plus the shares of the trace they stand for. */
import { statsByOperation, statsByService, type OperationStats } from '../../../model/statistics';
import type { Trace } from '../../../model/types';
import { sortedOrder, type SortState } from './tableSort';

export type StatsGrouping = 'service' | 'operation';

export type StatsColumn = 'service' | 'operation' | 'count' | 'total' | 'traceShare' | 'self' | 'selfShare' | 'avg' | 'min' | 'max' | 'errors';

export interface StatsRow extends OperationStats {
  /** Total duration over the trace duration (above 1 when spans of the group overlap). */
  readonly traceShare: number;
  /** Self time over the sum of all spans' self times: the group's share of the exclusive time. */
  readonly selfShare: number;
}

export function statsRows(trace: Trace, grouping: StatsGrouping, self: Float64Array): StatsRow[] {
  const stats = grouping === 'service' ? statsByService(trace, self) : statsByOperation(trace, self);
  let selfSum = 0;
  for (const s of self) selfSum += s;
  const duration = trace.summary.duration;
  return stats.map((s) => ({
    ...s,
    traceShare: duration > 0 ? s.total / duration : NaN,
    selfShare: selfSum > 0 ? s.self / selfSum : NaN,
  }));
}

export const TEXT_COLUMNS: ReadonlySet<StatsColumn> = new Set(['service', 'operation']);

export function sortStatsRows(rows: readonly StatsRow[], sort: SortState<StatsColumn>): StatsRow[] {
  const { key } = sort;
  const valueOf = (i: number): string | number => {
    const row = rows[i]!;
    return key === 'operation' ? (row.operation ?? '') : row[key];
  };
  return Array.from(sortedOrder(rows.length, valueOf, sort.direction), (i) => rows[i]!);
}

/** `12.3%`, one decimal under 10 %, none above; `—` when unknown. */
export function formatShare(fraction: number): string {
  if (!Number.isFinite(fraction)) return '—';
  const pct = fraction * 100;
  return `${pct >= 10 ? pct.toFixed(0) : pct.toFixed(1)}%`;
}
