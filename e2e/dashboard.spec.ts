/**
 * The dashboard on the real embedded backend: every tile must show the figure computed here
 * from what the seeders sent through the OpenTelemetry SDK (the embedded store is exact), and
 * the tiles / table must lead to the right search and map URLs.
 */
import { expect, test, type Page } from '@playwright/test';
import { formatDuration } from '../src/model/format';
import { quantileCont } from '../src/features/dashboard/quantile';
import { formatCompact, formatPercent } from '../src/features/dashboard/tiles';
import { goDurationMs } from '../src/features/dashboard/links';
import { readSeed } from './support/seedFile';
import type { SentTrace } from './support/sdkTrace';

const count = new Intl.NumberFormat('en-US');

async function tile(page: Page, title: string) {
  const region = page.getByRole('region', { name: title, exact: true });
  await expect(region.locator('.dash-tile-value')).toBeVisible({ timeout: 15_000 });
  return {
    region,
    value: (await region.locator('.dash-tile-value').textContent()) ?? '',
    unit: (await region.locator('.dash-tile-unit').textContent().catch(() => '')) ?? '',
    context: (await region.locator('.dash-tile-context').textContent()) ?? '',
  };
}

/** The page's exact window, read from the P99 link (start / end in µs). */
async function pageRange(page: Page): Promise<{ startMs: number; endMs: number }> {
  const href = (await page.getByRole('region', { name: 'P99 latency' }).getByRole('link').getAttribute('href')) ?? '';
  const params = new URL(href, 'http://x').searchParams;
  return { startMs: Number(params.get('start')) / 1000, endMs: Number(params.get('end')) / 1000 };
}

interface Expected {
  traces: SentTrace[];
  spans: number;
  /** A trace crosses a window edge: its spans are split, so the span total is not checked. */
  straddles: boolean;
}

function expectedIn(range: { startMs: number; endMs: number }): Expected {
  const all = readSeed().traces;
  const traces = all.filter((t) => t.startMs >= range.startMs && t.startMs < range.endMs);
  const straddles = all.some((t) => (t.startMs < range.startMs && t.startMs + t.durationMs >= range.startMs) || (t.startMs < range.endMs && t.startMs + t.durationMs >= range.endMs));
  return { traces, spans: traces.reduce((a, t) => a + t.spanCount, 0), straddles };
}

async function checkTiles(page: Page, windowLabel: string, windowMs: number) {
  const range = await pageRange(page);
  expect(range.endMs - range.startMs).toBe(windowMs);
  const e = expectedIn(range);
  const n = e.traces.length;
  expect(n).toBeGreaterThan(5);

  const traces = await tile(page, 'Traces/day');
  expect(traces.value).toBe(formatCompact((n * 86_400_000) / windowMs));
  expect(traces.context).toBe(`exact count ${count.format(n)} in ${windowLabel}`);

  if (!e.straddles) {
    const avg = await tile(page, 'Avg spans');
    expect(avg.value).toBe(formatCompact(e.spans / n));
    expect(avg.context).toBe(`${count.format(e.spans)} spans in ${count.format(n)} traces`);
  }

  const p99Ms = quantileCont(
    e.traces.map((t) => t.durationMs),
    0.99,
  ) as number;
  const p99 = await tile(page, 'P99 latency');
  expect(`${p99.value} ${p99.unit}`).toBe(formatDuration(p99Ms * 1e6));
  const p50Ms = quantileCont(
    e.traces.map((t) => t.durationMs),
    0.5,
  ) as number;
  expect(p99.context).toBe(`whole traces; p50 ${formatDuration(p50Ms * 1e6)}; exact`);

  const services = [...new Set(e.traces.flatMap((t) => t.services))].sort();
  const svc = await tile(page, 'Services');
  expect(svc.value).toBe(String(services.length));
  expect(await svc.region.locator('.dash-tile-value').getAttribute('title')).toBe(services.join(', '));

  const withErrors = e.traces.filter((t) => t.errorCount > 0).length;
  expect(withErrors).toBeGreaterThan(0);
  const err = await tile(page, 'Error rate');
  expect(err.value).toBe(formatPercent(withErrors / n));
  expect(err.context).toBe(`${count.format(withErrors)} of ${count.format(n)} traces had ≥1 error span`);

  const sampled = await tile(page, 'Sampled');
  expect(`${sampled.value} ${sampled.unit}`).toBe('100 %');
  return { range, p99Ms };
}

