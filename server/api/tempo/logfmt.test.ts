import { describe, expect, it } from 'vitest';
import { parseLogfmt } from './logfmt';

describe('parseLogfmt', () => {
  it('reads bare and quoted values', () => {
    expect(parseLogfmt(' service.name=cart  http.url="/a b" x="q\\"uote"')).toEqual({
      ok: true,
      pairs: [
        { key: 'service.name', value: 'cart' },
        { key: 'http.url', value: '/a b' },
        { key: 'x', value: 'q"uote' },
      ],
    });
  });
  it('explains malformed input', () => {
    expect(parseLogfmt('service.name')).toEqual({ ok: false, message: 'tags: expected "=" after "service.name"' });
    expect(parseLogfmt('a="open')).toEqual({ ok: false, message: 'tags: unterminated quote in the value of "a"' });
  });
});
