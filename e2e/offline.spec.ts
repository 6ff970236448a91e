import { expect, test } from '@playwright/test';

test('after one visit the app and its lessons open with the network gone', async ({
  page,
  context,
}) => {
  await page.goto('./');
  await expect(page.getByRole('heading', { name: 'redis-sim' })).toBeVisible();
  // The service worker has cached every file of the build once it is active.
  await page.evaluate('navigator.serviceWorker.ready.then(() => undefined)');
  await expect
    .poll(() => page.evaluate('navigator.serviceWorker.controller !== null'), { timeout: 20_000 })
    .toBe(true);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'redis-sim' })).toBeVisible();
  await page.goto('./#/data-types');
  const input = page.getByRole('textbox', { name: 'Command' });
  await expect(input).toBeEnabled({ timeout: 20_000 });
  await input.fill('PING');
  await input.press('Enter');
  await expect(page.getByRole('log').locator('pre').last()).toHaveText('PONG');
});
