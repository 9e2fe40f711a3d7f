/**
 * One benchmark measurement in a fresh process, so figures of different sizes never mix:
 *
 *   node --expose-gc --max-old-space-size=4096 bin/tsx-run.mjs bench/measureImport.ts N [FILE]
 *
 * Reads FILE (an OTLP JSON request of N spans written by `bench/run.ts`; generated here when
 * absent — then generation garbage can inflate the peak RSS), times JSON.parse → importAuto →
 * buildTraces, and prints one JSON line of `Measurement` on stdout.
 */
import { readFileSync } from 'node:fs';
import { importAuto } from '../src/sources/detect';
import { buildTraces } from '../src/model/buildTrace';
import type { Trace } from '../src/model/types';
import type { ImportResult } from '../src/sources/importResult';
import { generateOtlp } from './generateOtlp';

export interface Measurement {
  readonly spans: number;
  readonly textChars: number;
  /** Reading the file into a string (not part of `totalMs`). */
  readonly readMs: number;
  readonly parseMs: number;
  readonly importMs: number;
  readonly buildMs: number;
  /** parse + import + build. */
  readonly totalMs: number;
  /** CPU time (user + system, all threads) spent in parse, import and build: less sensitive than wall time to a busy machine. */
  readonly parseCpuMs: number;
  readonly importCpuMs: number;
  readonly buildCpuMs: number;
  readonly importedSpans: number;
  readonly traceCount: number;
  /** Peak resident set size of the process over its whole life, bytes. */
  readonly peakRssBytes: number;
  /** After a full GC with only the built traces alive. */
  readonly heapUsedAfterBuildBytes: number;
  readonly rssAfterBuildBytes: number;
  /** null when the module is not there. */
  readonly criticalPathMs: number | null;
  readonly selfTimesMs: number | null;
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

async function measure(spans: number, file: string | undefined): Promise<Measurement> {
  let peakRss = 0;
  const sample = () => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  };

  let text: string | undefined;
  let readMs = 0;
  if (file) [text, readMs] = timed(() => readFileSync(file, 'utf8'));
  else text = generateOtlp(spans);
  const textChars = text.length;
  collectGarbage();
  sample();

  const cpu0 = cpuMs();
  const parseStart = performance.now();
  let json: unknown = JSON.parse(text);
  const parseMs = performance.now() - parseStart;
  const cpu1 = cpuMs();
  text = undefined; // as in the CLI: the text is garbage once parsed
  sample();

  const imported = timed(() => importAuto(json));
  let result: ImportResult | undefined = imported[0];
  const importMs = imported[1];
  json = undefined;
  const cpu2 = cpuMs();
  sample();

  const [traces, buildMs] = timed(() => buildTraces(result!.spans));
  const cpu3 = cpuMs();
  const importedSpans = result.spans.length;
  result = undefined; // only the traces stay alive, as in the viewer
  sample();

  collectGarbage();
  const after = process.memoryUsage();
  sample();

  const criticalPathSpans = await optionalFunction('../src/model/criticalPath.ts', 'criticalPathSpans');
  const selfTimes = await optionalFunction('../src/model/selfTime.ts', 'selfTimes');
  const largest = traces.reduce<Trace | undefined>((a, t) => (!a || t.spans.length > a.spans.length ? t : a), undefined);
  const criticalPathMs = criticalPathSpans && largest ? timed(() => criticalPathSpans(largest))[1] : null;
  const selfTimesMs = selfTimes && largest ? timed(() => selfTimes(largest))[1] : null;
  sample();

  // ru_maxrss is in kilobytes on Linux and macOS.
  peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);
  return {
    spans,
    textChars,
    readMs,
    parseMs,
    importMs,
    buildMs,
    totalMs: parseMs + importMs + buildMs,
    parseCpuMs: cpu1 - cpu0,
    importCpuMs: cpu2 - cpu1,
    buildCpuMs: cpu3 - cpu2,
    importedSpans,
    traceCount: traces.length,
    peakRssBytes: peakRss,
    heapUsedAfterBuildBytes: after.heapUsed,
    rssAfterBuildBytes: after.rss,
    criticalPathMs,
    selfTimesMs,
  };
}

const [countArg, file] = process.argv.slice(2);
const count = Number(countArg);
if (!Number.isInteger(count) || count < 1) {
  process.stderr.write('usage: measureImport.ts SPANS [FILE]\n');
  process.exit(2);
}
process.stdout.write(JSON.stringify(await measure(count, file)) + '\n');
