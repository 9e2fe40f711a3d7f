/**
 * `tracescope demo`: the embedded backend (unless --endpoint), the twelve services and the load,
 * until --duration or Ctrl-C; then load, services and backend stop in that order, each flushed.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import type { CliIO } from '../server/cli/io.ts';
import { parseServeOptions } from '../server/cli/serveOptions.ts';
import { startTracescope } from '../server/serve.ts';
import type { RunningTracescope } from '../server/serve.ts';
import { DEMO_USAGE, DemoOptionError, parseDemoOptions } from './options.ts';
import type { DemoCliOptions } from './options.ts';
import { DEMO_DEFAULTS, startDemo } from './run.ts';
import type { RunningDemo } from './run.ts';

export { DEMO_USAGE } from './options.ts';

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export async function runDemo(args: string[], io: CliIO): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(DEMO_USAGE);
    return 0;
  }
  let options: DemoCliOptions;
  try {
    options = parseDemoOptions(args);
  } catch (error) {
    if (!(error instanceof DemoOptionError)) throw error;
    io.stderr.write(`tracescope demo: ${error.message}\n`);
    return 2;
  }
  const log = (line: string) => io.stdout.write(`${line}\n`);
  let backend: RunningTracescope | null = null;
  let demo: RunningDemo | null = null;
  let interrupted = false;
  const interrupt = new Promise<void>((done) => {
    const stop = () => {
      interrupted = true;
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  try {
    if (options.endpoint === null) backend = await startBackend(options, io);
    const otlp = backend
      ? { grpc: `http://127.0.0.1:${backend.ports.otlpGrpc}`, http: `http://127.0.0.1:${backend.ports.otlpHttp}` }
      : { grpc: options.grpcEndpoint ?? '', http: options.endpoint ?? '' };
    log(`starting 12 services (OTLP gRPC ${otlp.grpc}, OTLP HTTP ${otlp.http})…`);
    const starting = startDemo({ ...DEMO_DEFAULTS, otlp, rate: options.rate, durationMs: options.durationMs, servicesBasePort: options.servicesPort, log });
    demo = await Promise.race([starting, interrupt.then(() => null)]);
    if (!demo) {
      await (await starting.catch(() => null))?.stop();
      return 130;
    }
    log(`load: ${options.rate} requests/s on http://127.0.0.1:${demo.ports['edge-gateway']}/ (edge-gateway)`);
    if (backend) log(`Tracescope demo running: open http://127.0.0.1:${backend.ports.query}/`);
    else log(`Tracescope demo running: sending to ${otlp.http} and ${otlp.grpc}`);
    const status = setInterval(() => {
      const s = demo?.load.stats;
      if (s) log(`requests ${s.sent} (ok ${s.ok}, failed ${s.failed}, dropped ${s.dropped}), batch traces ${s.batches}`);
    }, 60_000);
    await Promise.race([demo.elapsed, interrupt]);
    clearInterval(status);
    log(interrupted ? 'stopping (Ctrl-C)…' : 'duration reached, stopping…');
    return 0;
  } catch (error) {
    io.stderr.write(`tracescope demo: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await demo?.stop();
    await backend?.close();
    if (demo || backend) log('stopped: all services exited and spans flushed');
  }
}

async function startBackend(options: DemoCliOptions, io: CliIO): Promise<RunningTracescope> {
  const serveOptions = parseServeOptions(
    ['--port', String(options.port), '--otlp-grpc-port', String(options.otlpGrpcPort), '--otlp-http-port', String(options.otlpHttpPort), '--data', options.dataDir],
    process.env,
  );
  const staticDir = join(PROJECT_ROOT, 'dist');
  if (!existsSync(join(staticDir, 'index.html'))) {
    io.stdout.write('building the app (first start only)…\n');
    const { build } = await import('vite');
    await build({ root: PROJECT_ROOT, configFile: join(PROJECT_ROOT, 'vite.config.ts'), logLevel: 'warn' });
  }
  return startTracescope(serveOptions, { staticDir, log: (line) => io.stdout.write(`${line}\n`) });
}
