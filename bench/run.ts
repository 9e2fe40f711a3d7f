/**
 * `npm run bench`: load-path benchmark for one OTLP trace of 100k and 1M spans, file → model.
 * Each size is generated to a temporary file (generation is not measured), then measured in
 * fresh child processes (`bench/measureImport.ts`) so figures never mix:
 * - the pipeline a file takes: read bytes in chunks → streaming decode → buildTraces (targets);
 * - for comparison, in its own process: read as text → JSON.parse → importAuto → buildTraces.
 * Prints `figure | value | target | ratio`; a ratio > 1 misses the target and says MISSED.
 * Always exits 0: it is a report, not a gate.
 *
 *   npm run bench                # 100k and 1M
 *   npm run bench -- 20000 50000 # other sizes (targets apply to 100k and 1M only)
 */
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { generateOtlpChunks } from './generateOtlp';
import type { Measurement, Mode } from './measureImport';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SEED = 1;

interface Targets {
  readonly totalMs?: number;
  readonly peakRssBytes?: number;
}

const TARGETS: Readonly<Record<number, Targets>> = {
  100_000: { totalMs: 300 },
  1_000_000: { totalMs: 3000, peakRssBytes: 1.5e9 },
};

interface Row {
  readonly figure: string;
  readonly value: string;
  readonly target: string;
  readonly ratio: string;
}

function label(n: number): string {
  return n % 1_000_000 === 0 ? `${n / 1_000_000}M` : n % 1000 === 0 ? `${n / 1000}k` : String(n);
}

const ms = (v: number) => `${v < 10 ? v.toFixed(2) : v.toFixed(0)} ms`;
const mb = (v: number) => `${(v / 1e6).toFixed(0)} MB`;

function row(figure: string, value: number, show: (v: number) => string, target?: number): Row {
  if (target === undefined) return { figure, value: show(value), target: '—', ratio: '—' };
  const ratio = value / target;
  return { figure, value: show(value), target: show(target), ratio: `${ratio.toFixed(2)}${ratio > 1 ? '  MISSED' : ''}` };
}

