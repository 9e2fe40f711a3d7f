import { describe, expect, it } from 'vitest';
import { TraceKeyFilter } from './traceKeyFilter';
import { traceKey } from './traceKey';

describe('TraceKeyFilter', () => {
  it('never forgets an added key', () => {
    const filter = new TraceKeyFilter();
    const keys = Array.from({ length: 20_000 }, (_, i) => traceKey(i.toString(16).padStart(32, '0')));
    for (const key of keys) filter.add(key);
    for (const key of keys) expect(filter.mayContain(key)).toBe(true);
    // Extreme values: the sign bit and zero halves.
    for (const key of [0n, -1n, -(1n << 63n), (1n << 63n) - 1n, 1n << 32n]) {
      filter.add(key);
      expect(filter.mayContain(key)).toBe(true);
    }
  });

  it('tells most unseen keys apart', () => {
    const filter = new TraceKeyFilter();
    for (let i = 0; i < 100_000; i++) filter.add(traceKey(`seen-${i}`));
    let positives = 0;
    for (let i = 0; i < 100_000; i++) if (filter.mayContain(traceKey(`unseen-${i}`))) positives++;
    expect(positives).toBeLessThan(100);
  });

  it('tells whether testAndAdd saw the key before', () => {
    const filter = new TraceKeyFilter();
    expect(filter.testAndAdd(42n)).toBe(false);
    expect(filter.testAndAdd(42n)).toBe(true);
    expect(filter.mayContain(42n)).toBe(true);
    expect(filter.mayContain(43n)).toBe(false);
  });
});
