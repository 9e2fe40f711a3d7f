/**
 * The trace page on the real embedded backend, seeded through the OpenTelemetry SDK
 * (e2e/seed/base.seed.ts: the 5-service checkout; e2e/seed/trace.seed.ts: a deeper trace).
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import type { BaseSeed } from './seed/base.seed';
import type { TraceSeed } from './seed/trace.seed';
import { readSeed, seederResult } from './support/seedFile';

const base = seederResult<BaseSeed>('base');
const deep = seederResult<TraceSeed>('trace').deep;
const checkout = base.checkout;
const fixture = (path: string) => fileURLToPath(new URL(`../src/sources/__fixtures__/${path}`, import.meta.url));

const details = (page: Page) => page.getByRole('region', { name: 'Span details' });
const findBox = (page: Page) => page.getByRole('searchbox', { name: 'Find in trace' });
const matchCount = (page: Page) => page.getByRole('status', { name: 'Matches' });
function figure(page: Page, name: string) {
  return page.getByLabel('Trace figures').locator('div', { has: page.getByRole('term').filter({ hasText: new RegExp(`^${name}`) }) }).getByRole('definition');
}

test.describe('in Tokyo', () => {
  test.use({ timezoneId: 'Asia/Tokyo' });

  test('opening a trace by URL shows the header figures and services legend', async ({ page }) => {
    const requests: string[] = [];
    page.on('request', (request) => requests.push(new URL(request.url()).pathname));
    await page.goto(`/trace/${checkout.traceId}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/edge-gateway\s*POST \/checkout/);
    await expect(figure(page, 'Duration')).toHaveText('245 ms');
    await expect(figure(page, 'Spans')).toHaveText('5');
    await expect(figure(page, 'Depth')).toHaveText('3');
    await expect(figure(page, 'Errors')).toContainText('1');
    const legend = page.getByRole('list', { name: 'Services' });
    for (const service of ['edge-gateway', 'auth-service', 'checkout-service', 'payment-service']) {
      await expect(legend).toContainText(service);
    }
    await expect(page.getByText(/\d+ (s|min) ago|just now/)).toBeVisible();
    // Local time names its zone; the UTC toggle switches and is kept in the URL.
    await expect(page.locator('time')).toHaveText(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} GMT\+9$/);
    await page.getByRole('button', { name: 'UTC', exact: true }).click();
    const sentStart = readSeed().traces.find((t) => t.traceId === checkout.traceId)!.startMs;
    await expect(page.locator('time')).toHaveText(`${new Date(sentStart).toISOString().replace('T', ' ').replace('Z', '')} UTC`);
    await expect(page).toHaveURL(/tz=utc/);
    // From the embedded backend the page reads the binary skeleton, not the trace's JSON.
    expect(requests).toContain(`/api/tracescope/traces/${checkout.traceId}/skeleton`);
    expect(requests.some((path) => path.startsWith('/api/v2/traces/'))).toBe(false);
  });
});

test('the Trace ID box opens a traceparent with its span selected in the details panel', async ({ page }) => {
  await page.goto('/');
  const box = page.getByRole('textbox', { name: 'Trace ID' });
  await box.fill(`00-${checkout.traceId}-${checkout.spans.payment}-01`);
  await box.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/trace/${checkout.traceId}\\?span=${checkout.spans.payment}`));
  await expect(details(page)).toContainText('charge-card');
  await expect(details(page)).toContainText('stripe');
  // Esc closes the panel, and the URL says so.
  await page.locator('body').press('Escape');
  await expect(details(page)).toHaveCount(0);
  await expect(page).toHaveURL(/details=0/);
  // Arrow keys move the selection with the panel left closed; Enter opens it for that row.
  await page.getByRole('treegrid').focus();
  await page.keyboard.press('Home');
  await expect(page).toHaveURL(new RegExp(`span=${checkout.spans.root}`));
  await expect(details(page)).toHaveCount(0);
  await page.keyboard.press('Enter');
  await expect(details(page)).toContainText('POST /checkout');
  await expect(page).not.toHaveURL(/details=0/);
});

test('the details panel resizes with its handle (keyboard) and closes with its button', async ({ page }) => {
  await page.goto(`/trace/${checkout.traceId}?span=${checkout.spans.auth}`);
  await expect(details(page)).toContainText('verify-token');
  const handle = page.getByRole('separator', { name: 'Resize span details' });
  const before = Number(await handle.getAttribute('aria-valuenow'));
  await handle.focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(handle).toHaveAttribute('aria-valuenow', String(before + 48));
  const box = await details(page).boundingBox();
  expect(box?.width ?? 0).toBeGreaterThan(before + 48 - 20);
  await page.getByRole('button', { name: 'Close span details' }).click();
  await expect(details(page)).toHaveCount(0);
  // A click on a row opens it again.
  await page.getByRole('treegrid').getByRole('row', { name: /place-order/ }).click();
  await expect(details(page)).toContainText('place-order');
});

test('selecting a span shows its attributes as text, HTML included', async ({ page }) => {
  await page.goto(`/trace/${checkout.traceId}`);
  await page.getByRole('treegrid').getByRole('row', { name: /SELECT orders/ }).first().click();
  await expect(page).toHaveURL(new RegExp(`span=${checkout.spans.db}`));
  const panel = details(page);
  await expect(panel).toContainText('SELECT * FROM orders WHERE id = ?');
  await expect(panel).toContainText('<img src=x onerror=alert(1)>');
  await expect(panel).toContainText('<b>markup</b>');
  await expect(panel.locator('img, b')).toHaveCount(0);
});

test('find counts matches, steps with Enter / Shift+Enter and the buttons, and / focuses it', async ({ page }) => {
  await page.goto(`/trace/${checkout.traceId}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // `/` goes to find on this page, not to the shell's Trace ID box.
  await expect(async () => {
    // Until the page's shortcut is attached, `/` may reach the shell's box: start over from nowhere.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.locator('body').press('/');
    await expect(findBox(page)).toBeFocused({ timeout: 250 });
  }).toPass({ timeout: 5_000 });
  await expect(page.getByRole('textbox', { name: 'Trace ID' })).not.toBeFocused();
  await findBox(page).fill('checkout');
  await expect(matchCount(page)).toHaveText('1 of 3');
  await findBox(page).press('Enter');
  await expect(matchCount(page)).toHaveText('2 of 3');
  await findBox(page).press('Enter');
  await findBox(page).press('Enter');
  await expect(matchCount(page)).toHaveText('1 of 3');
  await findBox(page).press('Shift+Enter');
  await expect(matchCount(page)).toHaveText('3 of 3');
  await page.getByRole('button', { name: 'Next match' }).click();
  await expect(matchCount(page)).toHaveText('1 of 3');
  await page.getByRole('button', { name: 'Previous match' }).click();
  await expect(matchCount(page)).toHaveText('3 of 3');
  await expect(page).toHaveURL(/find=checkout/);
  // Attribute values of every type are found as text.
  await findBox(page).fill('order.total=129.5');
  await expect(matchCount(page)).toHaveText('1 of 1');
  await findBox(page).fill('no-such-thing');
  await expect(matchCount(page)).toHaveText('No matches');
  // Esc in find clears it.
  await findBox(page).press('Escape');
  await expect(findBox(page)).toHaveValue('');
});

test('find reveals a match inside collapsed subtrees', async ({ page }) => {
  await page.goto(`/trace/${deep.traceId}?collapsed=${deep.spans.load},${deep.spans.resolve}`);
  const grid = page.getByRole('treegrid');
  await expect(grid.getByRole('row', { name: /load-order/ })).toBeVisible();
  await expect(grid.getByRole('row', { name: /cache-get/ })).toHaveCount(0);
  await findBox(page).fill('needle');
  await expect(matchCount(page)).toHaveText('1 of 1');
  await expect(grid.getByRole('row', { name: /cache-get/ })).toBeVisible();
  await expect(page).not.toHaveURL(/collapsed=/);
});

test('a link selecting a span inside a collapsed subtree opens that subtree', async ({ page }) => {
  await page.goto(`/trace/${deep.traceId}?span=${deep.spans.needle}&collapsed=${deep.spans.load},${deep.spans.resolve}`);
  await expect(details(page)).toContainText('sku-needle-7731');
  await expect(page.getByRole('treegrid').getByRole('row', { name: /cache-get/ })).toBeVisible();
});

test('filter pills: errors only, slow spans, by service', async ({ page }) => {
  await page.goto(`/trace/${checkout.traceId}`);
  await page.getByRole('button', { name: 'Errors only' }).click();
  await expect(matchCount(page)).toHaveText('1 of 1');
  await expect(page).toHaveURL(/errors=1/);
  await page.getByRole('button', { name: 'Errors only' }).click();
  await page.getByLabel('Slow span threshold in milliseconds').fill('100');
  await page.getByLabel('Slow span threshold in milliseconds').press('Enter');
  await expect(page).toHaveURL(/slow=100/);
  // > 100 ms: POST /checkout (245), place-order (215), charge-card (190).
  await expect(matchCount(page)).toHaveText('1 of 3');
  await page.getByRole('button', { name: 'Slower than' }).click();
  await expect(page).not.toHaveURL(/slow=/);
  await page.getByText('Services', { exact: true }).click();
  await page.getByRole('checkbox', { name: 'checkout-service' }).check();
  await expect(matchCount(page)).toHaveText('1 of 2');
  await expect(page).toHaveURL(/svc=checkout-service/);
});

test('on a slow machine a click on a filter shows at once and typed keys are never lost', async ({ page }) => {
  // The URL holds find and the filters, and the router commits it in a transition after the
  // event; a box rendered only from the URL would be put back meanwhile (pendingValue.ts).
  await page.goto(`/trace/${checkout.traceId}`);
  await expect(page.getByRole('treegrid')).toBeVisible();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 12 });
  await page.getByText('Services', { exact: true }).click();
  await page.getByRole('checkbox', { name: 'checkout-service' }).check();
  await findBox(page).pressSequentially('charge-card', { delay: 0 });
  await expect(findBox(page)).toHaveValue('charge-card');
  await expect(page).toHaveURL(/find=charge-card/);
  await expect(page).toHaveURL(/svc=checkout-service/);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
});

test('the view switcher changes views and keeps them in the URL', async ({ page }) => {
  await page.goto(`/trace/${checkout.traceId}`);
  const views = page.getByRole('group', { name: 'View' });
  for (const [name, param] of [
    ['Flame graph', 'flame'],
    ['Statistics', 'stats'],
    ['Spans', 'spans'],
    ['JSON', 'json'],
  ] as const) {
    await views.getByRole('button', { name, exact: true }).click();
    await expect(views.getByRole('button', { name, exact: true })).toHaveAttribute('aria-pressed', 'true');
    await expect(page).toHaveURL(new RegExp(`view=${param}`));
  }
  await expect(page.getByText('checkout-service').first()).toBeVisible();
  await views.getByRole('button', { name: 'Timeline' }).click();
  await expect(page).not.toHaveURL(/view=/);
  await expect(page.getByRole('treegrid')).toBeVisible();
});

test('Copy link copies a URL that shows the same span, view and find in a new browser context', async ({ page, browser, baseURL }) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
  await page.goto(`/trace/${checkout.traceId}?span=${checkout.spans.checkout}`);
  await expect(details(page)).toContainText('place-order');
  await findBox(page).fill('card');
  await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Spans', exact: true }).click();
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByText('Link copied')).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain(`span=${checkout.spans.checkout}`);
  expect(link).toContain('view=spans');
  expect(link).toContain('find=card');

  const other = await browser.newContext();
  const fresh = await other.newPage();
  await fresh.goto(link);
  await expect(details(fresh)).toContainText('place-order');
  await expect(findBox(fresh)).toHaveValue('card');
  await expect(fresh.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Spans', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await other.close();
});

test('zoom and collapsed rows live in the URL and survive a reload', async ({ page }) => {
  await page.goto(`/trace/${checkout.traceId}?from=0.25&to=0.75`);
  const grid = page.getByRole('treegrid');
  await expect(page.getByRole('button', { name: 'Reset zoom' })).toBeVisible();
  await page.getByRole('button', { name: 'Reset zoom' }).click();
  await expect(page).not.toHaveURL(/from=/);
  await page.getByRole('button', { name: 'Collapse all' }).click();
  await expect(grid.getByRole('row')).toHaveCount(1);
  await expect(page).toHaveURL(/collapsed=/);
  await page.reload();
  await expect(grid.getByRole('row', { name: /POST \/checkout/ })).toBeVisible();
  await expect(grid.getByRole('row')).toHaveCount(1);
  await page.getByRole('button', { name: 'Expand all' }).click();
  await expect(grid.getByRole('row')).toHaveCount(5);
  await expect(page).not.toHaveURL(/collapsed=/);
});

test('a trace the source does not have is "not found", not "unreachable"', async ({ page }) => {
  await page.goto('/trace/0123456789abcdef0123456789abcdef');
  await expect(page.getByRole('heading', { name: 'Trace not found in local' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('/api/tracescope/traces/0123456789abcdef0123456789abcdef/skeleton');
  await expect(page.getByRole('alert')).toContainText('HTTP 404');
  await expect(page.getByText(/not in local for the time range/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Retry' })).toBeVisible();
  await page.screenshot({ path: 'test-results/trace-not-found.png' });
});

test('an unreachable source is explained, with a retry that works once it is back', async ({ page }) => {
  let fail = true;
  await page.route('**/api/tracescope/traces/**', (route) => (fail ? route.abort('connectionrefused') : route.continue()));
  await page.goto(`/trace/${checkout.traceId}`);
  await expect(page.getByRole('heading', { name: 'Source local is unreachable' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText(`/api/tracescope/traces/${checkout.traceId}/skeleton`);
  await expect(page.getByText('Trace not found')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/trace-unreachable.png' });
  fail = false;
  await page.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/edge-gateway/);
});

test('a slow download shows progress in the final layout and can be cancelled', async ({ page }) => {
  await page.route('**/api/tracescope/traces/**', () => {
    // Never answered: the page must offer Cancel.
  });
  await page.goto(`/trace/${checkout.traceId}`);
  await expect(page.getByRole('status').filter({ hasText: 'Loading from local' })).toBeVisible();
  await expect(page.getByRole('status', { name: 'Loading trace' })).toBeVisible();
  await page.screenshot({ path: 'test-results/trace-loading.png' });
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('was cancelled')).toBeVisible();
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  await page.getByRole('button', { name: 'Load again' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/edge-gateway/);
});

test('a trace opened from a file is shown from memory, marked as not shareable, with its warnings', async ({ page }) => {
  await page.goto('/files');
  // A Tempo v1 answer whose only span names a parent that is not in the file.
  await page.getByLabel('Open trace file').setInputFiles(fixture('tempo/trace-v1-response-observatorium-e2e.json'));
  await expect(page).toHaveURL(/\/trace\/5b8efff798038103d269b633813fc60c/);
  await expect(page.getByText('From file — this link cannot be shared')).toBeVisible();
  await expect(page.getByText(/^from local/)).toHaveCount(0);
  await expect(figure(page, 'Spans')).toHaveText('1');
  await page.getByText(/2 warnings: No root span \(1\), Missing parent spans \(1\)/).click();
  await expect(page.getByText(/name a parent that is not in the trace/)).toBeVisible();
});

test('the clock-skew toggle and warnings explain themselves', async ({ page }) => {
  await page.goto(`/trace/${deep.traceId}`);
  await page.getByRole('button', { name: /Adjust clock skew/ }).click();
  await expect(page.getByRole('button', { name: /Adjust clock skew \(1 moved\)/ })).toBeVisible();
  await expect(page).toHaveURL(/skew=1/);
  await page.getByText(/warning/).first().click();
  await expect(page.getByText(/Hosts' clocks disagree/)).toBeVisible();
  await expect(page.getByText(/write-audit/).first()).toBeVisible();
});

test('screenshots, light and dark', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 860 });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`/trace/${checkout.traceId}?span=${checkout.spans.payment}&find=checkout&critical=1`);
    await expect(details(page)).toContainText('charge-card');
    await page.waitForTimeout(300);
    await page.screenshot({ path: `test-results/trace-${scheme}.png` });
  }
  await page.emulateMedia({ colorScheme: 'light' });
  for (const view of ['flame', 'stats', 'spans', 'json']) {
    await page.goto(`/trace/${checkout.traceId}?view=${view}&span=${checkout.spans.checkout}`);
    await expect(details(page)).toContainText('place-order');
    await page.waitForTimeout(200);
    await page.screenshot({ path: `test-results/trace-view-${view}.png` });
  }
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(`/trace/${deep.traceId}?skew=1`);
  await page.getByText(/warning/).first().click();
  await page.screenshot({ path: 'test-results/trace-deep-dark.png' });
});

test('a trace from an upstream source is read whole (attributes included) in a Web Worker', async ({ page, request }) => {
  // An upstream Tempo, played by this server's own Tempo API behind the proxy path.
  const upstream = { name: 'tempo-prod', kind: 'tempo', default: false, capabilities: { search: true, traceql: true, metrics: true, dependencies: false } };
  await page.route('**/api/tracescope/sources', async (route) => {
    const real = (await (await route.fetch()).json()) as { sources: unknown[] };
    await route.fulfill({ json: { sources: [...real.sources, upstream] } });
  });
  await page.route('**/api/tracescope/sources/tempo-prod/proxy/**', async (route) => {
    const path = new URL(route.request().url()).pathname.replace('/api/tracescope/sources/tempo-prod/proxy', '');
    const answer = await request.get(path);
    await route.fulfill({ status: answer.status(), contentType: 'application/json', body: await answer.body() });
  });
  const workers: string[] = [];
  page.on('worker', (worker) => workers.push(worker.url()));
  await page.goto(`/trace/${checkout.traceId}?source=tempo-prod&span=${checkout.spans.payment}`);
  await expect(details(page)).toContainText('charge-card');
  await expect(details(page)).toContainText('stripe');
  expect(workers.some((url) => url.includes('traceLoad.worker'))).toBe(true);
});
