import { expect, test, type Page } from '@playwright/test';

async function type(page: Page, line: string): Promise<void> {
  const input = page.getByRole('textbox', { name: 'Command' });
  await input.fill(line);
  await input.press('Enter');
}

test('a new user runs commands in the data-types console and finds them after a reload', async ({
  page,
}) => {
  await page.goto('./#/data-types');
  const log = page.getByRole('log');

  await type(page, 'SET greeting hello');
  await expect(log).toContainText('OK');
  await type(page, 'GET greeting');
  await expect(log.locator('pre').last()).toHaveText('"hello"');
  await type(page, 'GET');
  await expect(log.locator('pre').last()).toHaveText(
    "(error) ERR wrong number of arguments for 'get' command",
  );

  // The engine runs in a Web Worker, not on the page's main thread.
  expect(page.workers().length).toBe(1);

  await page.reload();
  await expect(log).toContainText('SET greeting hello');
  await expect(log).toContainText("(error) ERR wrong number of arguments for 'get' command");

  // Up recalls the last line typed before the reload.
  const input = page.getByRole('textbox', { name: 'Command' });
  await expect(input).toBeEnabled();
  await input.press('ArrowUp');
  await expect(input).toHaveValue('GET');
  await input.press('ArrowUp');
  await expect(input).toHaveValue('GET greeting');
  await input.press('Enter');
  await expect(log.locator('pre').last()).toHaveText('"hello"');
});

test('the home page lists every lesson and links the ones that are built', async ({ page }) => {
  await page.goto('./');
  const lessons = page.getByRole('listitem');
  await expect(lessons).toHaveCount(9);
  await page.getByRole('link', { name: 'Data types' }).click();
  await expect(page).toHaveURL(/#\/data-types$/);
  await expect(page.getByRole('textbox', { name: 'Command' })).toBeVisible();
});
