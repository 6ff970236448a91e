import { expect, test, type Page } from '@playwright/test';

const clock = (page: Page) => page.getByTestId('sim-clock');
const seconds = async (page: Page) => Number((await clock(page).textContent())?.split(' ')[0]);
const count = async (page: Page, id: string) =>
  Number((await page.getByTestId(id).textContent())?.split(' ')[0]);

test.use({ locale: 'en-US' });
/** Assertions that wait longer: the machine running the suite may be shared and slow. */
const slow = expect.configure({ timeout: 120_000 });

test('replication: plays, cut+heal resyncs partially, a small backlog fully, stale reads, WAIT, READONLY, Korean', async ({
  page,
}, testInfo) => {
  test.setTimeout(900_000);
  await page.goto('./#/replication');
  const controls = page.getByRole('toolbar', { name: 'Time controls' });
  await slow(page.getByRole('region', { name: 'Stage' })).toBeVisible();
  await slow(page.getByRole('log')).toContainText('Simulation loaded');

  // Play: the replicas' first full sync, then the offsets move.
  await controls.getByRole('button', { name: 'Play' }).click();
  await slow(controls.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect
    .poll(() => count(page, 'master-repl-offset'), { timeout: 60_000 })
    .toBeGreaterThan(0);
  await slow(page.getByRole('log')).toContainText('full resync: redis-2');
  await expect.poll(() => seconds(page), { timeout: 120_000 }).toBeGreaterThan(6);
  await expect.poll(() => count(page, 'offset-redis-3'), { timeout: 30_000 }).toBeGreaterThan(0);
  const fullAtStart = await count(page, 'full-syncs');
  expect(fullAtStart).toBe(2);

  // Cut the link to redis-3: its reads go stale and the stage says so; heal: partial resync.
  await page.getByRole('button', { name: 'Cut link to redis-3' }).click();
  await slow(page.getByRole('log')).toContainText('Link redis-1 ↔ redis-3 cut');
  await slow(page.getByTestId('stale-redis-3')).toContainText(
    /stale read: got v\d+, master has v\d+/,
  );
  await slow(page.getByRole('log')).toContainText(
    /stale read on redis-3: got v\d+, master has v\d+/,
  );
  await expect.poll(() => count(page, 'stale-reads'), { timeout: 30_000 }).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Heal link to redis-3' }).click();
  await slow(page.getByRole('log')).toContainText(
    'partial resync: the backlog still covers redis-3',
  );
  await expect.poll(() => count(page, 'partial-syncs'), { timeout: 30_000 }).toBe(1);
  await slow(page.getByTestId('sync-redis-3')).toHaveText('partial resync');

  // WAIT for one replica: answered with the acknowledgement and its cost.
  await page.getByRole('button', { name: 'Send WAIT' }).click();
  await slow(page.getByTestId('last-wait')).toContainText(/WAIT 1 100 → 1 after/);

  // A write on a replica: Redis's own error.
  await page.getByRole('button', { name: 'Write to replica' }).click();
  await slow(page.getByTestId('replica-error')).toHaveText(
    "(error) READONLY You can't write against a read only replica.",
  );
  await slow(page.getByRole('log')).toContainText('Write to redis-2 refused: READONLY');

  // A 16 KB backlog and a cut of a few seconds: the gap is too old, a full resync.
  await page
    .getByRole('combobox', { name: 'Backlog size (repl-backlog-size)' })
    .selectOption('16384');
  await slow(clock(page)).toHaveText('0.000000 s');
  await controls.getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => seconds(page), { timeout: 120_000 }).toBeGreaterThan(6);
  await page.getByRole('button', { name: 'Cut link to redis-2' }).click();
  const cutAt = await seconds(page);
  await expect.poll(() => seconds(page), { timeout: 60_000 }).toBeGreaterThan(cutAt + 3.5);
  await slow(page.locator('.repl-stage')).toContainText('redis-2 · behind the backlog');
  await page.getByRole('button', { name: 'Heal link to redis-2' }).click();
  await expect.poll(() => count(page, 'full-syncs'), { timeout: 60_000 }).toBe(3);
  await slow(page.getByRole('log')).toContainText('redis-2 saw a gap in the stream');
  expect(await count(page, 'partial-syncs')).toBe(0);
  await slow(page.getByTestId('sync-redis-2')).toContainText('full resync:');

  await page.screenshot({ path: testInfo.outputPath('replication.png'), fullPage: true });
  await testInfo.attach('replication', {
    path: testInfo.outputPath('replication.png'),
    contentType: 'image/png',
  });

  // The replica count knob: four replicas, four pairs of link buttons.
  await page.getByRole('combobox', { name: 'Replicas', exact: true }).selectOption('4');
  await slow(page.getByRole('button', { name: 'Cut link to redis-5' })).toBeVisible();

  // Korean.
  await page.getByRole('button', { name: 'Language' }).click();
  await slow(page.getByRole('button', { name: 'redis-2 링크 끊기' })).toBeVisible();
  await slow(page.getByRole('button', { name: '복제본에 쓰기' })).toBeVisible();
  await slow(page.getByText('전체 재동기화 (sync_full)')).toBeVisible();
});
