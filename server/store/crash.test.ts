import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SpanStore } from './spanStore';
import { tempDir } from './testing/richSpans';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SPANS_PER_BATCH = 200;

describe('SpanStore crash safety', () => {
  it('keeps every acknowledged write after kill -9', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const child = spawn(process.execPath, ['bin/tsx-run.mjs', 'server/store/testing/killWriter.ts', dir, String(SPANS_PER_BATCH)], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
      const acked: number[] = [];
      const lines = createInterface({ input: child.stdout });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no acks in time; stderr: ${stderr}`)), 60_000);
        lines.on('line', (line) => {
          const match = /^ack (\d+)$/.exec(line);
          if (match === null) return;
          acked.push(Number(match[1]));
          // Kill mid-stream: writes are in flight now (4 writers, group commit).
          if (acked.length === 60) {
            clearTimeout(timer);
            child.kill('SIGKILL');
            resolve();
          }
        });
        void exited.then(() => reject(new Error(`writer exited early; stderr: ${stderr}`)));
      });
      expect(await exited).toBe('SIGKILL');
      lines.close();

      const store = await SpanStore.open(dir, { retentionIntervalMs: 0 });
      try {
        for (const batch of acked) {
          const summary = await store.traceSummary(`kill-${batch}`);
          expect(summary?.spanCount, `batch ${batch}`).toBe(SPANS_PER_BATCH);
          expect(await store.getTrace(`kill-${batch}`)).toHaveLength(SPANS_PER_BATCH);
        }
        // Nothing half-written either: every stored trace is complete (a commit is atomic).
        const partial = await store.read(async (c) =>
          (await c.runAndReadAll(`SELECT count(*) FROM traces WHERE span_count <> ${SPANS_PER_BATCH}`)).getRowsJS(),
        );
        expect(partial).toEqual([[0n]]);
      } finally {
        await store.close();
      }
    } finally {
      cleanup();
    }
  }, 90_000);
});
