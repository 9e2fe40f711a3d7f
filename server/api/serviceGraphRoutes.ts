/**
 * `GET /api/tracescope/service-graph?start=&end=` — the embedded store's service graph with
 * call counts, error counts and P99 per edge and per service (server/store/serviceGraph.ts).
 * `start` / `end` are unix seconds (fractions allowed); `end` defaults to now, `start` to one
 * hour before `end`. Answers `{ start, end, services, edges }`; bad parameters are a 400 with
 * a plain-text message.
 */
import { Hono } from 'hono';
import { serviceGraph } from '../store/serviceGraph';
import type { SpanStore } from '../store/spanStore';

export const SERVICE_GRAPH_PATH = '/api/tracescope/service-graph';

const HOUR_SEC = 3600;

type Parsed = { ok: true; value: number | undefined } | { ok: false; message: string };

function seconds(name: string, raw: string | undefined): Parsed {
  if (raw === undefined || raw.trim() === '') return { ok: true, value: undefined };
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) return { ok: false, message: `invalid ${name}: "${raw}" is not unix seconds` };
  return { ok: true, value };
}

export function serviceGraphRoutes(store: SpanStore, now: () => number = Date.now): Hono {
  const app = new Hono();
  app.get(SERVICE_GRAPH_PATH, async (c) => {
    const start = seconds('start', c.req.query('start'));
    const end = seconds('end', c.req.query('end'));
    if (!start.ok) return c.text(start.message, 400);
    if (!end.ok) return c.text(end.message, 400);
    const endSec = end.value ?? now() / 1000;
    const startSec = start.value ?? endSec - HOUR_SEC;
    if (startSec >= endSec) return c.text('invalid start: must be before end', 400);
    const toNs = (sec: number) => BigInt(Math.round(sec * 1000)) * 1_000_000n;
    const graph = await serviceGraph(store, toNs(startSec), toNs(endSec));
    return c.json({ start: startSec, end: endSec, ...graph }, 200, { 'Cache-Control': 'no-store' });
  });
  return app;
}
