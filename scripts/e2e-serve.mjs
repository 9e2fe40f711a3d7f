// Starts `tracescope serve` for the browser tests on a fresh data directory (so every run sees
// only what its global setup sent), on the ports e2e/support/ports.ts names.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';

const port = Number(process.env.E2E_PORT ?? 4391);
const data = mkdtempSync(join(tmpdir(), 'tracescope-e2e-'));
const child = spawn(
  process.execPath,
  ['bin/tracescope.mjs', 'serve', '--port', String(port), '--otlp-http-port', String(port + 1), '--otlp-grpc-port', String(port + 2), '--data', data],
  { stdio: 'inherit' },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
