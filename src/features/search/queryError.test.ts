import { describe, expect, it } from 'vitest';
import { localQueryError, offsetOf, serverQueryError } from './queryError';

describe('TraceQL error positions', () => {
  it('takes the local parser position', () => {
    const error = localQueryError('{ span.a = }');
    expect(error).toMatchObject({ origin: 'editor', line: 1, column: 12, offset: 11 });
    expect(localQueryError('{ span.a = 1 }')).toBeNull();
    expect(localQueryError('   ')).toBeNull();
  });

  it("maps the server's line/col onto the text", () => {
    const text = '{ .a = 1 }\n&& { nme = "x" }';
    expect(offsetOf(text, 2, 6)).toBe(16);
    const error = serverQueryError(text, 'invalid TraceQL query: unknown identifier at line 2, col 6');
    expect(error).toMatchObject({ origin: 'server', line: 2, column: 6, offset: 16, end: 19 });
    expect(text.slice(error!.offset, error!.end)).toBe('nme');
    expect(serverQueryError(text, 'parse error at 1:3: bad')).toMatchObject({ offset: 2 });
    expect(serverQueryError(text, 'backend unavailable')).toBeNull();
  });
});
