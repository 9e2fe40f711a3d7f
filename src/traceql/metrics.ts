/**
 * TraceQL metrics queries: `<spanset query> | <function>(<args>) [by (<field>, …)]`.
 *
 * The spanset part (everything before the metrics stage) is parsed by `parseTraceQL`, so it
 * supports exactly what search supports; the metrics stage is parsed here. Pure TypeScript.
 *
 * Supported functions: rate(), count_over_time(), avg_/min_/max_/sum_over_time(field),
 * quantile_over_time(field, q, …), histogram_over_time(duration | trace:duration), each
 * optionally followed by `by (field, …)` (at most 5 fields, as in Tempo). Anything else Tempo
 * knows (compare(), topk()/bottomk(), comparisons or arithmetic on the result, hints) is
 * reported as `unsupported TraceQL: …` with its position.
 */
import type { Field, IntrinsicName, Loc, Query } from './ast';
import { TraceQLSyntaxError, tokenize, type Token } from './lexer';
import { LEGACY_INTRINSICS, SCOPED_INTRINSICS } from './vocabulary';
import { parseTraceQL, type TraceQLError } from './parse';

export type MetricsFunctionName =
  | 'rate'
  | 'count_over_time'
  | 'avg_over_time'
  | 'min_over_time'
  | 'max_over_time'
  | 'sum_over_time'
  | 'quantile_over_time'
  | 'histogram_over_time';

export interface MetricsStage {
  readonly type: 'metrics';
  readonly fn: MetricsFunctionName;
  /** The measured field; null for rate() and count_over_time(). */
  readonly field: Field | null;
  /** quantile_over_time only: the requested quantiles, each in [0, 1], in query order. */
  readonly quantiles: readonly number[];
  /** `by (…)` fields, in order (empty without by). */
  readonly by: readonly Field[];
  readonly loc: Loc;
}

export interface MetricsQuery {
  readonly type: 'metricsQuery';
  /** The spanset query before the metrics stage (filters, `| { … }`, `| select(…)`). */
  readonly query: Query;
  readonly metrics: MetricsStage;
}

export type MetricsParseResult = { ok: true; ast: MetricsQuery } | { ok: false; error: TraceQLError };

const SUPPORTED = new Set<string>([
  'rate',
  'count_over_time',
  'avg_over_time',
  'min_over_time',
  'max_over_time',
  'sum_over_time',
  'quantile_over_time',
  'histogram_over_time',
] satisfies MetricsFunctionName[]);
const UNSUPPORTED_FUNCTIONS = new Set<string>(['compare', 'topk', 'bottomk']);


/** Intrinsics usable in `by (…)`. */
const GROUPABLE_INTRINSICS = new Set<IntrinsicName>([
  'span:name',
  'span:status',
  'span:statusMessage',
  'span:kind',
  'trace:rootService',
  'trace:rootName',
]);

const MAX_BY_FIELDS = 5;

class Fail extends TraceQLSyntaxError {}

function fail(message: string, at: Loc): never {
  throw new Fail(message, at.start, at.end);
}

function unsupported(what: string, at: Loc): never {
  fail(`unsupported TraceQL: ${what}`, at);
}

