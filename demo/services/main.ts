/**
 * Entry point of one demo service process (spawned by the supervisor with
 * `node --import demo/otel/register.mjs demo/services/main.ts`). DEMO_SERVICE names the service;
 * its routes come from ./<name>.ts. Tells the parent "ready" over IPC, and on SIGTERM/SIGINT or
 * when the parent goes away closes the server, flushes its spans and exits.
 */
import { SERVICE_NAMES } from '../topology.ts';
import type { ServiceName } from '../topology.ts';
import { startServer } from './runtime.ts';
import type { Routes } from './runtime.ts';

const name = process.env.DEMO_SERVICE as ServiceName;
if (!SERVICE_NAMES.includes(name)) throw new Error(`DEMO_SERVICE must be one of ${SERVICE_NAMES.join(', ')}`);

const module = (await import(`./${name}.ts`)) as { routes: Routes; init?: () => Promise<void> };
await module.init?.();
const server = await startServer(name, module.routes);
process.send?.({ type: 'ready', service: name });

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  server.close();
  server.closeAllConnections();
  const shutdown = (globalThis as { __demoSdkShutdown?: () => Promise<void> }).__demoSdkShutdown;
  await Promise.race([shutdown?.(), new Promise((resolve) => setTimeout(resolve, 4_000))]).catch(() => {});
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
process.on('disconnect', () => void stop());
// Crash on purpose (the supervisor restarts the service): used to show and test restarts.
process.on('message', (message: { type?: string }) => {
  if (message?.type === 'crash') throw new Error(`${name}: crash requested`);
});
