/** Parser for spanset expressions: filters and the operators between them. */

import type { SpansetExpression, SpansetFilter, SpansetOp } from './ast';
import { FieldParser } from './field-parser';
import { lowerCondition } from './lower';
import { describe, fail, unsupported } from './parser-errors';
import { AGGREGATES, METRICS_FUNCTIONS, SPANSET_PRECEDENCE, UNSUPPORTED_SPANSET_OPS } from './parser-grammar';

export class SpansetParser extends FieldParser {
  /** Reports `count()`, `by(…)`, `rate()`, … where a spanset or stage was expected. */
  protected rejectFunctionCall(where: string): void {
    const t = this.peek();
    if (t.kind !== 'word') return;
    const call = this.is('punct', '(', 1);
    if (AGGREGATES.has(t.text) && call) unsupported(`aggregate ${t.text}()`, t);
    if (METRICS_FUNCTIONS.has(t.text) && call) unsupported(`metrics function ${t.text}()`, t);
    if (t.text === 'by' && call) unsupported('by() grouping', t);
    if (t.text === 'coalesce' && call) unsupported('coalesce()', t);
    if (t.text === 'select' && call) unsupported(`select() ${where}: put it after a spanset, e.g. { } | select(…)`, t);
  }

  // ───────────── spanset expressions ─────────────

  protected parseSpanset(minPrec: number): SpansetExpression {
    let left = this.parseSpansetPrimary();
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op') return left;
      if (UNSUPPORTED_SPANSET_OPS.has(t.text)) unsupported(`structural operator ${t.text}`, t);
      const prec = SPANSET_PRECEDENCE[t.text];
      if (prec === undefined || prec < minPrec) return left;
      this.next();
      const right = this.parseSpanset(prec + 1);
      left = {
        type: 'spansetOperation',
        op: t.text as SpansetOp,
        left,
        right,
        loc: { start: left.loc.start, end: right.loc.end },
      };
    }
  }

  private parseSpansetPrimary(): SpansetExpression {
    const t = this.peek();
    if (t.kind === 'punct' && t.text === '{') return this.parseFilter();
    if (t.kind === 'punct' && t.text === '(') {
      this.next();
      this.rejectFunctionCall('inside parentheses');
      const inner = this.parseSpanset(1);
      const after = this.peek();
      if (after.kind === 'op' && after.text === '|') unsupported('pipelines inside parentheses', after);
      // Parentheses carry no meaning once parsed: the inner node is returned as is.
      this.expect('punct', ')', '")"');
      return inner;
    }
    this.rejectFunctionCall('here');
    fail(`unexpected ${describe(t)}, expected a spanset filter "{ … }"`, t);
  }

  protected parseFilter(): SpansetFilter {
    const open = this.expect('punct', '{');
    if (this.is('punct', '}')) {
      const close = this.next();
      return { type: 'spansetFilter', condition: null, loc: { start: open.start, end: close.end } };
    }
    const raw = this.parseRaw(1);
    const close = this.peek();
    if (!(close.kind === 'punct' && close.text === '}')) {
      if (close.kind === 'op' && close.text === '|') {
        fail('unexpected "|" inside "{ … }": close the filter first, e.g. { … } | select(…)', close);
      }
      fail(`unexpected ${describe(close)}, expected an operator or "}"`, close);
    }
    this.next();
    return { type: 'spansetFilter', condition: lowerCondition(raw), loc: { start: open.start, end: close.end } };
  }
}
