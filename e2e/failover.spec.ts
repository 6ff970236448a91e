import { expect, test, type Page } from '@playwright/test';

const clock = (page: Page) => page.getByTestId('sim-clock');
const seconds = async (page: Page) => Number((await clock(page).textContent())?.split(' ')[0]);
const count = async (page: Page, id: string) =>
  Number((await page.getByTestId(id).textContent())?.replace(/[^\d]/g, '') || '0');

test.use({ locale: 'en-US' });
/** Assertions that wait longer: the machine running the suite may be shared and slow. */
const slow = expect.configure({ timeout: 60_000 });

test('failover: kill, phases, new master, old master returns as replica, split brain, Korean', async ({
  page,
}, testInfo) => {
  test.setTimeout(600_000);
  await page.goto('./#/failover');
  const controls = page.getByRole('toolbar', { name: 'Time controls' });
  const stage = page.getByRole('region', { name: 'Stage' });
  await slow(stage).toBeVisible();
  await slow(page.getByRole('log')).toContainText('Simulation loaded');
  await expect(page.getByTestId('stage-master')).toHaveText('Master: redis-1');
  await expect(page.getByText('down-after-milliseconds 30000 (30 s)')).toBeVisible();

  // A class cannot wait 30 s: speed the timeouts up (the scene starts again at t = 0).
  await page.getByRole('switch', { name: 'Speed up timeouts' }).check();
  await slow(page.getByText('down-after-milliseconds 3000 (3 s)')).toBeVisible();
  await controls.getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => seconds(page), { timeout: 60_000 }).toBeGreaterThan(0.5);
  await expect.poll(() => count(page, 'acked-redis-1'), { timeout: 60_000 }).toBeGreaterThan(0);
  // The replicas' first full sync ends about 6 s in (repl-diskless-sync-delay is 5 s): a kill
  // before it loses every write, as it would in Redis. Kill after it, when nothing is lost.
  await expect.poll(() => seconds(page), { timeout: 180_000 }).toBeGreaterThan(7.5);

  // Kill master: SDOWN, ODOWN, the election, a replica promoted and named on the stage.
  await page.getByRole('button', { name: 'Kill master' }).click();
  await slow(page.getByTestId('role-redis-1')).toHaveText('down (killed)');
  await slow(page.getByRole('log')).toContainText('redis-1 was killed');
  await slow(page.getByTestId('stage-master')).toHaveText(/Master: redis-[23]$/);
  const promoted = ((await page.getByTestId('stage-master').textContent()) ?? '').slice(-7);
  await slow(page.getByTestId('phase-detect-duration')).toHaveText(/^3\.\d\d s$/);
  await slow(page.getByTestId('phase-reconnect-duration')).toHaveText(/^\d\.\d\d s$/);
  await slow(page.getByTestId('election')).toContainText('Epoch 1');
  await slow(page.getByTestId('selection')).toContainText(`${promoted} was promoted.`);
  await slow(page.getByRole('log')).toContainText('is objectively down');
  await slow(page.getByRole('log')).toContainText(`now writes to ${promoted}`);
  await slow(stage.getByText(`writes to ${promoted}`)).toBeVisible();
  await slow(page.getByTestId('lost-writes')).toHaveText('0');
  await page.screenshot({ path: testInfo.outputPath('failover.png'), fullPage: true });
  await testInfo.attach('failover', {
    path: testInfo.outputPath('failover.png'),
    contentType: 'image/png',
  });

  // Back in time (←) the stage keeps the story up to that moment: the failover is still there.
  await controls.getByRole('button', { name: 'Pause' }).click();
  const before = await seconds(page);
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => seconds(page), { timeout: 60_000 }).toBeLessThan(before);
  await expect(page.getByTestId('stage-master')).toHaveText(`Master: ${promoted}`);
  await expect(page.getByTestId('selection')).toContainText(`${promoted} was promoted.`);
  await expect(page.getByTestId('phase-detect-duration')).toHaveText(/^3\.\d\d s$/);
  await controls.getByRole('button', { name: 'Play' }).click();

  // Restart old master (from the keyboard): it comes back as master, then becomes a replica.
  await page.getByRole('button', { name: 'Restart old master' }).focus();
  await page.keyboard.press('Enter');
  await slow(page.getByRole('log')).toContainText('redis-1 started again');
  await slow(page.getByTestId('role-redis-1')).toHaveText(`replica of ${promoted}`);
  await slow(page.getByRole('log')).toContainText(`redis-1 is now a replica of ${promoted}`);

  // Partition: the old master keeps taking the app's writes beside the new one.
  await controls.getByRole('button', { name: 'Restart' }).click();
  await slow(clock(page)).toHaveText('0.000000 s');
  await controls.getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => seconds(page), { timeout: 60_000 }).toBeGreaterThan(0.5);
  await page.getByRole('button', { name: 'Partition master' }).click();
  await slow(page.getByTestId('split-brain')).toHaveText('split brain: two masters take writes');
  await slow(page.getByTestId('acked-redis-1')).toContainText('since the fault');
  await expect.poll(() => count(page, 'lost-writes'), { timeout: 60_000 }).toBeGreaterThan(100);
  await slow(page.getByTestId('lost-list').getByRole('listitem').first()).toContainText('w:');
  await page.getByRole('button', { name: 'Heal partition' }).click();
  await slow(page.getByTestId('role-redis-1')).toContainText('replica of');
  await expect(page.getByTestId('split-brain')).toHaveCount(0);

  // min-replicas-to-write 1: the isolated master refuses with Redis's own error.
  await page.getByRole('combobox', { name: 'min-replicas-to-write' }).selectOption('1');
  await slow(clock(page)).toHaveText('0.000000 s');
  await controls.getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => count(page, 'acked-redis-1'), { timeout: 90_000 }).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Partition master' }).click();
  await expect
    .poll(() => page.getByTestId('last-refusal').textContent(), { timeout: 120_000 })
    .toBe('NOREPLICAS Not enough good replicas to write.');
  await expect
    .poll(() => count(page, 'refused-noreplicas'), { timeout: 60_000 })
    .toBeGreaterThan(0);

  // Korean.
  await page.getByRole('button', { name: 'Language' }).click();
  await slow(page.getByRole('button', { name: '마스터 죽이기' })).toBeVisible();
  await slow(page.getByRole('heading', { name: '페일오버 단계 (가상 시간)' })).toBeVisible();
  await slow(page.getByTestId('stage-master')).toContainText('마스터');
});
