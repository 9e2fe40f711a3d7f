import { describe, expect, it } from 'vitest';
import { GroupCommitQueue, SerialLock } from './groupCommit';

/**
 * A queue whose commits take `commitMs`, record the groups they were given, and fail any group
 * holding a negative item.
 */
function queueWith(maxBatchItems = 1000, commitMs = 5): { queue: GroupCommitQueue<number, number[]>; groups: number[][]; prepared: number[] } {
  const groups: number[][] = [];
  const prepared: number[] = [];
  const queue = new GroupCommitQueue<number, number[]>(
    new SerialLock(),
    {
      prepare: (items) => {
        prepared.push(...items);
        return [...items];
      },
      commit: async (group) => {
        const items = group.flat();
        await new Promise((resolve) => setTimeout(resolve, commitMs));
        if (items.some((i) => i < 0)) throw new Error(`bad item in ${items.join(',')}`);
        groups.push(items);
      },
    },
    maxBatchItems,
  );
  return { queue, groups, prepared };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('GroupCommitQueue', () => {
  it('commits the writes issued in one tick as one group', async () => {
    const { queue, groups } = queueWith();
    await Promise.all([queue.enqueue([1]), queue.enqueue([2]), queue.enqueue([3])]);
    expect(groups).toEqual([[1, 2, 3]]);
  });

  it('prepares writes that arrive during a commit at once, and commits them together right after it', async () => {
    const { queue, groups, prepared } = queueWith(1000, 50);
    const first = queue.enqueue([1]);
    await sleep(10); // the first commit is running
    const later = [queue.enqueue([2]), sleep(5).then(() => queue.enqueue([3]))];
    await sleep(10);
    expect(prepared).toEqual([1, 2, 3]); // encoded while the commit ran
    expect(groups).toEqual([]);
    await Promise.all([first, ...later]);
    expect(groups).toEqual([[1], [2, 3]]);
  });

  it('never makes a lone sender wait for company', async () => {
    const { queue, groups } = queueWith(1000, 1);
    const started = performance.now();
    for (let i = 0; i < 5; i++) await queue.enqueue([i]);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(groups).toEqual([[0], [1], [2], [3], [4]]);
  });

  it('stops a group at maxBatchItems (a write larger than that still goes alone)', async () => {
    const { queue, groups } = queueWith(4);
    await Promise.all([queue.enqueue([1, 2]), queue.enqueue([3, 4]), queue.enqueue([5]), queue.enqueue([6, 7, 8, 9, 10])]);
    expect(groups).toEqual([[1, 2, 3, 4], [5], [6, 7, 8, 9, 10]]);
  });

  it('fails only the bad write of a group: the others are committed again on their own', async () => {
    const { queue, groups } = queueWith();
    const results = await Promise.allSettled([queue.enqueue([1]), queue.enqueue([-2]), queue.enqueue([3])]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(groups).toEqual([[1], [3]]);
  });

  it('rejects a write whose prepare throws, and only that one', async () => {
    const queue = new GroupCommitQueue<number, number>(
      new SerialLock(),
      {
        prepare: (items) => {
          if (items[0] === 0) throw new Error('cannot encode');
          return items[0] ?? 0;
        },
        commit: async () => undefined,
      },
      10,
    );
    const results = await Promise.allSettled([queue.enqueue([1]), queue.enqueue([0]), queue.enqueue([2])]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    await queue.idle();
  });
});
