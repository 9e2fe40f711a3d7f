/**
 * Server benchmark: a real `tracescope serve` child process, fed over loopback OTLP/HTTP by
 * concurrent clients, then queried through the Tempo API at each store size.
 *
 *   node bin/tsx-run.mjs bench/server/run.ts [--sizes 1000000,20000000] [--concurrency 4] [--port 13200]
 *
 * --port P: the query API listens on P, OTLP/HTTP on P+1 and OTLP/gRPC on P+2 (default: 13200,
 * 14318, 14317), so benches of several checkouts can run side by side.
 * --keep DIR: store in DIR (empty or new) and keep it afterwards, to probe a filled store.
 * --server-node-args "...": Node options for the server process (e.g. "--cpu-prof
 * --cpu-prof-dir=/tmp/prof" to profile it; NODE_OPTIONS does not allow --cpu-prof).
 *
 * Prints figure | value | target | ratio (value/target for "≤" targets, target/value for "≥").
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateTraces, SERVICES, ROUTES } from './generateSpans';
import type { SpanData } from '../../src/model/types';
import { encodeBatches, sendEncoded } from './otlpClient';
import type { EncodedBatch, LoadResult } from './otlpClient';

interface Row {
  figure: string;
  value: number;
  unit: string;
  target?: { op: '<=' | '>='; value: number };
}

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i] ?? '', process.argv[i + 1] ?? '');
const sizes = (args.get('--sizes') ?? '1000000,20000000').split(',').map(Number);
const concurrency = Number(args.get('--concurrency') ?? 4);
const basePort = args.has('--port') ? Number(args.get('--port')) : undefined;
const keepDir = args.get('--keep');
const serverNodeArgs = (args.get('--server-node-args') ?? '').split(' ').filter((a) => a !== '');
const SPANS_PER_REQUEST = 1000;
/**
 * Requests are generated and encoded before the clock starts, this many spans at a time
 * (~180 MB of bodies), so the ingest figure measures the server, not the load generator's CPU
 * (generating + encoding 1M spans takes ~3.5 s of the same 2 cores). Larger sizes are sent
 * in several such segments and only the sending is timed.
 */
const SEGMENT_SPANS = 1_000_000;
const rows: Row[] = [];

