/**
 * One benchmark measurement in a fresh process, so figures of different sizes and pipelines
 * never mix (peak RSS is per process):
 *
 *   node --expose-gc --max-old-space-size=4096 bin/tsx-run.mjs bench/measureImport.ts N FILE MODE
 *
 * FILE is an OTLP JSON request of N spans written by `bench/run.ts`. MODE:
 * - `stream`: what loading a file does: read it in 1 MiB chunks → `decodeOtlpJsonBytes` (span
 *   records) → `buildTraces` (completing them in place). The bytes are never held whole, nor as a string.
 * - `parse`: the comparison: read it as a string → `JSON.parse` → `importAuto` (→
 *   `decodeResourceSpans`) → `buildTraces`.
 * Prints one JSON line of `Measurement` on stdout.
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { importAuto } from '../src/sources/detect';
import { decodeOtlpJsonBytes } from '../src/sources/otlp/streamingDecoder';
import { buildTraces } from '../src/model/buildTrace';
import type { SpanData, Trace } from '../src/model/types';

export type Mode = 'stream' | 'parse';

export interface Measurement {
  readonly mode: Mode;
  readonly spans: number;
  /** stream: reading + decoding the bytes. parse: reading the file into a string (not in `totalMs`). */
  readonly readMs: number;
  /** parse only (0 for stream): `JSON.parse`, and `importAuto` of the parsed JSON. */
  readonly parseMs: number;
  readonly importMs: number;
  readonly buildMs: number;
  /** stream: read+decode + build. parse: parse + import + build. */
  readonly totalMs: number;
  /** CPU time (user + system, all threads) of the same phases: less sensitive to a busy machine. */
  readonly decodeCpuMs: number;
  readonly buildCpuMs: number;
  readonly importedSpans: number;
  readonly issueCount: number;
  readonly traceCount: number;
  /** Peak resident set size of the process up to the built model (the analyses after it excluded), bytes. */
  readonly peakRssBytes: number;
  /** After a full GC with only the built traces alive. */
  readonly heapUsedAfterBuildBytes: number;
  readonly rssAfterBuildBytes: number;
  /** null when the module is not there (stream mode only). */
  readonly criticalPathMs: number | null;
  readonly selfTimesMs: number | null;
  /**
   * Stream only (else null): reading every span's `attributes` of the largest trace (what find
   * does once), the first time (packed lists are decoded then) and again.
   */
  readonly allAttributesFirstMs: number | null;
  readonly allAttributesAgainMs: number | null;
}

type TraceFn = (trace: Trace) => unknown;

/** Imports an optional model module by path; null when it is missing or lacks `name`. */
async function optionalFunction(path: string, name: string): Promise<TraceFn | null> {
  try {
    const mod = (await import(path)) as Record<string, unknown>;
    const fn = mod[name];
    return typeof fn === 'function' ? (fn as TraceFn) : null;
  } catch {
    return null;
  }
}

/** Total CPU time of the process (all threads, incl. GC helpers) in ms. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function timed<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const value = fn();
  return [value, performance.now() - t0];
}

function collectGarbage(): void {
  if (typeof globalThis.gc === 'function') globalThis.gc();
}

/** The file as 1 MiB chunks, read on demand into one reused buffer (the decoder copies what it keeps). */
function* fileChunks(file: string): Generator<Uint8Array> {
  const fd = openSync(file, 'r');
  try {
    const buffer = new Uint8Array(1 << 20);
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) return;
      yield buffer.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}

interface Decoded {
  spans: SpanData[];
  issueCount: number;
  readMs: number;
  parseMs: number;
  importMs: number;
}

function decodeStreaming(file: string): Decoded {
  const [{ spans, issues }, readMs] = timed(() => decodeOtlpJsonBytes(fileChunks(file), '', { records: true }));
  return { spans, issueCount: issues.length, readMs, parseMs: 0, importMs: 0 };
}

function decodeParsed(file: string, sample: () => void): Decoded {
  const read = timed((): string | undefined => readFileSync(file, 'utf8'));
  const readMs = read[1];
  collectGarbage();
  sample();
  const parsed = timed((): unknown => JSON.parse(read[0] as string));
  const parseMs = parsed[1];
  read[0] = undefined; // as in the CLI: the text is garbage once parsed
  sample();
  const [result, importMs] = timed(() => importAuto(parsed[0]));
  parsed[0] = undefined;
  return { spans: result.spans, issueCount: result.issues.length, readMs, parseMs, importMs };
}

async function measure(spans: number, file: string, mode: Mode): Promise<Measurement> {
  let peakRss = 0;
  const sample = () => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  };
  collectGarbage();
  sample();

  const cpu0 = cpuMs();
  let decoded: Decoded | undefined = mode === 'stream' ? decodeStreaming(file) : decodeParsed(file, sample);
  const cpu1 = cpuMs();
  sample();

  const [traces, buildMs] = timed(() => buildTraces(decoded!.spans, { adopt: mode === 'stream' }));
  const cpu2 = cpuMs();
  const { readMs, parseMs, importMs, issueCount } = decoded;
  const importedSpans = decoded.spans.length;
  decoded = undefined; // only the traces stay alive, as in the viewer
  sample();

  collectGarbage();
  const after = process.memoryUsage();
  sample();
  // The load's peak: the analyses below (and their decoded attributes) are not part of it.
  // ru_maxrss is in kilobytes on Linux and macOS.
  peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);

  let criticalPathMs: number | null = null;
  let selfTimesMs: number | null = null;
  let allAttributesFirstMs: number | null = null;
  let allAttributesAgainMs: number | null = null;
  if (mode === 'stream') {
    const criticalPathSpans = await optionalFunction('../src/model/criticalPath.ts', 'criticalPathSpans');
    const selfTimes = await optionalFunction('../src/model/selfTime.ts', 'selfTimes');
    const largest = traces.reduce<Trace | undefined>((a, t) => (!a || t.spans.length > a.spans.length ? t : a), undefined);
    criticalPathMs = criticalPathSpans && largest ? timed(() => criticalPathSpans(largest))[1] : null;
    selfTimesMs = selfTimes && largest ? timed(() => selfTimes(largest))[1] : null;
    if (largest) {
      const readAll = () => largest.spans.reduce((n, span) => n + span.attributes.length, 0);
      allAttributesFirstMs = timed(readAll)[1];
      allAttributesAgainMs = timed(readAll)[1];
    }
  }

  const decodeMs = mode === 'stream' ? readMs : parseMs + importMs;
  return {
    mode,
    spans,
    readMs,
    parseMs,
    importMs,
    buildMs,
    totalMs: decodeMs + buildMs,
    decodeCpuMs: cpu1 - cpu0,
    buildCpuMs: cpu2 - cpu1,
    importedSpans,
    issueCount,
    traceCount: traces.length,
    peakRssBytes: peakRss,
    heapUsedAfterBuildBytes: after.heapUsed,
    rssAfterBuildBytes: after.rss,
    criticalPathMs,
    selfTimesMs,
    allAttributesFirstMs,
    allAttributesAgainMs,
  };
}

const [countArg, file, modeArg] = process.argv.slice(2);
const count = Number(countArg);
if (!Number.isInteger(count) || count < 1 || !file || (modeArg !== 'stream' && modeArg !== 'parse')) {
  process.stderr.write('usage: measureImport.ts SPANS FILE stream|parse\n');
  process.exit(2);
}
process.stdout.write(JSON.stringify(await measure(count, file, modeArg)) + '\n');
