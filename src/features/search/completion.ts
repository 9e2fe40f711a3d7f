/**
 * What the TraceQL editor offers at the cursor: attribute names after `{`, `&&`, `||`, `(` or
 * `!`; comparison operators after an attribute; values (from the source, for the attribute
 * before the operator) after an operator; `&&`, `||` or `}` after a value. Plain TS; the
 * editor supplies the source's tag names and values.
 */
import type { TagName } from '../../sources/clients';
import { LEGACY_INTRINSICS, SCOPED_INTRINSICS } from '../../traceql/vocabulary';

export type CompletionKind = 'attribute' | 'operator' | 'value' | 'combinator';

export interface CompletionContext {
  readonly kind: CompletionKind;
  /** What the user has typed of the item so far (without a leading quote). */
  readonly prefix: string;
  /** Text offsets the chosen item replaces. */
  readonly from: number;
  readonly to: number;
  /** For `value`: the attribute whose values to offer. */
  readonly tag?: string;
}

export interface CompletionItem {
  readonly label: string;
  /** Text inserted in place of [from, to). */
  readonly insert: string;
  /** A short hint shown beside the label ("intrinsic", "span", "resource", …). */
  readonly detail: string;
}

export const OPERATORS = ['=', '!=', '=~', '!~', '>', '>=', '<', '<='] as const;
const IDENT = String.raw`[A-Za-z_.:][\w.:\-/]*`;
const OPERATOR = String.raw`=~|!~|!=|>=|<=|=|>|<`;
const VALUE_AT_END = new RegExp(String.raw`(${IDENT})\s*(${OPERATOR})\s*("(?:[^"\\]|\\.)*|[\w.\-]*)$`);
const COMPLETE_COMPARISON = new RegExp(String.raw`(${OPERATOR})\s*("(?:[^"\\]|\\.)*"|[\w.\-]+)\s+[&|]?$`);
const WORD_AT_END = new RegExp(String.raw`(?:${IDENT})?$`);

/** Nesting depth of `{` at the end of `text`, ignoring braces inside strings. */
function braceDepth(text: string): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}') depth = Math.max(0, depth - 1);
  }
  return depth;
}

export function completionContext(text: string, cursor: number): CompletionContext | null {
  const before = text.slice(0, cursor);
  if (braceDepth(before) === 0) return null;
  // Extend `to` over the rest of the word under the cursor so choosing replaces all of it.
  const after = /^[\w.:\-/]*/.exec(text.slice(cursor))?.[0] ?? '';

  const value = VALUE_AT_END.exec(before);
  if (value) {
    const typed = value[3] ?? '';
    const quoted = typed.startsWith('"');
    return {
      kind: 'value',
      tag: value[1]!,
      prefix: quoted ? typed.slice(1) : typed,
      from: cursor - typed.length,
      to: cursor + (quoted ? (/^[^"\s}]*"?/.exec(text.slice(cursor))?.[0].length ?? 0) : after.length),
    };
  }

  const word = WORD_AT_END.exec(before)?.[0] ?? '';
  const head = before.slice(0, before.length - word.length);
  const previous = head.trimEnd();
  // `attr ` or `attr !` → operators, when `attr` starts a condition (not a keyword value).
  const op = /([A-Za-z_.:][\w.:\-/]*)\s+([=!~<>]*)$/.exec(before);
  if (op && /(\{|\(|&&|\|\||!)$/.test(before.slice(0, op.index).trimEnd())) {
    const typed = op[2] ?? '';
    return { kind: 'operator', prefix: typed, from: cursor - typed.length, to: cursor };
  }
  if (/(\{|\(|&&|\|\||!)$/.test(previous)) {
    return { kind: 'attribute', prefix: word, from: cursor - word.length, to: cursor + after.length };
  }
  // After a complete comparison: combine or close.
  if (COMPLETE_COMPARISON.test(before)) {
    const typed = /[&|]?$/.exec(before)?.[0] ?? '';
    return { kind: 'combinator', prefix: typed, from: cursor - typed.length, to: cursor };
  }
  return null;
}

/** Attribute names: intrinsics, then the source's tags with their scope prefix. */
export function attributeItems(tags: readonly TagName[]): CompletionItem[] {
  const items: CompletionItem[] = [];
  for (const name of Object.keys(LEGACY_INTRINSICS)) items.push({ label: name, insert: `${name} `, detail: 'intrinsic' });
  for (const name of SCOPED_INTRINSICS) items.push({ label: name, insert: `${name} `, detail: 'intrinsic' });
  const seen = new Set<string>();
  for (const tag of tags) {
    const label = tag.scope === 'span' || tag.scope === 'resource' ? `${tag.scope}.${tag.name}` : tag.scope === 'intrinsic' ? tag.name : `.${tag.name}`;
    if (seen.has(label) || items.some((i) => i.label === label)) continue;
    seen.add(label);
    items.push({ label, insert: `${label} `, detail: tag.scope ?? 'any scope' });
  }
  return items;
}

const ENUM_VALUES: Record<string, readonly string[]> = {
  status: ['error', 'ok', 'unset'],
  kind: ['server', 'client', 'producer', 'consumer', 'internal', 'unspecified'],
};

/** Intrinsics whose values are keywords, not strings (`status = error`). */
export function enumValues(tag: string): readonly string[] | null {
  const bare = tag.replace(/^span:/, '');
  return ENUM_VALUES[bare] ?? null;
}

/** A value as TraceQL text: numbers and booleans bare, everything else a quoted string. */
export function valueLiteral(value: string): string {
  if (/^-?\d+(\.\d+)?$/.test(value) || value === 'true' || value === 'false') return value;
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export function valueItems(tag: string, values: readonly string[]): CompletionItem[] {
  const keywords = enumValues(tag);
  if (keywords) return keywords.map((v) => ({ label: v, insert: `${v} `, detail: 'keyword' }));
  return values.map((v) => ({ label: v, insert: `${valueLiteral(v)} `, detail: tag }));
}

export function operatorItems(): CompletionItem[] {
  return OPERATORS.map((op) => ({ label: op, insert: `${op} `, detail: 'operator' }));
}

export function combinatorItems(): CompletionItem[] {
  return [
    { label: '&&', insert: '&& ', detail: 'and' },
    { label: '||', insert: '|| ', detail: 'or' },
    { label: '}', insert: '}', detail: 'close the spanset' },
  ];
}

/** Items that start with the prefix first, then those containing it; at most `max`. */
export function filterItems(items: readonly CompletionItem[], prefix: string, max = 50): CompletionItem[] {
  const p = prefix.toLowerCase();
  if (p === '') return items.slice(0, max);
  const starts = items.filter((i) => i.label.toLowerCase().startsWith(p) && i.label.toLowerCase() !== p);
  const contains = items.filter((i) => !i.label.toLowerCase().startsWith(p) && i.label.toLowerCase().includes(p));
  return [...starts, ...contains].slice(0, max);
}

/** The text after choosing `item`, and where the cursor goes. */
export function applyCompletion(text: string, context: CompletionContext, item: CompletionItem): { text: string; cursor: number } {
  const next = text.slice(0, context.from) + item.insert + text.slice(context.to);
  return { text: next, cursor: context.from + item.insert.length };
}
