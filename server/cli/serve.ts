import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import type { CliIO } from './io';
import { OptionError, parseServeOptions, serveUsage } from './serveOptions';
import { startTracescope } from '../serve';

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export const SERVE_USAGE = serveUsage();

/**
 * `tracescope serve`: runs until SIGINT/SIGTERM. On a fresh clone the app is not built yet;
 * it is built once on first start so that `npx tracescope serve` needs no extra step.
 */
export async function runServe(args: string[], io: CliIO): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(`${SERVE_USAGE}\n`);
    return 0;
  }
  let options;
  try {
    options = parseServeOptions(args, process.env);
  } catch (error) {
    if (error instanceof OptionError) {
      io.stderr.write(`tracescope serve: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  // TRACESCOPE_STATIC_DIR serves another build of the app (parallel browser-test runs use it).
  const staticDir = process.env.TRACESCOPE_STATIC_DIR ?? join(PROJECT_ROOT, 'dist');
  try {
    if (!existsSync(join(staticDir, 'index.html'))) await buildApp(io);
    const running = await startTracescope(options, { staticDir, log: (line) => io.stdout.write(`${line}\n`) });
    await new Promise<void>((done) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        io.stdout.write('shutting down…\n');
        running.close().then(done, (error: unknown) => {
          io.stderr.write(`tracescope serve: error while closing: ${(error as Error).message}\n`);
          done();
        });
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    return 0;
  } catch (error) {
    io.stderr.write(`tracescope serve: ${(error as Error).message}\n`);
    return 1;
  }
}

async function buildApp(io: CliIO): Promise<void> {
  io.stdout.write('building the app (first start only)…\n');
  const { build } = await import('vite');
  await build({ root: PROJECT_ROOT, configFile: join(PROJECT_ROOT, 'vite.config.ts'), logLevel: 'warn' });
}
