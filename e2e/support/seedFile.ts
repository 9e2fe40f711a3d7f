/** Where global setup writes what it sent, and how specs read it. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SentTrace } from './sdkTrace';

/**
 * Runs on their own E2E_PORT (parallel runs in one checkout) each keep their own file, so one
 * run's seeding never overwrites the trace IDs another run's specs are reading.
 */
export const SEED_FILE = process.env.E2E_PORT
  ? join(tmpdir(), `tracescope-e2e-seed-${process.env.E2E_PORT}.json`)
  : fileURLToPath(new URL('../.seed.json', import.meta.url));

export interface SeedData {
  /** Each seeder's own result, by the seeder's file name (`base` for seed/base.seed.ts). */
  readonly seeders: Readonly<Record<string, unknown>>;
  /** Every trace sent by every seeder. */
  readonly traces: readonly SentTrace[];
  /** When seeding finished, epoch ms. */
  readonly seededAt: number;
}

export function readSeed(): SeedData {
  return JSON.parse(readFileSync(SEED_FILE, 'utf8')) as SeedData;
}

/** One seeder's result, typed by the caller. */
export function seederResult<T>(name: string): T {
  const value = readSeed().seeders[name];
  if (value === undefined) throw new Error(`seeder ${name} did not run (see e2e/seed/${name}.seed.ts)`);
  return value as T;
}
