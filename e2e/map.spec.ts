/**
 * The service map on the real embedded backend, seeded through the OpenTelemetry SDK (every
 * seeder's traces; e2e/seed/map.seed.ts adds a 12-service shop with errors and a cycle). The
 * expected edges, call counts, error rates and P99s are computed from what the seeders sent.
 * The last test serves the 1,238-service Jaeger fixture through page.route.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatDuration } from '../src/model/format';
import { quantile } from '../src/sources/clients/serviceGraphSample';
import { formatCount, formatRate } from '../src/features/map/edgeStyle';
import type { MapSeed } from './seed/map.seed';
import { readSeed, seederResult } from './support/seedFile';

const shop = seederResult<MapSeed>('map');

interface Expected {
  calls: number;
  errors: number;
  durations: number[];
  traces: Set<string>;
}

/** Edges (`parent>child`) and services of every seeded trace that started in the last `minutes`. */
function expectedGraph(minutes: number) {
  const since = Date.now() - minutes * 60_000;
  const edges = new Map<string, Expected>();
  const services = new Set<string>();
  for (const trace of readSeed().traces) {
    if (trace.startMs < since) continue;
    for (const span of trace.spanList) {
      services.add(span.service);
      if (span.parentService === null || span.parentService === span.service) continue;
      const key = `${span.parentService}>${span.service}`;
      const e = edges.get(key) ?? { calls: 0, errors: 0, durations: [], traces: new Set() };
      e.calls += 1;
      if (span.error) e.errors += 1;
      e.durations.push(span.ms);
      e.traces.add(trace.traceId);
      edges.set(key, e);
    }
  }
  return { edges, services };
}

async function openMap(page: Page, query = ''): Promise<void> {
  await page.goto(`/map?window=1h${query}`);
  await expect(page.getByRole('toolbar', { name: 'Service map controls' }).getByRole('status')).toContainText('services');
}

const panel = (page: Page) => page.locator('.map-panel');
const figure = (page: Page, name: string) => panel(page).locator('dt', { hasText: name }).locator('xpath=following-sibling::dd[1]');

test('shows every service, and every call with its exact count, error rate and P99', async ({ page }) => {
  test.setTimeout(90_000);
  // All seeders send within the last few minutes, far inside the 1 h window.
  const { edges, services } = expectedGraph(55);
  await openMap(page);
  await expect(page.getByRole('toolbar', { name: 'Service map controls' }).getByRole('status')).toContainText(
    `${services.size} services · ${edges.size} calls · exact, from the embedded store`,
  );
  const map = page.getByRole('group', { name: /^Service map:/ });
  for (const service of services) await expect(map.getByRole('button', { name: service, exact: true })).toHaveCount(1);
  await page.screenshot({ path: 'test-results/map-seeded.png' });

  for (const [key, e] of edges) {
    if (!key.startsWith('shop-')) continue;
    const [parent = '', child = ''] = key.split('>');
    await page.goto(`/map?window=1h&from=${encodeURIComponent(parent)}&to=${encodeURIComponent(child)}`);
    await expect(panel(page).getByRole('heading', { name: `${parent} → ${child}` })).toBeVisible();
    await expect(figure(page, 'Requests')).toContainText(formatCount(e.calls));
    await expect(figure(page, 'Errors')).toHaveText(`${formatCount(e.errors)} (${formatRate(e.errors, e.calls)})`);
    // The SDK turns the sent ms into ns with µs-level rounding: compare the exact value (title)
    // within 20 µs, and the shown text against the formatting of that exact value.
    const p99 = figure(page, 'P99');
    const exact = Number((await p99.getAttribute('title'))?.replace(' ms', ''));
    expect(Math.abs(exact - quantile(e.durations, 0.99)), `P99 of ${key}`).toBeLessThan(0.02);
    await expect(p99).toHaveText(formatDuration(exact * 1e6));
  }
  expect([...edges.keys()].filter((k) => k.startsWith('shop-')).length).toBe(15);
});

test('the node panel lists the service figures, its calls and links to its traces', async ({ page }) => {
  await openMap(page, '&node=shop-checkout');
  await expect(panel(page).getByRole('heading', { name: 'shop-checkout' })).toBeVisible();
  // Entry spans of checkout: 8 place-order calls from the frontend + 8 callbacks from shipping.
  await expect(figure(page, 'Requests')).toContainText('16');
  const calls = panel(page).getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Service' }) }).first();
  await expect(calls.getByRole('button', { name: 'Call shop-checkout → shop-payment' })).toBeVisible();
  await expect(panel(page).getByRole('cell', { name: 'place-order' })).toBeVisible();
  await page.screenshot({ path: 'test-results/map-node-panel.png' });
  await panel(page).getByRole('link', { name: 'Show traces' }).click();
  await expect(page).toHaveURL(/\/search\?service=shop-checkout&start=\d+&end=\d+/);
});

