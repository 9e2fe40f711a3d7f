import { describe, expect, it } from 'vitest';
import type { Condition, Field, Literal, Query, SpansetExpression } from './ast';
import { fieldKey, selectedFields } from './ast';
import { parseDuration } from './lexer';
import { parseTraceQL, type ParseResult } from './parse';
import { printTraceQL } from './print';

// ───────────── helpers: a compact, exact rendering of the AST ─────────────

function lit(l: Literal): string {
  switch (l.type) {
    case 'string':
      return JSON.stringify(l.value);
    case 'int':
      return `int:${l.value}`;
    case 'float':
      return `float:${l.value}`;
    case 'duration':
      return `dur:${l.ns}ns`;
    case 'bool':
      return String(l.value);
    case 'nil':
      return 'nil';
    case 'status':
      return `status:${l.value}`;
    case 'kind':
      return `kind:${l.value}`;
  }
}

function field(f: Field): string {
  return f.type === 'intrinsic' ? f.name : `${f.scope}[${JSON.stringify(f.name)}]`;
}

function cond(c: Condition): string {
  switch (c.type) {
    case 'compare':
      return `(${c.op} ${field(c.field)} ${lit(c.value)})`;
    case 'logical':
      return `(${c.op} ${cond(c.left)} ${cond(c.right)})`;
    case 'not':
      return `(! ${cond(c.operand)})`;
    case 'const':
      return String(c.value);
  }
}

function spanset(e: SpansetExpression): string {
  if (e.type === 'spansetFilter') return e.condition === null ? '{}' : `{${cond(e.condition)}}`;
  return `(${e.op} ${spanset(e.left)} ${spanset(e.right)})`;
}

function sexpr(q: Query): string {
  let out = spanset(q.spanset);
  for (const s of q.pipeline) {
    out += s.type === 'select' ? ` | select(${s.fields.map(field).join(', ')})` : ` | ${spanset(s.filter)}`;
  }
  for (const h of q.hints) out += ` with ${h.name}=${lit(h.value)}`;
  return out;
}

function ast(text: string): Query {
  const r = parseTraceQL(text);
  if (!r.ok) throw new Error(`${text}: ${r.error.message} at ${r.error.offset}`);
  return r.ast;
}

/** The query with a caret line under the error, then the message and line:column. */
function showError(text: string): string {
  const r = parseTraceQL(text);
  if (r.ok) return `${text}\n  (parsed OK: ${sexpr(r.ast)})`;
  const { offset, end, line, column, message } = r.error;
  const lines = text.split('\n');
  const errLine = lines[line - 1] ?? '';
  const width = Math.max(1, Math.min(end, offset + errLine.length - (column - 1)) - offset);
  return `${errLine}\n${' '.repeat(column - 1)}${'^'.repeat(width)} ${line}:${column} ${message}`;
}

/** Removes `loc` everywhere, to compare trees regardless of source positions. */
function stripLoc(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripLoc);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => k !== 'loc')
        .map(([k, v]) => [k, stripLoc(v)]),
    );
  }
  return value;
}

// ───────────────────────────── valid queries ─────────────────────────────

