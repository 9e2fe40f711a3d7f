import type { CompareOp, Field, Literal } from './ast';
import type { Token } from './lexer';
import { fail, unsupported } from './parser-errors';

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

export function literalDescription(l: Literal): string {
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

export function checkTypes(field: Field, op: CompareOp, value: Literal, opTok: Token): void {
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
