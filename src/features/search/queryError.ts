/**
 * Where in a TraceQL query an error is. The local parser gives offsets; the server (Tempo and
 * the embedded backend) answers HTTP 400 with `… at line L, col C` (1-based), which is mapped
 * back onto the query text so both kinds of error are shown the same way.
 */
import { parseTraceQL } from '../../traceql';

export interface QueryError {
  readonly message: string;
  /** UTF-16 offsets of the offending text; `end` may equal `offset` (a point). */
  readonly offset: number;
  readonly end: number;
  readonly line: number;
  readonly column: number;
  readonly origin: 'editor' | 'server';
}

export function localQueryError(text: string): QueryError | null {
  if (text.trim() === '') return null;
  const result = parseTraceQL(text);
  if (result.ok) return null;
  const { message, offset, end, line, column } = result.error;
  return { message, offset, end, line, column, origin: 'editor' };
}

/** Offset of 1-based (line, column) in `text`, clamped to the text. */
export function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return Math.min(text.length, offset + Math.max(0, column - 1));
}

/** The server's message with its position, or null when it names none. */
export function serverQueryError(text: string, serverMessage: string): QueryError | null {
  const m = /\bline (\d+), col(?:umn)? (\d+)/i.exec(serverMessage) ?? /\b(\d+):(\d+)\b/.exec(serverMessage);
  if (!m) return null;
  const line = Number(m[1]);
  const column = Number(m[2]);
  const offset = offsetOf(text, line, column);
  // Underline the token there (up to the next space or brace), at least one character.
  const token = /^[^\s{}()]*/.exec(text.slice(offset))?.[0].length ?? 0;
  return { message: serverMessage, offset, end: offset + Math.max(token, 1), line, column, origin: 'server' };
}
