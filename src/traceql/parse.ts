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

import type {
  AttributeField,
  CompareOp,
  Comparison,
  Condition,
  Field,
  IntrinsicName,
  KindValue,
  Literal,
  Loc,
  PipelineStage,
  Query,
  QueryHint,
  SpansetExpression,
  SpansetFilter,
  SpansetOp,
  StatusValue,
} from './ast';
import { TraceQLSyntaxError, tokenize, type Token } from './lexer';
import { LEGACY_INTRINSICS, SCOPED_INTRINSICS } from './vocabulary';

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

function errorAt(text: string, message: string, offset: number, end: number): TraceQLError {
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

// ───────────────────────────── vocabulary ─────────────────────────────



/** Known to Tempo, not supported here. */
const UNSUPPORTED_SCOPED_INTRINSICS = new Set<string>([
  'span:childCount',
  'event:name',
  'event:timeSinceStart',
  'link:traceID',
  'link:spanID',
  'instrumentation:name',
  'instrumentation:version',
]);

const UNSUPPORTED_WORD_INTRINSICS = new Set<string>([
  'childCount',
  'parent',
  'nestedSetLeft',
  'nestedSetRight',
  'nestedSetParent',
]);

const STATUS_WORDS = new Set<string>(['ok', 'error', 'unset']);
const KIND_WORDS = new Set<string>(['unspecified', 'internal', 'server', 'client', 'producer', 'consumer']);

const AGGREGATES = new Set<string>(['count', 'avg', 'min', 'max', 'sum']);
const METRICS_FUNCTIONS = new Set<string>([
  'rate',
  'count_over_time',
  'min_over_time',
  'max_over_time',
  'avg_over_time',
  'sum_over_time',
  'quantile_over_time',
  'histogram_over_time',
  'compare',
  'topk',
  'bottomk',
]);

const COMPARE_OPS = new Set<string>(['=', '!=', '>', '>=', '<', '<=', '=~', '!~']);
const ARITHMETIC_OPS = new Set<string>(['+', '-', '*', '/', '%', '^']);

/** Binary operators inside `{ … }`, with Tempo's precedence (higher binds tighter). */
const FIELD_PRECEDENCE: Record<string, number> = {
  '&&': 1,
  '||': 1,
  '=': 2,
  '!=': 2,
  '<': 2,
  '<=': 2,
  '>': 2,
  '>=': 2,
  '=~': 2,
  '!~': 2,
  '+': 3,
  '-': 3,
  '*': 5,
  '/': 5,
  '%': 5,
  '^': 6,
};
const UNARY_OPERAND_PRECEDENCE = 5;

const SPANSET_PRECEDENCE: Record<string, number> = {
  '&&': 1,
  '||': 1,
  '>': 2,
  '>>': 2,
  '<': 2,
  '<<': 2,
  '~': 2,
};
const UNSUPPORTED_SPANSET_OPS = new Set<string>(['&>', '&>>', '&<', '&<<', '&~', '!>', '!>>', '!<', '!<<', '!~']);

// ───────────────────────── raw field expressions ─────────────────────────

/** The unrestricted expression tree inside `{ … }`, before it is checked against the subset. */
type Raw =
  | { k: 'binary'; op: string; opTok: Token; left: Raw; right: Raw; loc: Loc }
  | { k: 'unary'; op: '!' | '-'; opTok: Token; operand: Raw; loc: Loc }
  | { k: 'paren'; inner: Raw; loc: Loc }
  | { k: 'field'; field: Field; loc: Loc }
  | { k: 'literal'; literal: Literal; loc: Loc };

function fail(message: string, at: Loc | Token): never {
  throw new TraceQLSyntaxError(message, at.start, at.end);
}

function unsupported(what: string, at: Loc | Token): never {
  fail(`unsupported TraceQL: ${what}`, at);
}

function describe(tok: Token): string {
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

class Parser {
  private pos = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: readonly Token[],
  ) {}

  private peek(offset = 0): Token {
    const t = this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)];
    if (t === undefined) throw new Error('token stream is empty');
    return t;
  }

  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.pos++;
    return t;
  }

  private is(kind: Token['kind'], text?: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === kind && (text === undefined || t.text === text);
  }

  private expect(kind: Token['kind'], text: string, what = JSON.stringify(text)): Token {
    const t = this.peek();
    if (t.kind !== kind || t.text !== text) fail(`unexpected ${describe(t)}, expected ${what}`, t);
    return this.next();
  }

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

  private lastEnd(): number {
    const prev = this.tokens[this.pos - 1];
    return prev === undefined ? 0 : prev.end;
  }

  /** Reports `count()`, `by(…)`, `rate()`, … where a spanset or stage was expected. */
  private rejectFunctionCall(where: string): void {
    const t = this.peek();
    if (t.kind !== 'word') return;
    const call = this.is('punct', '(', 1);
    if (AGGREGATES.has(t.text) && call) unsupported(`aggregate ${t.text}()`, t);
    if (METRICS_FUNCTIONS.has(t.text) && call) unsupported(`metrics function ${t.text}()`, t);
    if (t.text === 'by' && call) unsupported('by() grouping', t);
    if (t.text === 'coalesce' && call) unsupported('coalesce()', t);
    if (t.text === 'select' && call) unsupported(`select() ${where}: put it after a spanset, e.g. { } | select(…)`, t);
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

  // ───────────── spanset expressions ─────────────

  private parseSpanset(minPrec: number): SpansetExpression {
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

  private parseFilter(): SpansetFilter {
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

  // ───────────── field expressions (raw) ─────────────

  private parseRaw(minPrec: number): Raw {
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

  private parseUnary(): Raw {
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

function unparen(raw: Raw): Raw {
  return raw.k === 'paren' ? unparen(raw.inner) : raw;
}

// ──────────────────── lowering: raw → supported subset ────────────────────

function lowerCondition(raw: Raw): Condition {
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

type Operand = { k: 'field'; field: Field } | { k: 'literal'; literal: Literal };

function lowerOperand(raw: Raw): Operand {
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

// ───────────────────────────── type checks ─────────────────────────────

type FieldType = 'string' | 'duration' | 'status' | 'kind' | 'attribute';

function fieldType(f: Field): FieldType {
  if (f.type === 'attribute') return 'attribute';
  switch (f.name) {
    case 'span:status':
      return 'status';
    case 'span:kind':
      return 'kind';
    case 'span:duration':
    case 'trace:duration':
      return 'duration';
    default:
      return 'string';
  }
}

function fieldLabel(f: Field): string {
  return f.type === 'intrinsic' ? f.name : `${f.scope === 'unscoped' ? '' : f.scope}.${f.name}`;
}

function literalDescription(l: Literal): string {
  switch (l.type) {
    case 'string':
      return `the string ${JSON.stringify(l.value)}`;
    case 'int':
      return `the integer ${l.value}`;
    case 'float':
      return `the number ${l.value}`;
    case 'duration':
      return 'a duration';
    case 'bool':
      return `the boolean ${l.value}`;
    case 'nil':
      return 'nil';
    case 'status':
      return `the status ${l.value}`;
    case 'kind':
      return `the kind ${l.value}`;
  }
}

const FIELD_TYPE_TEXT: Record<Exclude<FieldType, 'attribute'>, string> = {
  string: 'a string',
  duration: 'a duration',
  status: 'a status (ok, error, unset)',
  kind: 'a kind (server, client, producer, consumer, internal, unspecified)',
};

const ORDERING = new Set<CompareOp>(['>', '>=', '<', '<=']);

function checkTypes(field: Field, op: CompareOp, value: Literal, opTok: Token): void {
  const ft = fieldType(field);
  const label = fieldLabel(field);
  const regex = op === '=~' || op === '!~';

  if (value.type === 'nil') {
    if (op !== '=' && op !== '!=') fail(`operator ${op} cannot be used with nil: use = nil or != nil`, opTok);
    if (ft !== 'attribute') unsupported(`nil comparison with intrinsic ${label}`, value.loc);
    return;
  }

  if (regex) {
    if (ft !== 'attribute' && ft !== 'string') fail(`operator ${op} cannot be applied to ${label}`, opTok);
    if (value.type !== 'string') {
      fail(`operator ${op} needs a string (a regular expression), got ${literalDescription(value)}`, value.loc);
    }
    return;
  }

  if (ORDERING.has(op)) {
    if (ft === 'status' || ft === 'kind') fail(`operator ${op} cannot be applied to ${label}`, opTok);
    if (value.type === 'bool' || value.type === 'status' || value.type === 'kind') {
      fail(`operator ${op} cannot be applied to ${literalDescription(value)}`, opTok);
    }
  }

  const mismatch = (): never =>
    fail(
      ft === 'attribute'
        ? `type mismatch: ${label} cannot be compared with ${literalDescription(value)}`
        : `type mismatch: ${label} is ${FIELD_TYPE_TEXT[ft]}, not ${literalDescription(value)}`,
      value.loc,
    );

  switch (ft) {
    case 'string':
      if (value.type !== 'string') mismatch();
      return;
    case 'duration':
      // Tempo treats durations as numbers of nanoseconds: `duration > 100` means 100ns.
      if (value.type !== 'duration' && value.type !== 'int' && value.type !== 'float') mismatch();
      return;
    case 'status':
      if (value.type !== 'status') mismatch();
      return;
    case 'kind':
      if (value.type !== 'kind') mismatch();
      return;
    case 'attribute':
      if (value.type === 'status' || value.type === 'kind') mismatch();
      if (value.type === 'duration') unsupported(`comparing attribute ${label} with a duration`, value.loc);
      return;
  }
}
