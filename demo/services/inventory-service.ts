/** inventory-service: stock levels in an embedded DuckDB; reservations update them. */
import { TracedDuckDB } from './duckdb.ts';
import { PRODUCT_COUNT } from './catalogData.ts';
import { HttpError, maybeFail, work } from './runtime.ts';
import type { Routes } from './runtime.ts';

let db: TracedDuckDB;

export async function init(): Promise<void> {
  db = await TracedDuckDB.open(
    'inventory',
    `CREATE TABLE stock AS
       SELECT 'p-' || lpad(i::VARCHAR, 4, '0') AS product_id, w AS warehouse, 5000 + (i * 31 + w * 7) % 200 AS quantity
       FROM range(1, ${PRODUCT_COUNT + 1}) t(i), range(1, 4) u(w)`,
  );
}

export const routes: Routes = {
  'GET /availability': async ({ query }) => {
    const id = query.get('id') ?? '';
    maybeFail(0.01, 'inventory replica lagging: read timed out after 2s', 503);
    const [row] = await db.query('SELECT sum(quantity) AS available FROM stock WHERE product_id = ?', [id], 'stock');
    await work(2);
    return { id, available: Number(row?.available ?? 0) };
  },
  'POST /reserve': async ({ body }) => {
    // One statement for the whole order (quantities summed per product).
    const wanted = new Map<string, number>();
    for (const item of ((body.items as { id: string; qty: number }[] | undefined) ?? []).slice(0, 5)) wanted.set(item.id, (wanted.get(item.id) ?? 0) + item.qty);
    if (wanted.size === 0) return { reserved: 0 };
    const rows = await db.query(
      `UPDATE stock SET quantity = quantity - r.qty FROM (VALUES ${[...wanted].map(() => '(?, ?)').join(', ')}) AS r(id, qty)
       WHERE stock.product_id = r.id AND stock.warehouse = 1 AND stock.quantity >= r.qty RETURNING stock.product_id`,
      [...wanted].flat(),
      'stock',
    );
    if (rows.length < wanted.size) throw new HttpError(409, `out of stock: ${[...wanted.keys()].filter((id) => !rows.some((r) => String(r.product_id) === id)).join(', ')}`);
    await work(2);
    return { reserved: wanted.size };
  },
};
