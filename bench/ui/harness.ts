/**
 * What the browser benchmarks share: a real `tracescope serve` on its own data dir and ports,
 * rAF frame times recorded in the page, and percentiles.
 */
import { spawn } from 'node:child_process';
import type { Page } from '@playwright/test';

export interface ServerOptions {
  readonly dataDir: string;
  readonly port: number;
  /** The built app to serve (TRACESCOPE_STATIC_DIR). */
  readonly staticDir: string;
  /** Extra `serve` flags (e.g. a larger --max-disk for big stores). */
  readonly extraArgs?: readonly string[];
}

/** Starts the server; resolves once its OTLP HTTP receiver listens, with a stop function. */
export async function startServer({ dataDir, port, staticDir, extraArgs = [] }: ServerOptions): Promise<() => Promise<void>> {
  const child = spawn(
    process.execPath,
    ['bin/tracescope.mjs', 'serve', '--data', dataDir, '--port', String(port), '--otlp-http-port', String(port + 1), '--otlp-grpc-port', String(port + 2), ...extraArgs],
    { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, TRACESCOPE_STATIC_DIR: staticDir } },
  );
  await new Promise<void>((ok, fail) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('OTLP HTTP receiver')) ok();
    });
    child.once('exit', (code) => fail(new Error(`tracescope serve exited with ${code}`)));
  });
  child.stdout.resume();
  return () =>
    new Promise<void>((done) => {
      child.once('exit', () => done());
      child.kill('SIGTERM');
    });
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

/** rAF deltas (ms) recorded in the page while `act` runs. */
export async function frameTimes(page: Page, act: () => Promise<void>): Promise<number[]> {
  // A string, not a function: tsx's name-keeping helpers do not exist in the page.
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__recording = true;
    let last = 0;
    const tick = (now) => {
      window.__frames.push(now - last);
      last = now;
      if (window.__recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame((now) => {
      last = now;
      requestAnimationFrame(tick);
    });
  })()`);
  await act();
  return page.evaluate<number[]>(`(() => {
    window.__recording = false;
    return window.__frames;
  })()`);
}

/** One line of a benchmark's table: a figure, and its target when it has one. */
export interface Row {
  figure: string;
  value: number;
  unit: string;
  target?: number;
}

/** Prints figure | value | target | ratio; a ratio over 1 says MISSED. `show` formats a value with its unit. */
export function printTable(rows: readonly Row[], show: (row: Row) => string): void {
  const lines = rows.map((row) => {
    const value = show(row);
    if (row.target === undefined) return [row.figure, value, '', ''];
    const ratio = row.value / row.target;
    return [row.figure, value, `≤ ${row.target} ${row.unit}`, `${ratio.toFixed(2)}${ratio > 1 ? '  MISSED' : ''}`];
  });
  const header = ['figure', 'value', 'target', 'ratio'];
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const fmt = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ');
  console.log(fmt(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const line of lines) console.log(fmt(line));
}
