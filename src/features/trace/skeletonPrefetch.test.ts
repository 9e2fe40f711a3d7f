import { describe, expect, it } from 'vitest';
import { offerPrefetchedSkeleton, takePrefetchedSkeleton } from './skeletonPrefetch';

const ID = '0af7651916cd43dd8448eb211c80319c';

/** A prefetch as index.html hands it over, whose response never arrives. */
function pending(traceId: string) {
  return { traceId, controller: new AbortController(), response: new Promise<Response>(() => undefined) };
}

describe('prefetched skeleton', () => {
  it('is taken once, by the trace it was asked for', () => {
    offerPrefetchedSkeleton(pending(ID));
    expect(takePrefetchedSkeleton(ID)?.traceId).toBe(ID);
    expect(takePrefetchedSkeleton(ID)).toBeNull();
  });

  it('is aborted when another trace claims it', () => {
    const prefetched = pending(ID);
    offerPrefetchedSkeleton(prefetched);
    expect(takePrefetchedSkeleton('11111111111111111111111111111111')).toBeNull();
    expect(prefetched.controller.signal.aborted).toBe(true);
  });

  it('reports a failed request when the page takes it (not before)', async () => {
    const controller = new AbortController();
    offerPrefetchedSkeleton({ traceId: ID, controller, response: Promise.resolve(new Response('trace not found', { status: 404 })) });
    await expect(takePrefetchedSkeleton(ID)!.ready).rejects.toMatchObject({ kind: 'not-found', status: 404 });
  });
});
