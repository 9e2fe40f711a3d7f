/**
 * Runs each demo service as its own Node process and keeps it running: a crash is logged and the
 * service restarted with exponential backoff while the others carry on; `stop()` terminates every
 * child, waits for it to exit (each flushes its spans first) and kills stragglers.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import type { PortMap, ServiceSpec } from './topology.ts';

const DEMO_DIR = dirname(fileURLToPath(import.meta.url));
const REGISTER = join(DEMO_DIR, 'otel', 'register.mjs');
const MAIN = join(DEMO_DIR, 'services', 'main.ts');
const STOP_GRACE_MS = 6_000;

export interface OtlpEndpoints {
  /** OTLP/gRPC, e.g. http://127.0.0.1:4317 */
  readonly grpc: string;
  /** OTLP/HTTP base, e.g. http://127.0.0.1:4318 (the exporter appends /v1/traces) */
  readonly http: string;
}

interface Managed {
  readonly spec: ServiceSpec;
  child: ChildProcess | null;
  restarts: number;
  /** Quick crashes in a row: the backoff exponent. */
  streak: number;
  startedAt: number;
  timer: NodeJS.Timeout | null;
}

export class Supervisor {
  private readonly services: Managed[];
  private stopping = false;

  constructor(
    specs: readonly ServiceSpec[],
    private readonly ports: PortMap,
    private readonly otlp: OtlpEndpoints,
    private readonly log: (line: string) => void,
  ) {
    this.services = specs.map((spec) => ({ spec, child: null, restarts: 0, streak: 0, startedAt: 0, timer: null }));
  }

  /** Starts every service; resolves when all are listening. */
  async start(timeoutMs = 60_000): Promise<void> {
    await Promise.all(this.services.map((s) => this.spawn(s, timeoutMs)));
  }

  /** Restart counts by service (for tests and the status line). */
  restarts(): Record<string, number> {
    return Object.fromEntries(this.services.map((s) => [s.spec.name, s.restarts]));
  }

  pid(name: string): number | undefined {
    return this.services.find((s) => s.spec.name === name)?.child?.pid;
  }

  /** Asks a service to crash (it throws an uncaught error), to show the restart. */
  crash(name: string): boolean {
    return this.services.find((s) => s.spec.name === name)?.child?.send({ type: 'crash' }) ?? false;
  }

  private spawn(service: Managed, timeoutMs: number): Promise<void> {
    const { spec } = service;
    const child = spawn(process.execPath, ['--import', REGISTER, MAIN], {
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: {
        ...process.env,
        DEMO_SERVICE: spec.name,
        DEMO_SERVICE_VERSION: spec.version,
        DEMO_PORTS: JSON.stringify(this.ports),
        DEMO_OTLP_PROTOCOL: spec.protocol,
        DEMO_OTLP_URL: spec.protocol === 'grpc' ? this.otlp.grpc : this.otlp.http,
        OTEL_METRICS_EXPORTER: 'none',
        OTEL_LOGS_EXPORTER: 'none',
      },
    });
    service.child = child;
    service.startedAt = Date.now();
    for (const stream of [child.stdout, child.stderr]) {
      if (stream) createInterface({ input: stream }).on('line', (line) => this.log(`[${spec.name}] ${line}`));
    }
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${spec.name} did not start within ${timeoutMs} ms`)), timeoutMs);
      child.on('message', (message: { type?: string }) => {
        if (message?.type !== 'ready') return;
        clearTimeout(timer);
        resolve();
      });
      child.once('exit', () => {
        clearTimeout(timer);
        reject(new Error(`${spec.name} exited before it was ready`));
      });
    });
    child.once('exit', (code, signal) => this.onExit(service, child, code, signal));
    return ready;
  }

  private onExit(service: Managed, child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (service.child !== child) return;
    service.child = null;
    if (this.stopping) return;
    // Backoff doubles per quick crash (0.5 s … 15 s); a service that ran a minute starts over.
    if (Date.now() - service.startedAt > 60_000) service.streak = 0;
    const delay = Math.min(15_000, 500 * 2 ** service.streak);
    service.streak++;
    service.restarts++;
    this.log(`${service.spec.name} exited (${signal ?? `code ${code}`}); restarting in ${delay} ms`);
    service.timer = setTimeout(() => {
      service.timer = null;
      if (this.stopping) return;
      this.spawn(service, 60_000).then(
        () => this.log(`${service.spec.name} restarted`),
        (error: Error) => this.log(`${service.spec.name}: restart failed: ${error.message}`),
      );
    }, delay);
  }

  /** Stops every child: SIGTERM, wait for exit (they flush spans), SIGKILL after a grace period. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(
      this.services.map(async (service) => {
        if (service.timer) clearTimeout(service.timer);
        const child = service.child;
        if (!child || child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
        await exited;
        clearTimeout(killer);
      }),
    );
  }
}
