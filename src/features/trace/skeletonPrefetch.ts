/**
 * A shared trace link opened in a new tab spends its first few hundred milliseconds loading the
 * bundle and rendering before the trace page asks for the trace. index.html starts that request
 * for the embedded backend's skeleton before the bundle arrives; `offerPrefetchedSkeleton`
 * takes it over, and the bytes are read and decoded (and a small trace built) while React boots. The trace page takes
 * that work instead of starting it, or aborts it when the link's source turns out to be another.
 */
import type { FetchedSkeleton } from '../../sources/clients/skeletonClient';
import type { TraceProgress, TraceResult } from '../../sources/clients';
import { LOCAL_SOURCE, SkeletonClient } from '../../sources/clients';

export interface Prefetched {
  readonly traceId: string;
  readonly controller: AbortController;
  readonly response: Promise<Response>;
}

/** Decoded, and for small traces built: everything that needs no page to show it. */
export type EarlyResult = { readonly skeleton: FetchedSkeleton; readonly built: TraceResult | null };

/**
 * A skeleton being read and decoded — and built, when small — while the app still boots: the
 * page, once it asks, finds the work done instead of starting it. Progress is relayed to the
 * page once it listens (the latest report replayed).
 */
export interface EarlyLoad {
  readonly traceId: string;
  readonly controller: AbortController;
  readonly ready: Promise<EarlyResult>;
  listen(onProgress: (progress: TraceProgress) => void): void;
}

/** `client.build`, timed as the User Timing measure the trace-view benchmark reads. */
export function buildMeasured(client: SkeletonClient, skeleton: FetchedSkeleton): TraceResult {
  const started = performance.now();
  const result = client.build(skeleton);
  performance.measure('tracescope:build trace', { start: started });
  return result;
}

/** Traces up to this many spans are also built early (a bigger build shows its progress first). */
export const BUILD_EARLY_MAX = 50_000;

let pending: EarlyLoad | null = null;

function beginEarlyLoad({ traceId, controller, response }: Prefetched): EarlyLoad {
  let listener: ((progress: TraceProgress) => void) | null = null;
  let last: TraceProgress | null = null;
  const client = new SkeletonClient({ name: LOCAL_SOURCE, baseUrl: '' });
  const ready = client
    .fetchSkeleton(traceId, {
      signal: controller.signal,
      response,
      onProgress: (progress) => {
        last = progress;
        listener?.(progress);
      },
    })
    .then((skeleton): EarlyResult => {
      if (skeleton.spanCount > BUILD_EARLY_MAX) return { skeleton, built: null };
      return { skeleton, built: buildMeasured(client, skeleton) };
    });
  // Unclaimed and aborted, its rejection is expected: keep it out of the console.
  ready.catch(() => undefined);
  return {
    traceId,
    controller,
    ready,
    listen(onProgress) {
      listener = onProgress;
      if (last !== null) onProgress(last);
    },
  };
}

/** A skeleton request started elsewhere (index.html): read and decode it now. */
export function offerPrefetchedSkeleton(prefetched: Prefetched): void {
  pending = beginEarlyLoad(prefetched);
}

/** The early load of this trace (once), or null. */
export function takePrefetchedSkeleton(traceId: string): EarlyLoad | null {
  const taken = pending;
  pending = null;
  if (taken !== null && taken.traceId !== traceId) {
    taken.controller.abort();
    return null;
  }
  return taken;
}