const VALID = [
  // spanset filters
  '{ }',
  '{}',
  '{ true }',
  '{ false }',
  '{ name = "GET /api" }',
  '{ span:name != "x" }',
  '{ status = error }',
  '{ span:status != ok }',
  '{ status = unset }',
  '{ kind = server }',
  '{ span:kind = consumer }',
  '{ kind != unspecified && kind != internal && kind != client && kind != producer }',
  '{ statusMessage = "Forbidden" }',
  '{ span:statusMessage =~ "time.*" }',
  '{ span:id = "00000000000000aa" }',
  '{ span:parentID = "00000000000000aa" }',
  '{ trace:id = "4bf92f3577b34da6a3ce929d0e0e4736" }',
  // durations
  '{ duration > 250ms }',
  '{ span:duration >= 1.5s }',
  '{ duration < 2m }',
  '{ duration <= 1h }',
  '{ duration > 10us && duration > 10µs && duration > 100ns }',
  '{ duration > 1h30m }',
  '{ duration > 100 }',
  '{ duration > 0.5 }',
  '{ trace:duration > 5s }',
  '{ traceDuration > 5s }',
  // trace intrinsics
  '{ trace:rootService = "frontend" }',
  '{ rootServiceName = "frontend" }',
  '{ trace:rootName =~ "GET .*" }',
  '{ rootName !~ ".*health.*" }',
  // attributes
  '{ span.http.request.method = "GET" }',
  '{ resource.service.name = "frontend" }',
  '{ .http.status_code = 200 }',
  '{ span."attribute name with space" = "value" }',
  '{ span.attribute."name with space" = "value" }',
  '{ span."a\\"b\\\\c" = 1 }',
  '{ .http-status = 1 && .foo/bar = 2 && .a:b = 3 }',
  '{ span.ratio > 0.25 }',
  '{ span.retries > -1 }',
  '{ span.cache.hit = true }',
  '{ span.cache.hit }',
  '{ span.cache.hit || span.http.status_code = 500 }',
  '{ span.x != nil }',
  '{ resource.x = nil }',
  '{ .x != nil }',
  '{ span.http.status_code >= "400" }',
  // strings
  '{ name = "tab\\tnew\\nline \\u00e9 \\x41 \\101 \\"q\\" \\\\" }',
  '{ name = `raw \\n "string"` }',
  // literals on the left are flipped
  '{ 1s < duration }',
  '{ "x" = name }',
  '{ 5 >= span.n }',
  // && || ! and parentheses; && and || share one precedence level, left associative
  '{ span.a = 1 && span.b = 2 || span.c = 3 }',
  '{ span.a = 1 || span.b = 2 && span.c = 3 }',
  '{ span.a = 1 || (span.b = 2 && span.c = 3) }',
  '{ !(status = error) }',
  '{ !span.flag }',
  '{ !(span.a = 1 || span.b = 2) && name = "x" }',
  '{ (((name = "x"))) }',
  // spanset operators: structural bind tighter than && and ||, which share a level
  '{ span.a = 1 } && { span.b = 2 }',
  '{ span.a = 1 } || { span.b = 2 }',
  '{ span.a = 1 } > { span.b = 2 }',
  '{ span.a = 1 } >> { span.b = 2 }',
  '{ span.a = 1 } < { span.b = 2 }',
  '{ span.a = 1 } << { span.b = 2 }',
  '{ span.a = 1 } ~ { span.b = 2 }',
  '{ .a = 1 } && { .b = 1 } >> { .c = 1 }',
  '{ .a = 1 } >> { .b = 1 } && { .c = 1 }',
  '({ .a = 1 } && { .b = 1 }) >> { .c = 1 }',
  '{ .a = 1 } || { .b = 1 } && { .c = 1 }',
  '{ .a = 1 } > { .b = 1 } > { .c = 1 }',
  '{ .a = 1 } > ({ .b = 1 } > { .c = 1 })',
  '({ .a = 1 }) && ({ .b = 1 })',
  // pipelines
  '{ status = error } | select(span.http.url, resource.service.name, duration, span:id)',
  '{ } | select(.a) | select(.b, .a)',
  '{ span.a = 1 } | { span.b = 2 }',
  '{ } with (most_recent=true)',
  '{ } | select(span.a) with (most_recent=true, foo=1)',
  // whitespace, newlines, no spaces
  '{span.a=1&&span.b!="x"}>>{duration>=1s}',
  '{\n  resource.service.name = "frontend" &&\n  name = "POST /api/orders"\n}',
  // keywords as attribute names
  '{ .status = "x" && span.duration = 1 && resource.name = "n" && .error = true }',
] as const;

