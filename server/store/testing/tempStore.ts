/**
 * A SpanStore on a temp dir for one test, closed and removed after it (register `afterEach`
 * through `useTempStores` in the test file's top level).
 */
import { afterEach } from 'vitest';
import { SpanStore } from '../spanStore';
import { tempDir } from './richSpans';

/** Returns `openStore`: each call opens a fresh store, closed and deleted after the test. */
export function useTempStores(): () => Promise<SpanStore> {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return async () => {
    const temp = tempDir();
    cleanups.push(temp.cleanup);
    const store = await SpanStore.open(temp.dir, { retentionIntervalMs: 0 });
    cleanups.push(() => store.close());
    return store;
  };
}
