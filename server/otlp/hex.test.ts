import { describe, expect, it } from 'vitest';
import { TraceIdCache, hexAt } from './hex';

describe('TraceIdCache', () => {
  it('gives every ID exactly, reusing the string of an ID seen before in the request', () => {
    const ids = [
      '0af7651916cd43dd8448eb211c80319c',
      '4bf92f3577b34da6a3ce929d0e0e4736',
      // Same last two bytes as the first: shares its slot, must not be taken for it.
      'ffffffffffffffffffffffffffff319c',
      '0af7651916cd43dd8448eb211c80319c',
      '00000000000000000000000000000001',
      '4bf92f3577b34da6a3ce929d0e0e4736',
    ];
    const buf = Buffer.from(ids.join(''), 'hex');
    const cache = new TraceIdCache(buf);
    const got = ids.map((_, i) => cache.hex16(i * 16));
    expect(got).toEqual(ids);
    expect(got.map((id, i) => id === hexAt(buf, i * 16, 16))).toEqual(ids.map(() => true));
  });
});
