/**
 * Child process for the crash test: writes batches to a store forever (several in flight, so
 * group commit is exercised) and prints `ack <batch>` after each write resolves. The test
 * kills it with SIGKILL mid-stream and checks every acknowledged batch survived.
 *
 *   node bin/tsx-run.mjs server/store/testing/killWriter.ts <dataDir> <spansPerBatch>
 */
import { makeSpan } from '../../../src/model/testing/makeSpan';
import { SpanStore } from '../spanStore';

const [dir, perBatchText] = process.argv.slice(2);
if (dir === undefined) throw new Error('usage: killWriter.ts <dataDir> [spansPerBatch]');
const perBatch = Number(perBatchText ?? '200');
const store = await SpanStore.open(dir, { retentionIntervalMs: 0 });
process.stdout.write('ready\n');

let next = 0;
async function writer(): Promise<void> {
  for (;;) {
    const batch = next++;
    const spans = Array.from({ length: perBatch }, (_, i) =>
      makeSpan({ traceId: `kill-${batch}`, spanId: `s${i}`, parentSpanId: i === 0 ? '' : 's0', start: batch, attributes: { batch, i } }),
    );
    await store.write(spans);
    process.stdout.write(`ack ${batch}\n`);
  }
}
await Promise.all([writer(), writer(), writer(), writer()]);
