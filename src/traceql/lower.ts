import type { CompareOp, Comparison, Condition, Field, IntrinsicName, Literal } from './ast';
import { fail, unsupported } from './parser-errors';
import { ARITHMETIC_OPS, COMPARE_OPS } from './parser-grammar';
import type { Raw } from './raw-expression';
import { checkTypes, literalDescription } from './type-check';

// ──────────────────── lowering: raw → supported subset ────────────────────

export function lowerCondition(raw: Raw): Condition {
  switch (raw.k) {
    case 'paren':
      return lowerCondition(raw.inner);
    case 'binary': {
      if (raw.op === '&&' || raw.op === '||') {
        return {
          type: 'logical',
          op: raw.op,
          left: lowerCondition(raw.left),
          right: lowerCondition(raw.right),
          loc: raw.loc,
        };
      }
      if (COMPARE_OPS.has(raw.op)) return lowerComparison(raw);
      return unsupported(`arithmetic (${raw.op})`, raw.opTok);
    }
    case 'unary':
      if (raw.op === '!') return { type: 'not', operand: lowerCondition(raw.operand), loc: raw.loc };
      return fail('expected a condition, got a negative value', raw.loc);
    case 'field': {
      const f = raw.field;
      if (f.type === 'attribute') {
        // Tempo: a bare attribute operand means `= true` (false when absent).
        return {
          type: 'compare',
          field: f,
          op: '=',
          value: { type: 'bool', value: true, loc: f.loc },
          loc: f.loc,
        };
      }
      return fail(`expected a condition: compare ${f.name} with a value, e.g. ${exampleFor(f.name)}`, f.loc);
    }
    case 'literal': {
      const l = raw.literal;
      if (l.type === 'bool') return { type: 'const', value: l.value, loc: l.loc };
      fail(`expected a condition, got ${literalDescription(l)}`, l.loc);
    }
  }
  // Unreachable: every branch above returns or throws.
  fail('expected a condition', raw.loc);
}

function exampleFor(name: IntrinsicName): string {
  switch (name) {
    case 'span:status':
      return `${name} = error`;
    case 'span:kind':
      return `${name} = server`;
    case 'span:duration':
    case 'trace:duration':
      return `${name} > 100ms`;
    default:
      return `${name} = "…"`;
  }
}

export type Operand = { k: 'field'; field: Field } | { k: 'literal'; literal: Literal };

export function lowerOperand(raw: Raw): Operand {
  switch (raw.k) {
    case 'paren':
      return lowerOperand(raw.inner);
    case 'field':
      return { k: 'field', field: raw.field };
    case 'literal':
      return { k: 'literal', literal: raw.literal };
    case 'unary': {
      if (raw.op === '-') {
        const inner = lowerOperand(raw.operand);
        if (inner.k === 'literal') {
          const l = inner.literal;
          const loc = raw.loc;
          // `0 - x`, not `-x`: no negative zero (it would print as 0 and compare unequal).
          if (l.type === 'int') return { k: 'literal', literal: { type: 'int', value: 0 - l.value, loc } };
          if (l.type === 'float') return { k: 'literal', literal: { type: 'float', value: 0 - l.value, loc } };
          if (l.type === 'duration') return { k: 'literal', literal: { type: 'duration', ns: 0 - l.ns, loc } };
          fail(`cannot negate ${literalDescription(l)}`, raw.loc);
        }
        unsupported('arithmetic (unary -) on a field', raw.opTok);
      }
      return unsupported('"!" inside a comparison: write !(a = b)', raw.opTok);
    }
    case 'binary':
      if (ARITHMETIC_OPS.has(raw.op)) unsupported(`arithmetic (${raw.op})`, raw.opTok);
      unsupported('comparing the result of a condition: use && and || to combine conditions', raw.opTok);
  }
  fail('expected a value', raw.loc);
}

const FLIPPED: Record<CompareOp, CompareOp> = {
  '=': '=',
  '!=': '!=',
  '>': '<',
  '>=': '<=',
  '<': '>',
  '<=': '>=',
  '=~': '=~',
  '!~': '!~',
};

function lowerComparison(raw: Extract<Raw, { k: 'binary' }>): Comparison {
  let op = raw.op as CompareOp;
  const left = lowerOperand(raw.left);
  const right = lowerOperand(raw.right);
  let field: Field;
  let value: Literal;
  if (left.k === 'field' && right.k === 'literal') {
    field = left.field;
    value = right.literal;
  } else if (left.k === 'literal' && right.k === 'field') {
    if (op === '=~' || op === '!~') unsupported('a regular expression on the left of =~ or !~', raw.left.loc);
    field = right.field;
    value = left.literal;
    op = FLIPPED[op];
  } else if (left.k === 'field') {
    unsupported('comparing two fields', raw.loc);
  } else {
    unsupported('comparing two values: one side must be an attribute or intrinsic', raw.loc);
  }
  checkTypes(field, op, value, raw.opTok);
  return { type: 'compare', field, op, value, loc: raw.loc };
}
