/** Parser for the raw field expressions inside `{ … }`. */

import type { AttributeField, IntrinsicName, KindValue, Loc, StatusValue } from './ast';
import { describe, fail, unsupported } from './parser-errors';
import {
  AGGREGATES,
  FIELD_PRECEDENCE,
  KIND_WORDS,
  STATUS_WORDS,
  UNARY_OPERAND_PRECEDENCE,
  UNSUPPORTED_SCOPED_INTRINSICS,
  UNSUPPORTED_WORD_INTRINSICS,
} from './parser-grammar';
import type { Raw } from './raw-expression';
import { TokenStream } from './token-stream';
import { LEGACY_INTRINSICS, SCOPED_INTRINSICS } from './vocabulary';

export class FieldParser extends TokenStream {
  // ───────────── field expressions (raw) ─────────────

  protected parseRaw(minPrec: number): Raw {
    let left = this.parseUnary();
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op') return left;
      const prec = FIELD_PRECEDENCE[t.text];
      if (prec === undefined || prec < minPrec) return left;
      this.next();
      const right = this.parseRaw(t.text === '^' ? prec : prec + 1);
      left = { k: 'binary', op: t.text, opTok: t, left, right, loc: { start: left.loc.start, end: right.loc.end } };
    }
  }

  protected parseUnary(): Raw {
    const t = this.peek();
    if (t.kind === 'op' && (t.text === '!' || t.text === '-')) {
      this.next();
      const operand = this.parseRaw(UNARY_OPERAND_PRECEDENCE);
      return { k: 'unary', op: t.text, opTok: t, operand, loc: { start: t.start, end: operand.loc.end } };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): Raw {
    const t = this.peek();
    const loc: Loc = { start: t.start, end: t.end };
    switch (t.kind) {
      case 'punct': {
        if (t.text === '(') {
          this.next();
          const inner = this.parseRaw(1);
          const close = this.expect('punct', ')', 'an operator or ")"');
          return { k: 'paren', inner, loc: { start: t.start, end: close.end } };
        }
        break;
      }
      case 'string':
        this.next();
        return { k: 'literal', literal: { type: 'string', value: String(t.value), loc }, loc };
      case 'int':
        this.next();
        return { k: 'literal', literal: { type: 'int', value: Number(t.value), loc }, loc };
      case 'float':
        this.next();
        return { k: 'literal', literal: { type: 'float', value: Number(t.value), loc }, loc };
      case 'duration':
        this.next();
        return { k: 'literal', literal: { type: 'duration', ns: Number(t.value), loc }, loc };
      case 'attribute': {
        const scope = t.scope ?? 'unscoped';
        if (scope === 'parent' || scope === 'event' || scope === 'link' || scope === 'instrumentation') {
          unsupported(`${scope}. attributes`, t);
        }
        if (t.name === undefined || t.name === '') fail('expected an attribute name', t);
        this.next();
        const field: AttributeField = { type: 'attribute', scope, name: t.name, loc };
        return { k: 'field', field, loc };
      }
      case 'scopedIntrinsic': {
        if (SCOPED_INTRINSICS.has(t.text)) {
          this.next();
          return { k: 'field', field: { type: 'intrinsic', name: t.text as IntrinsicName, loc }, loc };
        }
        if (UNSUPPORTED_SCOPED_INTRINSICS.has(t.text)) unsupported(`intrinsic ${t.text}`, t);
        return fail(`unknown intrinsic ${JSON.stringify(t.text)}`, t);
      }
      case 'word': {
        const w = t.text;
        const intrinsic = LEGACY_INTRINSICS[w];
        if (intrinsic !== undefined) {
          this.next();
          return { k: 'field', field: { type: 'intrinsic', name: intrinsic, loc }, loc };
        }
        if (w === 'true' || w === 'false') {
          this.next();
          return { k: 'literal', literal: { type: 'bool', value: w === 'true', loc }, loc };
        }
        if (w === 'nil') {
          this.next();
          return { k: 'literal', literal: { type: 'nil', loc }, loc };
        }
        if (STATUS_WORDS.has(w)) {
          this.next();
          return { k: 'literal', literal: { type: 'status', value: w as StatusValue, loc }, loc };
        }
        if (KIND_WORDS.has(w)) {
          this.next();
          return { k: 'literal', literal: { type: 'kind', value: w as KindValue, loc }, loc };
        }
        if (UNSUPPORTED_WORD_INTRINSICS.has(w)) unsupported(`intrinsic ${w}`, t);
        if (w === 'minInt' || w === 'maxInt') unsupported(`${w} (64-bit integer bounds)`, t);
        if (w === 'span' || w === 'resource' || w === 'trace') {
          fail(`unexpected ${JSON.stringify(w)}: write ${w}.<attribute> or ${w}:<intrinsic>`, t);
        }
        if (this.is('punct', '(', 1)) {
          if (AGGREGATES.has(w)) unsupported(`aggregate ${w}() inside a filter`, t);
          unsupported(`function ${w}()`, t);
        }
        return fail(`unknown identifier ${JSON.stringify(w)}: attributes need a scope, e.g. span.${w}, resource.${w} or .${w}`, t);
      }
      default:
        break;
    }
    fail(`unexpected ${describe(t)}, expected an attribute, intrinsic or value`, t);
  }
}
