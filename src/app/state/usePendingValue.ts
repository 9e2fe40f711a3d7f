/** React binding of pendingValue.ts: `[shown, request]` for a control whose value lives in the URL. */
import { useState } from 'react';
import type { Pending, Same } from './pendingValue';
import { addRequest, resolvePending } from './pendingValue';

export function usePendingValue<T>(committed: T, same: Same<T> = Object.is): [T, (value: T) => void] {
  const [pending, setPending] = useState<Pending<T> | null>(null);
  const { shown, keep } = resolvePending(pending, committed, same);
  // Dropping a finished run during render is React's documented way to adjust state to props.
  if (keep !== pending) setPending(keep);
  const request = (value: T) => setPending((current) => addRequest(current, committed, value));
  return [shown, request];
}
