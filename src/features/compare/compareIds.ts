/** Which two traces a compare URL names: `/trace/<a>...<b>` (Jaeger's path) or `/compare?a=&b=`. */
import { parseTraceInput } from '../../app/lookup/parseTraceInput';

export interface ComparePair {
  /** Raw text as given (for the form), and the 32-hex ID or an explanation. */
  readonly a: { readonly raw: string; readonly id: string | null; readonly message: string | null };
  readonly b: { readonly raw: string; readonly id: string | null; readonly message: string | null };
}

function one(raw: string): ComparePair['a'] {
  if (raw.trim() === '') return { raw, id: null, message: null };
  const parsed = parseTraceInput(raw);
  return parsed.ok ? { raw, id: parsed.traceId, message: null } : { raw, id: null, message: parsed.message };
}

export function readComparePair(pathParam: string | undefined, params: URLSearchParams): ComparePair {
  if (pathParam?.includes('...')) {
    const at = pathParam.indexOf('...');
    return { a: one(pathParam.slice(0, at)), b: one(pathParam.slice(at + 3)) };
  }
  return { a: one(params.get('a') ?? ''), b: one(params.get('b') ?? '') };
}

/** The canonical link of a comparison: Jaeger's `/trace/<a>...<b>`. */
export function comparePath(a: string, b: string): string {
  return `/trace/${a}...${b}`;
}
