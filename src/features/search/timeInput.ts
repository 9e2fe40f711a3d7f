/** `<input type="datetime-local">` values ⇄ ms since the epoch, in local time or UTC. */

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

export function toDateTimeInput(ms: number, utc: boolean): string {
  const d = new Date(ms);
  const parts = utc
    ? [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()]
    : [d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds()];
  const [y, mo, day, h, mi, s] = parts as [number, number, number, number, number, number];
  return `${pad(y, 4)}-${pad(mo)}-${pad(day)}T${pad(h)}:${pad(mi)}:${pad(s)}`;
}

/** NaN when the text is not a date-time. */
export function fromDateTimeInput(text: string, utc: boolean): number {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text)) return Number.NaN;
  return utc ? Date.parse(`${text}Z`) : new Date(text).getTime();
}

/** "3 min ago", "2 h ago", "in 5 s" — beside absolute times. */
export function relativeTime(ms: number, nowMs: number): string {
  const diff = nowMs - ms;
  const abs = Math.abs(diff);
  const [n, unit] =
    abs < 60_000 ? [Math.round(abs / 1000), 's'] : abs < 3_600_000 ? [Math.round(abs / 60_000), 'min'] : abs < 86_400_000 ? [Math.round(abs / 3_600_000), 'h'] : [Math.round(abs / 86_400_000), 'd'];
  return diff >= 0 ? `${n} ${unit} ago` : `in ${n} ${unit}`;
}

/** `14:05:31` today, else `Nov 26 14:05:31`, local or UTC (with the zone named). */
export function clockTime(ms: number, nowMs: number, utc: boolean): string {
  const d = new Date(ms);
  const zone = utc ? { timeZone: 'UTC' } : {};
  const time = d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false, ...zone });
  const sameDay = d.toLocaleDateString('en-CA', zone) === new Date(nowMs).toLocaleDateString('en-CA', zone);
  return sameDay ? time : `${d.toLocaleDateString('en-US', { month: 'short', day: 'numeric', ...zone })} ${time}`;
}
