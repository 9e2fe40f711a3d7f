import type { Field, Literal, Loc } from './ast';
import type { Token } from './lexer';

// ───────────────────────── raw field expressions ─────────────────────────

/** The unrestricted expression tree inside `{ … }`, before it is checked against the subset. */
export type Raw =
  | { k: 'binary'; op: string; opTok: Token; left: Raw; right: Raw; loc: Loc }
  | { k: 'unary'; op: '!' | '-'; opTok: Token; operand: Raw; loc: Loc }
  | { k: 'paren'; inner: Raw; loc: Loc }
  | { k: 'field'; field: Field; loc: Loc }
  | { k: 'literal'; literal: Literal; loc: Loc };

export function unparen(raw: Raw): Raw {
  return raw.k === 'paren' ? unparen(raw.inner) : raw;
}
