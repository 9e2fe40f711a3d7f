/**
 * TraceQL abstract syntax tree for the supported subset (see README in parse.ts).
 *
 * Pure data: plain objects, numbers and strings only (no bigint, no classes), so an AST can be
 * JSON-serialised, sent to a worker, or compared with `toEqual`.
 *
 * Every node carries `loc`: UTF-16 offsets into the query text, `end` exclusive, so an editor can
 * highlight or underline it.
 */

export interface Loc {
  readonly start: number;
  readonly end: number;
}

// ───────────────────────────── fields ─────────────────────────────

/**
 * `span.x` → scope `span`; `resource.x` → `resource`; `.x` → `unscoped`, which matches a span
 * attribute OR a resource attribute of that name.
 */
export type AttributeScope = 'span' | 'resource' | 'unscoped';

export interface AttributeField {
  readonly type: 'attribute';
  readonly scope: AttributeScope;
  /** The attribute key, quotes and escapes resolved: `span."a b".c` → `a b.c`. */
  readonly name: string;
  readonly loc: Loc;
}

/** Canonical (scoped) intrinsic names. Legacy spellings are normalised by the parser. */
export type IntrinsicName =
  | 'span:name'
  | 'span:status'
  | 'span:statusMessage'
  | 'span:kind'
  | 'span:duration'
  | 'span:id'
  | 'span:parentID'
  | 'trace:duration'
  | 'trace:rootService'
  | 'trace:rootName'
  | 'trace:id';

export interface IntrinsicField {
  readonly type: 'intrinsic';
  readonly name: IntrinsicName;
  readonly loc: Loc;
}

export type Field = AttributeField | IntrinsicField;

// ──────────────────────────── literals ────────────────────────────

export type StatusValue = 'unset' | 'ok' | 'error';
export type KindValue = 'unspecified' | 'internal' | 'server' | 'client' | 'producer' | 'consumer';

export type Literal =
  | { readonly type: 'string'; readonly value: string; readonly loc: Loc }
  /** Always a safe integer (|n| ≤ 2^53 − 1); larger literals are rejected by the parser. */
  | { readonly type: 'int'; readonly value: number; readonly loc: Loc }
  | { readonly type: 'float'; readonly value: number; readonly loc: Loc }
  /** `ns` is an integer number of nanoseconds (truncated like Go's time.ParseDuration). */
  | { readonly type: 'duration'; readonly ns: number; readonly loc: Loc }
  | { readonly type: 'bool'; readonly value: boolean; readonly loc: Loc }
  | { readonly type: 'nil'; readonly loc: Loc }
  | { readonly type: 'status'; readonly value: StatusValue; readonly loc: Loc }
  | { readonly type: 'kind'; readonly value: KindValue; readonly loc: Loc };

export type LiteralType = Literal['type'];

// ─────────────────────────── conditions ───────────────────────────

export type CompareOp = '=' | '!=' | '>' | '>=' | '<' | '<=' | '=~' | '!~';

/**
 * `field op value`. The parser always puts the field on the left (`1s < duration` becomes
 * `duration > 1s`). A bare boolean attribute operand (`{ span.cache.hit || … }`) is represented,
 * as Tempo defines it, as `span.cache.hit = true`.
 */
export interface Comparison {
  readonly type: 'compare';
  readonly field: Field;
  readonly op: CompareOp;
  readonly value: Literal;
  readonly loc: Loc;
}

/** `&&` and `||` inside one `{ … }`: all conditions are evaluated on the same span. */
export interface LogicalCondition {
  readonly type: 'logical';
  readonly op: '&&' | '||';
  readonly left: Condition;
  readonly right: Condition;
  readonly loc: Loc;
}

export interface NotCondition {
  readonly type: 'not';
  readonly operand: Condition;
  readonly loc: Loc;
}

/** `{ true }` / `{ false }`. */
export interface ConstCondition {
  readonly type: 'const';
  readonly value: boolean;
  readonly loc: Loc;
}

export type Condition = Comparison | LogicalCondition | NotCondition | ConstCondition;

// ──────────────────────────── spansets ────────────────────────────

/** `{ cond }`; `{ }` has `condition: null` and matches every span. */
export interface SpansetFilter {
  readonly type: 'spansetFilter';
  readonly condition: Condition | null;
  readonly loc: Loc;
}

/**
 * `&&`: the trace has spans matching both sides; result = spans of both sides.
 * `||`: result = spans of either side.
 * Structural operators return spans of the RIGHT side:
 * `>` child of a left span, `>>` descendant of a left span, `<` parent of a left span,
 * `<<` ancestor of a left span, `~` sibling of a left span.
 */
export type SpansetOp = '&&' | '||' | '>' | '>>' | '<' | '<<' | '~';

export interface SpansetOperation {
  readonly type: 'spansetOperation';
  readonly op: SpansetOp;
  readonly left: SpansetExpression;
  readonly right: SpansetExpression;
  readonly loc: Loc;
}

export type SpansetExpression = SpansetFilter | SpansetOperation;

// ──────────────────────────── pipeline ────────────────────────────

/** `| select(a, b)`: extra fields to return with each matched span; does not filter. */
export interface SelectStage {
  readonly type: 'select';
  readonly fields: readonly Field[];
  readonly loc: Loc;
}

/** `| { cond }`: keeps only the spans of the previous stage that also match. */
export interface FilterStage {
  readonly type: 'filter';
  readonly filter: SpansetFilter;
  readonly loc: Loc;
}

export type PipelineStage = SelectStage | FilterStage;

/** `with (most_recent=true)`: parsed and exposed; a backend may ignore it. */
export interface QueryHint {
  readonly name: string;
  readonly value: Literal;
  readonly loc: Loc;
}

export interface Query {
  readonly type: 'query';
  readonly spanset: SpansetExpression;
  /** Stages after the first `|`, in order. */
  readonly pipeline: readonly PipelineStage[];
  readonly hints: readonly QueryHint[];
  readonly loc: Loc;
}

/** All fields named by `| select(…)` stages, in order, duplicates removed. */
export function selectedFields(query: Query): Field[] {
  const out: Field[] = [];
  const seen = new Set<string>();
  for (const stage of query.pipeline) {
    if (stage.type !== 'select') continue;
    for (const f of stage.fields) {
      const key = fieldKey(f);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(f);
    }
  }
  return out;
}

/**
 * A stable text key for a field: `span:duration`, `span.http.method`, `resource.service.name`,
 * `.foo` (unscoped). Attribute names containing characters TraceQL would end a name on are
 * quoted, so the key is also valid TraceQL.
 */
export function fieldKey(field: Field): string {
  if (field.type === 'intrinsic') return field.name;
  const prefix = field.scope === 'unscoped' ? '.' : `${field.scope}.`;
  return prefix + quoteAttributeName(field.name);
}

const ATTRIBUTE_END = /[\s{}()=~!<>&|^,"\\]/u;

/** `http.method` → `http.method`; `a b` → `"a b"`. */
export function quoteAttributeName(name: string): string {
  if (name !== '' && !ATTRIBUTE_END.test(name)) return name;
  return `"${name.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}
