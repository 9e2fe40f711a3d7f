import { describe, expect, it } from 'vitest';
import { GroupCommitQueue, SerialLock } from './groupCommit';

/** A queue whose commits take `commitMs` and record the groups they were given. */
function queueWith(lingerMs: number, commitMs = 5): { queue: GroupCommitQueue<number, number[]>; groups: number[][] } {
  const groups: number[][] = [];
  const queue = new GroupCommitQueue<number, number[]>(
    new SerialLock(),
    {
      prepare: (items) => [...items],
      commit: async (group) => {
        groups.push(group.flat());
        await new Promise((resolve) => setTimeout(resolve, commitMs));
      },
    },
    1000,
    lingerMs,
  );
  return { queue, groups };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('GroupCommitQueue linger', () => {
  it('waits for the writes of the last cycle that are still on their way', async () => {
    const { queue, groups } = queueWith(500);
    // Cycle 1: three senders at once, one commit.
    await Promise.all([queue.enqueue([1]), queue.enqueue([2]), queue.enqueue([3])]);
    // Cycle 2: the senders come back at different times; without linger the first would
    // commit alone.
    await Promise.all([queue.enqueue([4]), sleep(20).then(() => queue.enqueue([5])), sleep(40).then(() => queue.enqueue([6]))]);
    expect(groups).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });

  it('never makes a lone sender wait', async () => {
    const { queue, groups } = queueWith(10_000);
    const started = performance.now();
    for (let i = 0; i < 5; i++) await queue.enqueue([i]);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(groups).toEqual([[0], [1], [2], [3], [4]]);
  });

  it('stops waiting after lingerMs when a sender does not come back', async () => {
    const { queue, groups } = queueWith(50);
    await Promise.all([queue.enqueue([1]), queue.enqueue([2])]);
    const started = performance.now();
    await queue.enqueue([3]); // the second sender went away
    expect(performance.now() - started).toBeLessThan(2000);
    expect(groups).toEqual([[1, 2], [3]]);
  });
});