function describe(tok: Token): string {
  if (tok.kind === 'eof') return 'end of query';
  if (tok.kind === 'string') return `string ${tok.text}`;
  return JSON.stringify(tok.text);
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

/** Parses a TraceQL metrics query. Never throws. */
export function parseMetricsQuery(text: string): MetricsParseResult {
  let tokens: Token[];
  try {
    tokens = tokenize(text);
  } catch (e) {
    if (e instanceof TraceQLSyntaxError) return { ok: false, error: errorAt(text, e.message, e.start, e.end) };
    throw e;
  }
  const pipeIndex = findMetricsPipe(tokens);
  if (pipeIndex < 0) {
    const parsed = parseTraceQL(text);
    if (!parsed.ok) return parsed;
    const at = text.length;
    return {
      ok: false,
      error: errorAt(text, 'not a metrics query: expected a metrics function after the spanset, e.g. { } | rate()', at, at),
    };
  }
  const pipe = tokens[pipeIndex] as Token;
  const spanset = parseTraceQL(text.slice(0, pipe.start));
  if (!spanset.ok) return spanset;
  try {
    const metrics = new StageParser(tokens, pipeIndex + 1).parse();
    return { ok: true, ast: { type: 'metricsQuery', query: spanset.ast, metrics } };
  } catch (e) {
    if (e instanceof TraceQLSyntaxError) return { ok: false, error: errorAt(text, e.message, e.start, e.end) };
    const message = e instanceof Error ? e.message : String(e);
    return { ok: false, error: errorAt(text, `internal parser error: ${message}`, 0, text.length) };
  }
}

/** Index of the first top-level `|` followed by `<metrics function>(`, or -1. */
function findMetricsPipe(tokens: readonly Token[]): number {
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.kind === 'punct' && (t.text === '{' || t.text === '(')) depth++;
    else if (t.kind === 'punct' && (t.text === '}' || t.text === ')')) depth--;
    else if (depth === 0 && t.kind === 'op' && t.text === '|') {
      const fn = tokens[i + 1];
      const open = tokens[i + 2];
      if (
        fn?.kind === 'word' &&
        (SUPPORTED.has(fn.text) || UNSUPPORTED_FUNCTIONS.has(fn.text)) &&
        open?.kind === 'punct' &&
        open.text === '('
      ) {
        return i;
      }
    }
  }
  return -1;
}

