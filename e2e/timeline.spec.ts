import { expect, test, type Page } from '@playwright/test';
import type { BaseSeed } from './seed/base.seed';
import type { BigSeed } from './seed/big.seed';
import { seederResult } from './support/seedFile';

const base = seederResult<BaseSeed>('base');
const big = seederResult<BigSeed>('big');

async function openTrace(page: Page, traceId: string, query = '') {
  await page.goto(`/trace/${traceId}${query}`);
  const grid = page.getByRole('treegrid', { name: 'Span timeline' });
  await expect(grid).toBeVisible();
  await expect(grid).toHaveAttribute('data-painted', 'true');
  return grid;
}

const rowNamed = (page: Page, name: RegExp | string) => page.getByRole('row', { name });
const range = (page: Page) => {
  const url = new URL(page.url());
  return [url.searchParams.get('from'), url.searchParams.get('to')];
};

test('the waterfall shows the trace as a treegrid of service + operation rows', async ({ page }) => {
  const grid = await openTrace(page, base.checkout.traceId);
  await expect(grid.getByRole('row')).toHaveCount(5);
  const root = rowNamed(page, /^edge-gateway POST \/checkout, 245 ms/);
  await expect(root).toHaveAttribute('aria-level', '1');
  await expect(root).toHaveAttribute('aria-expanded', 'true');
  const checkout = rowNamed(page, /^checkout-service place-order, 215 ms/);
  await expect(checkout).toHaveAttribute('aria-level', '2');
  const payment = rowNamed(page, /^payment-service charge-card, 190 ms, error/);
  await expect(payment).toHaveAttribute('aria-level', '3');
  await expect(payment).not.toHaveAttribute('aria-expanded');
  await expect(payment.getByRole('img', { name: 'error' })).toBeVisible();
  // The ruler labels round times with units.
  await expect(page.getByTestId('ruler')).toContainText('100 ms');
  await page.screenshot({ path: 'test-results/timeline-checkout.png' });
  // The canvas follows the colour scheme (theme colours are re-resolved on change).
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForTimeout(200);
  await page.screenshot({ path: 'test-results/timeline-checkout-dark.png' });
  await page.emulateMedia({ colorScheme: 'light' });

  // Hovering a row shows name, duration and self time.
  await checkout.hover();
  const tooltip = page.getByRole('tooltip');
  await expect(tooltip).toContainText('place-order');
  await expect(tooltip).toContainText('215 ms');
  // 215 ms minus the children (25–34 ms and 40–230 ms) = 16 ms.
  await expect(tooltip).toContainText(/Self time\s*16 ms/);
});

test('rows collapse and expand with the chevron', async ({ page }) => {
  const grid = await openTrace(page, base.checkout.traceId);
  const checkout = rowNamed(page, /^checkout-service place-order/);
  await checkout.getByRole('button', { name: 'Collapse' }).click();
  await expect(checkout).toHaveAttribute('aria-expanded', 'false');
  await expect(grid.getByRole('row')).toHaveCount(3);
  await expect(rowNamed(page, /charge-card/)).toHaveCount(0);
  // The collapsed set is in the URL: a reload keeps it.
  await expect(page).toHaveURL(/collapsed=/);
  await page.reload();
  await expect(grid.getByRole('row')).toHaveCount(3);
  await rowNamed(page, /^checkout-service place-order/).getByRole('button', { name: 'Expand' }).click();
  await expect(grid.getByRole('row')).toHaveCount(5);
  await expect(rowNamed(page, /charge-card/)).toBeVisible();
});

