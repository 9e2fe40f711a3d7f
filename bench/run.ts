/**
 * `npm run bench`: load-path benchmark (JSON.parse → import → buildTraces) for one OTLP trace of
 * 100k and 1M spans. Each size is generated to a temporary file (generation is not measured),
 * then measured in a fresh child process (`bench/measureImport.ts`) so figures never mix.
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
import type { Measurement } from './measureImport';

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

function runChild(n: number, file: string): Measurement | string {
  const child = spawnSync(
    process.execPath,
    ['--expose-gc', '--max-old-space-size=4096', join(ROOT, 'bin/tsx-run.mjs'), join(ROOT, 'bench/measureImport.ts'), String(n), file],
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
  process.stderr.write(`bench: measuring ${name} spans in a fresh process…\n`);
  let m: Measurement | string;
  try {
    m = runChild(n, gen.file);
  } finally {
    rmSync(gen.file, { force: true });
  }
  if (typeof m === 'string') {
    rows.push({ figure: `${name} spans: measurement`, value: 'FAILED', target: '—', ratio: 'MISSED' });
    notes.push(`${name}: child failed: ${m}`);
    continue;
  }
  const t = TARGETS[n] ?? {};
  rows.push(row(`${name} spans: JSON.parse`, m.parseMs, ms));
  rows.push(row(`${name} spans: import (importAuto)`, m.importMs, ms));
  rows.push(row(`${name} spans: buildTraces`, m.buildMs, ms));
  rows.push(row(`${name} spans: total parse+import+build`, m.totalMs, ms, t.totalMs));
  rows.push(row(`${name} spans: peak RSS`, m.peakRssBytes, mb, t.peakRssBytes));
  rows.push(row(`${name} spans: heap used after build (after GC)`, m.heapUsedAfterBuildBytes, mb));
  if (m.criticalPathMs !== null) rows.push(row(`${name} spans: criticalPathSpans`, m.criticalPathMs, ms));
  if (m.selfTimesMs !== null) rows.push(row(`${name} spans: selfTimes`, m.selfTimesMs, ms));
  notes.push(
    `${name}: CPU time (all threads) parse ${ms(m.parseCpuMs)}, import ${ms(m.importCpuMs)}, build ${ms(m.buildCpuMs)}, total ${ms(m.parseCpuMs + m.importCpuMs + m.buildCpuMs)}`,
  );
  notes.push(
    `${name}: read file ${ms(m.readMs)} (not in total); ${m.importedSpans} spans imported into ${m.traceCount} trace(s); RSS after build ${mb(m.rssAfterBuildBytes)}`,
  );
  if (m.importedSpans !== n) notes.push(`${name}: WARNING: expected ${n} spans, imported ${m.importedSpans}`);
}

const [load1] = loadavg();
notes.push(`load average ${load1!.toFixed(1)} on ${cpus().length} CPUs at the end${load1! > cpus().length ? ': the machine is busy, wall times are inflated' : ''}`);
process.stdout.write(`${formatTable(rows)}\n\n${notes.map((s) => `- ${s}`).join('\n')}\n`);
