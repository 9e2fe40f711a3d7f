/**
 * TraceQL lexer. Pure TypeScript, no Node APIs.
 *
 * Follows Tempo's lexer (pkg/traceql/lexer.go) where it matters for compatibility:
 * - an attribute name after `.`, `span.`, `resource.` (and the unsupported `parent.`, `event.`,
 *   `link.`, `instrumentation.`) runs until whitespace or one of `{ } ( ) = ~ ! < > & | ^ ,`, so
 *   `span.http.status_code`, `.http-status` and `.foo/bar` are single names; parts may be quoted
 *   (`span."a b"`, `span.x."y z"`) with only `\"` and `\\` as escapes;
 * - a number directly followed by unit letters is a duration (`250ms`, `1.5s`, `1h30m`, `10µs`);
 * - strings are Go strings: `"…"` with Go escapes, or raw `` `…` ``.
 */

export type TokenKind =
  | 'punct' // { } ( ) ,
  | 'op' // operators, see OPERATORS
  | 'string'
  | 'int'
  | 'float'
  | 'duration'
  | 'word' // identifiers and keywords: name, status, true, ok, select, …
  | 'attribute' // scope + name
  | 'scopedIntrinsic' // span:name, trace:duration, event:name, …
  | 'eof';

export type AttributeTokenScope =
  | 'span'
  | 'resource'
  | 'unscoped'
  | 'parent'
  | 'event'
  | 'link'
  | 'instrumentation';

export interface Token {
  readonly kind: TokenKind;
  /** The source text of the token. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** string: the unescaped value; int/float: the number; duration: nanoseconds. */
  readonly value?: string | number;
  /** attribute tokens only. */
  readonly scope?: AttributeTokenScope;
  /** attribute tokens only: the resolved name. */
  readonly name?: string;
}

export class TraceQLSyntaxError extends Error {
  constructor(
    message: string,
    readonly start: number,
    readonly end: number,
  ) {
    super(message);
    this.name = 'TraceQLSyntaxError';
  }
}

/** Longest first within each leading character. */
const OPERATORS = [
  '!>>', '!<<', '&>>', '&<<',
  '!=', '!~', '!>', '!<', '=~', '>=', '<=', '>>', '<<', '&&', '||', '&>', '&<', '&~',
  '=', '>', '<', '!', '|', '~', '+', '-', '*', '/', '%', '^',
] as const;

const PUNCT = new Set(['{', '}', '(', ')', ',']);

const ATTRIBUTE_SCOPES = new Set<string>(['span', 'resource', 'parent', 'event', 'link', 'instrumentation']);
const INTRINSIC_SCOPES = new Set<string>(['span', 'trace', 'event', 'link', 'instrumentation']);

function isSpace(c: string): boolean {
  return /\s/u.test(c);
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function isWordStart(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z_]/.test(c);
}

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z0-9_]/.test(c);
}

