/**
 * compileTraceQL against a real DuckDB: a small hand-made dataset written through
 * SpanStore.write (so attribute rows, resources and trace summaries are the real ones), then
 * each query runs as search.ts will run it: SELECT … FROM spans s WHERE (<sql>).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSpan, type MakeSpanInput } from '../../../src/model/testing/makeSpan';
import type { Attribute, AttributeValue, Resource, SpanData, SpanKind } from '../../../src/model/types';
import { parseTraceQL } from '../../../src/traceql/parse';
import { queryRows } from '../db';
import { SpanStore } from '../spanStore';
import { compileTraceQL, type CompiledTraceQL } from './compile';

// ───────────────────────────── dataset ─────────────────────────────

type Scalar = string | number | boolean;
type Value = Scalar | readonly Scalar[];

function value(v: Value): AttributeValue {
  if (Array.isArray(v)) return { type: 'array', value: v.map((x: Scalar) => value(x)) };
  switch (typeof v) {
    case 'string':
      return { type: 'string', value: v };
    case 'boolean':
      return { type: 'bool', value: v };
    default:
      return Number.isInteger(v) ? { type: 'int', value: BigInt(v as number) } : { type: 'double', value: v as number };
  }
}

function attrs(record: Readonly<Record<string, Value>>): Attribute[] {
  return Object.entries(record).map(([key, v]) => ({ key, value: value(v) }));
}

function resource(service: string, extra: Readonly<Record<string, Value>> = {}): Resource {
  return {
    serviceName: service,
    attributes: attrs({ 'service.name': service, ...extra }),
    droppedAttributesCount: 0,
    schemaUrl: '',
  };
}

const RESOURCES: Record<string, Resource> = {
  frontend: resource('frontend', { 'deployment.environment': 'production', 'host.name': 'web-1' }),
  api: resource('api', { 'deployment.environment': 'production', env: 'resource-env' }),
  db: resource('db', { 'deployment.environment': 'staging' }),
  checkout: resource('checkout', { 'deployment.environment': 'production', 'k8s.replicas': 3 }),
  payment: resource('payment', { 'deployment.environment': 'staging' }),
  worker: resource('worker'),
  chain: resource('chain'),
};

const TRACE = (c: string): string => c.padStart(32, '0');
const SPAN = (label: string): string => label.padStart(16, '0');

interface SpanInput extends Omit<MakeSpanInput, 'spanId' | 'parentSpanId' | 'traceId' | 'attributes' | 'service'> {
  id: string;
  parent?: string;
  trace: string;
  service: keyof typeof RESOURCES;
  kind?: SpanKind;
  attributes?: Readonly<Record<string, Value>>;
}

function span(input: SpanInput): SpanData {
  const { id, parent, trace, service, kind, attributes, ...rest } = input;
  const base = makeSpan({
    ...rest,
    spanId: SPAN(id),
    parentSpanId: parent === undefined ? '' : SPAN(parent),
    traceId: TRACE(trace),
    attributes: attrs(attributes ?? {}),
  });
  return { ...base, kind: kind ?? base.kind, resource: RESOURCES[service] as Resource };
}

/**
 * Trace a (root a1, frontend):  a1 ─┬─ a2 (api, client) ── a3 (db, error)
 *                                   └─ a4 (frontend)
 * Trace b (root b1, checkout, 2 s): b1 ─┬─ b2 (payment, client) ── b3 (api, server)
 *                                       └─ b4 (checkout, producer)
 * Trace c: one orphan c1 (its parent never arrived), so no root.
 * Trace d: a chain d1 > d2 > … > d6.      Trace e: e1 and e2 are each other's parent (no root).
 */
