import { describe, expect, it } from 'vitest';
import { indexSpanIds, usesHexTable } from './spanIdIndex';
import { makeSpan } from './testing/makeSpan';

const hex = (i: number) => i.toString(16).padStart(16, '0');

function index(ids: readonly string[]) {
  const spans = ids.map((spanId) => makeSpan({ spanId }));
  const firstOf = new Int32Array(spans.length);
  const idx = indexSpanIds(spans, firstOf);
  return { idx, firstOf: [...firstOf] };
}

describe('indexSpanIds', () => {
  it('uses the hex table for 16-hex IDs, first occurrence winning', () => {
    const { idx, firstOf } = index(['00000000000000aa', 'ffffffffffffffff', '00000000000000aa', '8000000000000001']);
    expect(usesHexTable(idx)).toBe(true);
    expect(firstOf).toEqual([0, 1, 0, 3]);
    expect(idx.indexOf('00000000000000aa')).toBe(0);
    expect(idx.indexOf('ffffffffffffffff')).toBe(1);
    expect(idx.indexOf('8000000000000001')).toBe(3);
    expect(idx.indexOf('8000000000000002')).toBe(-1);
    expect(idx.indexOf('FFFFFFFFFFFFFFFF')).toBe(-1); // IDs are exact strings: no case folding
    expect(idx.indexOf('aa')).toBe(-1);
    expect(idx.indexOf('')).toBe(-1);
    expect(idx.indexOf('00000000000000aa0')).toBe(-1);
    expect(idx.indexOf('00000000000000g1')).toBe(-1);
  });

  it('falls back to a Map when any ID is not 16 lowercase hex', () => {
    for (const odd of ['r', '00000000000000AA', '000000000000000:', '0000000000000000000000000000000a']) {
      const { idx, firstOf } = index(['0000000000000001', odd, '0000000000000001', odd]);
      expect(usesHexTable(idx)).toBe(false);
      expect(firstOf).toEqual([0, 1, 0, 1]);
      expect(idx.indexOf(odd)).toBe(1);
      expect(idx.indexOf('0000000000000001')).toBe(0);
      expect(idx.indexOf('0000000000000002')).toBe(-1);
    }
  });

  it('finds every one of 200k sequential IDs and none that is absent', () => {
    const n = 200_000;
    const { idx, firstOf } = index(Array.from({ length: n }, (_, i) => hex(i * 4096)));
    expect(usesHexTable(idx)).toBe(true);
    expect(firstOf.every((f, i) => f === i)).toBe(true);
    for (let i = 0; i < n; i++) {
      if (idx.indexOf(hex(i * 4096)) !== i) throw new Error(`lost ${i}`);
      if (idx.indexOf(hex(i * 4096 + 1)) !== -1) throw new Error(`phantom ${i}`);
    }
  });

  it('handles no spans', () => {
    const { idx } = index([]);
    expect(idx.indexOf('0000000000000001')).toBe(-1);
  });
});
