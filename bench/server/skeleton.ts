/**
 * Trace view fast path benchmark: a real `tracescope serve`, one big trace per size (bench/ui/
 * bigTrace.ts plus four more attributes per span, so 1M spans have 5M attribute rows) ingested
 * over OTLP/HTTP, then over HTTP: the skeleton, span by ID and find, next to the full trace
 * (`/api/v2/traces/{id}`) they replace on first paint.
 *
 *   node bin/tsx-run.mjs bench/server/skeleton.ts [--sizes 100000,1000000] [--port 14400]
 *                                                 [--runs 3] [--data /tmp/dir]
 *
 * Times are wall clock from request to the whole body read, median of --runs (min in brackets).
 * With --data the store is kept there and reused by later runs (ingesting 1M spans takes ~1 min);
 * without it a temp dir is used and removed. Uses ports --port .. --port + 2.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Attribute, SpanData } from '../../src/model/types';
import { findPath, skeletonPath, spanPath } from '../../src/sources/skeleton/format';
import { bigTraceBatches, bigTraceId } from '../ui/bigTrace';
import { printTable, startServer, type Row } from '../ui/harness';
import { sendBatches } from './otlpClient';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i] ?? '', process.argv[i + 1] ?? '');
const sizes = (args.get('--sizes') ?? '100000,1000000').split(',').map(Number);
const port = Number(args.get('--port') ?? 14400);
const runs = Number(args.get('--runs') ?? 3);
const keep = args.get('--data');
const base = `http://127.0.0.1:${port}`;

const label = (n: number): string => (n >= 1e6 ? `${n / 1e6}M` : `${n / 1e3}k`);

/** bigTrace's spans with four more attributes (string, int, long string, double). */
function* withAttributes(batches: Iterable<SpanData[]>): Generator<SpanData[]> {
  let i = 0;
  for (const batch of batches) {
    yield batch.map((span) => {
      const n = i++;
      const extra: Attribute[] = [
        { key: 'http.method', value: { type: 'string', value: n % 3 === 0 ? 'POST' : 'GET' } },
        { key: 'http.status_code', value: { type: 'int', value: BigInt(200 + (n % 7)) } },
        { key: 'db.statement', value: { type: 'string', value: `SELECT * FROM t${n % 101} WHERE id = ${n}` } },
        { key: 'load', value: { type: 'double', value: (n % 17) / 4 } },
      ];
      return { ...span, attributes: [...span.attributes, ...extra] };
    });
  }
}

/** ms from request to the whole body; throws unless 200. */
async function timed(path: string): Promise<{ ms: number; bytes: number; body: ArrayBuffer }> {
  const started = performance.now();
  const response = await fetch(`${base}${path}`);
  const body = await response.arrayBuffer();
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`${path}: ${response.status} ${new TextDecoder().decode(body).slice(0, 200)}`);
  return { ms, bytes: body.byteLength, body };
}

async function median(path: string, n = runs): Promise<{ median: number; min: number; bytes: number; body: ArrayBuffer }> {
  const results = [];
  for (let i = 0; i < n; i++) results.push(await timed(path));
  const times = results.map((r) => r.ms).sort((a, b) => a - b);
  const last = results[results.length - 1]!;
  return { median: times[Math.floor(times.length / 2)]!, min: times[0]!, bytes: last.bytes, body: last.body };
}

/** The skeleton's span count, or 0 while the trace is not (fully) stored. */
async function storedSpans(traceId: string): Promise<number> {
  const response = await fetch(`${base}${skeletonPath(traceId)}`).catch(() => undefined);
  if (!response?.ok) return 0;
  const bytes = new Uint8Array(await response.arrayBuffer());
  const length = new DataView(bytes.buffer).getUint32(4, true);
  return (JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length))) as { spanCount: number }).spanCount;
}

const rows: Row[] = [];
const notes: string[] = [];

async function measure(size: number, seed: number): Promise<void> {
  const name = label(size);
  const traceId = bigTraceId(seed);
  if ((await storedSpans(traceId)) < size) {
    const started = performance.now();
    await sendBatches(port + 1, withAttributes(bigTraceBatches(size, seed, Date.now() - 3_600_000)), 2);
    const deadline = Date.now() + 600_000;
    while ((await storedSpans(traceId)) < size) {
      if (Date.now() > deadline) throw new Error(`trace ${traceId} not stored within 10 min`);
      await new Promise((r) => setTimeout(r, 500));
    }
    console.error(`${name}: ingested in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  const add = (figure: string, r: { median: number; min: number }, target?: number) => {
    rows.push({ figure: `${name}: ${figure}`, value: r.median, unit: 'ms', target });
    notes.push(`${name}: ${figure}: min ${r.min.toFixed(0)} ms`);
  };
  const skeleton = await median(skeletonPath(traceId));
  add(`skeleton (${(skeleton.bytes / 1e6).toFixed(1)} MB)`, skeleton, size >= 1e6 ? 1000 : undefined);
  // Span IDs as bigTrace writes them: seed (4 hex) + index + 1 (12 hex).
  const spanIdOf = (i: number) => `${(seed & 0xffff).toString(16).padStart(4, '0')}${(i + 1).toString(16).padStart(12, '0')}`;
  const picks = Array.from({ length: 10 }, (_, k) => Math.floor(((k + 0.5) / 10) * size));
  const spanTimes = [];
  for (const i of picks) spanTimes.push((await median(spanPath(traceId, spanIdOf(i)), 1)).median);
  spanTimes.sort((a, b) => a - b);
  add('span by ID (10 spans)', { median: spanTimes[5]!, min: spanTimes[0]! });
  const find = async (figure: string, terms: string[]) => {
    const r = await median(`${findPath(traceId)}?${terms.map((t) => `term=${encodeURIComponent(t)}`).join('&')}`);
    const body = JSON.parse(new TextDecoder().decode(r.body)) as { terms: { spanIds: string[] }[] };
    add(`find ${figure} → ${body.terms.map((t) => t.spanIds.length).join('/')} spans`, r);
  };
  await find('1 term, no match', ['no such text']);
  await find('1 term, rare', [`bench.index=${Math.floor(size / 3)}`]);
  await find('4 terms, common', ['t17 where', 'POST', 'status_code=203', 'compute']);
  const v2 = await median(`/api/v2/traces/${traceId}`, size >= 1e6 ? 1 : runs);
  add(`/api/v2/traces (${(v2.bytes / 1e6).toFixed(1)} MB)`, v2);
}

const dataDir = keep ?? (await mkdtemp(join(tmpdir(), 'bench-skeleton-')));
// The server builds the app when it finds no index.html: a stub keeps startup instant.
const staticDir = await mkdtemp(join(tmpdir(), 'bench-skeleton-static-'));
await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>bench</title>');
const stop = await startServer({ dataDir, port, staticDir, extraArgs: ['--max-disk', '20GB'] });
try {
  for (const [i, size] of sizes.entries()) await measure(size, 100 + i);
} finally {
  await stop();
  await rm(staticDir, { recursive: true, force: true });
  if (keep === undefined) await rm(dataDir, { recursive: true, force: true });
}
printTable(rows, (row) => `${row.value.toFixed(0)} ms`);
for (const note of notes) console.log(`  ${note}`);