const DATASET: SpanData[] = [
  span({
    id: 'a1', trace: 'a', service: 'frontend', name: 'GET /api/orders', duration: 300,
    attributes: { 'http.request.method': 'GET', 'http.status_code': 200, 'http.url': '/api/orders', 'attribute name': 'spaced' },
  }),
  span({
    id: 'a2', parent: 'a1', trace: 'a', service: 'api', name: 'orders.list', kind: 'client', start: 10, duration: 120, status: 'ok',
    attributes: { 'db.system': 'postgresql', retries: 2, ratio: 0.75, 'cache.hit': true },
  }),
  span({
    id: 'a3', parent: 'a2', trace: 'a', service: 'db', name: 'SELECT orders', start: 20, duration: 80,
    status: { code: 'error', message: 'timeout exceeded' },
    attributes: { 'db.statement': "SELECT * FROM orders WHERE id = 'x' OR 1=1 --", rows: 1.5, 'cache.hit': false },
  }),
  span({ id: 'a4', parent: 'a1', trace: 'a', service: 'frontend', name: 'render', start: 200, duration: 5, attributes: { tags: ['x', 'y'] } }),

  span({
    id: 'b1', trace: 'b', service: 'checkout', name: 'POST /checkout', duration: 2000, status: 'error',
    attributes: { 'http.request.method': 'POST', 'http.status_code': 500 },
  }),
  span({
    id: 'b2', parent: 'b1', trace: 'b', service: 'payment', name: 'charge', kind: 'client', start: 100, duration: 1500,
    attributes: { 'http.status_code': '503', retries: 0 },
  }),
  span({
    id: 'b3', parent: 'b2', trace: 'b', service: 'api', name: 'GET /api/orders', kind: 'server', start: 200, duration: 50,
    attributes: { ratio: 1, env: 'prod' },
  }),
  span({ id: 'b4', parent: 'b1', trace: 'b', service: 'checkout', name: 'audit', kind: 'producer', start: 1900, duration: 1 }),

  span({ id: 'c1', parent: 'ff', trace: 'c', service: 'worker', name: 'orphan', kind: 'consumer', duration: 10, attributes: { env: 'staging' } }),

  ...[1, 2, 3, 4, 5, 6].map((i) =>
    span({
      id: `d${i}`, parent: i === 1 ? undefined : `d${i - 1}`, trace: 'd', service: 'chain', name: `chain-${i}`,
      start: i * 10, duration: 10, attributes: { depth: i },
    }),
  ),

  span({ id: 'e1', parent: 'e2', trace: 'e', service: 'chain', name: 'cycle-1', duration: 20 }),
  span({ id: 'e2', parent: 'e1', trace: 'e', service: 'chain', name: 'cycle-2', duration: 20 }),
];

const ALL = DATASET.map((s) => label(s.spanId)).sort();
const TRACE_A = ['a1', 'a2', 'a3', 'a4'];
const TRACE_B = ['b1', 'b2', 'b3', 'b4'];
const TRACE_D = ['d1', 'd2', 'd3', 'd4', 'd5', 'd6'];

function label(spanId: string): string {
  return spanId.replace(/^0+/, '');
}

function except(...labels: string[]): string[] {
  return ALL.filter((l) => !labels.includes(l));
}

// ───────────────────────────── harness ─────────────────────────────

let dir: string;
let store: SpanStore;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tracescope-traceql-'));
  store = await SpanStore.open(dir, { retentionIntervalMs: 0 });
  await store.write(DATASET);
});

