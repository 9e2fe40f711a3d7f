/**
 * One synthetic trace of any size for the UI benchmark: a tree where span i's parent is
 * (i - 1) / FANOUT, so 1M spans are 7–8 levels deep, across 12 services, with ~1% errors and
 * ~2% spans carrying an event. Children sit inside their parent's interval. Deterministic.
 */
import type { Attribute, Resource, Scope, SpanData } from '../../src/model/types';
import { random } from '../server/generateSpans';

export const UI_SERVICES = [
  'edge-gateway', 'orders', 'inventory', 'pricing', 'payments', 'fraud',
  'shipping', 'email', 'search', 'catalog', 'recommendations', 'ledger',
];
const FANOUT = 8;
const OPERATIONS = ['GET /api/items', 'SELECT rows', 'cache get', 'publish', 'compute', 'rpc call', 'serialize', 'validate'];

const str = (key: string, value: string): Attribute => ({ key, value: { type: 'string', value } });
const RESOURCES: Resource[] = UI_SERVICES.map((service) => ({
  serviceName: service,
  attributes: [str('service.name', service), str('deployment.environment', 'bench')],
  droppedAttributesCount: 0,
  schemaUrl: '',
}));
const SCOPE: Scope = { name: 'tracescope-bench', version: '1.0.0', attributes: [], droppedAttributesCount: 0, schemaUrl: '' };

export function parentOf(i: number): number {
  return i === 0 ? -1 : Math.floor((i - 1) / FANOUT);
}

/** 32 hex for the trace; span IDs embed the trace number and the span index (never zero). */
export function bigTraceId(seed: number): string {
  return `b16b${seed.toString(16).padStart(8, '0')}${'0'.repeat(20)}`;
}
function spanId(seed: number, i: number): string {
  return `${(seed & 0xffff).toString(16).padStart(4, '0')}${(i + 1).toString(16).padStart(12, '0')}`;
}

/** Batches of `batchSize` spans (in index order) of a `count`-span trace starting at `startMs`. */
export function* bigTraceBatches(count: number, seed: number, startMs: number, batchSize = 5000): Generator<SpanData[]> {
  const rand = random(seed);
  const traceId = bigTraceId(seed);
  const base = BigInt(Math.floor(startMs)) * 1_000_000n;
  // Relative start and duration (ns) of every span, kept as numbers so children can nest.
  const start = new Float64Array(count);
  const duration = new Float64Array(count);
  let batch: SpanData[] = [];
  for (let i = 0; i < count; i++) {
    const p = parentOf(i);
    if (p < 0) {
      start[i] = 0;
      duration[i] = 8_000_000_000;
    } else {
      const slot = (i - 1) % FANOUT;
      const slice = duration[p]! / FANOUT;
      start[i] = Math.floor(start[p]! + slot * slice + rand() * slice * 0.1);
      duration[i] = Math.max(1000, Math.floor(slice * (0.3 + rand() * 0.6)));
    }
    const isError = rand() < 0.01;
    const hasEvent = rand() < 0.02;
    const s = base + BigInt(start[i]!);
    const resource = RESOURCES[i === 0 ? 0 : 1 + ((i * 7 + (p % 5)) % (RESOURCES.length - 1))]!;
    batch.push({
      traceId,
      spanId: spanId(seed, i),
      parentSpanId: p < 0 ? '' : spanId(seed, p),
      traceState: '',
      name: i === 0 ? 'POST /bulk' : `${OPERATIONS[i % OPERATIONS.length]!} ${i % 13}`,
      kind: i === 0 ? 'server' : 'internal',
      startTimeUnixNano: s,
      endTimeUnixNano: s + BigInt(duration[i]!),
      attributes: [str('bench.index', String(i))],
      droppedAttributesCount: 0,
      events: hasEvent ? [{ timeUnixNano: s + BigInt(Math.floor(duration[i]! / 2)), name: 'checkpoint', attributes: [], droppedAttributesCount: 0 }] : [],
      droppedEventsCount: 0,
      links: [],
      droppedLinksCount: 0,
      status: { code: isError ? 'error' : 'unset', message: isError ? 'synthetic failure' : '' },
      flags: 1,
      resource,
      scope: SCOPE,
    });
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
