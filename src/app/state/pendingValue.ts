/**
 * A control bound to the URL shows what the user asked for before the URL has it.
 *
 * The router commits navigations in a React transition, after the event that asked for them.
 * A controlled checkbox or text box rendered from the URL in between shows the old value: React
 * puts it back right after the click. The click then seems lost for a moment, a fast typist can
 * lose a key, and a browser test can read the box back unchanged. The fix is to show the
 * requested value until the committed one catches up.
 *
 * Requests in flight are all remembered: while the URL walks through them ("a", then "ab") the
 * control keeps showing the last one. A committed value that is none of them came from somewhere
 * else (Back, a link), and wins at once.
 */
export interface Pending<T> {
  /** The committed value when the first request of this run was made. */
  readonly base: T;
  /** Values asked for, oldest first; the last one is shown. */
  readonly requested: readonly T[];
}

/** How many requests in flight are remembered: a typist is never this far ahead of React. */
const MAX_REQUESTS = 64;

export type Same<T> = (a: T, b: T) => boolean;

/** The pending state after one more request. */
export function addRequest<T>(pending: Pending<T> | null, committed: T, value: T): Pending<T> {
  if (pending === null) return { base: committed, requested: [value] };
  return { base: pending.base, requested: [...pending.requested, value].slice(-MAX_REQUESTS) };
}

/** What the control shows, and whether the pending state is over (`keep` null). */
export function resolvePending<T>(pending: Pending<T> | null, committed: T, same: Same<T>): { readonly shown: T; readonly keep: Pending<T> | null } {
  if (pending === null) return { shown: committed, keep: null };
  const last = pending.requested[pending.requested.length - 1] as T;
  if (same(committed, last)) return { shown: committed, keep: null };
  const onTheWay = same(committed, pending.base) || pending.requested.some((value) => same(value, committed));
  return onTheWay ? { shown: last, keep: pending } : { shown: committed, keep: null };
}
