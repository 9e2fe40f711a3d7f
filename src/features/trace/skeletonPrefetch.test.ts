import { afterEach, describe, expect, it, vi } from 'vitest';
import { prefetchSkeleton, takePrefetchedSkeleton } from './skeletonPrefetch';

const ID = '0af7651916cd43dd8448eb211c80319c';

describe('prefetchSkeleton', () => {
  const fetches: string[] = [];
  vi.stubGlobal('fetch', (url: string) => {
    fetches.push(url);
    return new Promise<Response>(() => undefined);
  });
  afterEach(() => {
    fetches.length = 0;
    takePrefetchedSkeleton('');
  });

  it('starts the local skeleton request of a trace page, taken once by the same trace', () => {
    prefetchSkeleton(`/trace/${ID.toUpperCase()}`, '?span=00f067aa0ba902b7', 'local');
    expect(fetches).toEqual([`/api/tracescope/traces/${ID}/skeleton`]);
    expect(takePrefetchedSkeleton(ID)?.traceId).toBe(ID);
    expect(takePrefetchedSkeleton(ID)).toBeNull();
  });

  it('leaves other pages, other sources and bad IDs alone', () => {
    prefetchSkeleton('/search', '', 'local');
    prefetchSkeleton(`/trace/${ID}`, '?source=prod', 'local');
    prefetchSkeleton('/trace/not-hex', '', 'local');
    prefetchSkeleton(`/trace/${ID}...${ID}`, '', 'local');
    expect(fetches).toEqual([]);
  });

  it('aborts a prefetch another trace claims', () => {
    prefetchSkeleton(`/trace/${ID}`, '?source=local', 'local');
    const spy = vi.spyOn(AbortController.prototype, 'abort');
    expect(takePrefetchedSkeleton('11111111111111111111111111111111')).toBeNull();
    expect(spy).toHaveBeenCalledTimes(1);
  });
});