/** Characters that end an unquoted attribute name (Tempo's isAttributeRune, negated). */
function isAttributeChar(c: string | undefined): boolean {
  if (c === undefined || isSpace(c)) return false;
  return !'{}()=~!<>&|^,'.includes(c);
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = text.length;

  while (i < n) {
    const c = text[i] as string;
    if (isSpace(c)) {
      i++;
      continue;
    }
    const start = i;

    if (PUNCT.has(c)) {
      tokens.push({ kind: 'punct', text: c, start, end: i + 1 });
      i++;
      continue;
    }

    if (c === '"' || c === '`') {
      const { value, end } = c === '"' ? readString(text, i) : readRawString(text, i);
      tokens.push({ kind: 'string', text: text.slice(start, end), start, end, value });
      i = end;
      continue;
    }

    if (isDigit(c)) {
      const tok = readNumber(text, i);
      tokens.push(tok);
      i = tok.end;
      continue;
    }

    if (c === '.') {
      const next = text[i + 1];
      if (next === '"' || isAttributeChar(next)) {
        const { name, end } = readAttributeName(text, i + 1);
        tokens.push({ kind: 'attribute', text: text.slice(start, end), start, end, scope: 'unscoped', name });
        i = end;
        continue;
      }
      throw new TraceQLSyntaxError('expected an attribute name after "."', start, start + 1);
    }

    if (isWordStart(c)) {
      let j = i + 1;
      while (isWordChar(text[j])) j++;
      const word = text.slice(i, j);
      const next = text[j];
      if (next === '.' && ATTRIBUTE_SCOPES.has(word)) {
        const after = text[j + 1];
        if (after !== '"' && !isAttributeChar(after)) {
          throw new TraceQLSyntaxError(`expected an attribute name after "${word}."`, start, j + 1);
        }
        const { name, end } = readAttributeName(text, j + 1);
        tokens.push({
          kind: 'attribute',
          text: text.slice(start, end),
          start,
          end,
          scope: word as AttributeTokenScope,
          name,
        });
        i = end;
        continue;
      }
      if (next === ':' && INTRINSIC_SCOPES.has(word)) {
        let k = j + 1;
        while (isWordChar(text[k])) k++;
        if (k === j + 1) {
          throw new TraceQLSyntaxError(`expected an intrinsic name after "${word}:"`, start, k);
        }
        tokens.push({ kind: 'scopedIntrinsic', text: text.slice(start, k), start, end: k });
        i = k;
        continue;
      }
      tokens.push({ kind: 'word', text: word, start, end: j });
      i = j;
      continue;
    }

    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (op !== undefined) {
      if (op === '=' && text[i + 1] === '=') {
        throw new TraceQLSyntaxError('unexpected "==": use "=" for equality', start, start + 2);
      }
      tokens.push({ kind: 'op', text: op, start, end: i + op.length });
      i += op.length;
      continue;
    }

    if (c === '&') {
      throw new TraceQLSyntaxError('unexpected "&": did you mean "&&"?', start, start + 1);
    }
    const cp = text.codePointAt(i) ?? 0;
    const ch = String.fromCodePoint(cp);
    throw new TraceQLSyntaxError(`unexpected character ${JSON.stringify(ch)}`, start, start + ch.length);
  }

  tokens.push({ kind: 'eof', text: '', start: n, end: n });
  return tokens;
}

// ───────────────────────────── strings ─────────────────────────────

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  '"': '"',
};

/** A Go interpreted string literal (strconv.Unquote rules). */
function readString(text: string, open: number): { value: string; end: number } {
  let out = '';
  let i = open + 1;
  for (;;) {
    const c = text[i];
    if (c === undefined || c === '\n') {
      throw new TraceQLSyntaxError('unterminated string', open, i);
    }
    if (c === '"') return { value: out, end: i + 1 };
    if (c !== '\\') {
      out += c;
      i++;
      continue;
    }
    const e = text[i + 1];
    if (e === undefined) throw new TraceQLSyntaxError('unterminated string', open, i + 1);
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      out += simple;
      i += 2;
      continue;
    }
    const hexLen = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
    if (hexLen > 0) {
      const digits = text.slice(i + 2, i + 2 + hexLen);
      if (digits.length !== hexLen || !/^[0-9a-fA-F]+$/.test(digits)) {
        throw new TraceQLSyntaxError(`invalid escape sequence "\\${e}${digits}"`, i, i + 2 + digits.length);
      }
      const code = parseInt(digits, 16);
      if (e === 'x') {
        // Go: \xHH is one byte. Bytes ≥ 0x80 would make an invalid UTF-8 string; only ASCII here.
        if (code >= 0x80) {
          throw new TraceQLSyntaxError(`unsupported escape "\\x${digits}": use \\u for non-ASCII`, i, i + 4);
        }
        out += String.fromCharCode(code);
      } else {
        if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
          throw new TraceQLSyntaxError(`invalid escape sequence "\\${e}${digits}"`, i, i + 2 + hexLen);
        }
        out += String.fromCodePoint(code);
      }
      i += 2 + hexLen;
      continue;
    }
    if (e >= '0' && e <= '7') {
      const digits = text.slice(i + 1, i + 4);
      if (!/^[0-7]{3}$/.test(digits)) {
        throw new TraceQLSyntaxError(`invalid escape sequence "\\${digits}"`, i, i + 1 + digits.length);
      }
      const code = parseInt(digits, 8);
      if (code >= 0x80) {
        throw new TraceQLSyntaxError(`unsupported escape "\\${digits}": use \\u for non-ASCII`, i, i + 4);
      }
      out += String.fromCharCode(code);
      i += 4;
      continue;
    }
    const cp = String.fromCodePoint(text.codePointAt(i + 1) ?? 0);
    throw new TraceQLSyntaxError(`invalid escape sequence "\\${cp}"`, i, i + 1 + cp.length);
  }
}

function readRawString(text: string, open: number): { value: string; end: number } {
  const close = text.indexOf('`', open + 1);
  if (close < 0) throw new TraceQLSyntaxError('unterminated string', open, text.length);
  // Go drops carriage returns from raw strings.
  return { value: text.slice(open + 1, close).replace(/\r/g, ''), end: close + 1 };
}

