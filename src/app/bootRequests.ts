/**
 * The first screen's requests, started by index.html's inline script while the bundle
 * downloads, taken over here before React renders (without them, the app asks as usual).
 */
import type { QueryClient } from '@tanstack/react-query';
import type { Prefetched } from '../features/trace/skeletonPrefetch';
import { offerPrefetchedSkeleton } from '../features/trace/skeletonPrefetch';
import { fetchSources } from './data/sourceInfo';
import { SOURCES_QUERY_KEY } from './data/useSources';

/** What index.html leaves on `window.__tracescopeBoot`. */
interface BootRequests {
  readonly sources: Promise<Response>;
  readonly skeleton: Prefetched | null;
}

function takeBootRequests(): BootRequests | undefined {
  const holder = window as { __tracescopeBoot?: BootRequests };
  const boot = holder.__tracescopeBoot;
  delete holder.__tracescopeBoot;
  return boot;
}

export function startBootRequests(queryClient: QueryClient): void {
  const boot = takeBootRequests();
  // The sources list: index.html's response if it has one (same URL, same reading), once: a
  // retry asks again.
  let started = boot?.sources;
  void queryClient.prefetchQuery({
    queryKey: SOURCES_QUERY_KEY,
    queryFn: ({ signal }) => {
      const response = started;
      started = undefined;
      return fetchSources(response ? () => response : undefined, signal);
    },
    staleTime: 60_000,
  });
  if (boot?.skeleton) offerPrefetchedSkeleton(boot.skeleton);
}