class StageParser {
  constructor(
    private readonly tokens: readonly Token[],
    private pos: number,
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

  private isPunct(text: string): boolean {
    const t = this.peek();
    return t.kind === 'punct' && t.text === text;
  }

  private expectPunct(text: string, what: string): Token {
    const t = this.peek();
    if (t.kind !== 'punct' || t.text !== text) fail(`unexpected ${describe(t)}, expected ${what}`, t);
    return this.next();
  }

  parse(): MetricsStage {
    const fnTok = this.next();
    if (UNSUPPORTED_FUNCTIONS.has(fnTok.text)) unsupported(`metrics function ${fnTok.text}()`, fnTok);
    const fn = fnTok.text as MetricsFunctionName;
    this.next(); // (
    let field: Field | null = null;
    const quantiles: number[] = [];
    if (fn === 'rate' || fn === 'count_over_time') {
      const arg = this.peek();
      if (arg.kind === 'eof') fail('unexpected end of query, expected ")"', arg);
      if (!this.isPunct(')')) unsupported(`arguments to ${fn}()`, arg);
    } else {
      field = this.parseField(`${fn}() needs a field, e.g. ${fn}(duration)`);
      checkMeasuredField(fn, field);
      if (fn === 'quantile_over_time') {
        if (!this.isPunct(',')) fail(`quantile_over_time() needs at least one quantile, e.g. quantile_over_time(duration, 0.99)`, this.peek());
        while (this.isPunct(',')) {
          this.next();
          const q = this.next();
          // `.99` lexes as an unscoped attribute named "99".
          const dotted = q.kind === 'attribute' && q.scope === 'unscoped' && /^\d+$/.test(q.name ?? '');
          if (q.kind !== 'int' && q.kind !== 'float' && !dotted) fail(`unexpected ${describe(q)}, expected a quantile between 0 and 1`, q);
          const value = dotted ? Number(`0.${q.name ?? ''}`) : Number(q.value);
          if (!(value >= 0 && value <= 1)) fail(`quantile ${q.text} is out of range: expected a number between 0 and 1`, q);
          quantiles.push(value);
        }
      }
    }
    let close = this.expectPunct(')', '")"');
    const by: Field[] = [];
    const byTok = this.peek();
    if (byTok.kind === 'word' && byTok.text === 'by') {
      this.next();
      this.expectPunct('(', '"("');
      for (;;) {
        const f = this.parseField('by() needs at least one field, e.g. by(resource.service.name)');
        checkGroupField(f);
        by.push(f);
        if (!this.isPunct(',')) break;
        this.next();
      }
      close = this.expectPunct(')', '"," or ")"');
      if (by.length > MAX_BY_FIELDS) unsupported(`more than ${MAX_BY_FIELDS} fields in by()`, { start: byTok.start, end: close.end });
    }
    const after = this.peek();
    if (after.kind !== 'eof') {
      if (after.kind === 'word' && after.text === 'with') unsupported('query hints on metrics queries', after);
      if (after.kind === 'op' && after.text === '|') unsupported('pipeline stages after a metrics function', after);
      if (after.kind === 'op') unsupported(`operator ${after.text} on a metrics result`, after);
      fail(`unexpected ${describe(after)}, expected by(…) or the end of the query`, after);
    }
    return { type: 'metrics', fn, field, quantiles, by, loc: { start: fnTok.start, end: close.end } };
  }

  private parseField(missing: string): Field {
    const t = this.peek();
    const loc: Loc = { start: t.start, end: t.end };
    switch (t.kind) {
      case 'attribute': {
        const scope = t.scope ?? 'unscoped';
        if (scope !== 'span' && scope !== 'resource' && scope !== 'unscoped') unsupported(`${scope}. attributes`, t);
        if (t.name === undefined || t.name === '') fail('expected an attribute name', t);
        this.next();
        return { type: 'attribute', scope, name: t.name, loc };
      }
      case 'scopedIntrinsic':
        if (!SCOPED_INTRINSICS.has(t.text)) unsupported(`intrinsic ${t.text}`, t);
        this.next();
        return { type: 'intrinsic', name: t.text as IntrinsicName, loc };
      case 'word': {
        const intrinsic = LEGACY_INTRINSICS[t.text];
        if (intrinsic !== undefined) {
          this.next();
          return { type: 'intrinsic', name: intrinsic, loc };
        }
        return fail(`unknown identifier ${JSON.stringify(t.text)}: attributes need a scope, e.g. span.${t.text}, resource.${t.text} or .${t.text}`, t);
      }
      case 'punct':
        if (t.text === ')') fail(missing, t);
        break;
      default:
        break;
    }
    return fail(`unexpected ${describe(t)}, expected an attribute or intrinsic`, t);
  }
}

function checkMeasuredField(fn: MetricsFunctionName, field: Field): void {
  const label = field.type === 'intrinsic' ? field.name : `${field.scope === 'unscoped' ? '' : field.scope}.${field.name}`;
  if (field.type === 'intrinsic' && field.name !== 'span:duration' && field.name !== 'trace:duration') {
    unsupported(`${fn}(${label}): only durations and numeric attributes can be measured`, field.loc);
  }
  if (fn === 'histogram_over_time' && field.type === 'attribute') {
    unsupported(`histogram_over_time(${label}): only duration and trace:duration`, field.loc);
  }
}

function checkGroupField(field: Field): void {
  if (field.type === 'intrinsic' && !GROUPABLE_INTRINSICS.has(field.name)) unsupported(`by(${field.name})`, field.loc);
}

/**
 * The label key Tempo gives a `by()` field: `resource.service.name`, `span.x`, `.x`, and the
 * legacy names of intrinsics (`name`, `status`, `kind`, `statusMessage`, `rootServiceName`,
 * `rootName`), as Tempo's Attribute.String() prints them.
 */
export function metricsLabelKey(field: Field): string {
  if (field.type === 'attribute') return `${field.scope === 'unscoped' ? '' : field.scope}.${field.name}`;
  for (const [legacy, name] of Object.entries(LEGACY_INTRINSICS)) if (name === field.name) return legacy;
  return field.name;
}
