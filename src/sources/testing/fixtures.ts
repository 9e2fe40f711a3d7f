/** The recorded payloads in src/sources/__fixtures__, for tests (Node only). */
import { readFileSync } from 'node:fs';

/** Parsed JSON of a fixture, by its path under `__fixtures__` (e.g. `tempo/trace-v1-….json`). */
export function readFixture(path: string): unknown {
  return JSON.parse(readFileSync(new URL(`../__fixtures__/${path}`, import.meta.url), 'utf8'));
}