test('tiles show the exact figures of what the seeders sent (1 h and 15 min windows)', async ({ page }) => {
  await page.goto('/?window=1h');
  await checkTiles(page, '1 h', 3_600_000);
  await page.screenshot({ path: 'test-results/dashboard-1h.png', fullPage: true });

  await page.getByRole('group', { name: 'Time window' }).getByRole('button', { name: '15m' }).click();
  await expect(page).toHaveURL(/window=15m/);
  await expect(page.getByRole('button', { name: '15m' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('region', { name: 'Traces/day' })).toContainText('in 15 min');
  await checkTiles(page, '15 min', 900_000);
});

test('P99 opens the search for slower traces over the window, keeping the source', async ({ page }) => {
  await page.goto('/?window=1h&source=local');
  const { range, p99Ms } = await checkTiles(page, '1 h', 3_600_000);
  await page.getByRole('region', { name: 'P99 latency' }).getByRole('link').click();
  await expect(page).toHaveURL(/\/search\?/);
  const url = new URL(page.url());
  expect(url.searchParams.get('minDuration')).toBe(goDurationMs(p99Ms));
  expect(url.searchParams.get('start')).toBe(String(range.startMs * 1000));
  expect(url.searchParams.get('end')).toBe(String(range.endMs * 1000));
  expect(url.searchParams.get('source')).toBe('local');
});

test('Services opens the service map', async ({ page }) => {
  await page.goto('/?window=6h');
  await page.getByRole('region', { name: 'Services' }).getByRole('link').click();
  await expect(page).toHaveURL(/\/map\?window=6h/);
});

test('operations table: exact calls, sortable with aria-sort, a row opens the search', async ({ page }) => {
  await page.goto('/?window=1h');
  const { range } = await checkTiles(page, '1 h', 3_600_000);
  const e = expectedIn(range);
  const table = page.getByRole('table', { name: /Operations in the last 1 h/ });
  await expect(table.getByRole('row').nth(1)).toBeVisible();

  // A root operation's call count (the rate cell's title) is exact.
  const root = e.traces[0] as SentTrace;
  const calls = e.traces.flatMap((t) => t.spanList).filter((x) => x.service === root.rootService && x.name === root.rootName).length;
  const row = table
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: root.rootService, exact: true }) })
    .filter({ has: page.getByRole('link', { name: root.rootName, exact: true }) });
  if (!e.straddles) await expect(row.locator('td').nth(2)).toHaveAttribute('title', `${count.format(calls)} calls`);

  const p99Header = table.getByRole('columnheader', { name: 'P99' });
  await expect(table.getByRole('columnheader', { name: /Rate/ })).toHaveAttribute('aria-sort', 'descending');
  await p99Header.getByRole('button').click();
  await expect(p99Header).toHaveAttribute('aria-sort', 'descending');
  await expect(page).toHaveURL(/sort=p99%3Adesc|sort=p99:desc/);
  await p99Header.getByRole('button').click();
  await expect(p99Header).toHaveAttribute('aria-sort', 'ascending');

  // The first row after sorting descending by P99 holds the slowest operation.
  await p99Header.getByRole('button').click();
  // Read the row only once the table shows the new order (else the click may hit a moving row).
  await expect(p99Header).toHaveAttribute('aria-sort', 'descending');
  const first = table.getByRole('row').nth(1);
  const service = (await first.locator('td').nth(0).textContent()) ?? '';
  const operation = (await first.getByRole('link').textContent()) ?? '';
  await first.getByRole('link').click();
  await expect(page).toHaveURL(/\/search\?/);
  const url = new URL(page.url());
  expect(url.searchParams.get('service')).toBe(service);
  expect(url.searchParams.get('operation')).toBe(operation);
});

test('dark theme screenshot', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/?window=1h');
  await tile(page, 'Sampled');
  await page.waitForTimeout(300);
  await page.screenshot({ path: 'test-results/dashboard-dark.png', fullPage: true });
});

test('loading shows skeleton tiles in the final layout; a failure names the URL and Retry recovers', async ({ page }) => {
  // Hold the metrics answers back, then fail them once, to see both states on the real backend.
  let mode: 'hold' | 'fail' | 'pass' = 'hold';
  await page.route('**/api/metrics/query_range**', async (route) => {
    if (mode === 'hold') return; // never answered: the page stays loading
    else if (mode === 'fail') await route.fulfill({ status: 500, contentType: 'text/plain', body: 'store is compacting' });
    else await route.continue();
  });
  await page.goto('/?window=1h');
  for (const title of ['Traces/day', 'Avg spans', 'P99 latency', 'Services', 'Error rate', 'Sampled']) {
    await expect(page.getByRole('region', { name: title, exact: true })).toHaveAttribute('aria-busy', 'true');
  }
  await page.screenshot({ path: 'test-results/dashboard-loading.png' });

  mode = 'fail';
  await page.reload();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Could not load the dashboard figures');
  await expect(alert).toContainText('/api/metrics/query_range');
  await expect(alert).toContainText('HTTP 500');
  await expect(alert).toContainText('store is compacting');
  await page.screenshot({ path: 'test-results/dashboard-error.png' });

  mode = 'pass';
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('region', { name: 'Traces/day' }).locator('.dash-tile-value')).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});
