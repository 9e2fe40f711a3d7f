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