test('the keyboard moves the selection, collapses, expands and opens details', async ({ page }) => {
  const grid = await openTrace(page, base.checkout.traceId);
  await grid.focus();
  await page.keyboard.press('Home');
  const root = rowNamed(page, /^edge-gateway POST \/checkout/);
  await expect(root).toHaveAttribute('aria-selected', 'true');
  await expect(grid).toHaveAttribute('aria-activedescendant', (await root.getAttribute('id'))!);
  await page.keyboard.press('ArrowDown');
  await expect(rowNamed(page, /^auth-service verify-token/)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('j');
  const checkout = rowNamed(page, /^checkout-service place-order/);
  await expect(checkout).toHaveAttribute('aria-selected', 'true');
  await expect(root).toHaveAttribute('aria-selected', 'false');
  // ← collapses an expanded row, → expands it again, → again moves to its first child.
  await page.keyboard.press('ArrowLeft');
  await expect(checkout).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('l');
  await expect(checkout).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('ArrowRight');
  const db = rowNamed(page, /^checkout-service SELECT orders/);
  await expect(db).toHaveAttribute('aria-selected', 'true');
  // ← on a leaf moves to its parent; End goes to the last row; k moves up.
  await page.keyboard.press('h');
  await expect(checkout).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('End');
  await expect(rowNamed(page, /^payment-service charge-card/)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('k');
  await expect(db).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`span=${base.checkout.spans.db}`));
  await expect(page.getByText('SELECT * FROM orders WHERE id = ?').first()).toBeVisible();
});

test('dragging the minimap window pans and resizes the view range', async ({ page }) => {
  await openTrace(page, base.checkout.traceId);
  const minimap = page.getByTestId('minimap');
  const box = (await minimap.boundingBox())!;
  const end = (await page.getByTestId('minimap-handle-end').boundingBox())!;
  // Drag the right edge to the middle: the view is the first half of the trace.
  await page.mouse.move(end.x + end.width / 2, end.y + end.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.75, box.y + box.height / 2, { steps: 4 });
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 4 });
  await page.mouse.up();
  await expect(page.getByRole('button', { name: 'Reset zoom' })).toBeVisible();
  await expect.poll(() => Number(range(page)[1])).toBeCloseTo(0.5, 1);
  const slider = page.getByRole('slider', { name: /Visible time range/ });
  await expect(slider).toHaveAttribute('aria-valuenow', '0');

  // Drag the window body right by a quarter: the range moves, its width stays.
  const win = (await page.getByTestId('minimap-window').boundingBox())!;
  await page.mouse.move(win.x + win.width / 2, win.y + win.height / 2);
  await page.mouse.down();
  await page.mouse.move(win.x + win.width / 2 + box.width * 0.25, win.y + win.height / 2, { steps: 6 });
  await page.mouse.up();
  await expect.poll(() => Number(range(page)[0])).toBeCloseTo(0.25, 1);
  await expect.poll(() => Number(range(page)[1])).toBeCloseTo(0.75, 1);
  await expect(slider).toHaveAttribute('aria-valuenow', '25');
  await page.screenshot({ path: 'test-results/timeline-minimap-zoomed.png' });

  // Keyboard: → pans by a tenth of the window.
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => Number(range(page)[0])).toBeCloseTo(0.3, 1);
});

