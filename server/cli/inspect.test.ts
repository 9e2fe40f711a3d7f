import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { main } from './main';
import type { CliIO } from './io';
import type { InspectJson, InspectTraceJson } from './inspect';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = join(ROOT, 'src/sources/__fixtures__');
const fixture = (name: string) => join(FIXTURES, name);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(argv: string[], stdin = ''): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    readStdin: () => Promise.resolve(stdin),
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

async function inspectJson(...files: string[]): Promise<InspectJson> {
  const r = await run(['inspect', '--json', ...files]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as InspectJson;
}

type Expected = Omit<InspectTraceJson, 'criticalPath'>;

/**
 * Expected summaries, worked out from the raw fixture JSON (not from the tool):
 * - times: OTLP/Tempo `startTimeUnixNano`; Jaeger v1 `startTime` µs, end = start + duration;
 *   durationMs = (last end − first start) / 1e6; startTime = first start cut to ms.
 * - IDs: base64 (Tempo) decoded to hex; 64-bit Jaeger trace IDs left-padded to 32 hex.
 * - orphan: parentSpanId set but no span of the trace has that ID. Jaeger parent: the first
 *   CHILD_OF reference within the same trace.
 * - errors: OTLP status code 2 / STATUS_CODE_ERROR; Jaeger tag `error=true`.
 * - root: earliest span without parent, else earliest orphan (ties: first in the file).
 */
const EXPECTED: Record<string, Expected[]> = {
  // One span; parent 7uGbfsPBsXM= = eee19b7ec3c1b173 is absent. 1544712660 s = 2018-12-13T14:51:00Z, 1 s long.
  'tempo/trace-v1-response-observatorium-e2e.json': [
    { traceId: '5b8efff798038103d269b633813fc60c', spanCount: 1, services: ['my.service'], rootService: 'my.service', rootName: "I'm a server span", startTime: '2018-12-13T14:51:00.000Z', durationMs: 1000, errorCount: 0, orphanCount: 1, depth: 1 },
  ],
  // W47/95gDgQPSabYzgT/HAA== = 5b8e…c700; 1689969302 → 1689970000 s = 698 s.
  'tempo/trace-v2-response-docs-push-spans.json': [
    { traceId: '5b8efff798038103d269b633813fc700', spanCount: 1, services: ['my.service'], rootService: 'my.service', rootName: 'I am a span!', startTime: '2023-07-21T19:55:02.000Z', durationMs: 698_000, errorCount: 0, orphanCount: 0, depth: 1 },
  ],
  // 15 spans, root `requester` …496201216 → last end (log_to_loki) …521824256 = 25623040 ns;
  // errors: requester, POST /:endpoint, pg.query:INSERT; chain requester → POST → HTTP POST → tcp.connect.
  'tempo/trace-v2-body-servicegraphs-failed-requests.json': [
    { traceId: 'e8b6dff9f8d44b28f1b22bc3bd2f6768', spanCount: 15, services: ['mythical-requester', 'mythical-server'], rootService: 'mythical-requester', rootName: 'requester', startTime: '2022-07-20T14:01:12.496Z', durationMs: 25.62304, errorCount: 3, orphanCount: 0, depth: 4 },
  ],
  // Two traces: requester (+ HTTP GET /ready child) from …877522688 to …923357184; a lone Consumed span
  // of another trace from …877839616 to …878545408 (705792 ns).
  'tempo/trace-v2-body-servicegraphs-virtual-nodes.json': [
    { traceId: '4290b5877a9930de79bb428365398ecc', spanCount: 2, services: ['mythical-requester', 'mythical-server'], rootService: 'mythical-server', rootName: 'requester', startTime: '2022-07-20T12:40:54.877Z', durationMs: 45.834496, errorCount: 0, orphanCount: 0, depth: 2 },
    { traceId: 'ab4a390ad2fe3b8534404c9f7223a390', spanCount: 1, services: ['internal-consumer'], rootService: 'internal-consumer', rootName: 'Consumed', startTime: '2022-07-20T12:40:54.877Z', durationMs: 0.705792, errorCount: 0, orphanCount: 0, depth: 1 },
  ],
  // 6 spans, two roots (vulture-68 chain of 4, vulture-36 chain of 2), all start at 1636729665 s; longest 92 µs.
  'tempo/trace-v2-body-vulture.json': [
    { traceId: '3149195ffb0bec05347b48efe8ecc1b0', spanCount: 6, services: ['tempo-vulture'], rootService: 'tempo-vulture', rootName: 'vulture-68', startTime: '2021-11-12T15:07:45.000Z', durationMs: 0.092, errorCount: 0, orphanCount: 0, depth: 4 },
  ],
  // Legacy instrumentationLibrarySpans: both spans name absent parents (398f0f21a3db99ae; base64 WgdmnUQaoyY=);
  // earliest is app's `HTTP Client` …251425000; last end …258789000 → 7.364 ms.
  'tempo/trace-v1-legacy-instrumentationLibrarySpans-grafana-mock-EXCERPT.json': [
    { traceId: '000000000000000060ba2abb44f13eae', spanCount: 2, services: ['app', 'db'], rootService: 'app', rootName: 'HTTP Client', startTime: '2021-07-28T11:27:37.251Z', durationMs: 7.364, errorCount: 0, orphanCount: 2, depth: 1 },
  ],
  // The spec example: one span whose parent EEE19B7EC3C1B173 is absent.
  'otlp/examples-trace.json': [
    { traceId: '5b8efff798038103d269b633813fc60c', spanCount: 1, services: ['my.service'], rootService: 'my.service', rootName: "I'm a server span", startTime: '2018-12-13T14:51:00.000Z', durationMs: 1000, errorCount: 0, orphanCount: 1, depth: 1 },
  ],
  // The same span twice (duplicate ID), both naming absent parent 909541b92cf05311; 123 µs.
  'otlp/otlp2jaeger-in.json': [
    { traceId: '83a9efd15c1c98a977e0711cc93ee28b', spanCount: 2, services: ['telemetrygen'], rootService: 'telemetrygen', rootName: 'okey-dokey-0', startTime: '2024-01-31T05:28:29.209Z', durationMs: 0.123, errorCount: 0, orphanCount: 2, depth: 1 },
  ],
  // Two traces of 2 spans each; every parent (0003, 0010, 0011) is absent from the span's own trace
  // (0003 is in the other trace); all status code 2; all 1485467191639875000 → +5000 ns.
  'otlp/jaeger-memory-otel_traces_01.json': [
    { traceId: '00000000000000010000000000000000', spanCount: 2, services: ['service-x'], rootService: 'service-x', rootName: 'test-general-conversion-2', startTime: '2017-01-26T21:46:31.639Z', durationMs: 0.005, errorCount: 2, orphanCount: 2, depth: 1 },
    { traceId: '00000000000000020000000000000000', spanCount: 2, services: ['service-x'], rootService: 'service-x', rootName: 'test-general-conversion-3', startTime: '2017-01-26T21:46:31.639Z', durationMs: 0.005, errorCount: 2, orphanCount: 2, depth: 1 },
  ],
  // Same trace as the OTLP example, as Jaeger v1 (µs): 1544712660000000 + 1000000 µs.
  'jaeger/v1-trace-response-observatorium-e2e.json': [
    { traceId: '5b8efff798038103d269b633813fc60c', spanCount: 1, services: ['my.service'], rootService: 'my.service', rootName: "I'm a server span", startTime: '2018-12-13T14:51:00.000Z', durationMs: 1000, errorCount: 0, orphanCount: 1, depth: 1 },
  ],
  // 64-bit trace ID; CAS (1616095319593196 µs, 1004 µs) and its child CAS loop.
  'jaeger/v1-trace-response-grafana-mockJsonResponse.json': [
    { traceId: '00000000000000002ee9739529395e31', spanCount: 2, services: ['loki-all'], rootService: 'loki-all', rootName: 'CAS', startTime: '2021-03-18T19:21:59.593Z', durationMs: 1.004, errorCount: 0, orphanCount: 0, depth: 2 },
  ],
  // 57 spans, 10 processes, root POST /api/graphql at 1770000000001000 µs lasting 44 s (the last end);
  // one span tagged error=true; deepest CHILD_OF chain has 8 levels.
  'jaeger/v1-trace-bare-genai-57spans.json': [
    { traceId: '4a1b2c3d4e5f60718293a4b5c6d7e8f9', spanCount: 57, services: ['api-edge', 'auth-service', 'coding-agent', 'graphql-gateway', 'k8s-api', 'mcp-gateway', 'metrics-backend', 'summarizer-agent', 'trace-store', 'vector-store'], rootService: 'api-edge', rootName: 'POST /api/graphql', startTime: '2026-02-02T02:40:00.001Z', durationMs: 44_000, errorCount: 1, orphanCount: 0, depth: 8 },
  ],
  'jaeger/v1-trace-response-genai-4512spans.json': [
    { traceId: '4a1b2c3d4e5f60718293a4b5c6d7e8f9', spanCount: 4512, services: ['api-edge', 'auth-service', 'coding-agent', 'graphql-gateway', 'k8s-api', 'mcp-gateway', 'metrics-backend', 'summarizer-agent', 'trace-store', 'vector-store'], rootService: 'api-edge', rootName: 'POST /api/graphql', startTime: '2026-02-02T02:40:00.001Z', durationMs: 44_000, errorCount: 1, orphanCount: 0, depth: 8 },
  ],
  // 5 spans, 0002 twice (both roots, first is test-general-conversion); 0003 and 0004 under 0002
  // (0004's first CHILD_OF names another trace), 0005 under 0004 → 3 levels; error=true on one; 5 µs.
  'jaeger/v1-ui-trace-ui_01.json': [
    { traceId: '00000000000000000000000000000001', spanCount: 5, services: ['service-x', 'service-y'], rootService: 'service-x', rootName: 'test-general-conversion', startTime: '2017-01-26T21:46:31.639Z', durationMs: 0.005, errorCount: 1, orphanCount: 0, depth: 3 },
  ],
  // Jaeger's rendering of otlp2jaeger-in.json: same figures (123 µs, duplicate orphans).
  'jaeger/v1-transform-response-otlp2jaeger-out.json': [
    { traceId: '83a9efd15c1c98a977e0711cc93ee28b', spanCount: 2, services: ['telemetrygen'], rootService: 'telemetrygen', rootName: 'okey-dokey-0', startTime: '2024-01-31T05:28:29.209Z', durationMs: 0.123, errorCount: 0, orphanCount: 2, depth: 1 },
  ],
  'jaeger/v3-trace-response-observatorium-e2e.json': [
    { traceId: '5b8efff798038103d269b633813fc60c', spanCount: 1, services: ['my.service'], rootService: 'my.service', rootName: "I'm a server span", startTime: '2018-12-13T14:51:00.000Z', durationMs: 1000, errorCount: 0, orphanCount: 1, depth: 1 },
  ],
  // No resource attributes, no times: unknown_service at the epoch, status code 2.
  'jaeger/v3-snapshot-GetTrace.json': [
    { traceId: '00000000000000000000000000000001', spanCount: 1, services: ['unknown_service'], rootService: 'unknown_service', rootName: 'foobar', startTime: '1970-01-01T00:00:00.000Z', durationMs: 0, errorCount: 1, orphanCount: 0, depth: 1 },
  ],
};

const KEYS = ['traceId', 'spanCount', 'services', 'rootService', 'rootName', 'startTime', 'durationMs', 'errorCount', 'orphanCount', 'depth', 'criticalPath'];

describe('tracescope inspect --json on every trace fixture', () => {
  it.each(Object.entries(EXPECTED))('%s', async (name, expected) => {
    const out = await inspectJson(fixture(name));
    expect(Object.keys(out)).toEqual(['traces', 'warnings']);
    for (const t of out.traces) expect(Object.keys(t)).toEqual(KEYS);
    expect(out.traces.map(({ criticalPath: _, ...rest }) => rest)).toEqual(expected);

    for (const t of out.traces) {
      expect(t.criticalPath.length).toBeGreaterThan(0);
      for (const id of t.criticalPath) expect(id).toMatch(/^[0-9a-f]{16}$/);
    }
    expect(out.warnings.every((w) => typeof w === 'string')).toBe(true);
  });

  it('gives the critical path from the root down (CAS → CAS loop)', async () => {
    const out = await inspectJson(fixture('jaeger/v1-trace-response-grafana-mockJsonResponse.json'));
    expect(out.traces[0]!.criticalPath).toEqual(['2ee9739529395e31', '620c647812563b5a']);
  });

  it('reports trace warnings as "<traceId>: <message>"', async () => {
    const out = await inspectJson(fixture('otlp/examples-trace.json'));
    expect(out.warnings.length).toBeGreaterThan(0);
    for (const w of out.warnings) expect(w).toMatch(/^5b8efff798038103d269b633813fc60c: \S/);
  });
});

describe('tracescope inspect with several files and stdin', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tracescope-inspect-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('merges a trace split across two files into one trace', async () => {
    // The vulture trace's two resourceSpans, one per file.
    const whole = JSON.parse(readFileSync(fixture('tempo/trace-v2-body-vulture.json'), 'utf8')) as { resourceSpans: unknown[] };
    expect(whole.resourceSpans).toHaveLength(2);
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.json');
    writeFileSync(a, JSON.stringify({ resourceSpans: [whole.resourceSpans[0]] }));
    writeFileSync(b, JSON.stringify({ resourceSpans: [whole.resourceSpans[1]] }));
    // Both roots start at the same instant; the first read (file a: vulture-68) is the root shown.
    const out = await inspectJson(a, b);
    expect(out.traces.map(({ criticalPath: _, ...rest }) => rest)).toEqual(EXPECTED['tempo/trace-v2-body-vulture.json']);
  });

  it('lists the traces of two files sorted by start, across formats', async () => {
    const out = await inspectJson(fixture('tempo/trace-v2-response-docs-push-spans.json'), fixture('jaeger/v1-trace-response-grafana-mockJsonResponse.json'));
    expect(out.traces.map((t) => [t.traceId, t.startTime])).toEqual([
      ['00000000000000002ee9739529395e31', '2021-03-18T19:21:59.593Z'],
      ['5b8efff798038103d269b633813fc700', '2023-07-21T19:55:02.000Z'],
    ]);
  });

  it('merges the same span read in two formats into one trace (OTLP + Jaeger v1 of one request)', async () => {
    const out = await inspectJson(fixture('otlp/examples-trace.json'), fixture('jaeger/v1-trace-response-observatorium-e2e.json'));
    expect(out.traces).toHaveLength(1);
    expect(out.traces[0]!.traceId).toBe('5b8efff798038103d269b633813fc60c');
    expect(out.traces[0]!.spanCount).toBe(2);
  });

  it("reads '-' from standard input", async () => {
    const text = readFileSync(fixture('jaeger/v1-trace-response-grafana-mockJsonResponse.json'), 'utf8');
    const r = await run(['inspect', '--json', '-'], text);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as InspectJson;
    expect(out.traces.map((t) => t.traceId)).toEqual(['00000000000000002ee9739529395e31']);
  });

  it('prefixes import issues with the file name', async () => {
    // A span without an ID cannot be read: the importer reports it and keeps the other span.
    const body = JSON.parse(readFileSync(fixture('otlp/examples-trace.json'), 'utf8')) as {
      resourceSpans: { scopeSpans: { spans: Record<string, unknown>[] }[] }[];
    };
    const spans = body.resourceSpans[0]!.scopeSpans[0]!.spans;
    spans.push({ ...spans[0]!, spanId: 'not an id!' });
    const file = join(dir, 'bad-span.json');
    writeFileSync(file, JSON.stringify(body));
    const out = await inspectJson(file);
    expect(out.traces[0]!.spanCount).toBe(1);
    expect(out.warnings.some((w) => w.startsWith(`${file}: `) && w.includes('spanId'))).toBe(true);
  });
});