describe('parseTraceQL: valid queries', () => {
  it('parses the supported subset (AST table)', () => {
    const table = VALID.map((q) => `${q.replace(/\n/g, '⏎')}\n    ${sexpr(ast(q))}`).join('\n');
    expect(table).toMatchInlineSnapshot(`
      "{ }
          {}
      {}
          {}
      { true }
          {true}
      { false }
          {false}
      { name = "GET /api" }
          {(= span:name "GET /api")}
      { span:name != "x" }
          {(!= span:name "x")}
      { status = error }
          {(= span:status status:error)}
      { span:status != ok }
          {(!= span:status status:ok)}
      { status = unset }
          {(= span:status status:unset)}
      { kind = server }
          {(= span:kind kind:server)}
      { span:kind = consumer }
          {(= span:kind kind:consumer)}
      { kind != unspecified && kind != internal && kind != client && kind != producer }
          {(&& (&& (&& (!= span:kind kind:unspecified) (!= span:kind kind:internal)) (!= span:kind kind:client)) (!= span:kind kind:producer))}
      { statusMessage = "Forbidden" }
          {(= span:statusMessage "Forbidden")}
      { span:statusMessage =~ "time.*" }
          {(=~ span:statusMessage "time.*")}
      { span:id = "00000000000000aa" }
          {(= span:id "00000000000000aa")}
      { span:parentID = "00000000000000aa" }
          {(= span:parentID "00000000000000aa")}
      { trace:id = "4bf92f3577b34da6a3ce929d0e0e4736" }
          {(= trace:id "4bf92f3577b34da6a3ce929d0e0e4736")}
      { duration > 250ms }
          {(> span:duration dur:250000000ns)}
      { span:duration >= 1.5s }
          {(>= span:duration dur:1500000000ns)}
      { duration < 2m }
          {(< span:duration dur:120000000000ns)}
      { duration <= 1h }
          {(<= span:duration dur:3600000000000ns)}
      { duration > 10us && duration > 10µs && duration > 100ns }
          {(&& (&& (> span:duration dur:10000ns) (> span:duration dur:10000ns)) (> span:duration dur:100ns))}
      { duration > 1h30m }
          {(> span:duration dur:5400000000000ns)}
      { duration > 100 }
          {(> span:duration int:100)}
      { duration > 0.5 }
          {(> span:duration float:0.5)}
      { trace:duration > 5s }
          {(> trace:duration dur:5000000000ns)}
      { traceDuration > 5s }
          {(> trace:duration dur:5000000000ns)}
      { trace:rootService = "frontend" }
          {(= trace:rootService "frontend")}
      { rootServiceName = "frontend" }
          {(= trace:rootService "frontend")}
      { trace:rootName =~ "GET .*" }
          {(=~ trace:rootName "GET .*")}
      { rootName !~ ".*health.*" }
          {(!~ trace:rootName ".*health.*")}
      { span.http.request.method = "GET" }
          {(= span["http.request.method"] "GET")}
      { resource.service.name = "frontend" }
          {(= resource["service.name"] "frontend")}
      { .http.status_code = 200 }
          {(= unscoped["http.status_code"] int:200)}
      { span."attribute name with space" = "value" }
          {(= span["attribute name with space"] "value")}
      { span.attribute."name with space" = "value" }
          {(= span["attribute.name with space"] "value")}
      { span."a\\"b\\\\c" = 1 }
          {(= span["a\\"b\\\\c"] int:1)}
      { .http-status = 1 && .foo/bar = 2 && .a:b = 3 }
          {(&& (&& (= unscoped["http-status"] int:1) (= unscoped["foo/bar"] int:2)) (= unscoped["a:b"] int:3))}
      { span.ratio > 0.25 }
          {(> span["ratio"] float:0.25)}
      { span.retries > -1 }
          {(> span["retries"] int:-1)}
      { span.cache.hit = true }
          {(= span["cache.hit"] true)}
      { span.cache.hit }
          {(= span["cache.hit"] true)}
      { span.cache.hit || span.http.status_code = 500 }
          {(|| (= span["cache.hit"] true) (= span["http.status_code"] int:500))}
      { span.x != nil }
          {(!= span["x"] nil)}
      { resource.x = nil }
          {(= resource["x"] nil)}
      { .x != nil }
          {(!= unscoped["x"] nil)}
      { span.http.status_code >= "400" }
          {(>= span["http.status_code"] "400")}
      { name = "tab\\tnew\\nline \\u00e9 \\x41 \\101 \\"q\\" \\\\" }
          {(= span:name "tab\\tnew\\nline é A A \\"q\\" \\\\")}
      { name = \`raw \\n "string"\` }
          {(= span:name "raw \\\\n \\"string\\"")}
      { 1s < duration }
          {(> span:duration dur:1000000000ns)}
      { "x" = name }
          {(= span:name "x")}
      { 5 >= span.n }
          {(<= span["n"] int:5)}
      { span.a = 1 && span.b = 2 || span.c = 3 }
          {(|| (&& (= span["a"] int:1) (= span["b"] int:2)) (= span["c"] int:3))}
      { span.a = 1 || span.b = 2 && span.c = 3 }
          {(&& (|| (= span["a"] int:1) (= span["b"] int:2)) (= span["c"] int:3))}
      { span.a = 1 || (span.b = 2 && span.c = 3) }
          {(|| (= span["a"] int:1) (&& (= span["b"] int:2) (= span["c"] int:3)))}
      { !(status = error) }
          {(! (= span:status status:error))}
      { !span.flag }
          {(! (= span["flag"] true))}
      { !(span.a = 1 || span.b = 2) && name = "x" }
          {(&& (! (|| (= span["a"] int:1) (= span["b"] int:2))) (= span:name "x"))}
      { (((name = "x"))) }
          {(= span:name "x")}
      { span.a = 1 } && { span.b = 2 }
          (&& {(= span["a"] int:1)} {(= span["b"] int:2)})
      { span.a = 1 } || { span.b = 2 }
          (|| {(= span["a"] int:1)} {(= span["b"] int:2)})
      { span.a = 1 } > { span.b = 2 }
          (> {(= span["a"] int:1)} {(= span["b"] int:2)})
      { span.a = 1 } >> { span.b = 2 }
          (>> {(= span["a"] int:1)} {(= span["b"] int:2)})
      { span.a = 1 } < { span.b = 2 }
          (< {(= span["a"] int:1)} {(= span["b"] int:2)})
      { span.a = 1 } << { span.b = 2 }
          (<< {(= span["a"] int:1)} {(= span["b"] int:2)})
      { span.a = 1 } ~ { span.b = 2 }
          (~ {(= span["a"] int:1)} {(= span["b"] int:2)})
      { .a = 1 } && { .b = 1 } >> { .c = 1 }
          (&& {(= unscoped["a"] int:1)} (>> {(= unscoped["b"] int:1)} {(= unscoped["c"] int:1)}))
      { .a = 1 } >> { .b = 1 } && { .c = 1 }
          (&& (>> {(= unscoped["a"] int:1)} {(= unscoped["b"] int:1)}) {(= unscoped["c"] int:1)})
      ({ .a = 1 } && { .b = 1 }) >> { .c = 1 }
          (>> (&& {(= unscoped["a"] int:1)} {(= unscoped["b"] int:1)}) {(= unscoped["c"] int:1)})
      { .a = 1 } || { .b = 1 } && { .c = 1 }
          (&& (|| {(= unscoped["a"] int:1)} {(= unscoped["b"] int:1)}) {(= unscoped["c"] int:1)})
      { .a = 1 } > { .b = 1 } > { .c = 1 }
          (> (> {(= unscoped["a"] int:1)} {(= unscoped["b"] int:1)}) {(= unscoped["c"] int:1)})
      { .a = 1 } > ({ .b = 1 } > { .c = 1 })
          (> {(= unscoped["a"] int:1)} (> {(= unscoped["b"] int:1)} {(= unscoped["c"] int:1)}))
      ({ .a = 1 }) && ({ .b = 1 })
          (&& {(= unscoped["a"] int:1)} {(= unscoped["b"] int:1)})
      { status = error } | select(span.http.url, resource.service.name, duration, span:id)
          {(= span:status status:error)} | select(span["http.url"], resource["service.name"], span:duration, span:id)
      { } | select(.a) | select(.b, .a)
          {} | select(unscoped["a"]) | select(unscoped["b"], unscoped["a"])
      { span.a = 1 } | { span.b = 2 }
          {(= span["a"] int:1)} | {(= span["b"] int:2)}
      { } with (most_recent=true)
          {} with most_recent=true
      { } | select(span.a) with (most_recent=true, foo=1)
          {} | select(span["a"]) with most_recent=true with foo=int:1
      {span.a=1&&span.b!="x"}>>{duration>=1s}
          (>> {(&& (= span["a"] int:1) (!= span["b"] "x"))} {(>= span:duration dur:1000000000ns)})
      {⏎  resource.service.name = "frontend" &&⏎  name = "POST /api/orders"⏎}
          {(&& (= resource["service.name"] "frontend") (= span:name "POST /api/orders"))}
      { .status = "x" && span.duration = 1 && resource.name = "n" && .error = true }
          {(&& (&& (&& (= unscoped["status"] "x") (= span["duration"] int:1)) (= resource["name"] "n")) (= unscoped["error"] true))}"
    `);
  });

  it('records source positions (loc) on every node', () => {
    expect(ast('{ span.a = "x" } >> { duration > 1s } | select(name)')).toMatchInlineSnapshot(`
      {
        "hints": [],
        "loc": {
          "end": 52,
          "start": 0,
        },
        "pipeline": [
          {
            "fields": [
              {
                "loc": {
                  "end": 51,
                  "start": 47,
                },
                "name": "span:name",
                "type": "intrinsic",
              },
            ],
            "loc": {
              "end": 52,
              "start": 40,
            },
            "type": "select",
          },
        ],
        "spanset": {
          "left": {
            "condition": {
              "field": {
                "loc": {
                  "end": 8,
                  "start": 2,
                },
                "name": "a",
                "scope": "span",
                "type": "attribute",
              },
              "loc": {
                "end": 14,
                "start": 2,
              },
              "op": "=",
              "type": "compare",
              "value": {
                "loc": {
                  "end": 14,
                  "start": 11,
                },
                "type": "string",
                "value": "x",
              },
            },
            "loc": {
              "end": 16,
              "start": 0,
            },
            "type": "spansetFilter",
          },
          "loc": {
            "end": 37,
            "start": 0,
          },
          "op": ">>",
          "right": {
            "condition": {
              "field": {
                "loc": {
                  "end": 30,
                  "start": 22,
                },
                "name": "span:duration",
                "type": "intrinsic",
              },
              "loc": {
                "end": 35,
                "start": 22,
              },
              "op": ">",
              "type": "compare",
              "value": {
                "loc": {
                  "end": 35,
                  "start": 33,
                },
                "ns": 1000000000,
                "type": "duration",
              },
            },
            "loc": {
              "end": 37,
              "start": 20,
            },
            "type": "spansetFilter",
          },
          "type": "spansetOperation",
        },
        "type": "query",
      }
    `);
  });

  it('round-trips through printTraceQL', () => {
    for (const q of VALID) {
      const a = ast(q);
      const printed = printTraceQL(a);
      expect(stripLoc(ast(printed)), `${q} → ${printed}`).toEqual(stripLoc(a));
    }
  });

  it('prints canonical TraceQL', () => {
    const printed = [
      '{ span.a = 1 || span.b = 2 && span.c = 3 }',
      '{ .a = 1 } && { .b = 1 } >> { .c = 1 }',
      '{ 1s < duration && kind = server && !(status = error) }',
      '{ rootServiceName = "a" && traceDuration > 1500ms && span."a b" = 1.0 }',
      '{ } | select(.a, span."x y") with (most_recent=true)',
    ].map((q) => printTraceQL(ast(q)));
    expect(printed).toMatchInlineSnapshot(`
      [
        "{ (span.a = 1 || span.b = 2) && span.c = 3 }",
        "{ .a = 1 } && ({ .b = 1 } >> { .c = 1 })",
        "{ span:duration > 1s && span:kind = server && !(span:status = error) }",
        "{ trace:rootService = "a" && trace:duration > 1500ms && span."a b" = 1.0 }",
        "{ } | select(.a, span."x y") with (most_recent=true)",
      ]
    `);
  });

  it('lists select() fields', () => {
    const q = ast('{ } | select(span.http.url, resource.service.name, duration) | select(span.http.url)');
    expect(selectedFields(q).map(fieldKey)).toEqual(['span.http.url', 'resource.service.name', 'span:duration']);
  });

  it('parses durations exactly, like Go and Prometheus', () => {
    expect(parseDuration('250ms')).toBe(250_000_000n);
    expect(parseDuration('1.5s')).toBe(1_500_000_000n);
    expect(parseDuration('1h30m')).toBe(5_400_000_000_000n);
    expect(parseDuration('10us')).toBe(10_000n);
    expect(parseDuration('10µs')).toBe(10_000n); // U+00B5
    expect(parseDuration('10μs')).toBe(10_000n); // U+03BC
    expect(parseDuration('1.9ns')).toBe(1n); // truncated
    expect(parseDuration('2d')).toBe(172_800_000_000_000n);
    expect(parseDuration('1.5d')).toBeNull();
    expect(parseDuration('10')).toBeNull();
    expect(parseDuration('10x')).toBeNull();
  });
});