test('every node is reachable by keyboard by its name, with visible focus; Enter opens it', async ({ page }) => {
  await openMap(page);
  await page.getByRole('combobox', { name: 'Find a service' }).focus();
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.hasAttribute('data-node') ?? false)) break;
  }
  const focused = page.locator(':focus');
  await expect(focused).toHaveAttribute('role', 'button');
  await page.keyboard.type('shop-pay');
  await expect(focused).toHaveAccessibleName('shop-payment');
  const outline = await focused.locator('.map-node-box').evaluate((el) => getComputedStyle(el).strokeWidth);
  expect(outline).toBe('3px');
  // Arrows move to a neighbouring node; typing the name again comes back.
  await page.keyboard.press('ArrowDown');
  await expect(focused).not.toHaveAccessibleName('shop-payment');
  await expect(focused).toHaveAttribute('data-node');
  await page.waitForTimeout(900);
  await page.keyboard.type('shop-payment');
  await expect(focused).toHaveAccessibleName('shop-payment');
  await page.keyboard.press('Enter');
  await expect(panel(page).getByRole('heading', { name: 'shop-payment' })).toBeVisible();
  await expect(page).toHaveURL(/node=shop-payment/);
  await page.screenshot({ path: 'test-results/map-keyboard.png' });
});

test('clicking an edge opens the call, and its link lands on exactly the traces with that call', async ({ page }) => {
  const { edges } = expectedGraph(55);
  const expected = edges.get('shop-checkout>shop-payment');
  expect(expected?.traces.size).toBe(8);
  await openMap(page);
  const find = page.getByRole('combobox', { name: 'Find a service' });
  await find.fill('shop-checkout');
  await find.press('Enter');
  await page.locator('[data-edge="shop-checkout>shop-payment"] .map-edge-hit').click();
  await expect(panel(page).getByRole('heading', { name: 'shop-checkout → shop-payment' })).toBeVisible();
  await expect(page).toHaveURL(/from=shop-checkout&to=shop-payment/);
  await page.screenshot({ path: 'test-results/map-edge.png' });
  await panel(page).getByRole('link', { name: 'Show traces with this call' }).click();
  await expect(page).toHaveURL(/\/search\?q=/);
  const results = page.getByRole('table', { name: 'Search results' });
  await expect(results.getByRole('link')).toHaveCount(expected!.traces.size);
  const hrefs = await results.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  expect(hrefs.map((h) => /\/trace\/([0-9a-f]+)/.exec(h)?.[1]).sort()).toEqual([...expected!.traces].sort());
  expect(shop.traceIds).toEqual(expect.arrayContaining([...expected!.traces]));
});

test('renders the 1,238-service dependency graph and stays pannable and zoomable', async ({ page }) => {
  const fixture = readFileSync(fileURLToPath(new URL('../src/sources/__fixtures__/jaeger/v1-dependencies-data-large-1238services.json', import.meta.url)), 'utf8');
  await page.route('**/api/tracescope/sources', (route) =>
    route.fulfill({ json: { sources: [{ name: 'big', kind: 'jaeger', default: true, capabilities: { search: true, traceql: false, metrics: true, dependencies: true } }] } }),
  );
  await page.route('**/api/tracescope/sources/big/proxy/api/dependencies?*', (route) => route.fulfill({ contentType: 'application/json', body: `{"data":${fixture},"total":0}` }));
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/map?source=big&window=24h');
  const status = page.getByRole('toolbar', { name: 'Service map controls' }).getByRole('status');
  await expect(status).toContainText('1,238 services · 4,271 calls · from the source’s dependency links (calls only');
  await expect(page.locator('[data-node]')).toHaveCount(1238);
  await page.screenshot({ path: 'test-results/map-1238-fit.png' });

  const box = (await page.locator('.map-canvas').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -1500);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 - 200, box.y + box.height / 2 - 100, { steps: 10 });
  await page.mouse.up();
  // Zoomed in: only what is on screen is in the DOM, with labels.
  await expect.poll(() => page.locator('[data-node]').count()).toBeLessThan(400);
  await expect(page.locator('.map-node-name').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/map-1238-zoomed.png' });

  const find = page.getByRole('combobox', { name: 'Find a service' });
  await find.fill('Service50');
  await find.press('Enter');
  await expect(panel(page).getByRole('heading', { name: 'Service50' })).toBeVisible();
  await expect(figure(page, 'Errors')).toContainText('not reported by this source');
  await page.getByRole('button', { name: 'Fit' }).click();
  await expect.poll(() => page.locator('[data-node]').count()).toBe(1238);
  await page.screenshot({ path: 'test-results/map-1238-focus.png' });
  expect(errors).toEqual([]);
});

test('explains a failing source with Retry, and an empty window with a wider one', async ({ page }) => {
  let fail = true;
  await page.route('**/api/tracescope/sources', (route) =>
    route.fulfill({ json: { sources: [{ name: 'prod', kind: 'jaeger', default: true, capabilities: { search: true, traceql: false, metrics: true, dependencies: true } }] } }),
  );
  await page.route('**/api/tracescope/sources/prod/proxy/api/dependencies?*', (route) =>
    fail ? route.fulfill({ status: 502, contentType: 'text/plain', body: 'upstream jaeger-query unreachable' }) : route.fulfill({ json: { data: [], total: 0 } }),
  );
  await page.goto('/map?source=prod&window=15m');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Could not load the service map');
  await expect(alert).toContainText('HTTP 502');
  await expect(alert).toContainText('upstream jaeger-query unreachable');
  await expect(alert).toContainText('/api/tracescope/sources/prod/proxy/api/dependencies');
  await page.screenshot({ path: 'test-results/map-error.png' });
  fail = false;
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('heading', { name: 'No services in last 15 minutes' })).toBeVisible();
  await page.getByRole('button', { name: 'Show last hour' }).click();
  await expect(page).toHaveURL(/window=1h/);
  await expect(page.getByRole('heading', { name: 'No services in last hour' })).toBeVisible();
});