test('dragging on the ruler zooms, and Reset zoom shows the whole trace', async ({ page }) => {
  await openTrace(page, base.checkout.traceId);
  await expect(page.getByRole('button', { name: 'Reset zoom' })).toHaveCount(0);
  const ruler = (await page.getByTestId('ruler').boundingBox())!;
  await page.mouse.move(ruler.x + ruler.width * 0.2, ruler.y + ruler.height / 2);
  await page.mouse.down();
  await page.mouse.move(ruler.x + ruler.width * 0.4, ruler.y + ruler.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect.poll(() => Number(range(page)[0])).toBeCloseTo(0.2, 1);
  await expect.poll(() => Number(range(page)[1])).toBeCloseTo(0.4, 1);
  // Zoomed in on 49–98 ms: the ruler's ticks are finer.
  await expect(page.getByTestId('ruler')).toContainText('60 ms');
  await expect(page.getByTestId('ruler')).not.toContainText('200 ms');
  await page.getByRole('button', { name: 'Reset zoom' }).click();
  await expect(page.getByRole('button', { name: 'Reset zoom' })).toHaveCount(0);
  await expect.poll(() => range(page)).toEqual([null, null]);
});

test('a 3,000-span trace renders only the rows in view and scrolls to the end', async ({ page }) => {
  const grid = await openTrace(page, big.traceId);
  await expect(grid).toHaveAttribute('aria-rowcount', String(big.spanCount));
  const rendered = await grid.getByRole('row').count();
  expect(rendered).toBeGreaterThan(10);
  expect(rendered).toBeLessThan(150);
  await expect(rowNamed(page, /^api-gateway POST \/bulk-import/)).toBeVisible();
  const box = (await grid.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 30; i++) await page.mouse.wheel(0, 3000);
  await expect(rowNamed(page, new RegExp(`${big.lastSpanName},`))).toBeVisible();
  expect(await grid.getByRole('row').count()).toBeLessThan(150);
  await page.screenshot({ path: 'test-results/timeline-big-end.png' });

  // End / Home jump across the whole list with the keyboard.
  await grid.focus();
  await page.keyboard.press('Home');
  await expect(rowNamed(page, /^api-gateway POST \/bulk-import/)).toBeVisible();
  await page.keyboard.press('End');
  await expect(rowNamed(page, new RegExp(`${big.lastSpanName},`))).toHaveAttribute('aria-selected', 'true');
});

test('find scrolls the current match into view in a big trace', async ({ page }) => {
  const grid = await openTrace(page, big.traceId, '?find=step-14-9-3');
  const row = rowNamed(page, /step-14-9-3,/);
  await expect(row).toBeVisible();
  await expect(row).toHaveClass(/ts-current-match/);
  await expect(grid).toHaveAttribute('data-painted', 'true');
});

test('collapse all, expand one level and expand all', async ({ page }) => {
  const grid = await openTrace(page, base.checkout.traceId);
  await page.getByRole('button', { name: 'Collapse all' }).click();
  await expect(grid.getByRole('row')).toHaveCount(1);
  await page.getByRole('button', { name: 'Expand one level' }).click();
  await expect(grid.getByRole('row')).toHaveCount(3);
  await expect(rowNamed(page, /^checkout-service place-order/)).toHaveAttribute('aria-expanded', 'false');
  await page.getByRole('button', { name: 'Expand all' }).click();
  await expect(grid.getByRole('row')).toHaveCount(5);
});

test('the name column resizes by keyboard and by dragging', async ({ page }) => {
  await openTrace(page, base.checkout.traceId);
  const handle = page.getByRole('separator', { name: 'Resize name column' });
  const before = Number(await handle.getAttribute('aria-valuenow'));
  await handle.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(handle).toHaveAttribute('aria-valuenow', String(before + 32));
  const box = (await handle.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 - 100, box.y + box.height / 2, { steps: 4 });
  await page.mouse.up();
  await expect(handle).toHaveAttribute('aria-valuenow', String(before + 32 - 100));
  const cell = rowNamed(page, /^edge-gateway/).getByRole('gridcell').first();
  expect(Math.round((await cell.boundingBox())!.width)).toBe(before + 32 - 100);
});

test('the critical path overlay and find matches are marked on rows', async ({ page }) => {
  await openTrace(page, base.checkout.traceId, '?critical=1&find=checkout-service');
  await expect(rowNamed(page, /^payment-service charge-card, 190 ms, error, on critical path/)).toBeVisible();
  const auth = rowNamed(page, /^auth-service verify-token, 18 ms/);
  await expect(auth).not.toHaveAccessibleName(/matches find/);
  await expect(auth).not.toHaveClass(/ts-match/);
  await expect(rowNamed(page, /^checkout-service place-order, 215 ms, on critical path, matches find/)).toHaveClass(/ts-current-match/);
  await expect(rowNamed(page, /^checkout-service SELECT orders, 9 ms, on critical path, matches find/)).toHaveClass(/ts-match/);
  await page.screenshot({ path: 'test-results/timeline-critical-find.png' });
});
