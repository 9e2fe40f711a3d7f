import { expect, test, type Page } from '@playwright/test';
import { seederResult } from './support/seedFile';
import type { BaseSeed } from './seed/base.seed';
import type { SearchSeed } from './seed/search.seed';

const results = (page: Page) => page.getByRole('table', { name: 'Search results' });
const rows = (page: Page) => results(page).locator('tbody tr');

test('a search by service and attribute finds the right traces, and its link reloads the same results', async ({ page }) => {
  const { inventory } = seederResult<SearchSeed>('search');
  await page.goto('/search');
  const form = page.getByRole('form', { name: 'Search traces' });
  await expect(form.getByLabel('Service')).toContainText('inventory-api');
  await form.getByLabel('Service').selectOption('inventory-api');
  await expect(form.getByLabel('Operation')).toContainText('GET /items');
  await form.getByLabel('Operation').selectOption('GET /items');
  await form.getByLabel('Attributes').fill('cloud.region=eu-west-1');
  await form.getByRole('button', { name: 'Find traces' }).click();
  await expect(page).toHaveURL(/service=inventory-api&operation=GET\+%2Fitems&attr=cloud.region%3Deu-west-1/);
  await expect(rows(page)).toHaveCount(2);
  const text = await results(page).innerText();
  expect(text).toContain(inventory.euFast.traceId.slice(0, 8));
  expect(text).toContain(inventory.euSlow.traceId.slice(0, 8));
  expect(text).not.toContain(inventory.usError.traceId.slice(0, 8));
  await expect(page.getByRole('heading', { name: '2 traces' })).toBeVisible();
  // One mark per trace in the scatter, none of them errors.
  await expect(page.getByRole('group', { name: 'Duration over time' }).getByRole('link')).toHaveCount(2);
  await page.screenshot({ path: 'test-results/search-form.png', fullPage: true });

  await page.reload();
  await expect(rows(page)).toHaveCount(2);
  await expect(page.getByRole('form', { name: 'Search traces' }).getByLabel('Attributes')).toHaveValue('cloud.region=eu-west-1');
  expect(await results(page).innerText()).toContain(inventory.euSlow.traceId.slice(0, 8));

  // Opening a result lands on the trace page.
  await rows(page).first().getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/trace/(${inventory.euFast.traceId}|${inventory.euSlow.traceId})`));
});

test('durations filter, columns sort, errors stand out by shape', async ({ page }) => {
  const { inventory } = seederResult<SearchSeed>('search');
  await page.goto('/search?service=inventory-api&minDuration=100ms');
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText(inventory.usError.traceId.slice(0, 8));
  await expect(rows(page).first()).toContainText('120 ms');
  const scatter = page.getByRole('group', { name: 'Duration over time' });
  await expect(scatter.locator('a.scatter-dot.error path')).toHaveCount(1);

  await page.goto('/search?service=inventory-api');
  await expect(rows(page)).toHaveCount(3);
  const duration = results(page).getByRole('columnheader', { name: 'Duration' });
  await duration.getByRole('button').click();
  await expect(duration).toHaveAttribute('aria-sort', 'descending');
  await expect(page).toHaveURL(/sort=duration-desc/);
  await expect(rows(page).first()).toContainText(inventory.usError.traceId.slice(0, 8));
  await expect(rows(page).first().getByRole('cell').nth(5)).toContainText('1');
  await duration.getByRole('button').click();
  await expect(duration).toHaveAttribute('aria-sort', 'ascending');
  await expect(rows(page).first()).toContainText(inventory.euFast.traceId.slice(0, 8));
  await expect(scatter.locator('a.scatter-dot.error')).toHaveCount(1);
  await expect(scatter.locator('a.scatter-dot:not(.error) circle')).toHaveCount(2);

  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/search-dark.png', fullPage: true });
  await page.emulateMedia({ colorScheme: 'light' });

  // Bad durations are explained at the field, nothing is run.
  await page.getByRole('form', { name: 'Search traces' }).getByLabel('Min duration').fill('100');
  await page.getByRole('button', { name: 'Find traces' }).click();
  await expect(page.getByText('"100" is not a duration')).toBeVisible();
});

test("Jaeger's search links work, empty results name the filters, brushing narrows the window", async ({ page }) => {
  const { inventory } = seederResult<SearchSeed>('search');
  const tags = encodeURIComponent(JSON.stringify({ 'cloud.region': 'us-east-1' }));
  await page.goto(`/search?service=inventory-api&operation=all&tags=${tags}&lookback=1h&limit=20`);
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText(inventory.usError.traceId.slice(0, 8));

  await page.goto('/search?service=inventory-api&attr=cloud.region%3Dmars&lookback=15m');
  const empty = page.getByRole('status').filter({ hasText: 'No traces matched' });
  await expect(empty).toContainText('service = inventory-api');
  await expect(empty).toContainText('cloud.region = mars');
  await expect(empty).toContainText('last 15m');
  await page.screenshot({ path: 'test-results/search-empty.png', fullPage: true });
  await empty.getByRole('button', { name: 'Search the last 1h' }).click();
  // 1h is the default window, so the link simply drops the look-back.
  await expect(page).toHaveURL(/\/search\?service=inventory-api&attr=cloud.region%3Dmars$/);

  await page.goto('/search?service=inventory-api');
  await expect(rows(page)).toHaveCount(3);
  const svg = page.getByRole('group', { name: 'Duration over time' });
  const box = (await svg.boundingBox())!;
  // Across the whole plot: all three traces stay inside the brushed range whatever second "now" fell in.
  await page.mouse.move(box.x + box.width * 0.02, box.y + 40);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.99, box.y + 40, { steps: 5 });
  await page.mouse.up();
  await expect(page).toHaveURL(/start=\d+&end=\d+/);
  await expect(page.getByRole('form', { name: 'Search traces' }).getByLabel('Time range')).toHaveValue('custom');
  await expect(rows(page)).toHaveCount(3);
});

test('a TraceQL search with completion, and errors at their position', async ({ page }) => {
  const { checkout } = seederResult<BaseSeed>('base');
  await page.goto('/search?tab=traceql');
  const editor = page.getByRole('textbox', { name: 'TraceQL query' });
  await editor.click();
  await editor.pressSequentially('{ span.payment.pro');
  const list = page.getByRole('listbox', { name: 'TraceQL suggestions' });
  await expect(list.getByRole('option', { name: /span\.payment\.provider/ })).toBeVisible();
  await expect(editor).toHaveAttribute('aria-activedescendant', /opt-0$/);
  await editor.press('Enter');
  await expect(editor).toHaveValue('{ span.payment.provider ');
  await expect(list.getByRole('option', { name: /^=\s*operator/ })).toBeVisible();
  await editor.press('Enter');
  await expect(list.getByRole('option', { name: /stripe/ })).toBeVisible();
  await page.screenshot({ path: 'test-results/search-traceql-completion.png' });
  await editor.press('Enter');
  await expect(editor).toHaveValue('{ span.payment.provider = "stripe" ');
  await editor.pressSequentially('}');
  await editor.press('Control+Enter');
  await expect(page).toHaveURL(/tab=traceql&q=%7B\+span.payment.provider\+%3D\+%22stripe%22\+%7D/);
  await expect(results(page)).toContainText(checkout.traceId.slice(0, 8));
  await expect(results(page)).toContainText('edge-gateway: POST /checkout');
  await page.screenshot({ path: 'test-results/search-traceql.png', fullPage: true });

  await editor.fill('{ span.payment.provider = }');
  await editor.press('Control+Enter');
  const alert = page.getByRole('alert').filter({ hasText: 'Query error' });
  await expect(alert).toContainText('line 1, column 27');
  await expect(alert.locator('mark')).toHaveText('}');
  await expect(editor).toHaveAttribute('aria-invalid', 'true');
  await page.screenshot({ path: 'test-results/search-traceql-error.png' });
});

test('the Trace ID box opens a trace ID and a traceparent', async ({ page }) => {
  const { checkout } = seederResult<BaseSeed>('base');
  await page.goto('/search');
  const box = page.getByRole('textbox', { name: 'Trace ID' });
  await box.fill(checkout.traceId.toUpperCase());
  await box.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/trace/${checkout.traceId}$`));
  await box.fill(`00-${checkout.traceId}-${checkout.spans.payment}-01`);
  await box.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/trace/${checkout.traceId}\\?span=${checkout.spans.payment}$`));
});

test('"Load more" raises the limit in the URL', async ({ page }) => {
  await page.goto('/search?limit=2');
  await expect(rows(page)).toHaveCount(2);
  await expect(page.getByRole('heading', { name: '2 traces (limit reached)' })).toBeVisible();
  await page.getByRole('button', { name: 'Load more (up to 4 traces)' }).click();
  await expect(page).toHaveURL(/limit=4/);
  await expect(rows(page)).toHaveCount(4);
});

test('a mark in the scatter opens its trace; the keyboard reaches it too', async ({ page }) => {
  const { inventory } = seederResult<SearchSeed>('search');
  await page.goto('/search?service=inventory-api&minDuration=100ms');
  const mark = page.getByRole('group', { name: 'Duration over time' }).getByRole('link', { name: /inventory-api: GET \/items, 120 ms, .*1 errors/ });
  await mark.focus();
  await expect(mark).toBeFocused();
  await mark.click();
  await expect(page).toHaveURL(new RegExp(`/trace/${inventory.usError.traceId}$`));
});

test('times switch to UTC at once, and a custom range is entered in UTC', async ({ page }) => {
  await page.goto('/search?service=inventory-api');
  await expect(rows(page)).toHaveCount(3);
  const form = page.getByRole('form', { name: 'Search traces' });
  await form.getByLabel('Times in UTC').check();
  await expect(page).toHaveURL(/tz=utc/);
  await expect(results(page).getByRole('columnheader', { name: 'Start (UTC)' })).toBeVisible();
  await form.getByLabel('Time range').selectOption('custom');
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 19);
  const from = Math.floor(Date.now() / 1000) * 1000 - 3_600_000;
  const to = from + 3_660_000;
  await form.getByLabel('From (UTC)').fill(iso(from));
  await form.getByLabel('To (UTC)').fill(iso(to));
  await form.getByRole('button', { name: 'Find traces' }).click();
  await expect(page).toHaveURL(new RegExp(`start=${from * 1000}&end=${to * 1000}`));
  await expect(rows(page)).toHaveCount(3);
  await form.getByLabel('From (UTC)').fill(iso(to));
  await form.getByRole('button', { name: 'Find traces' }).click();
  await expect(form.getByRole('alert')).toContainText('start of the time range must be before its end');
});
