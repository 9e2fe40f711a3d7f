import { describe, expect, it } from 'vitest';
import { withKeyNames } from './spanAttributeRows';

describe('withKeyNames', () => {
  it('puts the key names in, and leaves out rows whose key retention has deleted', () => {
    const keys = new Map([
      [1, 'http.method'],
      [2, 'user.id'],
    ]);
    const rows = [
      [1n, 0, null, 1, 'GET', null, null, null, null],
      [2n, 0, null, 9, 'gone', null, null, null, null],
      [2n, 1, null, 2, 'u-1', null, null, null, null],
    ];
    expect(withKeyNames(rows, keys)).toStrictEqual([
      [1n, 0, null, 'http.method', 'GET', null, null, null, null],
      [2n, 1, null, 'user.id', 'u-1', null, null, null, null],
    ]);
  });
});
