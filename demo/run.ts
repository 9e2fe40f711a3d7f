/**
 * The demo, programmatically: the twelve service processes (supervised) plus the load generator,
 * sending to the given OTLP endpoints. `cli.ts` adds the embedded backend and the command line.
 */
import { SERVICES } from './topology.ts';
import type { PortMap } from './topology.ts';
import { Supervisor } from './supervisor.ts';
import type { OtlpEndpoints } from './supervisor.ts';
import { LoadGenerator } from './load/generator.ts';
import { servicePorts } from './ports.ts';

export interface DemoOptions {
  readonly otlp: OtlpEndpoints;
  /** Requests per second on the edge gateway. */
  readonly rate: number;
  /** 0: run until stopped. */
  readonly durationMs: number;
  /** First service port (12 consecutive ports), or 0 for free ports. */
  readonly servicesBasePort: number;
  readonly batchFirstMs: number;
  readonly batchEveryMs: number;
  readonly log: (line: string) => void;
}

export const DEMO_DEFAULTS = { rate: 28, durationMs: 0, servicesBasePort: 0, batchFirstMs: 20_000, batchEveryMs: 5 * 60_000 } as const;

export interface RunningDemo {
  readonly ports: PortMap;
  readonly supervisor: Supervisor;
  readonly load: LoadGenerator;
  /** Resolves when --duration has elapsed (never when 0). */
  readonly elapsed: Promise<void>;
  /** Stops the load (waiting for requests in flight), then every service (they flush their spans). */
  stop(): Promise<void>;
}

export async function startDemo(options: DemoOptions): Promise<RunningDemo> {
  const ports = await servicePorts(options.servicesBasePort);
  const supervisor = new Supervisor(SERVICES, ports, options.otlp, options.log);
  try {
    await supervisor.start();
  } catch (error) {
    await supervisor.stop();
    throw error;
  }
  const load = new LoadGenerator({
    edgeUrl: `http://127.0.0.1:${ports['edge-gateway']}`,
    rate: options.rate,
    batchFirstMs: options.batchFirstMs,
    batchEveryMs: options.batchEveryMs,
  });
  load.start();
  let timer: NodeJS.Timeout | undefined;
  const elapsed = new Promise<void>((resolve) => {
    if (options.durationMs > 0) timer = setTimeout(resolve, options.durationMs);
  });
  let stopped: Promise<void> | undefined;
  return {
    ports,
    supervisor,
    load,
    elapsed,
    stop: () =>
      (stopped ??= (async () => {
        clearTimeout(timer);
        await load.stop();
        await supervisor.stop();
      })()),
  };
}
