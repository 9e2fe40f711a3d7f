/**
 * search-service: queries (ranked and hydrated from the catalog on a cache miss) and the nightly
 * reindex — one request that makes thousands of spans (shards × documents), the demo's large trace.
 */
import type { Span } from '@opentelemetry/api';
import { TracedCache } from './cache.ts';
import { productId, PRODUCT_COUNT } from './catalogData.ts';
import { call, inSpan, maybeFail, sleep, tracer, work } from './runtime.ts';
import type { Routes } from './runtime.ts';

const results = new TracedCache<unknown>('search-results', 15_000);
export const REINDEX_SHARDS = 50;
export const REINDEX_DOCS_PER_SHARD = 104;

async function reindexShard(shard: number): Promise<void> {
  await inSpan('reindex.shard', { 'search.shard': shard, 'search.documents': REINDEX_DOCS_PER_SHARD }, async (span: Span) => {
    // Documents are indexed faster than timers tick: give each its own slice of the shard's time.
    const start = Date.now();
    await sleep(8);
    const slice = (Date.now() - start) / REINDEX_DOCS_PER_SHARD;
    for (let d = 0; d < REINDEX_DOCS_PER_SHARD; d++) {
      const id = productId(1 + ((shard * REINDEX_DOCS_PER_SHARD + d) % PRODUCT_COUNT));
      const doc = tracer.startSpan('index.document', { startTime: start + d * slice, attributes: { 'product.id': id, 'search.shard': shard, 'search.tokens': 40 + ((d * 7) % 90) } });
      doc.end(start + (d + 1) * slice);
    }
    span.setAttribute('search.indexed', REINDEX_DOCS_PER_SHARD);
  });
}

export const routes: Routes = {
  'GET /query': async ({ query }) => {
    const q = (query.get('q') ?? '').toLowerCase();
    maybeFail(0.005, 'search: index shard 3 unavailable (no replica)', 503);
    const cached = await results.get(`q:${q}`);
    if (cached) {
      await work(2);
      return cached;
    }
    const ids = await inSpan('search.rank', { 'search.query.length': q.length, 'search.algorithm': 'bm25' }, async () => {
      await work(20, 0.005);
      return Array.from({ length: 6 }, (_, i) => productId(1 + ((q.length * 31 + i * 17) % PRODUCT_COUNT)));
    });
    const hits = await call('catalog-service', `/products?ids=${ids.join(',')}`);
    await results.set(`q:${q}`, hits);
    return hits;
  },
  'POST /reindex': async () => {
    const products = (await call('catalog-service', `/products?ids=${productId(1)}`)) as unknown[];
    for (let shard = 0; shard < REINDEX_SHARDS; shard++) await reindexShard(shard);
    return { shards: REINDEX_SHARDS, documents: REINDEX_SHARDS * REINDEX_DOCS_PER_SHARD, sample: products.length };
  },
};
