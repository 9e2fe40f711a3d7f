/**
 * An in-process cache (a Map with expiry) whose reads and writes are CLIENT spans named like a
 * cache client's (`cache.get`, `cache.set`), so they show up as their own layer in the waterfall.
 */
import { SpanKind } from '@opentelemetry/api';
import { inSpan } from './runtime.ts';

export class TracedCache<V> {
  private readonly entries = new Map<string, { value: V; expires: number }>();

  constructor(
    private readonly name: string,
    private readonly ttlMs: number,
  ) {}

  private attributes(operation: string, key: string) {
    return {
      'db.system.name': 'in-memory',
      'db.namespace': this.name,
      'db.operation.name': operation,
      'db.query.text': `${operation} ${key.replace(/:.*/, ':?')}`,
    };
  }

  get(key: string): Promise<V | undefined> {
    return inSpan(
      'cache.get',
      this.attributes('GET', key),
      async (span) => {
        const entry = this.entries.get(key);
        const hit = entry !== undefined && entry.expires > Date.now();
        span.setAttribute('cache.hit', hit);
        return hit ? entry.value : undefined;
      },
      SpanKind.CLIENT,
    );
  }

  set(key: string, value: V): Promise<void> {
    return inSpan(
      'cache.set',
      this.attributes('SET', key),
      async () => {
        if (this.entries.size > 5_000) this.entries.clear();
        this.entries.set(key, { value, expires: Date.now() + this.ttlMs });
      },
      SpanKind.CLIENT,
    );
  }
}