// ─────────────────────────── attribute names ───────────────────────────

function readAttributeName(text: string, from: number): { name: string; end: number } {
  let name = '';
  let i = from;
  for (;;) {
    const c = text[i];
    if (c === '"') {
      const open = i;
      i++;
      for (;;) {
        const q = text[i];
        if (q === undefined) throw new TraceQLSyntaxError('unterminated quoted attribute name', open, i);
        if (q === '"') {
          i++;
          break;
        }
        if (q === '\\') {
          const e = text[i + 1];
          if (e !== '"' && e !== '\\') {
            throw new TraceQLSyntaxError(
              'invalid escape sequence in attribute name: only \\" and \\\\ are allowed',
              i,
              Math.min(i + 2, text.length),
            );
          }
          name += e;
          i += 2;
          continue;
        }
        name += q;
        i++;
      }
      continue;
    }
    if (isAttributeChar(c)) {
      name += c;
      i++;
      continue;
    }
    return { name, end: i };
  }
}

// ─────────────────────────── numbers, durations ───────────────────────────

const NS_PER_UNIT: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  'µs': 1_000n, // U+00B5 micro sign
  'μs': 1_000n, // U+03BC greek mu
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
  // Prometheus units, accepted by Tempo (integers only there):
  d: 86_400_000_000_000n,
  w: 604_800_000_000_000n,
  y: 31_536_000_000_000_000n,
};

function readNumber(text: string, start: number): Token {
  let i = start;
  while (isDigit(text[i])) i++;
  let isFloat = false;
  if (text[i] === '.' && isDigit(text[i + 1])) {
    isFloat = true;
    i++;
    while (isDigit(text[i])) i++;
  }
  if ((text[i] === 'e' || text[i] === 'E') && (isDigit(text[i + 1]) || (/[+-]/.test(text[i + 1] ?? '') && isDigit(text[i + 2])))) {
    isFloat = true;
    i += 2;
    while (isDigit(text[i])) i++;
  }
  const next = text[i];
  if (next !== undefined && (/[A-Za-z_µμ]/.test(next) || (next === '.' && !isFloat))) {
    // A duration: the number and everything up to the next non-duration character.
    let j = start;
    while (j < text.length && /[0-9.A-Za-z_µμ]/.test(text[j] as string)) j++;
    const raw = text.slice(start, j);
    const ns = parseDuration(raw);
    if (ns === null) throw new TraceQLSyntaxError(`invalid duration "${raw}"`, start, j);
    if (ns > BigInt(Number.MAX_SAFE_INTEGER)) {
      throw new TraceQLSyntaxError(`duration "${raw}" is too large`, start, j);
    }
    return { kind: 'duration', text: raw, start, end: j, value: Number(ns) };
  }
  const raw = text.slice(start, i);
  if (isFloat) {
    const value = Number(raw);
    if (!Number.isFinite(value)) throw new TraceQLSyntaxError(`number ${raw} is out of range`, start, i);
    return { kind: 'float', text: raw, start, end: i, value };
  }
  const value = Number(raw);
  if (!Number.isSafeInteger(value)) {
    throw new TraceQLSyntaxError(
      `unsupported TraceQL: integer ${raw} is out of the supported range ±${Number.MAX_SAFE_INTEGER}`,
      start,
      i,
    );
  }
  return { kind: 'int', text: raw, start, end: i, value };
}

/**
 * `1h30m`, `1.5s`, `250ms`, `10us`, `10µs`, `2d`, … → nanoseconds, or null if invalid.
 * Fractions are truncated to whole nanoseconds, as Go does. `d`, `w`, `y` take integers only
 * (they come from Prometheus' duration syntax, which has no fractions).
 */
export function parseDuration(raw: string): bigint | null {
  const part = /^(\d+)(?:\.(\d+))?(ns|us|µs|μs|ms|s|m|h|d|w|y)/u;
  let rest = raw;
  let total = 0n;
  if (rest === '') return null;
  while (rest !== '') {
    const m = part.exec(rest);
    if (!m) return null;
    const [all, whole = '', frac, unit = ''] = m;
    const mult = NS_PER_UNIT[unit];
    if (mult === undefined) return null;
    if (frac !== undefined && (unit === 'd' || unit === 'w' || unit === 'y')) return null;
    total += BigInt(whole) * mult;
    if (frac !== undefined) total += (BigInt(frac) * mult) / 10n ** BigInt(frac.length);
    rest = rest.slice(all.length);
  }
  return total;
}
