/**
 * TraceQL parser for the subset Tracescope supports. Pure TypeScript, no Node APIs; shared by the
 * server and the app's TraceQL editor. Never throws: every problem comes back as an error with
 * a position, and anything outside the subset is reported as `unsupported TraceQL: …` rather
 * than being silently misread.
 *
 * Grammar and precedence follow Tempo's `pkg/traceql/expr.y`:
 * - inside `{ … }`, `&&` and `||` have THE SAME precedence and associate left
 *   (`a || b && c` is `(a || b) && c`, as in Tempo); comparisons bind tighter; `!` binds tighter
 *   than comparisons (`!(a = 1)` needs the parentheses);
 * - between spansets, structural operators (`>`, `>>`, `<`, `<<`, `~`) bind tighter than `&&`
 *   and `||`, which share a level; everything associates left;
 * - `|` (pipeline) binds loosest.
 *
 * Supported: see ast.ts. Unsupported (reported with position): arithmetic, field-to-field
 * comparisons, `parent.`/`event.`/`link.`/`instrumentation.` scopes and their intrinsics,
 * `span:childCount`, union/negated structural operators (`&>>`, `!>`, …), aggregates
 * (`count()`, `avg()`, …), `by()`, `coalesce()`, metrics functions, pipelines inside
 * parentheses, `minInt`/`maxInt`, integers beyond ±(2^53 − 1).
 */

import type { Query } from './ast';
import { TraceQLSyntaxError, tokenize } from './lexer';
import { errorAt, type TraceQLError } from './parser-errors';
import { Parser } from './pipeline-parser';

export type { TraceQLError } from './parser-errors';

export type ParseResult = { ok: true; ast: Query } | { ok: false; error: TraceQLError };

export function parseTraceQL(text: string): ParseResult {
  try {
    const tokens = tokenize(text);
    const ast = new Parser(text, tokens).parseQuery();
    return { ok: true, ast };
  } catch (e) {
    if (e instanceof TraceQLSyntaxError) {
      return { ok: false, error: errorAt(text, e.message, e.start, e.end) };
    }
    // A bug in the parser must not take down the caller (the editor runs this on every key).
    const message = e instanceof Error ? e.message : String(e);
    return { ok: false, error: errorAt(text, `internal parser error: ${message}`, 0, text.length) };
  }
}