/** Writes the generated request to a temp file; returns its path and the generation time. */
function generateFile(n: number): { file: string; ms: number; bytes: number } {
  const file = join(tmpdir(), `tracescope-bench-${n}-${SEED}-${process.pid}.json`);
  const t0 = performance.now();
  const fd = openSync(file, 'w');
  let bytes = 0;
  try {
    for (const chunk of generateOtlpChunks(n, SEED)) bytes += writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
  return { file, ms: performance.now() - t0, bytes };
}

function runChild(n: number, file: string, mode: Mode): Measurement | string {
  const child = spawnSync(
    process.execPath,
    ['--expose-gc', '--max-old-space-size=4096', join(ROOT, 'bin/tsx-run.mjs'), join(ROOT, 'bench/measureImport.ts'), String(n), file, mode],
    { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 20 },
  );
  if (child.status !== 0) {
    const why = child.signal ? `killed by ${child.signal}` : `exit ${child.status}`;
    return `${why}: ${child.stderr.trim().split('\n').slice(-3).join(' | ')}`;
  }
  const last = child.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as Measurement;
}

function formatTable(rows: readonly Row[]): string {
  const header: Row = { figure: 'figure', value: 'value', target: 'target', ratio: 'ratio' };
  const all = [header, ...rows];
  const w = (k: keyof Row) => Math.max(...all.map((r) => r[k].length));
  const [wf, wv, wt] = [w('figure'), w('value'), w('target')];
  const line = (r: Row) => `${r.figure.padEnd(wf)} | ${r.value.padStart(wv)} | ${r.target.padStart(wt)} | ${r.ratio}`;
  return [line(header), `${'-'.repeat(wf)}-|-${'-'.repeat(wv)}-|-${'-'.repeat(wt)}-|-------`, ...rows.map(line)].join('\n');
}

const args = process.argv.slice(2).map(Number);
const sizes = args.length > 0 && args.every((n) => Number.isInteger(n) && n > 0) ? args : [100_000, 1_000_000];

const rows: Row[] = [];
const notes: string[] = [];
for (const n of sizes) {
  const name = label(n);
  process.stderr.write(`bench: generating ${name} spans…\n`);
  const gen = generateFile(n);
  notes.push(`${name}: generated ${mb(gen.bytes)} of OTLP JSON in ${ms(gen.ms)} (not measured)`);
  let stream: Measurement | string;
  let parse: Measurement | string;
  try {
    process.stderr.write(`bench: measuring ${name} spans (streaming) in a fresh process…\n`);
    stream = runChild(n, gen.file, 'stream');
    process.stderr.write(`bench: measuring ${name} spans (JSON.parse, for comparison) in a fresh process…\n`);
    parse = runChild(n, gen.file, 'parse');
  } finally {
    rmSync(gen.file, { force: true });
  }
  const t = TARGETS[n] ?? {};
  if (typeof stream === 'string') {
    rows.push({ figure: `${name} spans: file→model (streaming)`, value: 'FAILED', target: '—', ratio: 'MISSED' });
    notes.push(`${name}: streaming child failed: ${stream}`);
  } else {
    rows.push(row(`${name} spans: read+decode (streaming)`, stream.readMs, ms));
    rows.push(row(`${name} spans: buildTraces`, stream.buildMs, ms));
    rows.push(row(`${name} spans: total file→model`, stream.totalMs, ms, t.totalMs));
    rows.push(row(`${name} spans: peak RSS`, stream.peakRssBytes, mb, t.peakRssBytes));
    rows.push(row(`${name} spans: heap used after build (after GC)`, stream.heapUsedAfterBuildBytes, mb));
    if (stream.criticalPathMs !== null) rows.push(row(`${name} spans: criticalPathSpans`, stream.criticalPathMs, ms));
    if (stream.selfTimesMs !== null) rows.push(row(`${name} spans: selfTimes`, stream.selfTimesMs, ms));
    if (stream.allAttributesFirstMs !== null) rows.push(row(`${name} spans: every span's attributes, first read`, stream.allAttributesFirstMs, ms));
    if (stream.allAttributesAgainMs !== null) rows.push(row(`${name} spans: every span's attributes, read again`, stream.allAttributesAgainMs, ms));
    notes.push(
      `${name} streaming: CPU time (all threads) read+decode ${ms(stream.decodeCpuMs)}, build ${ms(stream.buildCpuMs)}; ${stream.importedSpans} spans into ${stream.traceCount} trace(s), ${stream.issueCount} issues; RSS after build ${mb(stream.rssAfterBuildBytes)}`,
    );
    if (stream.importedSpans !== n) notes.push(`${name}: WARNING: expected ${n} spans, decoded ${stream.importedSpans}`);
  }
  if (typeof parse === 'string') {
    rows.push({ figure: `${name} spans: comparison (JSON.parse)`, value: 'FAILED', target: '—', ratio: '—' });
    notes.push(`${name}: JSON.parse child failed: ${parse}`);
  } else {
    rows.push(row(`${name} spans: comparison: JSON.parse`, parse.parseMs, ms));
    rows.push(row(`${name} spans: comparison: import from parsed JSON`, parse.importMs, ms));
    rows.push(row(`${name} spans: comparison: total parse+import+build`, parse.totalMs, ms));
    rows.push(row(`${name} spans: comparison: peak RSS`, parse.peakRssBytes, mb));
    notes.push(
      `${name} comparison: read file as text ${ms(parse.readMs)} (not in its total); CPU time parse+import ${ms(parse.decodeCpuMs)}, build ${ms(parse.buildCpuMs)}`,
    );
  }
}

const [load1] = loadavg();
notes.push(`load average ${load1!.toFixed(1)} on ${cpus().length} CPUs at the end${load1! > cpus().length ? ': the machine is busy, wall times are inflated' : ''}`);
process.stdout.write(`${formatTable(rows)}\n\n${notes.map((s) => `- ${s}`).join('\n')}\n`);
