/**
 * A shared trace link opened in a new tab spends its first few hundred milliseconds loading the
 * bundle and rendering before the trace page asks for the trace. `prefetchSkeleton` starts that
 * request as soon as the bundle runs (main.tsx), for the embedded backend's skeleton; the trace
 * page then takes the response instead of asking again, or aborts it when the link's source
 * turns out to be another one.
 */
import { skeletonPath } from '../../sources/skeleton/format';
import { normaliseTraceId } from './traceIdParam';

interface Prefetched {
  readonly traceId: string;
  readonly controller: AbortController;
  readonly response: Promise<Response>;
}

let pending: Prefetched | null = null;

/** Starts fetching the skeleton of the trace `pathname` shows, if it is a local trace page. */
export function prefetchSkeleton(pathname: string, search: string, localSource: string): void {
  const match = /^\/trace\/([^/]+)$/.exec(pathname);
  const source = new URLSearchParams(search).get('source');
  const traceId = match ? normaliseTraceId(decodeURIComponent(match[1]!)) : null;
  if (traceId === null || (source !== null && source !== localSource)) return;
  const controller = new AbortController();
  const response = fetch(skeletonPath(traceId), { signal: controller.signal });
  // Unclaimed and aborted, its rejection is expected: keep it out of the console.
  response.catch(() => undefined);
  pending = { traceId, controller, response };
}

/** The prefetched response for this trace (once), or null. */
export function takePrefetchedSkeleton(traceId: string): Prefetched | null {
  const taken = pending;
  pending = null;
  if (taken !== null && taken.traceId !== traceId) {
    taken.controller.abort();
    return null;
  }
  return taken;
}
