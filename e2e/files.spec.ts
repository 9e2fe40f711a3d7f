import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const fixture = (path: string) => fileURLToPath(new URL(`../src/sources/__fixtures__/${path}`, import.meta.url));

test('a file with one trace picked from the top bar opens in the trace view', async ({ page }) => {
  await page.goto('/search');
  await page.getByRole('banner').getByLabel('Open file').setInputFiles(fixture('jaeger/v1-trace-bare-genai-57spans.json'));
  await expect(page).toHaveURL(/\/trace\/4a1b2c3d[0-9a-f]{24}$/);
  // The trace page marks it as read from a file (not from the source).
  await expect(page.getByText(/from file/i).first()).toBeVisible();
  await page.screenshot({ path: 'test-results/files-single-trace.png' });
});

test('a file with several traces is listed with links, marked as from file', async ({ page }) => {
  await page.goto('/files');
  await page.getByLabel('Open trace file').setInputFiles([fixture('zipkin/v2-traces-search.CONSTRUCTED.json'), fixture('jaeger/v1-trace-bare-genai-57spans.json')]);
  await expect(page).toHaveURL(/\/files$/);
  const files = page.getByRole('list', { name: 'Opened files' });
  await expect(files).toContainText('zipkin-v2, 6 spans');
  await expect(files).toContainText('jaeger-v1, 57 spans');
  await expect(page.getByRole('heading', { name: /Traces\s+from file/ })).toBeVisible();
  const table = page.getByRole('table', { name: 'Traces' });
  await expect(table.locator('tbody tr')).toHaveCount(3);
  await expect(table).toContainText('frontend');
  await expect(table).toContainText('57');
  await page.screenshot({ path: 'test-results/files-list.png', fullPage: true });
  await table.getByRole('link', { name: /^463ac35c/ }).click();
  await expect(page).toHaveURL(/\/trace\/463ac35c[0-9a-f]{24}$/);
});

test('a file dropped anywhere on the app opens', async ({ page }) => {
  await page.goto('/search');
  const content = readFileSync(fixture('otlp/examples-trace.json'), 'utf8');
  const transfer = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'examples-trace.json', { type: 'application/json' }));
    return dt;
  }, content);
  // The app listens for drags from an effect that may run after `goto` returns: send the
  // drag again until the overlay answers (a drop resets the drag count).
  const overlay = page.getByRole('status').filter({ hasText: 'Drop trace files to open them' });
  await expect(async () => {
    await page.dispatchEvent('main', 'dragenter', { dataTransfer: transfer });
    await expect(overlay).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 10_000 });
  await page.screenshot({ path: 'test-results/files-drop.png' });
  await page.dispatchEvent('main', 'drop', { dataTransfer: transfer });
  await expect(page).toHaveURL(/\/trace\/5b8efff798038103d269b633813fc60c$/);
  await expect(page.getByText('Drop trace files to open them')).toHaveCount(0);
  // Its span's attributes (kept packed until read: src/model/packedAttributes.ts) show in the details.
  await page.getByRole('treegrid').getByRole('row', { name: /I'm a server span/ }).first().click();
  const attributes = page.getByRole('region', { name: 'Span details' }).getByRole('table', { name: 'Attributes attributes' });
  await expect(attributes.getByRole('row').filter({ hasText: 'my.span.attr' })).toContainText('some value');
});

test('an unreadable file gets a clear error, not a blank page', async ({ page }) => {
  await page.goto('/files');
  await page.getByLabel('Open trace file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"resourceSpans": 5') });
  await expect(page).toHaveURL(/\/files$/);
  await expect(page.getByRole('alert')).toContainText('not valid JSON');
});