function* batchesOf(traceCount: number, seed: number, startMs: number): Generator<SpanData[]> {
  let batch: SpanData[] = [];
  for (const trace of generateTraces(traceCount, { seed, startMs, gapMs: 2 })) {
    batch.push(...trace.spans);
    if (batch.length >= SPANS_PER_REQUEST) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** Trace IDs to look up: every k-th generated trace, regenerated from the same seed. */
function sampleTraceIds(traceCount: number, seed: number, startMs: number, samples: number): string[] {
  const every = Math.max(1, Math.floor(traceCount / samples));
  const out: string[] = [];
  let i = 0;
  for (const trace of generateTraces(traceCount, { seed, startMs, gapMs: 2 })) if (i++ % every === 0) out.push(trace.traceId);
  return out;
}

/** Pre-encodes and sends `batches` a segment at a time; the time is the sum of the sends. */
async function ingest(port: number, batches: Iterable<SpanData[]>): Promise<LoadResult> {
  const total: LoadResult = { spans: 0, seconds: 0, retries: 0 };
  const encoded = encodeBatches(batches);
  for (;;) {
    const segment: EncodedBatch[] = [];
    let spans = 0;
    for (let next = encoded.next(); !next.done; next = encoded.next()) {
      segment.push(next.value);
      spans += next.value.spans;
      if (spans >= SEGMENT_SPANS) break;
    }
    if (segment.length === 0) return total;
    const result = await sendEncoded(port, segment, concurrency);
    total.spans += result.spans;
    total.seconds += result.seconds;
    total.retries += result.retries;
  }
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function timed(url: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url);
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  return performance.now() - started;
}

function rssOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

async function startServer(dataDir: string): Promise<{ pid: number; port: number; otlpPort: number; stop: () => Promise<void> }> {
  const port = basePort ?? 13200;
  const otlpPort = basePort === undefined ? 14318 : basePort + 1;
  const grpcPort = basePort === undefined ? 14317 : basePort + 2;
  const child = spawn(process.execPath, [...serverNodeArgs, 'bin/tracescope.mjs', 'serve', '--data', dataDir, '--port', String(port), '--otlp-http-port', String(otlpPort), '--otlp-grpc-port', String(grpcPort), '--max-disk', '100GB', '--retention', '30d'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('OTLP HTTP receiver')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`tracescope serve exited with ${code}`)));
  });
  return {
    pid: child.pid ?? 0,
    port,
    otlpPort,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * Trace-by-ID lookups: WARMUP_LOOKUPS first (the read path's code and DuckDB's caches go cold
 * during a long ingest: the first lookups after it took 20–50 ms; reported on their own row),
 * then MEASURED_LOOKUPS for p50/p99. A p99 of 200 lookups was the second-slowest one, which
 * swung by ±30% between runs of the same code; of 1000 it is the eleventh-slowest.
 */
const WARMUP_LOOKUPS = 20;
const MEASURED_LOOKUPS = 1000;

async function measureQueries(label: string, port: number, sample: string[]) {
  const base = `http://127.0.0.1:${port}`;
  // Warm-up IDs spread over the sample (it is in arrival order), the rest measured.
  const every = Math.floor(sample.length / WARMUP_LOOKUPS);
  const warmupIds = sample.filter((_, i) => i % every === 0).slice(0, WARMUP_LOOKUPS);
  const traceIds = sample.filter((id) => !warmupIds.includes(id)).slice(0, MEASURED_LOOKUPS);
  const warmup: number[] = [];
  for (const id of warmupIds) warmup.push(await timed(`${base}/api/traces/${id}`));
  console.error(label, 'warm-up lookups', warmup.map((ms) => ms.toFixed(1)).join(', '));
  const byId: number[] = [];
  for (const id of traceIds) byId.push(await timed(`${base}/api/traces/${id}`));
  console.error(label, `slowest by ID of ${byId.length}`, byId.map((ms, i) => [ms, i] as const).sort((a, b) => b[0] - a[0]).slice(0, 12).map(([ms, i]) => `#${i} ${ms.toFixed(1)}`).join(', '));
  const queries = [
    ...SERVICES.map((s) => `tags=${encodeURIComponent(`service.name=${s}`)}&limit=20`),
    ...ROUTES.map((r) => `q=${encodeURIComponent(`{ span.http.route = "${r}" && status = error }`)}&limit=20`),
    ...[50, 100, 200, 250].map((ms) => `minDuration=${ms}ms&limit=20`),
    ...SERVICES.map((s) => `q=${encodeURIComponent(`{ resource.service.name = "${s}" && duration > 100ms }`)}&limit=20`),
  ];
  const search: number[] = [];
  for (const q of queries) search.push(await timed(`${base}/api/search?${q}`));
  rows.push(
    { figure: `${label}: first trace by ID after ingest (warm-up)`, value: warmup[0] ?? 0, unit: 'ms' },
    { figure: `${label}: slowest of ${warmup.length} warm-up lookups`, value: Math.max(...warmup), unit: 'ms' },
    { figure: `${label}: trace by ID p50 (${byId.length} lookups)`, value: percentile(byId, 50), unit: 'ms' },
    { figure: `${label}: trace by ID p99`, value: percentile(byId, 99), unit: 'ms', target: label.startsWith('20M') ? { op: '<=', value: 20 } : undefined },
    { figure: `${label}: search p50`, value: percentile(search, 50), unit: 'ms' },
    { figure: `${label}: search p99`, value: percentile(search, 99), unit: 'ms', target: label.startsWith('20M') ? { op: '<=', value: 200 } : undefined },
  );
}

function printTable() {
  const lines = rows.map((row) => {
    const value = `${row.value.toFixed(row.unit === 'spans/s' || row.unit === 'MB' ? 0 : 1)} ${row.unit}`;
    if (!row.target) return [row.figure, value, '', ''];
    const ratio = row.target.op === '<=' ? row.value / row.target.value : row.target.value / row.value;
    return [row.figure, value, `${row.target.op} ${row.target.value} ${row.unit}`, `${ratio.toFixed(2)}${ratio > 1 ? '  MISSED' : ''}`];
  });
  const header = ['figure', 'value', 'target', 'ratio'];
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const fmt = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ');
  console.log(fmt(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const line of lines) console.log(fmt(line));
}

const dataDir = keepDir ?? (await mkdtemp(join(tmpdir(), 'tracescope-bench-')));
const server = await startServer(dataDir);
try {
  let stored = 0;
  let seed = 1;
  const startMs = Date.now() - 6 * 86_400_000;
  for (const size of sizes) {
    const traces = Math.ceil((size - stored) / 8);
    const result = await ingest(server.otlpPort, batchesOf(traces, seed, startMs + stored));
    stored += result.spans;
    const label = size >= 1e6 ? `${size / 1e6}M spans` : `${size / 1e3}k spans`;
    rows.push({ figure: `ingest to ${label} (${concurrency} clients, OTLP/HTTP)`, value: result.spans / result.seconds, unit: 'spans/s', target: { op: '>=', value: 100_000 } });
    await measureQueries(label, server.port, sampleTraceIds(traces, seed, startMs + stored - result.spans, WARMUP_LOOKUPS + MEASURED_LOOKUPS));
    const mem = rssOf(server.pid);
    rows.push({ figure: `${label}: server RSS (peak)`, value: mem.peak / 1e6, unit: 'MB', target: { op: '<=', value: 1500 } });
    seed++;
    console.error(`${label}: stored ${stored} spans (${result.retries} retried requests)`);
  }
} finally {
  await server.stop();
  if (keepDir === undefined) await rm(dataDir, { recursive: true, force: true });
}
printTable();
