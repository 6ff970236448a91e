import { expect, test, type Page } from '@playwright/test';

const clock = (page: Page) => page.getByTestId('sim-clock');
const seconds = async (page: Page) => Number((await clock(page).textContent())?.split(' ')[0]);
const percent = async (page: Page) =>
  Number((await page.getByTestId('hit-ratio').textContent())?.replace('%', ''));
const lostWrites = async (page: Page) =>
  Number(await page.getByTestId('lost-writes').textContent());

test.use({ locale: 'en-US' });
/** Assertions that wait longer: the machine running the suite may be shared and slow. */
const slow = expect.configure({ timeout: 30_000 });

test('cache: plays, warms up, write-back loses writes on a crash, keys, Korean', async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  await page.goto('./#/cache');
  const controls = page.getByRole('toolbar', { name: 'Time controls' });
  await slow(page.getByRole('region', { name: 'Stage' })).toBeVisible();
  await slow(page.getByRole('log')).toContainText('Simulation loaded');

  // Play: the cache starts cold and warms up as the hot keys land in Redis.
  await controls.getByRole('button', { name: 'Play' }).click();
  await slow(controls.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect.poll(() => seconds(page), { timeout: 60_000 }).toBeGreaterThan(0.3);
  await expect.poll(() => percent(page), { timeout: 60_000 }).toBeGreaterThan(0);
  const early = await percent(page);
  await expect.poll(() => seconds(page), { timeout: 90_000 }).toBeGreaterThan(3);
  await expect.poll(() => percent(page), { timeout: 30_000 }).toBeGreaterThan(early + 5);
  // The sampled request is animated and its line of code is lit.
  await slow(page.getByTestId('sample')).toContainText('Sampled request');
  await slow(page.locator('.code-line[aria-current="step"]')).toHaveCount(1);
  expect(await lostWrites(page)).toBe(0);

  // Write-back: writes wait in Redis for the flusher; crash Redis between flushes.
  await page.getByRole('radio', { name: 'Write-back' }).check();
  await slow(clock(page)).toHaveText('0.000000 s');
  await slow(page.getByTestId('dirty')).toBeVisible();
  await controls.getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => seconds(page), { timeout: 60_000 }).toBeGreaterThan(1.5);
  // Right after a flush there may be nothing dirty yet: crash again a little later.
  await expect(async () => {
    await page.getByRole('button', { name: 'Crash Redis' }).click();
    await expect.poll(() => lostWrites(page), { timeout: 5_000 }).toBeGreaterThan(0);
  }).toPass({ timeout: 60_000 });
  await slow(page.getByRole('log')).toContainText('Redis crashed');
  await slow(page.getByTestId('lost-list').getByRole('listitem').first()).toContainText('key:');

  // Keyboard: Space pauses, Right steps one event.
  await page.getByRole('heading', { name: 'Cache patterns' }).click();
  await page.keyboard.press(' ');
  await slow(controls.getByRole('button', { name: 'Play' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('cache.png'), fullPage: true });
  await testInfo.attach('cache', {
    path: testInfo.outputPath('cache.png'),
    contentType: 'image/png',
  });
  const paused = await clock(page).textContent();
  await page.keyboard.press('ArrowRight');
  await slow(clock(page)).not.toHaveText(paused ?? '');
  // The crash button works from the keyboard too.
  const before = await lostWrites(page);
  await page.getByRole('button', { name: 'Crash Redis' }).focus();
  await page.keyboard.press('Enter');
  await expect
    .poll(() => page.getByRole('log').textContent())
    .toMatch(/Redis crashed[\s\S]*Redis crashed/);
  expect(await lostWrites(page)).toBeGreaterThanOrEqual(before);

  // Write-through for contrast: every write reaches the database first, a crash loses none.
  await page.getByRole('radio', { name: 'Write-through' }).check();
  await slow(clock(page)).toHaveText('0.000000 s');
  await controls.getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => seconds(page), { timeout: 60_000 }).toBeGreaterThan(1.5);
  await page.getByRole('button', { name: 'Crash Redis' }).click();
  await slow(page.getByRole('log')).toContainText('Redis crashed');
  await expect.poll(() => seconds(page), { timeout: 60_000 }).toBeGreaterThan(2.5);
  expect(await lostWrites(page)).toBe(0);

  // Settings: a small maxmemory with LRU eviction restarts the scene with those knobs.
  await page.getByText('Settings', { exact: true }).click();
  await page.getByRole('spinbutton', { name: 'maxmemory (MB, 0: no limit)' }).fill('0.92');
  await page.getByRole('combobox', { name: 'Eviction policy' }).selectOption('allkeys-lru');
  await page.getByRole('button', { name: 'Apply settings and restart' }).click();
  await slow(clock(page)).toHaveText('0.000000 s');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('spinbutton', { name: 'maxmemory (MB, 0: no limit)' })).toHaveValue(
    '0.92',
  );
  await controls.getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => percent(page), { timeout: 60_000 }).toBeGreaterThan(0);

  // Korean, remembered across a reload.
  await page.getByRole('button', { name: 'Language' }).click();
  await slow(page.getByRole('button', { name: 'Redis 장애 내기' })).toBeVisible();
  await slow(page.getByText('잃어버린 쓰기').first()).toBeVisible();
  await page.reload();
  await slow(page.getByRole('button', { name: 'Redis 장애 내기' })).toBeVisible();
});
