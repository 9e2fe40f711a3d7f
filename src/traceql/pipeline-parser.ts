/** Parser for a whole query: spanset expression, pipeline stages and hints. */

import type { Field, PipelineStage, Query, QueryHint } from './ast';
import { lowerOperand } from './lower';
import { describe, fail, unsupported } from './parser-errors';
import { UNSUPPORTED_SPANSET_OPS } from './parser-grammar';
import { unparen } from './raw-expression';
import { SpansetParser } from './spanset-parser';

export class Parser extends SpansetParser {
  // ───────────── query, pipeline ─────────────

  parseQuery(): Query {
    const first = this.peek();
    if (first.kind === 'eof') fail('empty query: expected a spanset filter such as "{ }"', first);
    this.rejectFunctionCall('at the start of a query');

    const spanset = this.parseSpanset(1);
    const pipeline: PipelineStage[] = [];
    while (this.is('op', '|')) {
      this.next();
      pipeline.push(this.parseStage());
    }
    const hints = this.is('word', 'with') ? this.parseHints() : [];
    const end = this.peek();
    if (end.kind !== 'eof') {
      if (end.kind === 'op' && UNSUPPORTED_SPANSET_OPS.has(end.text)) {
        unsupported(`structural operator ${end.text}`, end);
      }
      fail(`unexpected ${describe(end)}, expected "|", "&&", "||", a structural operator or the end of the query`, end);
    }
    return { type: 'query', spanset, pipeline, hints, loc: { start: first.start, end: this.lastEnd() } };
  }

  private parseStage(): PipelineStage {
    const t = this.peek();
    if (t.kind === 'punct' && t.text === '{') {
      const filter = this.parseFilter();
      return { type: 'filter', filter, loc: filter.loc };
    }
    if (t.kind === 'word' && t.text === 'select' && this.is('punct', '(', 1)) {
      this.next();
      this.next();
      const fields: Field[] = [];
      for (;;) {
        fields.push(this.parseSelectField());
        if (this.is('punct', ',')) {
          this.next();
          continue;
        }
        break;
      }
      const close = this.expect('punct', ')', '"," or ")"');
      return { type: 'select', fields, loc: { start: t.start, end: close.end } };
    }
    this.rejectFunctionCall('in a pipeline');
    if (t.kind === 'punct' && t.text === '(') unsupported('scalar pipeline expressions', t);
    fail(`unexpected ${describe(t)} after "|", expected a spanset filter "{ … }" or select(…)`, t);
  }

  private parseSelectField(): Field {
    const t = this.peek();
    if (t.kind === 'punct' && t.text === ')') fail('select() needs at least one attribute or intrinsic', t);
    const raw = this.parseRaw(1);
    const inner = unparen(raw);
    if (inner.k === 'field') return inner.field;
    unsupported('select() of something other than an attribute or intrinsic', raw.loc);
  }

  private parseHints(): QueryHint[] {
    this.next(); // with
    this.expect('punct', '(');
    const hints: QueryHint[] = [];
    for (;;) {
      const name = this.peek();
      if (name.kind !== 'word') fail(`unexpected ${describe(name)}, expected a hint name`, name);
      this.next();
      this.expect('op', '=');
      const v = this.parseUnary();
      const value = lowerOperand(v);
      if (value.k !== 'literal' || value.literal.type === 'nil') fail('a hint value must be a literal', v.loc);
      hints.push({ name: name.text, value: value.literal, loc: { start: name.start, end: v.loc.end } });
      if (this.is('punct', ',')) {
        this.next();
        continue;
      }
      break;
    }
    this.expect('punct', ')', '"," or ")"');
    return hints;
  }
}
