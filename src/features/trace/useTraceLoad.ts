/**
 * Where the trace page's trace comes from: a file opened in this tab (memory, no backend), or
 * the selected source through react-query (keyed by source name, so switching sources
 * refetches; leaving the page aborts the request), with download progress and a Cancel.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { Trace } from '../../model/types';
import type { TraceProgress, TraceResult } from '../../sources/clients';
import { SourceError } from '../../sources/clients';
import { useCurrentSource } from '../../app/data/useSources';
import type { CurrentSource } from '../../app/data/useSources';
import { useOpenedFiles } from '../../app/files/openedFilesStore';
import { loadTrace } from './loadTrace';
import { normaliseTraceId } from './traceIdParam';

export { normaliseTraceId };

export type TraceLoad =
  | { readonly state: 'invalid-id'; readonly message: string }
  | { readonly state: 'ready'; readonly trace: Trace; readonly fromFile: boolean; readonly result: TraceResult | null }
  | { readonly state: 'loading'; readonly progress: TraceProgress | null; readonly cancel: () => void }
  | { readonly state: 'cancelled'; readonly retry: () => void }
  | { readonly state: 'error'; readonly error: unknown; readonly retry: () => void };

/** Progress updates at most this often (a big body arrives in thousands of chunks). */
const PROGRESS_INTERVAL_MS = 100;


export function traceQueryKey(sourceName: string | null, traceId: string) {
  return ['tracescope', 'trace', sourceName ?? '', traceId] as const;
}

/** Not-found and unreadable answers will not change on a second try; network failures might. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof SourceError) return (error.kind === 'unreachable' || (error.kind === 'http' && (error.status ?? 0) >= 500)) && failureCount < 1;
  return false;
}

export function useTraceLoad(rawTraceId: string): { load: TraceLoad; source: CurrentSource } {
  const traceId = normaliseTraceId(rawTraceId);
  const fileTrace = useOpenedFiles((s) => (traceId === null ? undefined : s.traces.find((t) => t.traceId === traceId)));
  const source = useCurrentSource();
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<{ key: string; value: TraceProgress } | null>(null);
  const [cancelledKey, setCancelledKey] = useState<string | null>(null);
  const lastProgress = useRef(0);

  const queryKey = useMemo(() => traceQueryKey(source.name, traceId ?? ''), [source.name, traceId]);
  const keyText = queryKey.join('|');
  const { client, info } = source;
  const query = useQuery({
    queryKey,
    enabled: traceId !== null && fileTrace === undefined && client !== undefined && info !== undefined && cancelledKey !== keyText,
    queryFn: ({ signal }) =>
      loadTrace({
        source: info!,
        client: client!,
        traceId: traceId!,
        signal,
        onProgress: (value) => {
          const now = performance.now();
          if (value.phase === 'receiving' && now - lastProgress.current < PROGRESS_INTERVAL_MS) return;
          lastProgress.current = now;
          setProgress({ key: keyText, value });
        },
      }),
    retry: shouldRetry,
    staleTime: 60_000,
  });

  const cancel = useCallback(() => {
    setCancelledKey(keyText);
    void queryClient.cancelQueries({ queryKey });
  }, [queryClient, queryKey, keyText]);
  const retryAfterCancel = useCallback(() => setCancelledKey(null), []);
  const { refetch } = query;
  const retry = useCallback(() => void refetch(), [refetch]);
  const retrySources = source.list.refetch;

  let load: TraceLoad;
  if (traceId === null) {
    load = { state: 'invalid-id', message: `"${rawTraceId}" is not a trace ID: expected 1–32 hexadecimal characters, not all zero.` };
  } else if (fileTrace !== undefined) {
    load = { state: 'ready', trace: fileTrace, fromFile: true, result: null };
  } else if (source.list.isError) {
    load = { state: 'error', error: source.list.error, retry: () => void retrySources() };
  } else if (source.unknown) {
    load = {
      state: 'error',
      error: new Error(`The link names the source "${source.name ?? ''}", which this server does not have. Pick another source above.`),
      retry: () => void retrySources(),
    };
  } else if (query.data !== undefined) {
    load = { state: 'ready', trace: query.data.trace, fromFile: false, result: query.data };
  } else if (query.isError) {
    load = { state: 'error', error: query.error, retry };
  } else if (cancelledKey === keyText) {
    load = { state: 'cancelled', retry: retryAfterCancel };
  } else {
    load = { state: 'loading', progress: progress?.key === keyText ? progress.value : null, cancel };
  }
  return { load, source };
}
