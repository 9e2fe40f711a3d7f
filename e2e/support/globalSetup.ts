/**
 * Seeds the embedded backend (started by Playwright's webServer) through the OpenTelemetry SDK:
 * runs every `e2e/seed/*.seed.ts` (each exports `seed(): Promise<unknown>`), flushes the
 * exporters, waits until every sent trace can be read back, and writes e2e/.seed.json.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { flushAll, sent } from './sdkTrace';
import { SEED_FILE } from './seedFile';
import type { SeedData } from './seedFile';
import { E2E_BASE_URL } from './ports';

const SEED_DIR = fileURLToPath(new URL('../seed/', import.meta.url));

export default async function globalSetup(): Promise<void> {
  const seeders: Record<string, unknown> = {};
  for (const file of readdirSync(SEED_DIR).filter((f) => f.endsWith('.seed.ts')).sort()) {
    const module = (await import(pathToFileURL(join(SEED_DIR, file)).href)) as { seed: () => Promise<unknown> };
    seeders[file.replace(/\.seed\.ts$/, '')] = await module.seed();
  }
  await flushAll();
  await waitUntilStored();
  const data: SeedData = { seeders, traces: sent, seededAt: Date.now() };
  writeFileSync(SEED_FILE, JSON.stringify(data));
}

/** Ingest is asynchronous: poll until the last sent trace of each seeder has all its spans. */
async function waitUntilStored(): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (const expected of sent) {
    for (;;) {
      const response = await fetch(`${E2E_BASE_URL}/api/v2/traces/${expected.traceId}`).catch(() => undefined);
      if (response?.ok) {
        const body = await response.text();
        const spans = body.match(/"spanId"/g)?.length ?? 0;
        if (spans >= expected.spanCount) break;
      }
      if (Date.now() > deadline) throw new Error(`trace ${expected.traceId} (${expected.spanCount} spans) not stored within 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
