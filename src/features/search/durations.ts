/** Go-style durations (`100ms`, `1.5s`, `2m30s`) as used by Tempo, Jaeger and TraceQL. */
import { parseDuration } from '../../traceql';

export type DurationParse = { ok: true; ms: number } | { ok: false; message: string };

/** Parses a duration field; '' is "no bound". */
export function parseDurationField(raw: string): DurationParse | null {
  const text = raw.trim();
  if (text === '') return null;
  const ns = parseDuration(text);
  if (ns === null) return { ok: false, message: `"${text}" is not a duration: use a number and a unit, like 100ms, 1.5s or 2m` };
  return { ok: true, ms: Number(ns) / 1e6 };
}

/** `1h`, `15m`, `2d`, `7d`: a look-back window in ms, or null when it is not one. */
export function parseLookback(raw: string): number | null {
  const m = /^(\d+)(m|h|d|w)$/.exec(raw.trim());
  if (!m) return null;
  const n = Number(m[1]);
  if (n <= 0) return null;
  const unit = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[m[2] as 'm' | 'h' | 'd' | 'w'];
  return n * unit;
}
