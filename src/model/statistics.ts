import { selfTimes } from './selfTime';
import type { Trace } from './types';

/** Aggregate timings of a group of spans (one service, or one service + operation). All in ns. */
export interface OperationStats {
  /**
   * Unique, stable key of the group: the service name for {@link statsByService}; for
   * {@link statsByOperation} `JSON.stringify([service, operation])` (unambiguous whatever
   * characters the names contain).
   */
  readonly key: string;
  readonly service: string;
  /** Span name; null when grouping by service only. */
  readonly operation: string | null;
  /** Number of spans. */
  readonly count: number;
  /** Sum of span durations. */
  readonly total: number;
  /** Sum of span self times (see `selfTimes`). */
  readonly self: number;
  /** `total / count`. */
  readonly avg: number;
  /** Shortest span duration. */
  readonly min: number;
  /** Longest span duration. */
  readonly max: number;
  /** Number of spans with `isError`. */
  readonly errors: number;
}

interface Accumulator {
  readonly service: string;
  readonly operation: string | null;
  count: number;
  total: number;
  self: number;
  min: number;
  max: number;
  errors: number;
}

function newAccumulator(service: string, operation: string | null): Accumulator {
  return { service, operation, count: 0, total: 0, self: 0, min: Infinity, max: -Infinity, errors: 0 };
}

function finish(groups: Iterable<Accumulator>, keyOf: (acc: Accumulator) => string): OperationStats[] {
  const out: OperationStats[] = [];
  for (const acc of groups) {
    out.push({
      key: keyOf(acc),
      service: acc.service,
      operation: acc.operation,
      count: acc.count,
      total: acc.total,
      self: acc.self,
      avg: acc.total / acc.count,
      min: acc.min,
      max: acc.max,
      errors: acc.errors,
    });
  }
  // Total descending; ties by key so the order is deterministic.
  out.sort((a, b) => b.total - a.total || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return out;
}

function checkSelf(trace: Trace, self: Float64Array | undefined): Float64Array {
  if (self === undefined) return selfTimes(trace);
  if (self.length !== trace.spans.length) {
    throw new RangeError(`self times have ${self.length} entries for ${trace.spans.length} spans`);
  }
  return self;
}

function add(acc: Accumulator, duration: number, self: number, isError: boolean): void {
  acc.count++;
  acc.total += duration;
  acc.self += self;
  if (duration < acc.min) acc.min = duration;
  if (duration > acc.max) acc.max = duration;
  if (isError) acc.errors++;
}

/**
 * Timings per service (`Span.serviceName`), sorted by total duration descending.
 * @param self self times from `selfTimes(trace)`, computed when omitted (pass them to share).
 */
export function statsByService(trace: Trace, self?: Float64Array): OperationStats[] {
  const selfNs = checkSelf(trace, self);
  const groups = new Map<string, Accumulator>();
  const spans = trace.spans;
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i]!;
    let acc = groups.get(span.serviceName);
    if (acc === undefined) {
      acc = newAccumulator(span.serviceName, null);
      groups.set(span.serviceName, acc);
    }
    add(acc, span.duration, selfNs[i]!, span.isError);
  }
  return finish(groups.values(), (acc) => acc.service);
}

/**
 * Timings per service + span name, sorted by total duration descending.
 * @param self self times from `selfTimes(trace)`, computed when omitted (pass them to share).
 */
export function statsByOperation(trace: Trace, self?: Float64Array): OperationStats[] {
  const selfNs = checkSelf(trace, self);
  // Nested maps: no per-span string concatenation, and no ambiguity between names.
  const byService = new Map<string, Map<string, Accumulator>>();
  const spans = trace.spans;
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i]!;
    let ops = byService.get(span.serviceName);
    if (ops === undefined) {
      ops = new Map();
      byService.set(span.serviceName, ops);
    }
    let acc = ops.get(span.name);
    if (acc === undefined) {
      acc = newAccumulator(span.serviceName, span.name);
      ops.set(span.name, acc);
    }
    add(acc, span.duration, selfNs[i]!, span.isError);
  }
  const all: Accumulator[] = [];
  for (const ops of byService.values()) for (const acc of ops.values()) all.push(acc);
  return finish(all, (acc) => JSON.stringify([acc.service, acc.operation]));
}