describe('tracescope inspect errors', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tracescope-inspect-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 1 with one line for a missing file, printing nothing else', async () => {
    const missing = join(dir, 'nope.json');
    const r = await run(['inspect', '--json', fixture('otlp/examples-trace.json'), missing]);
    expect(r).toEqual({ code: 1, stdout: '', stderr: `tracescope inspect: ${missing}: no such file\n` });
  });

  it('exits 1 with one line for a file that is not JSON', async () => {
    const file = join(dir, 'text.json');
    writeFileSync(file, 'this is {not json\nat all\n');
    const r = await run(['inspect', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^tracescope inspect: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not valid JSON: [^\\n]+\\n$`));
  });

  it('exits 1 with one line for JSON of no known trace format', async () => {
    const file = fixture('tempo/search-tags-v1-docs-example.json');
    const r = await run(['inspect', '--json', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^tracescope inspect: .*search-tags-v1-docs-example\.json: unrecognised trace format[^\n]*\n$/);
  });

  it('exits 1 for a directory', async () => {
    const r = await run(['inspect', dir]);
    expect(r).toEqual({ code: 1, stdout: '', stderr: `tracescope inspect: ${dir}: is a directory\n` });
  });

  it('exits 2 on usage errors', async () => {
    expect((await run(['inspect'])).code).toBe(2);
    const bad = await run(['inspect', '--jsn', 'x.json']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe("tracescope inspect: unknown option '--jsn' (see 'tracescope inspect --help')\n");
  });
});

describe('tracescope dispatch', () => {
  it('prints usage and exits 2 with no arguments', async () => {
    const r = await run([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^usage: tracescope <command>/);
    expect(r.stderr).toContain('inspect');
  });

  it('prints usage and exits 0 for --help', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^usage: tracescope <command>/);
    expect((await run(['inspect', '--help'])).stdout).toMatch(/^usage: tracescope inspect/);
  });

  it('rejects an unknown command with one line and exit 2', async () => {
    const r = await run(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toHaveLength(2);
    expect(r.stderr).toMatch(/^tracescope: unknown command 'frobnicate'/);
  });
});

describe('tracescope inspect text output', () => {
  it('summarises each trace in aligned rows', async () => {
    const r = await run(['inspect', fixture('tempo/trace-v2-body-servicegraphs-failed-requests.json')]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    // A bare tempopb.Trace body ({"resourceSpans"}) is OTLP JSON.
    expect(lines[0]).toBe('trace e8b6dff9f8d44b28f1b22bc3bd2f6768  otlp-json');
    expect(r.stdout).toContain('  root      mythical-requester: requester\n');
    expect(r.stdout).toContain('  start     2022-07-20T14:01:12.496Z\n');
    expect(r.stdout).toContain('  spans     15   errors 3   orphans 0   depth 4\n');
    expect(r.stdout).toContain('  services  2: mythical-requester, mythical-server\n');
    expect(r.stdout).toMatch(/\n {2}duration {2}\S.*\n/);
  });
});

describe('the real bin', () => {
  it('runs `node bin/tracescope.mjs inspect --json FILE` with no build step', async () => {
    // execFile rejects on a non-zero exit, so resolving means exit code 0.
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['bin/tracescope.mjs', 'inspect', '--json', fixture('otlp/examples-trace.json')], { cwd: ROOT });
    expect(stderr).toBe('');
    const out = JSON.parse(stdout) as InspectJson;
    expect(out.traces.map((t) => t.traceId)).toEqual(['5b8efff798038103d269b633813fc60c']);
  });
});