afterAll(async () => {
  await store?.close();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

function compile(query: string): CompiledTraceQL {
  const parsed = parseTraceQL(query);
  if (!parsed.ok) throw new Error(`${query}: ${parsed.error.message}`);
  return compileTraceQL(parsed.ast);
}

/** Labels of the matching spans, sorted. */
async function match(query: string): Promise<string[]> {
  const { sql, params } = compile(query);
  const rows = await store.read((c) => queryRows(c, `SELECT s.span_id FROM spans s WHERE (${sql}) ORDER BY s.span_id`, params));
  return rows.map((r) => label(String(r[0])));
}

async function expectMatches(cases: readonly (readonly [string, readonly string[]])[]): Promise<void> {
  for (const [query, expected] of cases) {
    expect(await match(query), query).toEqual([...expected].sort());
  }
}

// ───────────────────────────── tests ─────────────────────────────

describe('compileTraceQL on DuckDB', () => {
  it('matches everything with { }', async () => {
    expect(await match('{ }')).toEqual(ALL);
    expect(await match('{ true }')).toEqual(ALL);
    expect(await match('{ false }')).toEqual([]);
  });

  it('names and fully anchored regexes', async () => {
    await expectMatches([
      ['{ name = "GET /api/orders" }', ['a1', 'b3']],
      ['{ span:name != "GET /api/orders" }', except('a1', 'b3')],
      ['{ name =~ "GET.*" }', ['a1', 'b3']],
      ['{ name =~ "orders" }', []], // anchored: "orders.list" does not fully match
      ['{ name =~ ".*orders.*" }', ['a1', 'a2', 'a3', 'b3']],
      ['{ name !~ ".*orders.*" }', except('a1', 'a2', 'a3', 'b3')],
      ['{ name =~ "(?i)get /API.*" }', ['a1', 'b3']], // RE2 flags, as in Go
      ['{ name =~ "chain-[1-3]|cycle-2" }', ['d1', 'd2', 'd3', 'e2']], // alternation inside the anchors
      ['{ name > "p" }', ['a4']], // byte-wise (UTF-8) order, as Go compares strings
      ['{ name >= "SELECT" && name < "a" }', ['a3']], // upper case sorts before lower case
    ]);
  });

  it('durations, converted to nanoseconds', async () => {
    await expectMatches([
      ['{ duration > 1s }', ['b1', 'b2']],
      ['{ duration >= 1.5s }', ['b1', 'b2']],
      ['{ span:duration > 1.5s }', ['b1']],
      ['{ duration = 80ms }', ['a3']],
      ['{ duration < 10ms }', ['a4', 'b4']],
      ['{ duration <= 10ms }', ['a4', 'b4', 'c1', ...TRACE_D]],
      ['{ duration > 100000000 }', ['a1', 'a2', 'b1', 'b2']], // a number is nanoseconds
      ['{ duration > 0.1s && duration < 1.9s }', ['a1', 'a2', 'b2']],
      ['{ duration = 5000us }', ['a4']],
      ['{ duration = 5000µs }', ['a4']],
      ['{ duration = 1000000ns }', ['b4']],
    ]);
  });

  it('status and kind keywords', async () => {
    await expectMatches([
      ['{ status = error }', ['a3', 'b1']],
      ['{ status = ok }', ['a2']],
      ['{ span:status != unset }', ['a2', 'a3', 'b1']],
      ['{ statusMessage = "timeout exceeded" }', ['a3']],
      ['{ span:statusMessage =~ "time.*" }', ['a3']],
      ['{ kind = client }', ['a2', 'b2']],
      ['{ kind = producer }', ['b4']],
      ['{ span:kind = consumer }', ['c1']],
      ['{ kind = server }', ['a1', 'b1', 'b3', 'd1']],
      ['{ kind = internal }', ['a3', 'a4', 'd2', 'd3', 'd4', 'd5', 'd6', 'e1', 'e2']],
      ['{ kind = unspecified }', []],
    ]);
  });

  it('span attributes, typed: strings, ints, floats, bools', async () => {
    await expectMatches([
      ['{ span.http.request.method = "GET" }', ['a1']],
      ['{ span.http.status_code = 200 }', ['a1']],
      ['{ span.http.status_code >= 500 }', ['b1']], // b2's "503" is a string: no numeric match
      ['{ span.http.status_code = "503" }', ['b2']],
      ['{ span.http.status_code >= "400" }', ['b2']], // string order, strings only
      ['{ span.http.status_code != 200 }', ['b1']], // must exist as a number and differ
      ['{ span.ratio > 0.5 }', ['a2', 'b3']], // a float literal matches int and double values
      ['{ span.ratio = 1 }', ['b3']],
      ['{ span.ratio = 0.75 }', ['a2']],
      ['{ span.ratio < 1.0 }', ['a2']],
      ['{ span.rows > 1 }', ['a3']], // an int literal matches a double value
      ['{ span.retries >= 0 && span.retries < 2 }', ['b2']],
      ['{ span.retries > -1 }', ['a2', 'b2']],
      ['{ span.cache.hit = true }', ['a2']],
      ['{ span.cache.hit }', ['a2']],
      ['{ span.cache.hit = false }', ['a3']],
      ['{ span.cache.hit != true }', ['a3']],
      ['{ !span.cache.hit }', except('a2')],
      ['{ span."attribute name" = "spaced" }', ['a1']],
      ['{ span.depth >= 5 }', ['d5', 'd6']],
      ['{ span.ratio < 1e300 && span.ratio > -1e300 }', ['a2', 'b3']], // beyond BIGINT: cast as DOUBLE
    ]);
  });

  it('existence with nil', async () => {
    await expectMatches([
      ['{ span.cache.hit != nil }', ['a2', 'a3']],
      ['{ span.cache.hit = nil }', except('a2', 'a3')],
      ['{ resource.k8s.replicas != nil }', ['b1', 'b4']],
      ['{ .env != nil }', ['a2', 'b3', 'c1']],
      ['{ .env = nil }', except('a2', 'b3', 'c1')],
    ]);
  });

  it('resource attributes', async () => {
    await expectMatches([
      ['{ resource.service.name = "api" }', ['a2', 'b3']],
      ['{ resource.service.name != "api" }', except('a2', 'b3')],
      ['{ resource.service.name =~ "pay.*" }', ['b2']],
      ['{ resource.deployment.environment = "staging" }', ['a3', 'b2']],
      ['{ resource.k8s.replicas > 2 }', ['b1', 'b4']],
      ['{ resource.env = "prod" }', []], // b3's env is a span attribute
      ['{ span.deployment.environment = "staging" }', []], // and this one a resource attribute
    ]);
  });

  it('unscoped .attr matches a span OR a resource attribute', async () => {
    await expectMatches([
      ['{ .env = "prod" }', ['b3']], // span attribute
      ['{ .env = "resource-env" }', ['a2', 'b3']], // resource attribute of service api
      ['{ .env = "staging" }', ['c1']],
      ['{ .deployment.environment = "staging" }', ['a3', 'b2']],
      ['{ .http.status_code = 500 }', ['b1']],
      // b3: span env "prod" equals, but its resource env "resource-env" differs → matches.
      ['{ .env != "prod" }', ['a2', 'b3', 'c1']],
    ]);
  });

  it('arrays match on any element; != and !~ need no element to match', async () => {
    await expectMatches([
      ['{ span.tags = "x" }', ['a4']],
      ['{ span.tags = "y" }', ['a4']],
      ['{ span.tags != "x" }', []],
      ['{ span.tags != "z" }', ['a4']],
      ['{ span.tags =~ "[xy]" }', ['a4']],
      ['{ span.tags !~ "[xy]" }', []],
      ['{ span.tags !~ "z.*" }', ['a4']],
    ]);
  });

  it('&&, ||, ! and parentheses inside a filter (&& and || share one precedence, as in Tempo)', async () => {
    await expectMatches([
      ['{ resource.service.name = "api" && kind = server }', ['b3']],
      ['{ status = error || kind = producer }', ['a3', 'b1', 'b4']],
      // Tempo groups left to right: (error || producer) && checkout.
      ['{ status = error || kind = producer && resource.service.name = "checkout" }', ['b1', 'b4']],
      ['{ status = error || (kind = producer && resource.service.name = "checkout") }', ['a3', 'b1', 'b4']],
      ['{ !(status = error) && resource.service.name = "checkout" }', ['b4']],
      ['{ !(status = error || status = ok) && resource.service.name = "api" }', ['b3']],
      ['{ !(span.http.status_code = 200) && span.http.request.method != nil }', ['b1']],
    ]);
  });

  it('spanset && and ||', async () => {
    await expectMatches([
      // The trace has both; the result holds the spans of both sides.
      ['{ resource.service.name = "frontend" } && { status = error }', ['a1', 'a3', 'a4']],
      ['{ name = "render" } && { name = "audit" }', []], // different traces
      ['{ name = "render" } || { name = "audit" }', ['a4', 'b4']],
      ['{ } && { name = "orphan" }', ['c1']],
      // Left to right, as in Tempo: ({render} || {audit}) && {error}.
      ['{ name = "render" } || { name = "audit" } && { status = error }', ['a3', 'a4', 'b1', 'b4']],
      ['{ name = "render" } || ({ name = "audit" } && { status = error })', ['a4', 'b1', 'b4']],
    ]);
  });

  it('structural operators: > child, >> descendant, < parent, << ancestor, ~ sibling', async () => {
    await expectMatches([
      ['{ resource.service.name = "api" } > { }', ['a3']],
      ['{ name = "POST /checkout" } > { kind = client }', ['b2']],
      ['{ kind = server } > { }', ['a2', 'a4', 'b2', 'b4', 'd2']],
      ['{ } > { name = "orphan" }', []], // its parent never arrived
      ['{ resource.service.name = "checkout" } >> { resource.service.name = "api" }', ['b3']],
      ['{ resource.service.name = "checkout" } > { resource.service.name = "api" }', []],
      ['{ name = "GET /api/orders" } >> { }', ['a2', 'a3', 'a4']],
      ['{ name = "chain-1" } >> { name = "chain-6" }', ['d6']],
      ['{ name = "chain-3" } >> { }', ['d4', 'd5', 'd6']],
      ['{ name = "SELECT orders" } < { }', ['a2']],
      ['{ name = "chain-6" } << { }', ['d1', 'd2', 'd3', 'd4', 'd5']],
      ['{ status = error } << { kind = server }', ['a1']],
      ['{ name = "render" } ~ { }', ['a2']],
      ['{ } ~ { name = "audit" }', ['b4']],
      ['{ } ~ { name = "chain-2" }', []], // an only child
      // Structural binds tighter than &&: {frontend} && ({error} >> {…}).
      ['{ resource.service.name = "frontend" } && { status = ok } >> { status = error }', ['a1', 'a3', 'a4']],
      ['({ resource.service.name = "frontend" } && { status = error }) >> { status = error }', ['a3']],
      ['{ kind = server } > { } > { }', ['a3', 'b3', 'd3']], // grandchildren of server spans
    ]);
  });

  it('terminates on cyclic parent links', async () => {
    await expectMatches([
      ['{ name = "cycle-1" } >> { }', ['e1', 'e2']],
      ['{ name = "cycle-1" } << { }', ['e1', 'e2']],
      ['{ name = "cycle-1" } > { }', ['e2']],
    ]);
  });

  it('trace-level intrinsics', async () => {
    await expectMatches([
      ['{ trace:duration > 1s }', TRACE_B],
      ['{ traceDuration < 100ms }', ['c1', ...TRACE_D, 'e1', 'e2']],
      ['{ trace:rootService = "frontend" }', TRACE_A],
      ['{ rootServiceName = "worker" }', []], // trace c has no root span
      ['{ trace:rootService != "frontend" }', [...TRACE_B, ...TRACE_D]], // no root: no value
      ['{ trace:rootName = "POST /checkout" }', TRACE_B],
      ['{ rootName =~ "chain.*" && name = "chain-4" }', ['d4']],
      ['{ trace:duration > 1s && kind = client }', ['b2']],
    ]);
  });

  it('span, parent and trace IDs (hex, case-insensitive, leading zeros optional)', async () => {
    await expectMatches([
      ['{ span:id = "00000000000000a3" }', ['a3']],
      ['{ span:id = "A3" }', ['a3']],
      ['{ trace:id = "0000000000000000000000000000000b" }', TRACE_B],
      ['{ trace:id = "b" }', TRACE_B],
      ['{ span:parentID = "00000000000000a1" }', ['a2', 'a4']],
      ['{ span:parentID != "00000000000000a1" }', except('a1', 'a2', 'a4', 'b1', 'd1')], // roots have none
      ['{ span:parentID =~ ".*" }', except('a1', 'b1', 'd1')],
    ]);
  });

  it('pipeline filter stages and select()', async () => {
    await expectMatches([
      ['{ resource.service.name = "frontend" } | { kind = internal }', ['a4']],
      ['{ resource.service.name = "frontend" } && { status = error } | { status = error }', ['a3']],
      ['{ status = error } | select(span.http.url, resource.service.name, duration)', ['a3', 'b1']],
    ]);
    expect(compile('{ status = error } | select(span.http.url, resource.service.name, duration) | select(.a)').select).toEqual([
      'span.http.url',
      'resource.service.name',
      'span:duration',
      '.a',
    ]);
  });

  it('binds every literal and key as a parameter (no SQL injection)', async () => {
    await expectMatches([
      [`{ name = "x' OR 1=1 --" }`, []],
      [`{ name = "x\\" OR 1=1 --" }`, []],
      [`{ span."x' OR 1=1 --" = "y" }`, []],
      [`{ span.db.statement = "SELECT * FROM orders WHERE id = 'x' OR 1=1 --" }`, ['a3']],
      [`{ name =~ "x' OR '1'='1" }`, []],
    ]);
    const { sql, params } = compile(`{ span."k'--" = "x' OR 1=1 --" && name =~ "a'b" && duration > 1s }`);
    expect(sql).not.toMatch(/OR 1=1|k'--|a'b|1000000000/);
    expect(params).toEqual(["k'--", "x' OR 1=1 --", 'a\'b', 1_000_000_000]);
    expect(sql.split('?').length - 1).toBe(params.length);
  });

  it('reports an invalid regular expression as a DuckDB error, not a wrong result', async () => {
    await expect(match('{ name =~ "((" }')).rejects.toThrow(/missing \)/);
  });

  it('produces the documented SQL shape: spanset operators become CTEs under s.sid IN (…)', () => {
    const { sql, params } = compile('{ span.a = "x" } >> { status = error }');
    expect(sql).toMatchInlineSnapshot(`
      "s.sid IN (WITH RECURSIVE ss2 AS MATERIALIZED (SELECT x3.sid, x3.trace_id, x3.span_id, x3.parent_span_id FROM spans x3 WHERE EXISTS (SELECT 1 FROM span_attributes a4 WHERE a4.sid = x3.sid AND a4.key = ? AND a4.str_value = ?)),
      ss5 AS MATERIALIZED (SELECT x6.sid, x6.trace_id, x6.span_id, x6.parent_span_id FROM spans x6 WHERE x6.status_code = ?),
      cand9 AS MATERIALIZED (SELECT sid, trace_id, span_id, parent_span_id FROM spans
        WHERE trace_id IN (SELECT trace_id FROM ss2) AND trace_id IN (SELECT trace_id FROM ss5)),
      edge10 AS MATERIALIZED (SELECT ch11.sid AS child, p12.sid AS parent FROM cand9 ch11 JOIN cand9 p12
        ON p12.trace_id = ch11.trace_id AND p12.span_id = ch11.parent_span_id),
      desc13(sid) AS (
        SELECT e14.child FROM edge10 e14 JOIN ss2 l7 ON e14.parent = l7.sid
        UNION
        SELECT e14.child FROM edge10 e14 JOIN desc13 w15 ON e14.parent = w15.sid),
      ss1 AS MATERIALIZED (SELECT r8.* FROM ss5 r8 WHERE r8.sid IN (SELECT sid FROM desc13))
      SELECT sid FROM ss1)"
    `);
    expect(params).toEqual(['a', 'x', 2]);
  });

  it('produces the documented SQL shape', () => {
    expect(compile('{ resource.service.name = "api" && duration > 10ms || status = error }')).toMatchInlineSnapshot(`
      {
        "params": [
          "api",
          "service.name",
          "api",
          10000000,
          2,
        ],
        "select": [],
        "sql": "(((s.service_name = ? AND EXISTS (SELECT 1 FROM resource_attributes a1 WHERE a1.resource_id = s.resource_id AND a1.key = ? AND a1.str_value = ?)) AND s.duration_ns > ?) OR s.status_code = ?)",
      }
    `);
  });
});
