/**
 * A big trace for the timeline tests: 3,016 spans across 12 services, four levels deep, with
 * a sprinkling of errors and events. Deterministic (no randomness) so specs can name rows.
 */
import type { SpanSpec } from '../support/sdkTrace';
import { sendTrace } from '../support/sdkTrace';

export interface BigSeed {
  readonly traceId: string;
  readonly spanCount: number;
  readonly services: readonly string[];
  /** Name of the last span in display order (the last leaf of the last batch). */
  readonly lastSpanName: string;
}

const SERVICES = [
  'api-gateway', 'orders', 'inventory', 'pricing', 'payments', 'fraud',
  'shipping', 'email', 'search', 'catalog', 'recommendations', 'ledger',
];

const BATCHES = 15;
const TASKS = 10;
const STEPS = 19;

export async function seed(): Promise<BigSeed> {
  const batches: SpanSpec[] = [];
  let lastSpanName = '';
  for (let b = 0; b < BATCHES; b++) {
    const batchAt = 5 + b * 130;
    const tasks: SpanSpec[] = [];
    for (let t = 0; t < TASKS; t++) {
      const taskAt = batchAt + 2 + t * 12;
      const steps: SpanSpec[] = [];
      for (let s = 0; s < STEPS; s++) {
        const n = (b * TASKS + t) * STEPS + s;
        const name = `step-${b}-${t}-${s}`;
        lastSpanName = name;
        steps.push({
          service: SERVICES[(n * 7 + 3) % SERVICES.length]!,
          name,
          at: taskAt + 0.5 + s * 0.55,
          ms: 0.4 + (n % 5) * 0.02,
          ...(n % 97 === 0 ? { error: `step ${n} failed` } : {}),
          ...(n % 41 === 0 ? { events: [{ name: 'retry', at: taskAt + 0.6 + s * 0.55 }] } : {}),
        });
      }
      tasks.push({ service: SERVICES[(b + t) % SERVICES.length]!, name: `task-${b}-${t}`, at: taskAt, ms: 11.5, children: steps });
    }
    batches.push({ service: SERVICES[b % SERVICES.length]!, name: `batch-${b}`, at: batchAt, ms: 125, children: tasks });
  }
  const root: SpanSpec = { service: 'api-gateway', name: 'POST /bulk-import', at: 0, ms: 5 + BATCHES * 130, key: 'root', children: batches };
  const sent = sendTrace(root, Date.now() - 120_000);
  return { traceId: sent.traceId, spanCount: sent.spanCount, services: sent.services, lastSpanName };
}
