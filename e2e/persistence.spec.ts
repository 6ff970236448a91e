import { expect, test, type Page } from '@playwright/test';

const clock = (page: Page) => page.getByTestId('sim-clock');
const seconds = async (page: Page) => Number((await clock(page).textContent())?.split(' ')[0]);
const lostWrites = async (page: Page) =>
  Number((await page.getByTestId('lost-writes').textContent())?.replace(/,/g, ''));

test.use({ locale: 'en-US' });
/** Assertions that wait longer: the machine running the suite may be shared and slow. */
const slow = expect.configure({ timeout: 120_000 });

test('persistence: plays, kill and restart count lost writes, power off under everysec, modes, Korean', async ({
  page,
}, testInfo) => {
  test.setTimeout(900_000);
  await page.goto('./#/persistence');
  const controls = page.getByRole('toolbar', { name: 'Time controls' });
  const crashes = page.getByRole('group', { name: 'Crash and restart' });
  const log = page.getByRole('log');
  await slow(page.getByRole('region', { name: 'Stage' })).toBeVisible();
  await slow(log).toContainText('Simulation loaded');
  await expect(page.getByRole('radio', { name: 'RDB only' })).toBeChecked();
  await expect(page.getByTestId('redis-status')).toHaveText('running');

  // Settings: a lighter writer (200 writes/s) keeps the run cheap on a shared machine.
  await page.getByText('Settings', { exact: true }).click();
  await page.getByRole('spinbutton', { name: 'Writes per second' }).fill('200');
  await page.getByRole('button', { name: 'Apply settings and restart' }).click();
  await slow(page.getByRole('spinbutton', { name: 'Writes per second' })).toHaveValue('200');
  await slow(clock(page)).toHaveText('0.000000 s');

  // Play: virtual time advances, writes pile up in Redis's memory (RDB only, no save yet).
  await controls.getByRole('button', { name: 'Play' }).click();
  await slow(controls.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect.poll(() => seconds(page), { timeout: 120_000 }).toBeGreaterThan(1.5);
  await expect
    .poll(async () => Number(await page.getByTestId('at-risk-kill').textContent()), {
      timeout: 120_000,
    })
    .toBeGreaterThan(50);
  expect(await lostWrites(page)).toBe(0);

  // Kill process, then Restart: Redis comes back from the RDB (none yet) and the count shows.
  await crashes.getByRole('button', { name: 'Kill process' }).click();
  await slow(log).toContainText('Redis was killed');
  await slow(page.getByTestId('redis-status')).toHaveText('killed: its memory is gone');
  await crashes.getByRole('button', { name: 'Restart', exact: true }).click();
  await slow(log).toContainText('Redis restarts and loads');
  await expect.poll(() => lostWrites(page), { timeout: 120_000 }).toBeGreaterThan(50);
  await slow(log).toContainText('acknowledged writes were lost');
  await slow(page.getByTestId('loss-window')).toBeVisible();
  await expect(page.getByText(/^Lost writes: [\d,]+$/)).toBeVisible();

  // Mode switch: AOF everysec reloads the scene with the AOF on.
  await page.getByRole('radio', { name: 'AOF everysec' }).check();
  await slow(clock(page)).toHaveText('0.000000 s');
  await slow(page.getByRole('radio', { name: 'AOF everysec' })).toBeChecked();
  await slow(page.getByTestId('page-cache')).toContainText('AOF written, not yet on disk');
  expect(await lostWrites(page)).toBe(0);
  await controls.getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => seconds(page), { timeout: 120_000 }).toBeGreaterThan(2.6);

  // Power off: what was not fsynced (up to a second or two) is gone.
  await crashes.getByRole('button', { name: 'Power off' }).click();
  await slow(log).toContainText('The power went off');
  await slow(page.getByTestId('layer-cache')).toContainText('gone (no power)');
  await crashes.getByRole('button', { name: 'Restart', exact: true }).click();
  await expect.poll(() => lostWrites(page), { timeout: 120_000 }).toBeGreaterThan(0);
  await slow(page.getByTestId('reloaded-from')).toHaveText('AOF');
  await slow(page.getByTestId('loss-window')).toBeVisible();
  const window = await page.getByTestId('loss-window-text').textContent();
  expect(Number(window?.replace(' s', ''))).toBeGreaterThan(0);
  expect(Number(window?.replace(' s', ''))).toBeLessThanOrEqual(2);

  // Kill under everysec: the page cache kept every acknowledged write.
  await slow(page.getByTestId('redis-status')).toHaveText('running');
  const t = await seconds(page);
  await expect.poll(() => seconds(page), { timeout: 120_000 }).toBeGreaterThan(t + 0.5);
  await crashes.getByRole('button', { name: 'Kill process' }).click();
  await slow(log).toContainText('Redis was killed');
  await crashes.getByRole('button', { name: 'Restart', exact: true }).click();
  await slow(log).toContainText('No acknowledged write was lost');
  await expect.poll(() => lostWrites(page), { timeout: 120_000 }).toBe(0);

  // The modes side by side, measured by the simulation.
  await page.getByRole('button', { name: 'Compare modes' }).click();
  const table = page.getByTestId('compare-table');
  await expect(table.locator('tbody tr')).toHaveCount(5, { timeout: 480_000 });
  const cell = (mode: string, col: number) =>
    table.locator(`tr[data-mode="${mode}"] td`).nth(col).textContent();
  expect(await cell('aof-always', 1)).toBe('0');
  expect(await cell('aof-everysec', 0)).toBe('0');
  expect(await cell('aof-everysec', 1)).not.toBe('0');
  expect(await cell('rdb', 0)).not.toBe('0');
  await controls.getByRole('button', { name: 'Pause' }).click();
  await page.screenshot({ path: testInfo.outputPath('persistence.png'), fullPage: true });
  await testInfo.attach('persistence', {
    path: testInfo.outputPath('persistence.png'),
    contentType: 'image/png',
  });

  // Korean.
  await page.getByRole('button', { name: 'Language' }).click();
  await slow(page.getByRole('button', { name: '프로세스 강제 종료' })).toBeVisible();
  await slow(page.getByRole('button', { name: '전원 끄기' })).toBeVisible();
  await slow(page.getByText('잃어버린 쓰기').first()).toBeVisible();
  await page.reload();
  await slow(page.getByRole('button', { name: '프로세스 강제 종료' })).toBeVisible();
});
