/**
 * Service map benchmark: the 1,238-service Jaeger dependency fixture (4,271 links) on /map in
 * the system Chromium, against a real `tracescope serve` on a temp dir; the sources list and
 * the dependencies answer are served with page.route (a Jaeger-kind source named "big").
 *
 *   node bin/tsx-run.mjs bench/ui/map.ts [--port 13800] [--static <built app dir>]
 *
 * Measures: the layout alone (pure TS, in Node); navigation → every node in the DOM and a frame
 * painted; p95 rAF frame interval while panning the whole map (fit, batched edges), while
 * zooming with the wheel, and while panning zoomed in (culling re-renders); the tab's JS heap.
 * The app is the production build in --static, $TRACESCOPE_STATIC_DIR or dist/ (run
 * `npx vite build` first).
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import { chromiumPath } from '../../scripts/chromium-path.mjs';
import { layoutGraph } from '../../src/features/map/layout';
import { frameTimes, percentile, startServer, printTable, type Row } from './harness';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i] ?? '', process.argv[i + 1] ?? '');
const port = Number(args.get('--port') ?? 13800);
const staticDir = resolve(args.get('--static') ?? process.env.TRACESCOPE_STATIC_DIR ?? 'dist');
if (!existsSync(join(staticDir, 'index.html'))) throw new Error(`no built app in ${staticDir}: run \`npx vite build\` or pass --static`);
const FIXTURE = fileURLToPath(new URL('../../src/sources/__fixtures__/jaeger/v1-dependencies-data-large-1238services.json', import.meta.url));
const SERVICES = 1238;

/** One 60 Hz frame (16.7 ms) plus rAF timer jitter: p95 under it means no dropped frames. */
const FRAME_TARGET = 17;

const rows: Row[] = [];


async function drag(page: Page, x: number, y: number, dx: number, dy: number, steps: number): Promise<void> {
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= steps; i++) {
    const t = i / steps;
    // Out and back, so the view ends where it started.
    const f = t < 0.5 ? t * 2 : 2 - t * 2;
    await page.mouse.move(x + dx * f, y + dy * f);
    await page.waitForTimeout(8);
  }
  await page.mouse.up();
}

function frameRows(name: string, frames: number[]): void {
  rows.push({ figure: `${name} frame p95 (${frames.length} frames)`, value: percentile(frames, 95), unit: 'ms', target: FRAME_TARGET });
  rows.push({ figure: `${name} frame max`, value: Math.max(...frames), unit: 'ms' });
}

async function measure(): Promise<void> {
  const fixture = readFileSync(FIXTURE, 'utf8');
  const links = JSON.parse(fixture) as { parent: string; child: string }[];
  const t0 = performance.now();
  const layout = layoutGraph([], links);
  rows.push({ figure: `layout of ${SERVICES} services, ${links.length} links (Node, pure TS)`, value: performance.now() - t0, unit: 'ms', target: 200 });

  const browser = await chromium.launch({
    executablePath: chromiumPath() ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.route('**/api/tracescope/sources', (route) =>
      route.fulfill({ json: { sources: [{ name: 'big', kind: 'jaeger', default: true, capabilities: { search: true, traceql: false, metrics: true, dependencies: true } }] } }),
    );
    await page.route('**/api/tracescope/sources/big/proxy/api/dependencies?*', (route) => route.fulfill({ contentType: 'application/json', body: `{"data":${fixture},"total":0}` }));
    // When every node is in the DOM, wait one frame (it is painted) and note the time.
    await page.addInitScript(`(() => {
      const observer = new MutationObserver(() => {
        if (document.querySelectorAll('[data-node]').length >= ${SERVICES}) {
          observer.disconnect();
          requestAnimationFrame(() => requestAnimationFrame(() => { window.__paintedAt = performance.now(); }));
        }
      });
      observer.observe(document, { subtree: true, childList: true });
    })()`);
    await page.goto(`http://127.0.0.1:${port}/map?source=big&window=24h`);
    await page.waitForFunction('window.__paintedAt !== undefined', null, { timeout: 60_000, polling: 50 });
    const paintedAt = await page.evaluate<number>('window.__paintedAt');
    rows.push({ figure: `navigation → ${SERVICES}-service map painted`, value: paintedAt, unit: 'ms', target: 1000 });
    const fetchEnd = await page.evaluate<number>(`Math.max(0, ...performance.getEntriesByType('resource').filter((e) => e.name.includes('/dependencies')).map((e) => e.responseEnd))`);
    if (fetchEnd > 0) {
      rows.push({ figure: '  of which dependencies received at', value: fetchEnd, unit: 'ms' });
      rows.push({ figure: '  of which parse + layout + render + paint', value: paintedAt - fetchEnd, unit: 'ms', target: 500 });
    }

    const box = (await page.locator('.map-canvas').boundingBox())!;
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    await page.waitForTimeout(300);
    frameRows('pan, whole map (fit)', await frameTimes(page, () => drag(page, cx, cy, 300, 150, 80)));
    await page.mouse.move(cx, cy);
    frameRows(
      'wheel zoom in and out',
      await frameTimes(page, async () => {
        for (let i = 0; i < 60; i++) {
          await page.mouse.wheel(0, i < 30 ? -120 : 120);
          await page.waitForTimeout(16);
        }
      }),
    );
    // Zoom in to reading size (labels, single edges, culling), then pan across.
    for (let i = 0; i < 10; i++) await page.mouse.wheel(0, -200);
    await page.waitForTimeout(300);
    const drawn = await page.locator('[data-node]').count();
    rows.push({ figure: 'nodes in the DOM zoomed in (culled)', value: drawn, unit: '' });
    frameRows('pan, zoomed in', await frameTimes(page, () => drag(page, cx, cy, -500, -300, 80)));

    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
    rows.push({ figure: 'tab JS heap used', value: heap / 1e6, unit: 'MB' });
    await page.screenshot({ path: join(tmpdir(), 'tracescope-bench-map.png') });
    console.error(`layout: ${layout.direction}, ${layout.layers.length} layers, ${Math.round(layout.width)}×${Math.round(layout.height)}; screenshot ${join(tmpdir(), 'tracescope-bench-map.png')}`);
  } finally {
    await browser.close();
  }
}

/** A value with its unit, as this table shows it. */
const showValue = (row: Row): string => `${row.value.toFixed(row.unit === 'MB' || row.unit === '' ? 0 : 1)} ${row.unit}`.trim();

const dataDir = await mkdtemp(join(tmpdir(), 'tracescope-bench-map-'));
const stop = await startServer({ dataDir, port, staticDir });
try {
  await measure();
} catch (error) {
  console.error(error);
  rows.push({ figure: `FAILED (${(error as Error).message.split('\n')[0]})`, value: NaN, unit: '' });
} finally {
  await stop();
  await rm(dataDir, { recursive: true, force: true });
}
printTable(rows, showValue);
