import { expect, test, type Page } from '@playwright/test';

const clock = (page: Page) => page.getByTestId('sim-clock');
const seconds = async (page: Page) => Number((await clock(page).textContent())?.split(' ')[0]);
const accessNs = async (page: Page) =>
  Number(await page.getByTestId('access-latency').getAttribute('data-ns'));
const count = async (page: Page, id: string) =>
  Number((await page.getByTestId(id).textContent())?.replace(/,/g, ''));

test.use({ locale: 'en-US' });
/** Assertions that wait longer: the machine running the suite may be shared and slow. */
const slow = expect.configure({ timeout: 30_000 });

test('memory: hierarchy with sources, the race and its ratio, dataset past RAM, power off, Korean', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  await page.goto('./#/memory');
  const controls = page.getByRole('toolbar', { name: 'Time controls' });
  const stage = page.getByRole('region', { name: 'Stage' });
  await slow(stage).toBeVisible();
  await slow(page.getByRole('log')).toContainText('Simulation loaded');

  // The hierarchy: every tier with a latency and its human-scale time; a footnote opens
  // from the keyboard to say where the figure comes from.
  await slow(stage.getByTestId('tier-dram')).toContainText('100 ns');
  await expect(stage.getByTestId('tier-dram')).toContainText('1 min 40 s');
  await expect(stage.getByTestId('tier-ssd')).toContainText('µs');
  const note = stage.getByTestId('tier-ssd').locator('summary');
  await note.focus();
  await page.keyboard.press('Enter');
  await slow(stage.getByTestId('tier-ssd')).toContainText('queue depth 1');
  await stage.getByTestId('sources').locator('summary').click();
  await slow(stage.getByTestId('sources')).toContainText('Latency Numbers Every Programmer');

  // Play: the race runs on virtual time, and the ratio is a number a person can read.
  await controls.getByRole('button', { name: 'Play' }).click();
  await slow(controls.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect.poll(() => seconds(page), { timeout: 60_000 }).toBeGreaterThan(0.6);
  await slow(page.getByTestId('race-clock')).not.toHaveText(/starts at/);
  const ratio = page.getByTestId('race-ratio');
  await slow(ratio).toHaveText(/^[\d,]+×$/);
  expect(Number((await ratio.textContent())!.replace(/[,×]/g, ''))).toBeGreaterThan(100);
  await controls.getByRole('button', { name: 'Pause' }).click();

  // Keyboard: Space plays and pauses (outside a form control).
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press(' ');
  await slow(controls.getByRole('button', { name: 'Pause' })).toBeVisible();
  await page.keyboard.press(' ');
  await slow(controls.getByRole('button', { name: 'Play' })).toBeVisible();

  // The log scale switch redraws the hierarchy.
  const dramBar = stage.locator('[data-tier="dram"] rect');
  const linearWidth = Number(await dramBar.getAttribute('width'));
  await page.getByRole('switch', { name: 'Log scale' }).check();
  await expect
    .poll(async () => Number(await dramBar.getAttribute('width')))
    .toBeGreaterThan(10 * linearWidth);

  // Dataset past RAM: page faults appear and the shown latency jumps.
  const before = await accessNs(page);
  await expect(page.getByTestId('page-faults')).toContainText('no page faults');
  const slider = page.getByRole('slider', { name: 'Dataset size' });
  await slider.focus();
  await page.keyboard.press('End');
  await expect.poll(() => accessNs(page), { timeout: 60_000 }).toBeGreaterThan(100 * before);
  await slow(page.getByTestId('page-faults')).toContainText('page-fault to the SSD');

  // Power off: Redis's keys (DRAM) drop to zero, the database's rows (SSD) stay.
  await controls.getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => seconds(page), { timeout: 60_000 }).toBeGreaterThan(0.3);
  const rows = await count(page, 'disk-rows');
  expect(await count(page, 'redis-keys')).toBeGreaterThan(0);
  expect(rows).toBeGreaterThan(0);
  // From the keyboard, like every scene control.
  await page.getByRole('button', { name: 'Power off' }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => count(page, 'redis-keys'), { timeout: 60_000 }).toBe(0);
  expect(await count(page, 'disk-rows')).toBe(rows);
  await slow(page.getByRole('log')).toContainText('Power cut');
  await slow(page.getByRole('button', { name: 'Power off' })).toBeDisabled();

  await page.screenshot({ path: testInfo.outputPath('memory.png'), fullPage: true });
  await testInfo.attach('memory', {
    path: testInfo.outputPath('memory.png'),
    contentType: 'image/png',
  });

  // Korean.
  await page.getByRole('button', { name: 'Language' }).click();
  await slow(page.getByRole('button', { name: '전원 끄기' })).toBeVisible();
  await slow(page.getByRole('slider', { name: '데이터 크기' })).toBeVisible();
  await slow(page.getByRole('region', { name: '무대' }).or(stage)).toContainText('주 메모리');
});

test('memory: with reduced motion a racer jumps from start to finish', async ({ page }) => {
  test.setTimeout(120_000);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('./#/memory');
  const controls = page.getByRole('toolbar', { name: 'Time controls' });
  await slow(page.getByRole('log')).toContainText('Simulation loaded');
  await controls.getByRole('slider', { name: 'Speed' }).press('Home');
  await slow(controls.getByText('0.1×')).toBeVisible();
  // Next: the race step, at 0.5 s; then a little of the race at a tenth of the speed.
  await page.getByRole('button', { name: 'Next' }).click();
  await slow(clock(page)).toHaveText('0.500000 s');
  await controls.getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => seconds(page), { timeout: 60_000 }).toBeGreaterThan(0.55);
  await controls.getByRole('button', { name: 'Pause' }).click();
  expect(await seconds(page)).toBeLessThan(2.5);
  const cx = async (lane: string) =>
    Number(await page.locator(`[data-lane="${lane}"] circle`).getAttribute('cx'));
  // The GET has finished (it takes a thousandth of the race); the row is still at the start.
  expect(await cx('redis')).toBeGreaterThan(await cx('database'));
  const start = Number(
    await page.locator('[data-lane="database"] line').first().getAttribute('x1'),
  );
  expect(await cx('database')).toBe(start);
});
