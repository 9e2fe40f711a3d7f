/** Word sets and operator precedence tables used by the TraceQL parser. */

// ───────────────────────────── vocabulary ─────────────────────────────

/** Known to Tempo, not supported here. */
export const UNSUPPORTED_SCOPED_INTRINSICS = new Set<string>([
  'span:childCount',
  'event:name',
  'event:timeSinceStart',
  'link:traceID',
  'link:spanID',
  'instrumentation:name',
  'instrumentation:version',
]);

export const UNSUPPORTED_WORD_INTRINSICS = new Set<string>([
  'childCount',
  'parent',
  'nestedSetLeft',
  'nestedSetRight',
  'nestedSetParent',
]);

export const STATUS_WORDS = new Set<string>(['ok', 'error', 'unset']);
export const KIND_WORDS = new Set<string>(['unspecified', 'internal', 'server', 'client', 'producer', 'consumer']);

export const AGGREGATES = new Set<string>(['count', 'avg', 'min', 'max', 'sum']);
export const METRICS_FUNCTIONS = new Set<string>([
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

export const COMPARE_OPS = new Set<string>(['=', '!=', '>', '>=', '<', '<=', '=~', '!~']);
export const ARITHMETIC_OPS = new Set<string>(['+', '-', '*', '/', '%', '^']);

/** Binary operators inside `{ … }`, with Tempo's precedence (higher binds tighter). */
export const FIELD_PRECEDENCE: Record<string, number> = {
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
export const UNARY_OPERAND_PRECEDENCE = 5;

export const SPANSET_PRECEDENCE: Record<string, number> = {
  '&&': 1,
  '||': 1,
  '>': 2,
  '>>': 2,
  '<': 2,
  '<<': 2,
  '~': 2,
};
export const UNSUPPORTED_SPANSET_OPS = new Set<string>(['&>', '&>>', '&<', '&<<', '&~', '!>', '!>>', '!<', '!<<', '!~']);
