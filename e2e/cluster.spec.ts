import { expect, test, type Page } from '@playwright/test';

const clock = (page: Page) => page.getByTestId('sim-clock');
const seconds = async (page: Page) => Number((await clock(page).textContent())?.split(' ')[0]);
const count = async (page: Page, id: string) => Number(await page.getByTestId(id).textContent());
const keyInput = (page: Page) => page.getByRole('textbox', { name: 'Key', exact: true });
const slotOf = async (page: Page, key: string): Promise<number> => {
  await keyInput(page).fill(key);
  await slow(page.getByTestId('key-result')).toContainText('slot');
  // The answer for this key, not the previous one: the hashed part names it.
  await slow(page.getByTestId('key-hashed')).toBeVisible();
  return Number((await page.getByTestId('key-slot').textContent())?.replace('slot ', ''));
};

test.use({ locale: 'en-US' });
/** Assertions that wait longer: the machine running the suite may be shared and slow. */
const slow = expect.configure({ timeout: 30_000 });

test('cluster: key slots, MOVED, Add node with ASK, CROSSSLOT, Kill master, Korean', async ({
  page,
}, testInfo) => {
  test.setTimeout(900_000);
  await page.goto('./#/cluster');
  const controls = page.getByRole('toolbar', { name: 'Time controls' });
  await slow(page.getByRole('region', { name: 'Stage' })).toBeVisible();
  await slow(page.getByRole('log')).toContainText('Simulation loaded');

  // A shorter cluster-node-timeout, so the failover below takes seconds, not 15 s.
  await page.getByText('Settings', { exact: true }).click();
  await page.getByRole('spinbutton', { name: 'cluster-node-timeout (ms)' }).fill('2000');
  await page.getByRole('button', { name: 'Apply settings and restart' }).click();
  await slow(clock(page)).toHaveText('0.000000 s');
  await expect(page.getByRole('spinbutton', { name: 'cluster-node-timeout (ms)' })).toHaveValue(
    '2000',
  );

  // Three masters share the slots: the strip has their ranges, each node its slot count.
  await slow(page.getByTestId('node-m1')).toContainText('5,461 slots');
  await slow(page.getByTestId('node-m4')).toContainText('not in the cluster');

  // Type a key: its CRC16 slot (CLUSTER KEYSLOT foo is 12182 on a real server) and owner.
  expect(await slotOf(page, 'foo')).toBe(12182);
  await slow(page.getByTestId('key-owner')).toHaveText('owner m3');
  await slow(page.getByTestId('key-hashed')).toContainText('whole key');
  // Hash tags: only the tag is hashed, so both keys share a slot.
  const a = await slotOf(page, '{user:1}:a');
  await slow(page.getByTestId('key-hashed')).toContainText('“user:1”');
  const b = await slotOf(page, '{user:1}:b');
  expect(b).toBe(a);
  expect(await slotOf(page, 'user:1')).toBe(a);

  // Play: the client learns its map from MOVED; every master carries load.
  await controls.getByRole('button', { name: 'Play' }).click();
  await slow(controls.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect.poll(() => seconds(page), { timeout: 60_000 }).toBeGreaterThan(0.5);
  await expect.poll(() => count(page, 'moved-app'), { timeout: 60_000 }).toBeGreaterThan(0);
  await slow(page.getByRole('log')).toContainText('the client updates its slot map');
  await slow(page.getByTestId('load-m1')).toContainText('ops/s');
  await slow(page.getByTestId('scale-out-ceiling')).not.toHaveText('0 ops/s');

  // CROSSSLOT on MSET across slots, then success with a hash tag.
  await page.getByRole('button', { name: 'Send MSET across slots' }).click();
  await slow(page.getByTestId('mset-reply')).toContainText(
    "(error) CROSSSLOT Keys in request don't hash to the same slot",
  );
  await page.getByRole('button', { name: 'Send MSET with hash tag' }).click();
  await slow(page.getByTestId('mset-reply')).toContainText('{user:1}:email ann@example.com → OK');

  // Add node: slots move one at a time (MIGRATING/IMPORTING), clients meet ASK meanwhile.
  const askBefore = await count(page, 'ask-app');
  await page.getByRole('button', { name: 'Add node' }).click();
  await slow(page.getByRole('log')).toContainText('Add node: m4 meets the cluster');
  await slow(page.getByTestId('migration')).toContainText(/MIGRATING on m\d → IMPORTING on m4/, {
    timeout: 60_000,
  });
  await slow(page.getByTestId('reshard')).toContainText('Resharding done', { timeout: 90_000 });
  expect(await count(page, 'ask-app')).toBeGreaterThan(askBefore);
  await slow(page.getByRole('log')).toContainText('ASKING, then the command, once');
  await slow(page.getByTestId('node-m4')).toContainText('slots');
  await slow(page.getByTestId('load-m4')).toBeVisible();

  // Kill master: PFAIL, then FAIL by majority, then its replica is promoted.
  await page.getByRole('button', { name: 'Kill master' }).click();
  await slow(page.getByRole('log')).toContainText('Kill master: m1 is down.');
  await slow(page.getByRole('log')).toContainText('flags m1 PFAIL', { timeout: 90_000 });
  await slow(page.getByRole('log')).toContainText('marks m1 FAIL', { timeout: 90_000 });
  await slow(page.getByRole('log')).toContainText('r1 is now a master in place of m1', {
    timeout: 90_000,
  });
  await slow(page.getByTestId('node-r1')).toHaveAttribute('data-role', 'master');
  await slow(page.getByTestId('node-m1')).toHaveAttribute('data-state', 'fail');

  await page.screenshot({ path: testInfo.outputPath('cluster.png'), fullPage: true });
  await testInfo.attach('cluster', {
    path: testInfo.outputPath('cluster.png'),
    contentType: 'image/png',
  });

  // Keyboard: Space pauses.
  await page.getByRole('heading', { name: 'Cluster', exact: true, level: 2 }).click();
  await page.keyboard.press(' ');
  await slow(controls.getByRole('button', { name: 'Play' })).toBeVisible();

  // Korean.
  await page.getByRole('button', { name: 'Language' }).click();
  await slow(page.getByRole('button', { name: '노드 추가' })).toBeVisible();
  await slow(page.getByRole('button', { name: '마스터 죽이기' })).toBeVisible();
  await slow(page.getByText('해시 슬롯 16384개, 주인별 색')).toBeVisible();
});
