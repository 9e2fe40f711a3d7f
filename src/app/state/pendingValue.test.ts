import { describe, expect, it } from 'vitest';
import { addRequest, resolvePending } from './pendingValue';

const same = Object.is;

describe('pending values of URL-bound controls', () => {
  it('shows the request until the committed value reaches it', () => {
    const pending = addRequest(null, false, true);
    expect(resolvePending(pending, false, same)).toEqual({ shown: true, keep: pending });
    expect(resolvePending(pending, true, same)).toEqual({ shown: true, keep: null });
  });

  it('keeps showing the last keystroke while the URL walks through the earlier ones', () => {
    let pending = addRequest(null, '', 'a');
    pending = addRequest(pending, 'a', 'ab');
    pending = addRequest(pending, 'a', 'abc');
    expect(pending.base).toBe('');
    expect(resolvePending(pending, '', same).shown).toBe('abc');
    expect(resolvePending(pending, 'a', same).shown).toBe('abc');
    expect(resolvePending(pending, 'ab', same)).toEqual({ shown: 'abc', keep: pending });
    expect(resolvePending(pending, 'abc', same).keep).toBeNull();
  });

  it('gives way at once to a value from elsewhere (Back, a link)', () => {
    const pending = addRequest(addRequest(null, 'x', 'xy'), 'x', 'xyz');
    expect(resolvePending(pending, 'other', same)).toEqual({ shown: 'other', keep: null });
  });

  it('compares with the given equality', () => {
    const byJson = (a: readonly string[], b: readonly string[]) => JSON.stringify(a) === JSON.stringify(b);
    const pending = addRequest<readonly string[]>(null, [], ['checkout']);
    expect(resolvePending(pending, [], byJson).shown).toEqual(['checkout']);
    expect(resolvePending(pending, ['checkout'], byJson).keep).toBeNull();
  });

  it('remembers a bounded number of requests', () => {
    let pending = addRequest(null, '', 'k0');
    for (let i = 1; i < 200; i++) pending = addRequest(pending, '', `k${i}`);
    expect(pending.requested.length).toBe(64);
    expect(pending.requested.at(-1)).toBe('k199');
  });

  it('is nothing without a request', () => {
    expect(resolvePending(null, 3, same)).toEqual({ shown: 3, keep: null });
  });
});
