/** The trace page's state, read from and written to the URL (see urlState.ts). */
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { TraceUrlState } from './urlState';
import { parseTraceUrl, writeTraceUrl } from './urlState';

export type TraceStateUpdate = Partial<TraceUrlState> | ((state: TraceUrlState) => Partial<TraceUrlState>);

/**
 * The state and an updater. Updates replace the history entry (typing in find or dragging the
 * zoom must not flood Back); `push` adds one, for changes a person may want to go back from.
 */
export function useTraceUrlState(): [TraceUrlState, (update: TraceStateUpdate, options?: { push?: boolean }) => void] {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => parseTraceUrl(params), [params]);
  const update = useCallback(
    (change: TraceStateUpdate, options?: { push?: boolean }) => {
      setParams(
        (rendered) => {
          // The live URL, not the parameters of the last render: two updates in quick
          // succession (Esc, then an arrow key before React re-rendered) must compose, not
          // have the second undo the first.
          const prev = typeof window === 'undefined' ? rendered : new URLSearchParams(window.location.search);
          const current = parseTraceUrl(prev);
          const patch = typeof change === 'function' ? change(current) : change;
          return writeTraceUrl({ ...current, ...patch }, prev);
        },
        { replace: options?.push !== true },
      );
    },
    [setParams],
  );
  return [state, update];
}