// ───────────────────────── invalid and unsupported ─────────────────────────

const INVALID = [
  // syntax
  '',
  '   ',
  '{',
  '{ name = "x"',
  '{ name = }',
  '{ name "x" }',
  '{ . = 1 }',
  '{ span. = 1 }',
  '{ name == "x" }',
  '{ name = "x" & span.a = 1 }',
  '{ name = "unterminated }',
  '{ name = "bad \\q escape" }',
  '{ span."unterminated = 1 }',
  '{ span."bad\\n" = 1 }',
  '{ duration > 10x }',
  '{ duration > 1.5d }',
  '{ foo = 1 }',
  '{ span = 1 }',
  '{ span:foo = 1 }',
  '{ name = "x" } {',
  '{ name = "x" } &&',
  '{ name = "x" } | ',
  '{ .a = 1 | .b = 2 }',
  '{ name = "x" } garbage',
  '{ name = "x" }\n  && { span.a = 1 }\n  && { span.b = $ }',
  '{ } | select()',
  'name = "x"',
  // type errors
  '{ duration > "abc" }',
  '{ name = 5 }',
  '{ status = "error" }',
  '{ status = 2 }',
  '{ kind = error }',
  '{ span.x = error }',
  '{ status > ok }',
  '{ kind =~ "serv.*" }',
  '{ name =~ 5 }',
  '{ span.flag > true }',
  '{ span.x > nil }',
  '{ trace:duration = "1s" }',
  '{ "abc" }',
  '{ 5 }',
  '{ status }',
  '{ duration && name = "x" }',
  '{ -"x" = name }',
  // unsupported
  '{ } | count() > 3',
  'count() > 3',
  '{ } | avg(duration) > 20ms',
  '{ } | by(resource.service.name)',
  '{ } | coalesce()',
  '{ } | rate()',
  '{ } | select(span.a + 1)',
  'select(span.a)',
  '({ .a = 1 } | { .b = 1 }) && { .c = 1 }',
  '{ .a = 1 } &>> { .b = 1 }',
  '{ .a = 1 } !> { .b = 1 }',
  '{ .a = 1 } !~ { .b = 1 }',
  '{ .a = 1 } &~ { .b = 1 }',
  '{ span.a + 1 = 2 }',
  '{ span.a = 1 * 2 }',
  '{ span.a = span.b }',
  '{ 1 = 1 }',
  '{ "GET.*" =~ name }',
  '{ !span.flag = true }',
  '{ -span.a = 1 }',
  '{ (span.a = 1) = true }',
  '{ parent.span.a = 1 }',
  '{ event.exception.message = "x" }',
  '{ link.a = 1 }',
  '{ instrumentation.language = "java" }',
  '{ event:name = "exception" }',
  '{ span:childCount > 1 }',
  '{ instrumentation:name = "grpc" }',
  '{ childCount > 1 }',
  '{ span.big = 9007199254740993 }',
  '{ span.x > 1e400 }',
  '{ span.a != maxInt }',
  '{ name = nil }',
  '{ span.a > 1s }',
  '{ count(span.a) > 1 }',
  '{ lower(name) = "x" }',
] as const;

