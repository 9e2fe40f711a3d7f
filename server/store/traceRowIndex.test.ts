import { describe, expect, it } from 'vitest';
import { SID_BUCKET_BITS, TraceRowIndex, bucketOf } from './traceRowIndex';
import { traceKey } from './traceKey';

const id = (i: number): string => i.toString(16).padStart(32, '0');

describe('TraceRowIndex', () => {
  it('knows every added key, where its row is, and no key it never saw', () => {
    const index = new TraceRowIndex();
    // Enough keys to grow the table several times. A few share a 32-bit fingerprint with an
    // earlier one (birthday odds: ~10 pairs) and look known: that only costs them a MERGE.
    let seenBefore = 0;
    for (let i = 0; i < 300_000; i++) if (index.add(traceKey(id(i)), BigInt(i * 8 + 1))) seenBefore++;
    expect(seenBefore).toBeLessThan(50);
    for (let i = 0; i < 300_000; i += 997) expect(index.bucketsOf(traceKey(id(i)))).toContain(bucketOf(BigInt(i * 8 + 1)));
    let unseen = 0;
    for (let i = 300_000; i < 400_000; i++) if (index.bucketsOf(traceKey(id(i))).length > 0) unseen++;
    // Only 32-bit fingerprint collisions: ~300k / 2^32 per lookup, ~7 of 100k.
    expect(unseen).toBeLessThan(40);
    // Extreme keys: the sign bit and zero halves.
    for (const key of [0n, -1n, -(1n << 63n), (1n << 63n) - 1n, 1n << 32n]) {
      index.add(key, 5n);
      expect(index.bucketsOf(key)).toContain(0);
    }
  });

  it('says whether a key was seen before, and keeps each bucket once', () => {
    const index = new TraceRowIndex();
    expect(index.add(42n, 100n)).toBe(false);
    expect(index.add(42n, 101n)).toBe(true);
    expect(index.bucketsOf(42n)).toEqual([0]);
    expect(index.add(42n, 1n << 20n)).toBe(true);
    expect(index.bucketsOf(42n).sort((a, b) => a - b)).toEqual([0, 1 << (20 - Number(SID_BUCKET_BITS))]);
  });

  it('forgets removed entries and reuses their slots', () => {
    const index = new TraceRowIndex();
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 100_000; i++) index.add(traceKey(id(i)), BigInt(round * 1_000_000 + i));
      for (let i = 0; i < 100_000; i++) index.remove(traceKey(id(i)), BigInt(round * 1_000_000 + i));
    }
    expect(index.size).toBe(0);
    expect(index.bucketsOf(traceKey(id(7)))).toEqual([]);
    expect(index.add(traceKey(id(7)), 1n)).toBe(false);
  });

  it('gives the first_sid range covering every bucket of the keys, and a row filter', () => {
    const index = new TraceRowIndex();
    const a = traceKey(id(1));
    const b = traceKey(id(2));
    index.add(a, 5000n);
    index.add(b, 70_000n);
    index.add(b, 90_000n);
    const range = index.sidRange([a, b]);
    expect(range).not.toBeNull();
    expect(range!.lo).toBeLessThanOrEqual(5000n);
    expect(range!.hi).toBeGreaterThanOrEqual(90_000n);
    expect(index.sidRange([traceKey(id(3))])).toBeNull();
    const filter = index.rowFilter(id(2)) ?? '';
    expect(filter.startsWith(`trace_key = ${b} AND (`)).toBe(true);
    expect(filter).toContain('first_sid BETWEEN 69632 AND 73727');
    expect(filter).toContain('first_sid BETWEEN 86016 AND 90111');
    expect(index.rowFilter(id(3))).toBeNull();
  });
});
