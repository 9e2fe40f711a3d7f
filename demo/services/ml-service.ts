/** ml-service: product recommendations from a (simulated) model; each run is an `ml_inference` span. */
import { TracedCache } from './cache.ts';
import { randomProductId } from './catalogData.ts';
import { inSpan, maybeFail, work } from './runtime.ts';
import type { Routes } from './runtime.ts';

const features = new TracedCache<number[]>('features', 300_000);

export const routes: Routes = {
  'GET /recommendations': async ({ query }) => {
    const id = query.get('id') ?? '';
    let vector = await features.get(`features:${id}`);
    if (!vector) {
      vector = await inSpan('feature.compute', { 'product.id': id }, async () => {
        await work(6);
        return Array.from({ length: 8 }, () => Math.random());
      });
      await features.set(`features:${id}`, vector);
    }
    return inSpan('ml_inference', { 'product.id': id, 'ml.model.name': 'recs-two-tower', 'ml.model.version': '2024.11' }, async (span) => {
      await work(30, 0.005);
      maybeFail(0.015, 'model server: CUDA out of memory (batch 64)');
      const confidence = Math.round((0.55 + Math.random() * 0.44) * 1000) / 1000;
      span.setAttribute('ml.confidence', confidence);
      span.setAttribute('ml.recommendations.count', 4);
      return { id, recommendations: Array.from({ length: 4 }, randomProductId) };
    });
  },
};
