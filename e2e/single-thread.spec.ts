import { expect, test, type Page } from '@playwright/test';

const clock = (page: Page) => page.getByTestId('sim-clock');
const seconds = async (page: Page) => Number((await clock(page).textContent())?.split(' ')[0]);
const worstP99 = async (page: Page) =>
  Number(await page.getByTestId('p99-worst').getAttribute('data-micros'));

test.use({ locale: 'en-US' });
/** Assertions that wait longer: the machine running the suite may be shared and slow. */
const slow = expect.configure({ timeout: 30_000 });

test('single-thread: play, a slow command blocks everyone, step, restart, keys, Korean', async ({
  page,
}, testInfo) => {
  // The machine running the suite may be shared; the assertions wait for what a person sees.
  test.setTimeout(180_000);
  await page.goto('./#/single-thread');
  const controls = page.getByRole('toolbar', { name: 'Time controls' });
  await slow(page.getByRole('region', { name: 'Stage' })).toBeVisible();
  await slow(page.getByRole('log')).toContainText('Simulation loaded');

  // Play: virtual time advances, requests get latencies.
  await controls.getByRole('button', { name: 'Play' }).click();
  await slow(controls.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect.poll(() => seconds(page), { timeout: 60_000 }).toBeGreaterThan(0.6);
  await expect.poll(() => worstP99(page), { timeout: 60_000 }).toBeGreaterThan(0);
  const before = await worstP99(page);
  expect(before).toBeLessThan(5_000);

  // KEYS * walks 50,000 keys in one go: every client's p99 jumps. Paused first, so the
  // one-second window is still on screen when we read it.
  // At 0.1x the one-second window lasts ten seconds on the wall clock.
  await controls.getByRole('button', { name: 'Pause' }).click();
  await controls.getByRole('slider', { name: 'Speed' }).press('Home');
  await slow(controls.getByText('0.1×')).toBeVisible();
  await page.getByRole('button', { name: 'Send KEYS *' }).click();
  const sentAt = await seconds(page);
  await controls.getByRole('button', { name: 'Play' }).click();
  await slow(page.getByRole('log')).toContainText('everyone else waited');
  await expect.poll(() => seconds(page), { timeout: 60_000 }).toBeGreaterThan(sentAt + 0.1);
  await controls.getByRole('button', { name: 'Pause' }).click();
  expect(await worstP99(page)).toBeGreaterThan(10 * before);
  await controls.getByRole('button', { name: 'Play' }).click();

  // Keyboard: Space pauses, Right steps one event.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press(' ');
  await slow(controls.getByRole('button', { name: 'Play' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('single-thread.png'), fullPage: true });
  await testInfo.attach('single-thread', {
    path: testInfo.outputPath('single-thread.png'),
    contentType: 'image/png',
  });
  const paused = await clock(page).textContent();
  await page.keyboard.press('ArrowRight');
  await slow(clock(page)).not.toHaveText(paused ?? '');
  const stepped = await clock(page).textContent();
  await controls.getByRole('button', { name: 'Step' }).click();
  await slow(clock(page)).not.toHaveText(stepped ?? '');
  // Space on a focused button presses that button, as everywhere; elsewhere it plays.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press(' ');
  await slow(controls.getByRole('button', { name: 'Pause' })).toBeVisible();

  // Restart: back to t = 0, paused.
  await controls.getByRole('button', { name: 'Restart' }).click();
  await slow(clock(page)).toHaveText('0.000000 s');
  await slow(controls.getByRole('button', { name: 'Play' })).toBeVisible();

  // The lesson's Next moves the simulation to the step's moment.
  await page.getByRole('button', { name: 'Next' }).click();
  await slow(clock(page)).toHaveText('0.500000 s');

  // Korean, remembered across a reload.
  await page.getByRole('button', { name: 'Language' }).click();
  await slow(page.getByRole('button', { name: 'KEYS * 보내기' })).toBeVisible();
  await slow(page.getByRole('toolbar', { name: '시간 조작' })).toBeVisible();
  await page.reload();
  await slow(page.getByRole('button', { name: 'KEYS * 보내기' })).toBeVisible();
});
