/**
 * The span details panel and the other views of a trace (flame graph, statistics, spans, JSON)
 * on the real embedded backend, seeded through the OpenTelemetry SDK (e2e/seed/base.seed.ts).
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import type { BaseSeed } from './seed/base.seed';
import type { BigSeed } from './seed/big.seed';
import { seederResult } from './support/seedFile';

const base = seederResult<BaseSeed>('base');
const big = seederResult<BigSeed>('big');
const checkout = base.checkout;
const details = (page: Page) => page.getByRole('region', { name: 'Span details' });
const attributes = (page: Page) => details(page).getByRole('table', { name: 'Attributes attributes' });
const row = (page: Page, key: string) => attributes(page).getByRole('row').filter({ has: page.getByRole('rowheader', { name: key, exact: true }) });

test('span details show typed attributes, and markup as text', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(`/trace/${checkout.traceId}?span=${checkout.spans.checkout}`);
  const panel = details(page);
  await expect(panel.getByRole('heading', { name: 'place-order' })).toBeVisible();
  await expect(panel).toContainText('checkout-service');
  await expect(panel).toContainText('server');
  await expect(panel).toContainText('215 ms');
  await expect(row(page, 'order.items')).toHaveText(/^order\.items\s*3\s*int$/);
  await expect(row(page, 'order.total')).toHaveText(/129\.5\s*double/);
  await expect(row(page, 'order.id')).toHaveText(/ord-1001\s*string/);
  // Exact duration on hover.
  await expect(panel.getByText('215 ms', { exact: true })).toHaveAttribute('title', '215,000,000 ns');
  // Events with their offset, links to the linked trace.
  await expect(panel.getByRole('group').filter({ hasText: 'Events' })).toContainText('order.validated');
  await expect(panel).toContainText('30 ms');
  await page.screenshot({ path: 'test-results/traceviews-details.png' });

  // The span with markup in an attribute: shown literally, never interpreted.
  await page.goto(`/trace/${checkout.traceId}?span=${checkout.spans.db}`);
  await expect(details(page).getByRole('heading', { name: 'SELECT orders' })).toBeVisible();
  await expect(row(page, '<b>markup</b>')).toContainText('<img src=x onerror=alert(1)>');
  await expect(details(page).locator('img, b')).toHaveCount(0);
  await expect(row(page, 'db.query.text')).toContainText('SELECT * FROM orders WHERE id = ?');
  expect(dialogs).toEqual([]);
  await page.screenshot({ path: 'test-results/traceviews-details-markup.png' });
});

test('the filter box narrows attributes; IDs copy; parent ID selects the parent', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(`/trace/${checkout.traceId}?span=${checkout.spans.db}`);
  const panel = details(page);
  await expect(attributes(page).getByRole('row')).toHaveCount(3);
  await panel.getByRole('searchbox', { name: 'Filter attributes' }).fill('db.');
  await expect(attributes(page).getByRole('row')).toHaveCount(2);
  await expect(panel).toContainText('2 of 3');
  await panel.getByRole('searchbox', { name: 'Filter attributes' }).fill('ONERROR');
  await expect(attributes(page).getByRole('row')).toHaveCount(1);
  await panel.getByRole('searchbox', { name: 'Filter attributes' }).fill('');

  await panel.getByRole('button', { name: 'Copy span ID' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(checkout.spans.db);

  await panel.getByRole('button', { name: /Go to parent span place-order/ }).click();
  await expect(page).toHaveURL(new RegExp(`span=${checkout.spans.checkout}`));
  await expect(panel.getByRole('heading', { name: 'place-order' })).toBeVisible();
  await panel.getByRole('button', { name: 'Close span details' }).click();
  await expect(panel).toHaveCount(0);
});

test('a link opens the linked trace at the linked span', async ({ page }) => {
  await page.goto(`/trace/${checkout.traceId}?span=${checkout.spans.checkout}`);
  const link = details(page).getByRole('link', { name: `Open linked span ${base.linked.spans.root} in trace ${base.linked.traceId}` });
  await expect(details(page)).toContainText('receipt');
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/trace/${base.linked.traceId}\\?span=${base.linked.spans.root}`));
  await expect(details(page).getByRole('heading', { name: 'send-receipt' })).toBeVisible();
});

test('flame graph: click zooms and selects, the breadcrumb zooms out', async ({ page }) => {
  await page.goto(`/trace/${checkout.traceId}?view=flame`);
  const graph = page.getByRole('region', { name: 'Flame graph' });
  const canvas = graph.locator('canvas');
  await expect(canvas).toBeVisible();
  await page.screenshot({ path: 'test-results/traceviews-flame.png' });
  const box = (await canvas.boundingBox())!;
  // Row 3 holds SELECT orders (9 ms) then charge-card (190 ms) after verify-token (18 ms): of 245 ms.
  const x = box.x + box.width * ((18 + 9 + 95) / 245);
  const y = box.y + 3 * 20 + 10;
  await page.mouse.move(x, y);
  await expect(graph.getByRole('tooltip')).toContainText('charge-card');
  await expect(graph.getByRole('tooltip')).toContainText('payment-service');
  await page.mouse.click(x, y);
  await expect(page).toHaveURL(new RegExp(`span=${checkout.spans.payment}`));
  const crumbs = graph.getByRole('navigation', { name: 'Flame graph zoom' });
  await expect(crumbs.locator('[aria-current]')).toHaveText('charge-card');
  await expect(details(page).getByRole('heading', { name: 'charge-card' })).toBeVisible();
  // The zoom is part of the link: a reload shows the same zoomed flame graph.
  await expect(page).toHaveURL(new RegExp(`fz=${checkout.spans.payment}`));
  await page.reload();
  await expect(crumbs.locator('[aria-current]')).toHaveText('charge-card');
  // Zoomed: charge-card is full width, so its left edge is now charge-card too.
  await page.mouse.move(box.x + 5, y);
  await expect(graph.getByRole('tooltip')).toContainText('charge-card');
  await page.screenshot({ path: 'test-results/traceviews-flame-zoomed.png' });
  await crumbs.getByRole('button', { name: 'place-order' }).click();
  await expect(crumbs.locator('[aria-current]')).toHaveText('place-order');
  await crumbs.getByRole('button', { name: 'Reset zoom' }).click();
  await expect(crumbs).toContainText('Whole trace');

  // Keyboard: arrows move the selection, Enter zooms, Backspace zooms out one level.
  const app = graph.getByRole('application');
  await app.focus();
  await app.press('ArrowUp');
  await expect(page).toHaveURL(new RegExp(`span=${checkout.spans.checkout}`));
  await app.press('Enter');
  await expect(crumbs.locator('[aria-current]')).toHaveText('place-order');
  await app.press('ArrowDown');
  await expect(page).toHaveURL(new RegExp(`span=${checkout.spans.db}`));
  await app.press('ArrowRight');
  await expect(page).toHaveURL(new RegExp(`span=${checkout.spans.payment}`));
  await app.press('Backspace');
  await expect(crumbs.locator('[aria-current]')).toHaveText('POST /checkout');
});

test('statistics sort by header and group per service or operation', async ({ page }) => {
  await page.goto(`/trace/${checkout.traceId}?view=stats`);
  const table = page.getByRole('table', { name: 'Statistics per service' });
  const firstService = table.locator('tbody tr').first().getByRole('rowheader');
  await expect(table.locator('tbody tr')).toHaveCount(4);
  await expect(table.getByRole('columnheader', { name: 'Total' })).toHaveAttribute('aria-sort', 'descending');
  await expect(firstService).toHaveText('edge-gateway');
  await table.getByRole('button', { name: 'Count' }).click();
  await expect(table.getByRole('columnheader', { name: 'Count' })).toHaveAttribute('aria-sort', 'descending');
  await expect(table.getByRole('columnheader', { name: 'Total' })).toHaveAttribute('aria-sort', 'none');
  await expect(firstService).toHaveText('checkout-service');
  await table.getByRole('button', { name: 'Service', exact: true }).click();
  await expect(table.getByRole('columnheader', { name: 'Service' })).toHaveAttribute('aria-sort', 'ascending');
  await expect(firstService).toHaveText('auth-service');
  await table.getByRole('button', { name: 'Service', exact: true }).click();
  await expect(firstService).toHaveText('payment-service');
  await page.screenshot({ path: 'test-results/traceviews-stats.png' });

  await page.getByRole('button', { name: 'Per operation' }).click();
  const ops = page.getByRole('table', { name: 'Statistics per operation' });
  await expect(ops.locator('tbody tr')).toHaveCount(5);
  await ops.getByRole('button', { name: 'Self', exact: true }).click();
  await expect(ops.locator('tbody tr').first()).toContainText('charge-card');
  // Grouping and sort are in the link (mirrored into the URL a tick after the click: viewParams.ts).
  await expect(page).toHaveURL(/stats=operation/);
  await expect(page).toHaveURL(/ssort=self\.desc/);
  await page.reload();
  await expect(ops.locator('tbody tr').first()).toContainText('charge-card');
  await expect(ops.getByRole('columnheader', { name: 'Self', exact: true })).toHaveAttribute('aria-sort', 'descending');
  await ops.getByRole('button', { name: /slowest span of payment-service charge-card/ }).click();
  await expect(page).toHaveURL(new RegExp(`span=${checkout.spans.payment}`));
});

test('span table sorts, selects, and keeps the DOM small for a big trace', async ({ page }) => {
  await page.goto(`/trace/${checkout.traceId}?view=spans`);
  const grid = page.getByRole('grid', { name: /Spans/ });
  await expect(grid.locator('.st-body [role=row]')).toHaveCount(5);
  await grid.getByRole('button', { name: 'Duration' }).click();
  await expect(grid.locator('.st-body [role=row]').first()).toContainText('POST /checkout');
  await grid.getByRole('button', { name: 'Duration' }).click();
  await expect(grid.getByRole('columnheader', { name: 'Duration' })).toHaveAttribute('aria-sort', 'ascending');
  await expect(grid.locator('.st-body [role=row]').first()).toContainText('SELECT orders');
  await grid.locator('.st-body [role=row]').filter({ hasText: 'verify-token' }).click();
  await expect(page).toHaveURL(new RegExp(`span=${checkout.spans.auth}`));
  await grid.press('ArrowDown');
  await expect(grid.locator('[aria-selected=true]')).toContainText('charge-card');
  await page.screenshot({ path: 'test-results/traceviews-spans.png' });

  await page.goto(`/trace/${big.traceId}?view=spans`);
  await expect(grid).toHaveAttribute('aria-rowcount', String(big.spanCount + 1));
  const rendered = await grid.locator('.st-body [role=row]').count();
  expect(rendered).toBeGreaterThan(10);
  expect(rendered).toBeLessThan(120);
  await grid.press('End');
  await expect(grid.locator('[aria-selected=true]')).toBeVisible();
  await expect(grid.locator('[aria-selected=true]')).toHaveAttribute('aria-rowindex', String(big.spanCount + 1));
  await page.screenshot({ path: 'test-results/traceviews-spans-big.png' });
});

test('dark theme: flame graph and details read on a dark background', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(`/trace/${checkout.traceId}?view=flame&span=${checkout.spans.checkout}`);
  await expect(details(page).getByRole('heading', { name: 'place-order' })).toBeVisible();
  await page.screenshot({ path: 'test-results/traceviews-dark.png' });
});

test('flame graph draws a big trace', async ({ page }) => {
  await page.goto(`/trace/${big.traceId}?view=flame`);
  await expect(page.getByRole('region', { name: 'Flame graph' }).locator('canvas')).toBeVisible();
  await page.screenshot({ path: 'test-results/traceviews-flame-big.png' });
});

test('JSON view shows OTLP/JSON and downloads it', async ({ page }) => {
  await page.goto(`/trace/${checkout.traceId}?view=json`);
  const pre = page.getByLabel('Trace as OTLP JSON');
  await expect(pre).toContainText('"resourceSpans"');
  await expect(pre).toContainText(`"traceId": "${checkout.traceId}"`);
  await expect(pre).toContainText('"intValue": "500"');
  await page.screenshot({ path: 'test-results/traceviews-json.png' });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download JSON' }).click()]);
  expect(download.suggestedFilename()).toBe(`trace-${checkout.traceId}.json`);
  const json = JSON.parse(readFileSync((await download.path())!, 'utf8')) as {
    resourceSpans: { scopeSpans: { spans: { spanId: string; startTimeUnixNano: string }[] }[] }[];
  };
  const spans = json.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
  expect(spans.map((s) => s.spanId).sort()).toEqual(Object.values(checkout.spans).sort());
  expect(spans[0]!.startTimeUnixNano).toMatch(/^\d{19}$/);
});

test('nested and exotic attribute values from an opened OTLP file are expanded and typed', async ({ page }) => {
  const traceId = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
  const otlp = {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'file-svc' } }] },
        scopeSpans: [
          {
            scope: { name: 'handmade', version: '0.1' },
            spans: [
              {
                traceId,
                spanId: '1111111111111111',
                name: 'typed-values',
                kind: 2,
                startTimeUnixNano: '1700000000000000000',
                endTimeUnixNano: '1700000000012345678',
                attributes: [
                  { key: 'ports', value: { arrayValue: { values: [{ intValue: '80' }, { intValue: '443' }] } } },
                  { key: 'http.headers', value: { kvlistValue: { values: [{ key: 'accept', value: { stringValue: 'text/html' } }, { key: 'retries', value: { intValue: '2' } }] } } },
                  { key: 'payload', value: { bytesValue: 'AAH+/w==' } },
                  { key: 'huge', value: { intValue: '9007199254740993' } },
                  { key: 'nothing', value: {} },
                ],
                status: { code: 1 },
              },
            ],
          },
        ],
      },
    ],
  };
  await page.goto('/search');
  await page
    .getByRole('banner')
    .getByLabel('Open file')
    .setInputFiles({ name: 'typed.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(otlp)) });
  await expect(page).toHaveURL(new RegExp(`/trace/${traceId}`));
  await page.getByRole('button', { name: 'Spans', exact: true }).click();
  await page.getByRole('grid', { name: /Spans/ }).getByRole('row').filter({ hasText: 'typed-values' }).click();
  const panel = details(page);
  await expect(panel.getByRole('heading', { name: 'typed-values' })).toBeVisible();
  await expect(row(page, 'ports')).toContainText('int[]');
  await expect(row(page, 'ports').getByRole('listitem')).toHaveText(['80', '443']);
  await expect(row(page, 'http.headers')).toContainText('kvlist');
  await expect(row(page, 'http.headers').getByRole('term')).toHaveText(['accept', 'retries']);
  await expect(row(page, 'payload')).toHaveText(/0001feff\s*bytes/);
  await expect(row(page, 'huge')).toHaveText(/9007199254740993\s*int/);
  await expect(row(page, 'nothing')).toHaveText(/\(empty\)\s*empty/);
  await expect(panel.getByText('12.3 ms', { exact: true }).first()).toHaveAttribute('title', '12,345,678 ns');
  await page.screenshot({ path: 'test-results/traceviews-details-typed.png' });

  // The JSON view writes the same values back losslessly.
  await page.getByRole('button', { name: 'JSON', exact: true }).click();
  const pre = page.getByLabel('Trace as OTLP JSON');
  await expect(pre).toContainText('"intValue": "9007199254740993"');
  await expect(pre).toContainText('"bytesValue": "AAH+/w=="');
  await expect(pre).toContainText('"endTimeUnixNano": "1700000000012345678"');
});

test('flame graph of a trace deeper than the screen scrolls, drawing only the rows in view', async ({ page }) => {
  const traceId = 'd1d2d3d4d5d6d7d8d9d0e1e2e3e4e5e6';
  const depth = 80;
  const spans = Array.from({ length: depth }, (_, i) => ({
    traceId,
    spanId: (i + 1).toString(16).padStart(16, '0'),
    ...(i > 0 ? { parentSpanId: i.toString(16).padStart(16, '0') } : {}),
    name: `level-${i}`,
    startTimeUnixNano: String(1_700_000_000_000_000_000n + BigInt(i) * 1_000_000n),
    endTimeUnixNano: String(1_700_000_001_000_000_000n - BigInt(i) * 1_000_000n),
  }));
  const otlp = { resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'deep-svc' } }] }, scopeSpans: [{ spans }] }] };
  await page.goto('/search');
  await page
    .getByRole('banner')
    .getByLabel('Open file')
    .setInputFiles({ name: 'deep.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(otlp)) });
  await expect(page).toHaveURL(new RegExp(`/trace/${traceId}`));
  await page.getByRole('button', { name: 'Flame graph', exact: true }).click();
  const graph = page.getByRole('region', { name: 'Flame graph' });
  const scroller = graph.getByRole('application');
  const canvas = graph.locator('canvas');
  // The canvas is as tall as the viewport, not as the 81 rows.
  const viewport = (await scroller.boundingBox())!;
  expect((await canvas.boundingBox())!.height).toBeLessThanOrEqual(viewport.height + 1);
  await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
  const box = (await canvas.boundingBox())!;
  // The scroll reaches React in the scroll event after this script's change: hover again until
  // the hit test uses the new offset.
  await expect(async () => {
    await page.mouse.move(box.x + box.width / 2 - 1, box.y + box.height - 11);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height - 10);
    await expect(graph.getByRole('tooltip')).toContainText(`level-${depth - 1}`, { timeout: 500 });
  }).toPass({ timeout: 5_000 });
  await page.mouse.click(box.x + box.width / 2, box.y + box.height - 10);
  await expect(details(page).getByRole('heading', { name: `level-${depth - 1}` })).toBeVisible();
  // The breadcrumb lists the first and last levels only.
  const crumbs = graph.getByRole('navigation', { name: 'Flame graph zoom' });
  await expect(crumbs.getByRole('button')).toHaveText(['All spans', `level-${depth - 4}`, `level-${depth - 3}`, `level-${depth - 2}`, 'Reset zoom']);
  await page.screenshot({ path: 'test-results/traceviews-flame-deep.png' });
});
