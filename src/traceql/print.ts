/**
 * Prints an AST back as canonical TraceQL: scoped intrinsic names, the field on the left of
 * every comparison, and parentheses wherever `&&` and `||` meet (they share one precedence level
 * in TraceQL, so explicit grouping is the only readable form; nested spanset operations are
 * parenthesised the same way). `parseTraceQL(printTraceQL(q))`
 * gives back `q` up to `loc`.
 */

import { fieldKey, type Condition, type Literal, type Query, type SpansetExpression } from './ast';

export function printTraceQL(query: Query): string {
  let out = printSpanset(query.spanset);
  for (const stage of query.pipeline) {
    out +=
      stage.type === 'select'
        ? ` | select(${stage.fields.map(fieldKey).join(', ')})`
        : ` | ${printSpanset(stage.filter)}`;
  }
  if (query.hints.length > 0) {
    out += ` with (${query.hints.map((h) => `${h.name}=${printLiteral(h.value)}`).join(', ')})`;
  }
  return out;
}

/**
 * Parenthesises every nested operation except a left operand with the same operator, so the
 * grouping is visible without knowing TraceQL's precedence rules.
 */
function printSpanset(e: SpansetExpression, parentOp?: string, isRight = false): string {
  if (e.type === 'spansetFilter') {
    return e.condition === null ? '{ }' : `{ ${printCondition(e.condition)} }`;
  }
  const text = `${printSpanset(e.left, e.op)} ${e.op} ${printSpanset(e.right, e.op, true)}`;
  const needs = parentOp !== undefined && (parentOp !== e.op || isRight);
  return needs ? `(${text})` : text;
}

function printCondition(c: Condition, parentOp?: '&&' | '||', isRight = false): string {
  switch (c.type) {
    case 'compare':
      return `${fieldKey(c.field)} ${c.op} ${printLiteral(c.value)}`;
    case 'const':
      return String(c.value);
    case 'not':
      return `!(${printCondition(c.operand)})`;
    case 'logical': {
      const text = `${printCondition(c.left, c.op)} ${c.op} ${printCondition(c.right, c.op, true)}`;
      const needs = parentOp !== undefined && (parentOp !== c.op || isRight);
      return needs ? `(${text})` : text;
    }
  }
}

const DURATION_UNITS: readonly [string, number][] = [
  ['h', 3_600_000_000_000],
  ['m', 60_000_000_000],
  ['s', 1_000_000_000],
  ['ms', 1_000_000],
  ['us', 1_000],
];

/** The largest unit that divides the value exactly: 1500000000 → `1500ms`. */
export function formatDurationLiteral(ns: number): string {
  if (ns === 0) return '0s';
  const sign = ns < 0 ? '-' : '';
  const abs = Math.abs(ns);
  for (const [unit, size] of DURATION_UNITS) {
    if (abs % size === 0) return `${sign}${abs / size}${unit}`;
  }
  return `${sign}${abs}ns`;
}

export function printLiteral(l: Literal): string {
  switch (l.type) {
    case 'string':
      return JSON.stringify(l.value);
    case 'int':
      return String(l.value);
    case 'float': {
      const s = String(l.value);
      return /[.eE]|Infinity|NaN/.test(s) ? s : `${s}.0`;
    }
    case 'duration':
      return formatDurationLiteral(l.ns);
    case 'bool':
      return String(l.value);
    case 'nil':
      return 'nil';
    case 'status':
    case 'kind':
      return l.value;
  }
}
