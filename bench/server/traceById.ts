/**
 * Trace-by-ID benchmark: one big trace (bench/ui/bigTrace.ts) in a store, fetched through the
 * app in-process, timing the time to headers, the time to the full body, and `store.getTrace`.
 *
 *   node bin/tsx-run.mjs bench/server/traceById.ts [--sizes 10000,100000] [--data /tmp/dir] [--runs 3]
 *
 * With --data, each size's store is kept in <dir>/<size> and reused by later runs (ingesting
 * 1M spans takes minutes); without it a temp dir is used and removed.
 *
 * "object path" is what the JSON handlers did before the DuckDB-written stream (traceJson.ts):
 * store.getTrace → encodeResourceSpans → JSON.stringify, for a before/after in one run.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SpanStore } from '../../server/store/spanStore';
import { createApp } from '../../server/api/app';
import { encodeResourceSpans } from '../../src/sources/otlp/encodeOtlpJson';
import { bigTraceBatches, bigTraceId } from '../ui/bigTrace';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i] ?? '', process.argv[i + 1] ?? '');
const sizes = (args.get('--sizes') ?? '10000,100000').split(',').map(Number);
const runs = Number(args.get('--runs') ?? 3);
const keep = args.get('--data');
const PATHS = ['/api/v2/traces/', '/jaeger/api/v3/traces/', '/jaeger/api/traces/'];

async function openStore(size: number): Promise<{ store: SpanStore; dir: string; fresh: boolean }> {
  const dir = keep ? join(keep, String(size)) : await mkdtemp(join(tmpdir(), 'tbi-'));
  const fresh = !existsSync(join(dir, 'tracescope.duckdb'));
  const store = await SpanStore.open(dir, { retentionIntervalMs: 0 });
  if (fresh) {
    const started = performance.now();
    for (const batch of bigTraceBatches(size, 1, Date.now() - 60_000)) await store.write(batch);
    console.log(`ingested ${size} spans in ${Math.round(performance.now() - started)} ms`);
  }
  return { store, dir, fresh };
}

const ms = (t: number): string => `${Math.round(t)} ms`;

for (const size of sizes) {
  const { store, dir } = await openStore(size);
  const app = createApp({ store, staticDir: null });
  const id = bigTraceId(1);
  for (let run = 0; run < runs; run++) {
    let t = performance.now();
    const spans = await store.getTrace(id);
    const getTrace = performance.now() - t;
    const text = JSON.stringify({ trace: { resourceSpans: encodeResourceSpans(spans ?? [], 'tempo') } });
    const objectPath = performance.now() - t;
    const parts = [`${size} spans run ${run + 1}: object path ${ms(objectPath)} (getTrace ${ms(getTrace)}, ${(text.length / 1e6).toFixed(1)} MB)`];
    for (const path of PATHS) {
      t = performance.now();
      const response = await app.fetch(new Request(`http://x${path}${id}`));
      const headers = performance.now() - t;
      let bytes = 0; // counted, not decoded: Jaeger v1's 1M-span body is longer than a JS string can be
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.byteLength;
      const total = performance.now() - t;
      if (response.status !== 200) {
        parts.push(`${path} HTTP ${response.status} after ${ms(total)}`);
        continue;
      }
      parts.push(`${path} headers ${ms(headers)} body ${ms(total)} ${(bytes / 1e6).toFixed(1)} MB`);
    }
    console.log(parts.join(' | '));
  }
  await store.close();
  if (!keep) await rm(dir, { recursive: true, force: true });
}
