/**
 * catalog-service: products in an embedded DuckDB with a product cache in front. Listing a page
 * asks pricing for the page's prices in one batch call — or (for a few pages) fans out: pricing
 * and inventory for each product, in parallel.
 */
import { TracedCache } from './cache.ts';
import { TracedDuckDB } from './duckdb.ts';
import type { Row } from './duckdb.ts';
import { CATEGORIES, PRODUCT_COUNT } from './catalogData.ts';
import { call, HttpError, maybeFail, work } from './runtime.ts';
import type { Routes } from './runtime.ts';

interface Product {
  id: string;
  name: string;
  category: string;
}

let db: TracedDuckDB;
const products = new TracedCache<Product>('products', 120_000);

export async function init(): Promise<void> {
  const categories = CATEGORIES.map((c) => `'${c}'`).join(', ');
  db = await TracedDuckDB.open(
    'catalog',
    `CREATE TABLE products AS
       SELECT 'p-' || lpad(i::VARCHAR, 4, '0') AS id,
              [${categories}][1 + i % ${CATEGORIES.length}] AS category,
              'Product ' || i AS name,
              1 + (i * 37) % 17 AS brand_id,
              round(9.99 + (i * 13) % 400, 2) AS base_price
       FROM range(1, ${PRODUCT_COUNT + 1}) t(i)`,
  );
}

const ids = (rows: Row[]) => rows.map((r) => String(r.id));

async function enrich(rows: Row[], perProduct: boolean): Promise<unknown[]> {
  if (perProduct) {
    return Promise.all(
      ids(rows).map(async (id) => {
        const [price, stock] = await Promise.all([call('pricing-service', `/price?id=${id}`), call('inventory-service', `/availability?id=${id}`)]);
        return { id, price, stock };
      }),
    );
  }
  const prices = (await call('pricing-service', `/prices?ids=${ids(rows).join(',')}`)) as Record<string, number>;
  return rows.map((row) => ({ id: String(row.id), name: String(row.name), price: prices[String(row.id)] }));
}

export const routes: Routes = {
  'GET /products': async ({ query }) => {
    const wanted = query.get('ids');
    let rows: Row[];
    if (wanted) {
      const list = wanted.split(',').slice(0, 20);
      rows = await db.query(`SELECT id, name, category, base_price FROM products WHERE id IN (${list.map(() => '?').join(', ')})`, list, 'products');
      return rows.map((r) => ({ id: String(r.id), name: String(r.name) }));
    }
    const category = query.get('category') ?? CATEGORIES[0];
    const page = Math.max(0, Number(query.get('page') ?? 0));
    const size = Number(query.get('size') ?? 8);
    rows = await db.query('SELECT id, name, category, base_price FROM products WHERE category = ? ORDER BY id LIMIT ? OFFSET ?', [category, size, page * size], 'products');
    await work(6);
    return enrich(rows, query.get('fanout') === '1');
  },
  'GET /product': async ({ query }) => {
    const id = query.get('id') ?? '';
    maybeFail(0.006, 'catalog: connection pool exhausted (32/32 in use)', 503);
    const cached = await products.get(`product:${id}`);
    if (cached) {
      await work(2);
      return cached;
    }
    if (Math.random() < 0.03) {
      // A real DuckDB error (a column that does not exist), recorded on the db span and the request.
      await db.query('SELECT id, name, descripton FROM products WHERE id = ?', [id], 'products');
    }
    const [row] = await db.query('SELECT id, name, category, brand_id, base_price FROM products WHERE id = ?', [id], 'products');
    if (!row) throw new HttpError(404, `no product ${id}`);
    const product = { id: String(row.id), name: String(row.name), category: String(row.category) };
    await products.set(`product:${id}`, product);
    await work(3);
    return product;
  },
};