describe('parseTraceQL: errors', () => {
  it('reports invalid and unsupported queries with exact messages and positions', () => {
    expect(INVALID.map(showError).join('\n')).toMatchInlineSnapshot(`
      "
      ^ 1:1 empty query: expected a spanset filter such as "{ }"
         
         ^ 1:4 empty query: expected a spanset filter such as "{ }"
      {
       ^ 1:2 unexpected end of query, expected an attribute, intrinsic or value
      { name = "x"
                  ^ 1:13 unexpected end of query, expected an operator or "}"
      { name = }
               ^ 1:10 unexpected "}", expected an attribute, intrinsic or value
      { name "x" }
             ^^^ 1:8 unexpected string "x", expected an operator or "}"
      { . = 1 }
        ^ 1:3 expected an attribute name after "."
      { span. = 1 }
        ^^^^^ 1:3 expected an attribute name after "span."
      { name == "x" }
             ^^ 1:8 unexpected "==": use "=" for equality
      { name = "x" & span.a = 1 }
                   ^ 1:14 unexpected "&": did you mean "&&"?
      { name = "unterminated }
               ^^^^^^^^^^^^^^^ 1:10 unterminated string
      { name = "bad \\q escape" }
                    ^^ 1:15 invalid escape sequence "\\q"
      { span."unterminated = 1 }
             ^^^^^^^^^^^^^^^^^^^ 1:8 unterminated quoted attribute name
      { span."bad\\n" = 1 }
                 ^^ 1:12 invalid escape sequence in attribute name: only \\" and \\\\ are allowed
      { duration > 10x }
                   ^^^ 1:14 invalid duration "10x"
      { duration > 1.5d }
                   ^^^^ 1:14 invalid duration "1.5d"
      { foo = 1 }
        ^^^ 1:3 unknown identifier "foo": attributes need a scope, e.g. span.foo, resource.foo or .foo
      { span = 1 }
        ^^^^ 1:3 unexpected "span": write span.<attribute> or span:<intrinsic>
      { span:foo = 1 }
        ^^^^^^^^ 1:3 unknown intrinsic "span:foo"
      { name = "x" } {
                     ^ 1:16 unexpected "{", expected "|", "&&", "||", a structural operator or the end of the query
      { name = "x" } &&
                       ^ 1:18 unexpected end of query, expected a spanset filter "{ … }"
      { name = "x" } | 
                       ^ 1:18 unexpected end of query after "|", expected a spanset filter "{ … }" or select(…)
      { .a = 1 | .b = 2 }
               ^ 1:10 unexpected "|" inside "{ … }": close the filter first, e.g. { … } | select(…)
      { name = "x" } garbage
                     ^^^^^^^ 1:16 unexpected "garbage", expected "|", "&&", "||", a structural operator or the end of the query
        && { span.b = $ }
                      ^ 3:17 unexpected character "$"
      { } | select()
                   ^ 1:14 select() needs at least one attribute or intrinsic
      name = "x"
      ^^^^ 1:1 unexpected "name", expected a spanset filter "{ … }"
      { duration > "abc" }
                   ^^^^^ 1:14 type mismatch: span:duration is a duration, not the string "abc"
      { name = 5 }
               ^ 1:10 type mismatch: span:name is a string, not the integer 5
      { status = "error" }
                 ^^^^^^^ 1:12 type mismatch: span:status is a status (ok, error, unset), not the string "error"
      { status = 2 }
                 ^ 1:12 type mismatch: span:status is a status (ok, error, unset), not the integer 2
      { kind = error }
               ^^^^^ 1:10 type mismatch: span:kind is a kind (server, client, producer, consumer, internal, unspecified), not the status error
      { span.x = error }
                 ^^^^^ 1:12 type mismatch: span.x cannot be compared with the status error
      { status > ok }
               ^ 1:10 operator > cannot be applied to span:status
      { kind =~ "serv.*" }
             ^^ 1:8 operator =~ cannot be applied to span:kind
      { name =~ 5 }
                ^ 1:11 operator =~ needs a string (a regular expression), got the integer 5
      { span.flag > true }
                  ^ 1:13 operator > cannot be applied to the boolean true
      { span.x > nil }
               ^ 1:10 operator > cannot be used with nil: use = nil or != nil
      { trace:duration = "1s" }
                         ^^^^ 1:20 type mismatch: trace:duration is a duration, not the string "1s"
      { "abc" }
        ^^^^^ 1:3 expected a condition, got the string "abc"
      { 5 }
        ^ 1:3 expected a condition, got the integer 5
      { status }
        ^^^^^^ 1:3 expected a condition: compare span:status with a value, e.g. span:status = error
      { duration && name = "x" }
        ^^^^^^^^ 1:3 expected a condition: compare span:duration with a value, e.g. span:duration > 100ms
      { -"x" = name }
        ^^^^ 1:3 cannot negate the string "x"
      { } | count() > 3
            ^^^^^ 1:7 unsupported TraceQL: aggregate count()
      count() > 3
      ^^^^^ 1:1 unsupported TraceQL: aggregate count()
      { } | avg(duration) > 20ms
            ^^^ 1:7 unsupported TraceQL: aggregate avg()
      { } | by(resource.service.name)
            ^^ 1:7 unsupported TraceQL: by() grouping
      { } | coalesce()
            ^^^^^^^^ 1:7 unsupported TraceQL: coalesce()
      { } | rate()
            ^^^^ 1:7 unsupported TraceQL: metrics function rate()
      { } | select(span.a + 1)
                   ^^^^^^^^^^ 1:14 unsupported TraceQL: select() of something other than an attribute or intrinsic
      select(span.a)
      ^^^^^^ 1:1 unsupported TraceQL: select() at the start of a query: put it after a spanset, e.g. { } | select(…)
      ({ .a = 1 } | { .b = 1 }) && { .c = 1 }
                  ^ 1:13 unsupported TraceQL: pipelines inside parentheses
      { .a = 1 } &>> { .b = 1 }
                 ^^^ 1:12 unsupported TraceQL: structural operator &>>
      { .a = 1 } !> { .b = 1 }
                 ^^ 1:12 unsupported TraceQL: structural operator !>
      { .a = 1 } !~ { .b = 1 }
                 ^^ 1:12 unsupported TraceQL: structural operator !~
      { .a = 1 } &~ { .b = 1 }
                 ^^ 1:12 unsupported TraceQL: structural operator &~
      { span.a + 1 = 2 }
               ^ 1:10 unsupported TraceQL: arithmetic (+)
      { span.a = 1 * 2 }
                   ^ 1:14 unsupported TraceQL: arithmetic (*)
      { span.a = span.b }
        ^^^^^^^^^^^^^^^ 1:3 unsupported TraceQL: comparing two fields
      { 1 = 1 }
        ^^^^^ 1:3 unsupported TraceQL: comparing two values: one side must be an attribute or intrinsic
      { "GET.*" =~ name }
        ^^^^^^^ 1:3 unsupported TraceQL: a regular expression on the left of =~ or !~
      { !span.flag = true }
        ^ 1:3 unsupported TraceQL: "!" inside a comparison: write !(a = b)
      { -span.a = 1 }
        ^ 1:3 unsupported TraceQL: arithmetic (unary -) on a field
      { (span.a = 1) = true }
                ^ 1:11 unsupported TraceQL: comparing the result of a condition: use && and || to combine conditions
      { parent.span.a = 1 }
        ^^^^^^^^^^^^^ 1:3 unsupported TraceQL: parent. attributes
      { event.exception.message = "x" }
        ^^^^^^^^^^^^^^^^^^^^^^^ 1:3 unsupported TraceQL: event. attributes
      { link.a = 1 }
        ^^^^^^ 1:3 unsupported TraceQL: link. attributes
      { instrumentation.language = "java" }
        ^^^^^^^^^^^^^^^^^^^^^^^^ 1:3 unsupported TraceQL: instrumentation. attributes
      { event:name = "exception" }
        ^^^^^^^^^^ 1:3 unsupported TraceQL: intrinsic event:name
      { span:childCount > 1 }
        ^^^^^^^^^^^^^^^ 1:3 unsupported TraceQL: intrinsic span:childCount
      { instrumentation:name = "grpc" }
        ^^^^^^^^^^^^^^^^^^^^ 1:3 unsupported TraceQL: intrinsic instrumentation:name
      { childCount > 1 }
        ^^^^^^^^^^ 1:3 unsupported TraceQL: intrinsic childCount
      { span.big = 9007199254740993 }
                   ^^^^^^^^^^^^^^^^ 1:14 unsupported TraceQL: integer 9007199254740993 is out of the supported range ±9007199254740991
      { span.x > 1e400 }
                 ^^^^^ 1:12 number 1e400 is out of range
      { span.a != maxInt }
                  ^^^^^^ 1:13 unsupported TraceQL: maxInt (64-bit integer bounds)
      { name = nil }
               ^^^ 1:10 unsupported TraceQL: nil comparison with intrinsic span:name
      { span.a > 1s }
                 ^^ 1:12 unsupported TraceQL: comparing attribute span.a with a duration
      { count(span.a) > 1 }
        ^^^^^ 1:3 unsupported TraceQL: aggregate count() inside a filter
      { lower(name) = "x" }
        ^^^^^ 1:3 unsupported TraceQL: function lower()"
    `);
  });

  it('returns offset, end, line and column', () => {
    expect(parseTraceQL('{ duration > "abc" }')).toEqual({
      ok: false,
      error: {
        message: 'type mismatch: span:duration is a duration, not the string "abc"',
        offset: 13,
        end: 18,
        line: 1,
        column: 14,
      },
    } satisfies ParseResult);
    expect(parseTraceQL('{ name = "x" }\n&& { span.a =\n 1 } | count() > 2')).toEqual({
      ok: false,
      error: { message: 'unsupported TraceQL: aggregate count()', offset: 36, end: 41, line: 3, column: 8 },
    } satisfies ParseResult);
  });

  it('never throws, and every error points inside the text', () => {
    const samples = [...VALID, ...INVALID, '{ span."a', '{ name = `x', '{ 1e', '{ .a = 1.', '\u0000', '{ 😀 }', '{ .😀 = 1 }'];
    for (const q of samples) {
      for (let cut = 0; cut <= q.length; cut++) {
        const text = q.slice(0, cut);
        const r = parseTraceQL(text);
        if (!r.ok) {
          expect(r.error.message, text).not.toMatch(/internal parser error/);
          expect(r.error.offset, text).toBeGreaterThanOrEqual(0);
          expect(r.error.offset, text).toBeLessThanOrEqual(text.length);
          expect(r.error.end, text).toBeLessThanOrEqual(text.length);
        }
      }
    }
  });
});
