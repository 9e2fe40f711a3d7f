import { expect, test } from '@playwright/test';

test('the shell shows navigation and the Trace ID box', async ({ page }) => {
  await page.goto('/');
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const name of ['Dashboard', 'Search', 'Service map', 'Compare']) {
    await expect(nav.getByRole('link', { name })).toBeVisible();
  }
  await expect(page.getByRole('textbox', { name: 'Trace ID' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
});

test('the Trace ID box explains bad input and opens a traceparent', async ({ page }) => {
  await page.goto('/');
  const box = page.getByRole('textbox', { name: 'Trace ID' });
  // The shortcut listener is attached by an effect after the first paint: retry until it is.
  await expect(async () => {
    await page.keyboard.press('/');
    await expect(box).toBeFocused({ timeout: 250 });
  }).toPass({ timeout: 5_000 });
  await box.fill('checkout failed');
  await box.press('Enter');
  await expect(page.getByRole('alert')).toContainText('Expected a 32- or 16-hex trace ID');
  await box.fill('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01');
  await box.press('Enter');
  await expect(page).toHaveURL(/\/trace\/4bf92f3577b34da6a3ce929d0e0e4736\?span=00f067aa0ba902b7$/);
});

// The file-opening tests live in files.spec.ts.

test('the theme toggle cycles system → light → dark and the colours follow', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(await background()).toBe('rgb(255, 255, 255)');
  const toggle = page.getByRole('button', { name: /^Theme:/ });
  await toggle.click();
  await expect(toggle).toHaveAccessibleName('Theme: Light (click to change)');
  await toggle.click();
  await expect(toggle).toHaveAccessibleName('Theme: Dark (click to change)');
  expect(await background()).toBe('rgb(17, 20, 24)');
  await page.reload();
  expect(await background()).toBe('rgb(17, 20, 24)');
});

test('the source picker lists the embedded store and keeps the choice in the URL', async ({ page }) => {
  await page.goto('/search');
  const picker = page.getByRole('combobox', { name: 'Source' });
  await expect(picker).toHaveValue('local');
  await picker.selectOption('local');
  await expect(page).toHaveURL(/source=local/);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Service map' }).click();
  await expect(page).toHaveURL(/\/map\?source=local/);
});
