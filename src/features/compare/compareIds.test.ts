import { describe, expect, it } from 'vitest';
import { comparePath, readComparePair } from './compareIds';

const A = '4bf92f3577b34da6a3ce929d0e0e4736';
const B = '00000000000000000123456789abcdef';

describe('readComparePair', () => {
  it("reads Jaeger's /trace/a...b path, padding short IDs", () => {
    const pair = readComparePair(`${A.toUpperCase()}...123456789abcdef`, new URLSearchParams());
    expect(pair.a.id).toBe(A);
    expect(pair.b.id).toBe(B);
    expect(comparePath(pair.a.id!, pair.b.id!)).toBe(`/trace/${A}...${B}`);
  });
  it('reads /compare?a=&b= and explains bad input', () => {
    const pair = readComparePair(undefined, new URLSearchParams(`a=${A}&b=nope`));
    expect(pair.a.id).toBe(A);
    expect(pair.b.id).toBeNull();
    expect(pair.b.message).toMatch(/Expected a 32- or 16-hex trace ID/);
    expect(readComparePair(undefined, new URLSearchParams()).a).toEqual({ raw: '', id: null, message: null });
  });
});
