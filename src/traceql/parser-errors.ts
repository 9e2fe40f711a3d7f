/** Error values and position helpers for the TraceQL parser. */

import type { Loc } from './ast';
import { TraceQLSyntaxError, type Token } from './lexer';

export interface TraceQLError {
  readonly message: string;
  /** UTF-16 offset of the start of the offending text. */
  readonly offset: number;
  /** UTF-16 offset just past the offending text (≥ offset), for underlining. */
  readonly end: number;
  /** 1-based. */
  readonly line: number;
  /** 1-based, in UTF-16 code units. */
  readonly column: number;
}

export function errorAt(text: string, message: string, offset: number, end: number): TraceQLError {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { message, offset, end: Math.max(end, offset), line, column: offset - lineStart + 1 };
}

export function fail(message: string, at: Loc | Token): never {
  throw new TraceQLSyntaxError(message, at.start, at.end);
}

export function unsupported(what: string, at: Loc | Token): never {
  fail(`unsupported TraceQL: ${what}`, at);
}

export function describe(tok: Token): string {
  switch (tok.kind) {
    case 'eof':
      return 'end of query';
    case 'string':
      return `string ${tok.text}`;
    case 'int':
    case 'float':
    case 'duration':
      return tok.text;
    default:
      return JSON.stringify(tok.text);
  }
}
