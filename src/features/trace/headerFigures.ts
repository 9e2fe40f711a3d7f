/**
 * The figures of the trace header, as plain data: services legend, times, warnings with an
 * explanation. Kept out of the React component so they are unit-tested.
 */
import type { Trace, TraceWarning, TraceWarningKind, UnixNanos } from '../../model/types';

export interface ServiceEntry {
  readonly name: string;
  readonly spans: number;
  readonly errors: number;
}

/** Services in order of first appearance (the root's first), with span and error counts. */
export function serviceLegend(trace: Trace): ServiceEntry[] {
  const byName = new Map<string, { name: string; spans: number; errors: number }>();
  for (const span of trace.spans) {
    let entry = byName.get(span.serviceName);
    if (entry === undefined) byName.set(span.serviceName, (entry = { name: span.serviceName, spans: 0, errors: 0 }));
    entry.spans++;
    if (span.isError) entry.errors++;
  }
  return [...byName.values()];
}

/** Epoch ms of a nanosecond time stamp (ms precision is what a clock display needs). */
export function nanosToMs(ns: UnixNanos): number {
  return Number(ns / 1_000_000n);
}

/** DateTimeFormats by zone: creating one loads ICU data (~10 ms the first time). */
const startFormats = new Map<string, Intl.DateTimeFormat>();

function startFormat(zone: string | undefined): Intl.DateTimeFormat {
  const key = zone ?? '';
  let format = startFormats.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-GB', {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      fractionalSecondDigits: 3,
      hourCycle: 'h23',
      timeZoneName: 'short',
      ...(zone ? { timeZone: zone } : {}),
    });
    startFormats.set(key, format);
  }
  return format;
}

/**
 * `2026-11-27 08:05:12.345 CET` in `timeZone` (the browser's zone when undefined), or in UTC.
 * The zone is always named so a time copied into a chat is never ambiguous.
 */
export function formatStartTime(ns: UnixNanos, utc: boolean, timeZone?: string): string {
  const date = new Date(nanosToMs(ns));
  const zone = utc ? 'UTC' : timeZone;
  const parts = startFormat(zone).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const zoneName = utc ? 'UTC' : part('timeZoneName');
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}:${part('second')}.${part('fractionalSecond')} ${zoneName}`;
}

/** "just now", "42 s ago", "3 min ago", "5 h ago", "12 d ago" (or "in 3 min" for a future time). */
export function relativeTime(thenMs: number, nowMs: number): string {
  const diff = nowMs - thenMs;
  const abs = Math.abs(diff);
  let text: string;
  if (abs < 5_000) return 'just now';
  if (abs < 60_000) text = `${Math.floor(abs / 1000)} s`;
  else if (abs < 3_600_000) text = `${Math.floor(abs / 60_000)} min`;
  else if (abs < 86_400_000) text = `${Math.floor(abs / 3_600_000)} h`;
  else text = `${Math.floor(abs / 86_400_000)} d`;
  return diff >= 0 ? `${text} ago` : `in ${text}`;
}

const EXPLANATIONS: Record<TraceWarningKind, string> = {
  'missing-parent':
    'Some spans name a parent that is not in the trace (dropped, sampled out, or not exported yet). They are shown under a placeholder row for the missing parent.',
  'duplicate-span-id':
    'Several spans share one span ID, usually a retried export or an instrumentation bug. All are shown; links to that ID go to the first.',
  cycle: 'Parent links formed a loop, which a real trace cannot have. One link was cut so the tree can be drawn; the affected span is shown as a top-level row.',
  'no-root': 'Every span has a parent, so the root span has not been received. Durations and the critical path cover only what arrived.',
  'clock-skew':
    "Hosts' clocks disagree: a span appeared outside its parent on another host. With clock-skew adjustment on, such spans are moved inside their parent for display; their recorded times are unchanged.",
  'mixed-trace-ids': 'The payload holds spans of more than one trace ID; they are shown together as one trace.',
  'negative-duration': 'Some spans end before they start (a clock or instrumentation bug); they are drawn with zero duration.',
};

export interface WarningGroup {
  readonly kind: TraceWarningKind;
  /** What the warnings mean and what the UI did about them. */
  readonly explanation: string;
  readonly warnings: readonly TraceWarning[];
}

/** Warnings grouped by kind, in order of first appearance, each kind with its explanation. */
export function warningGroups(warnings: readonly TraceWarning[]): WarningGroup[] {
  const groups = new Map<TraceWarningKind, TraceWarning[]>();
  for (const warning of warnings) {
    const list = groups.get(warning.kind);
    if (list) list.push(warning);
    else groups.set(warning.kind, [warning]);
  }
  return [...groups].map(([kind, list]) => ({ kind, explanation: EXPLANATIONS[kind], warnings: list }));
}

/** A byte count for the progress line: `812 B`, `12.4 KB`, `1.32 MB` (powers of 1024). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let u = 0;
  while (value >= 1024 && u < units.length - 1) {
    value /= 1024;
    u++;
  }
  const text = u === 0 ? String(value) : value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
  return `${text} ${units[u]}`;
}
