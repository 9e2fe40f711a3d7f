/** Cursor over the lexer's tokens; the base of the TraceQL parser classes. */

import type { Token } from './lexer';
import { describe, fail } from './parser-errors';

export class TokenStream {
  private pos = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: readonly Token[],
  ) {}

  protected peek(offset = 0): Token {
    const t = this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)];
    if (t === undefined) throw new Error('token stream is empty');
    return t;
  }

  protected next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.pos++;
    return t;
  }

  protected is(kind: Token['kind'], text?: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === kind && (text === undefined || t.text === text);
  }

  protected expect(kind: Token['kind'], text: string, what = JSON.stringify(text)): Token {
    const t = this.peek();
    if (t.kind !== kind || t.text !== text) fail(`unexpected ${describe(t)}, expected ${what}`, t);
    return this.next();
  }

  protected lastEnd(): number {
    const prev = this.tokens[this.pos - 1];
    return prev === undefined ? 0 : prev.end;
  }
}
