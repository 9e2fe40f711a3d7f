/**
 * React binding of pendingValue.ts for a control whose value lives in the URL: `[shown, set]`,
 * where `set` shows the value at once and hands it to `commit` (which writes the URL).
 */
import { useState } from 'react';
import type { Pending, Same } from './pendingValue';
import { addRequest, resolvePending } from './pendingValue';

export function usePendingValue<T>(committed: T, commit: (value: T) => void, same: Same<T> = Object.is): [T, (value: T) => void] {
  const [pending, setPending] = useState<Pending<T> | null>(null);
  const { shown, keep } = resolvePending(pending, committed, same);
  // Dropping a finished run during render is React's documented way to adjust state to props.
  if (keep !== pending) setPending(keep);
  const set = (value: T) => {
    setPending((current) => addRequest(current, committed, value));
    commit(value);
  };
  return [shown, set];
}
