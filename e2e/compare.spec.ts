import { expect, test } from '@playwright/test';
import { seederResult } from './support/seedFile';
import type { SearchSeed } from './seed/search.seed';

test("Jaeger's /trace/a...b path compares two runs of a request", async ({ page }) => {
  const { a, b } = seederResult<SearchSeed>('search').compare;
  await page.goto(`/trace/${a.traceId}...${b.traceId}`);
  await expect(page.getByRole('heading', { name: 'Compare traces' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Span comparison' });
  const row = (name: string) => table.getByRole('row').filter({ hasText: name });
  await expect(row('report-api: GET /report')).toContainText('Slower');
  await expect(row('report-api: GET /report')).toContainText('+160 ms');
  await expect(row('report-db: SELECT rows')).toContainText('Slower');
  await expect(row('report-db: SELECT rows')).toContainText('1 more call');
  await expect(row('report-db: SELECT rows').getByRole('cell').nth(2)).toHaveText('1');
  await expect(row('report-db: SELECT rows').getByRole('cell').nth(4)).toHaveText('2');
  await expect(row('report-cache: GET report')).toContainText('Only in A');
  await expect(row('report-render: render pdf')).toContainText('Only in B');
  await expect(page.getByRole('status').filter({ hasText: 'B took' })).toContainText('+ 1 only in B');
  await page.screenshot({ path: 'test-results/compare.png', fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/compare-dark.png', fullPage: true });
  await page.emulateMedia({ colorScheme: 'light' });

  // Click through to the span in either trace.
  await row('report-render: render pdf').getByRole('link', { name: /in trace B/ }).click();
  await expect(page).toHaveURL(new RegExp(`/trace/${b.traceId}\\?span=${b.spans.render}$`));
  await page.goBack();
  await row('report-cache: GET report').getByRole('link', { name: /in trace A/ }).click();
  await expect(page).toHaveURL(new RegExp(`/trace/${a.traceId}\\?span=${a.spans.cache}$`));
});

test('the /compare form takes two IDs (or traceparents) and explains bad input', async ({ page }) => {
  const { a, b } = seederResult<SearchSeed>('search').compare;
  await page.goto('/compare');
  const form = page.getByRole('form', { name: 'Traces to compare' });
  await form.getByLabel('Trace A').fill(a.traceId);
  await form.getByLabel('Trace B').fill('not a trace');
  await form.getByRole('button', { name: 'Compare' }).click();
  await expect(form.getByRole('alert')).toContainText('Expected a 32- or 16-hex trace ID');
  await form.getByLabel('Trace B').fill(`00-${b.traceId}-${b.spans.root}-01`);
  await form.getByRole('button', { name: 'Compare' }).click();
  await expect(page).toHaveURL(new RegExp(`/trace/${a.traceId}\\.\\.\\.${b.traceId}$`));
  await expect(page.getByRole('table', { name: 'Span comparison' })).toBeVisible();
  await page.getByLabel('Only paths that changed').check();
  await expect(page).toHaveURL(/diff=1/);
  await expect(page.getByRole('table', { name: 'Span comparison' }).locator('tbody tr')).toHaveCount(4);
});

test('a missing trace is named, with a retry', async ({ page }) => {
  const { a } = seederResult<SearchSeed>('search').compare;
  await page.goto(`/trace/${a.traceId}...0123456789abcdef0123456789abcdef`);
  const error = page.getByRole('alert').filter({ hasText: 'Could not load trace B' });
  await expect(error).toContainText('HTTP 404');
  await expect(error).toContainText('does not have it');
  await expect(error.getByRole('button', { name: 'Retry' })).toBeVisible();
  await expect(page.getByRole('heading', { name: /Trace A/ })).toContainText(a.traceId);
});

test('search results can be ticked and compared', async ({ page }) => {
  const { a, b } = seederResult<SearchSeed>('search').compare;
  await page.goto('/search?service=report-api');
  const rows = page.getByRole('table', { name: 'Search results' }).locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await rows.nth(0).getByRole('checkbox').check();
  await rows.nth(1).getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Compare selected (2/2)' }).click();
  await expect(page).toHaveURL(new RegExp(`/trace/(${a.traceId}|${b.traceId})\\.\\.\\.(${a.traceId}|${b.traceId})`));
  await expect(page.getByRole('table', { name: 'Span comparison' })).toBeVisible();
});
