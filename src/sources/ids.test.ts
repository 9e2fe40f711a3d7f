import { describe, expect, it } from 'vitest';
import { normalizeHexId, normalizeId } from './ids';
import { ImportError } from './importResult';

describe('normalizeId', () => {
  it('reads Tempo base64 trace and span IDs', () => {
    expect(normalizeId('W47/95gDgQPSabYzgT/GDA==', 32, 'traceId')).toBe('5b8efff798038103d269b633813fc60c');
    expect(normalizeId('AAAAAAAAAAE=', 16, 'spanId')).toBe('0000000000000001');
  });
  it('lowercases and pads hex', () => {
    expect(normalizeId('5B8EFFF798038103D269B633813FC60C', 32, 't')).toBe('5b8efff798038103d269b633813fc60c');
    expect(normalizeId('1f', 16, 's')).toBe('000000000000001f');
    expect(normalizeId('0123456789abcdef', 32, 't')).toBe('00000000000000000123456789abcdef');
  });
  it('returns empty for absent IDs', () => {
    expect(normalizeId(undefined, 16, 'p')).toBe('');
    expect(normalizeId('', 16, 'p')).toBe('');
  });
  it('names the path of a bad ID', () => {
    expect(() => normalizeId('not an id!', 16, 'spans[3].spanId')).toThrow(ImportError);
    expect(() => normalizeId('not an id!', 16, 'spans[3].spanId')).toThrow(/^spans\[3\]\.spanId: expected 16-hex/);
    expect(() => normalizeId(42, 16, 'x')).toThrow('x: expected ID string, got number');
  });
});

describe('normalizeHexId', () => {
  it('accepts hex only', () => {
    expect(normalizeHexId('ABC', 16, 's')).toBe('0000000000000abc');
    expect(() => normalizeHexId('nope', 16, 'spans[0].spanID')).toThrow('spans[0].spanID: expected 16-hex ID, got "nope"');
  });
});
