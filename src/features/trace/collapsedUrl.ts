/**
 * The collapsed rows as URL tokens, kept short at both extremes: a few collapsed rows are listed
 * (`<spanId>`, `mp:<parentSpanId>`); when most rows are collapsed ("collapse all" on a big trace)
 * the token `all` stands for every collapsible row and `-<key>` lists the expanded exceptions.
 * Span IDs (not indices) make the link survive clock-skew re-ordering and reloads.
 */
import type { Trace } from '../../model/types';
import { spanById } from '../../model/traceTree';
import type { RowKey } from './contracts';

/** Every collapsible row: spans with children and missing-parent groups. */
export function collapsibleKeys(trace: Trace): RowKey[] {
  const keys: RowKey[] = [];
  for (const top of trace.topLevel) if (top.kind === 'missing-parent') keys.push(`mp:${top.parentSpanId}`);
  for (const span of trace.spans) if (span.children.length > 0) keys.push(span.index);
  return keys;
}

function keyToken(trace: Trace, key: RowKey): string {
  return typeof key === 'number' ? (trace.spans[key]?.spanId ?? '') : key;
}

function tokenKey(trace: Trace, token: string): RowKey | undefined {
  if (token.startsWith('mp:')) return token as `mp:${string}`;
  return spanById(trace, token)?.index;
}

/** The collapsed set the tokens describe; tokens naming no row of this trace are ignored. */
export function collapsedFromTokens(trace: Trace, tokens: readonly string[]): Set<RowKey> {
  const result = new Set<RowKey>();
  if (tokens.includes('all')) {
    for (const key of collapsibleKeys(trace)) result.add(key);
    for (const token of tokens) {
      if (!token.startsWith('-')) continue;
      const key = tokenKey(trace, token.slice(1));
      if (key !== undefined) result.delete(key);
    }
    return result;
  }
  for (const token of tokens) {
    const key = tokenKey(trace, token);
    if (key !== undefined) result.add(key);
  }
  return result;
}

/** The shorter of the two spellings of `collapsed`. */
export function tokensFromCollapsed(trace: Trace, collapsed: ReadonlySet<RowKey>): string[] {
  const listed = [...collapsed].map((key) => keyToken(trace, key)).filter((t) => t !== '');
  const collapsible = collapsibleKeys(trace);
  if (listed.length * 2 <= collapsible.length || listed.length < 2) return listed;
  const expanded = collapsible.filter((key) => !collapsed.has(key)).map((key) => `-${keyToken(trace, key)}`);
  return ['all', ...expanded];
}
