import { expect, test, type Page } from '@playwright/test';

const clock = (page: Page) => page.getByTestId('sim-clock');
const seconds = async (page: Page) => Number((await clock(page).textContent())?.split(' ')[0]);
const count = async (page: Page, id: string) =>
  Number(await page.getByTestId(`count-${id}`).textContent());
/** The first TTL countdown shown on the master, in seconds. */
const ttl = async (page: Page) =>
  Number(
    /([\d.]+) s/.exec(
      (await page.getByTestId('keys-redis').getByRole('timer').first().textContent()) ?? '',
    )?.[1] ?? NaN,
  );

test.use({ locale: 'en-US' });
/** Assertions that wait longer: the machine running the suite may be shared and slow. */
const slow = expect.configure({ timeout: 30_000 });

test('jwt-rtr: login, rotation, reuse revokes the family, logout, failover, Korean', async ({
  page,
}, testInfo) => {
  test.setTimeout(300_000);
  await page.goto('./#/jwt-rtr');
  const controls = page.getByRole('toolbar', { name: 'Time controls' });
  const log = page.getByRole('log');
  const master = page.getByTestId('keys-redis');
  await slow(page.getByRole('region', { name: 'Stage' })).toBeVisible();
  await slow(log).toContainText('Simulation loaded');
  await expect(master).toContainText('No keys.');

  // Play: virtual time advances.
  await controls.getByRole('button', { name: 'Play' }).click();
  await slow(controls.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect.poll(() => seconds(page), { timeout: 60_000 }).toBeGreaterThan(0.3);
  // A tenth of the speed: the 15 s refresh TTL lasts long enough for a slow machine.
  await controls.getByRole('slider', { name: 'Speed' }).press('Home');
  await slow(controls.getByText('0.1×')).toBeVisible();

  // Log in: the refresh token and its family appear on the master with a TTL counting down.
  const user = page.getByRole('combobox', { name: 'User' });
  await user.selectOption({ label: 'User 1' });
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  await slow(page.getByTestId('session-1')).toHaveText('signed in');
  await slow(master.getByRole('article', { name: /^rt:/ })).toHaveCount(1);
  await slow(master.getByRole('article', { name: /^fam:/ })).toHaveCount(1);
  await slow(log).toContainText('User 1 logged in');
  await slow(page.getByTestId('last-trip')).toContainText('MULTI');
  await expect(page.getByTestId('last-trip')).toContainText('EXEC');
  const first = await ttl(page);
  expect(first).toBeGreaterThan(5);
  expect(first).toBeLessThanOrEqual(15);
  await expect.poll(() => ttl(page), { timeout: 30_000 }).toBeLessThan(first - 0.5);
  const token = await page.getByTestId('token-1').textContent();

  // Refresh: rotated in one transaction; the old key says "used", a new one is live.
  await page.getByRole('button', { name: 'Refresh', exact: true }).click();
  await slow(log).toContainText('User 1 refreshed');
  await slow(page.getByTestId('token-1')).not.toHaveText(token ?? '');
  await expect(page.getByTestId('last-trip')).toContainText('GET KEEPTTL');
  await slow(master.getByRole('article', { name: /^rt:/ })).toHaveCount(2);
  await slow(master).toContainText('used');
  expect(await count(page, 'rotations')).toBe(1);

  // Theft: the attacker copies the token, the user rotates, the copy comes back.
  await page.getByRole('button', { name: 'Steal refresh token' }).click();
  await slow(page.getByTestId('stolen')).toContainText('live on the master');
  await page.getByRole('button', { name: 'Refresh', exact: true }).click();
  await slow(page.getByTestId('stolen')).toContainText('used on the master');
  await page.getByRole('button', { name: 'Replay stolen token' }).click();
  await slow(log).toContainText('Reuse detected');
  await slow(page.getByTestId('count-revoked')).toHaveText('1');
  await slow(page.getByTestId('session-1')).toHaveText('family revoked: next refresh fails');
  await slow(master).toContainText('No keys.');
  await page.getByRole('button', { name: 'Refresh', exact: true }).click();
  await slow(page.getByTestId('session-1')).toHaveText('must log in again');

  // Logout deletes the family and its token.
  await user.selectOption({ label: 'User 2' });
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  await slow(page.getByTestId('session-2')).toHaveText('signed in');
  await slow(master.getByRole('article', { name: /^rt:/ })).toHaveCount(1);
  await page.getByRole('button', { name: 'Log out' }).click();
  await slow(log).toContainText('User 2 logged out');
  await slow(page.getByTestId('session-2')).toHaveText('logged out (keys deleted)');
  await slow(master).toContainText('No keys.');

  // Failover: a rotation the master acknowledged, not yet on the replica, is lost.
  await user.selectOption({ label: 'User 3' });
  const loggedInAt = await seconds(page);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  // The link to the replica lags 1 s: wait until the login has surely reached it (a key
  // count alone could still be an older user's key whose deletion is on its way).
  await expect.poll(() => seconds(page), { timeout: 120_000 }).toBeGreaterThan(loggedInAt + 2);
  await slow(page.getByTestId('keys-replica').getByRole('article', { name: /^rt:/ })).toHaveCount(
    1,
    { timeout: 60_000 },
  );
  await page.getByRole('button', { name: 'Steal refresh token' }).click();
  await page.getByRole('button', { name: 'Refresh', exact: true }).click();
  await slow(log).toContainText('User 3 refreshed');
  await page.getByRole('button', { name: 'Fail over now' }).click();
  await slow(log).toContainText('Failover: the master is dead');
  await slow(page.getByTestId('keys-redis')).toContainText('The process is down');
  await page.getByRole('button', { name: 'Replay stolen token' }).click();
  await slow(log).toContainText("The attacker's replay worked");
  await slow(page.getByTestId('count-attackerRotations')).toHaveText('1');
  await page.getByRole('button', { name: 'Refresh', exact: true }).click();
  await slow(page.getByTestId('session-3')).toHaveText('must log in again');
  expect(await count(page, 'refused')).toBeGreaterThanOrEqual(1);

  await controls.getByRole('button', { name: 'Pause' }).click();
  await page.screenshot({ path: testInfo.outputPath('jwt-rtr.png'), fullPage: true });
  await testInfo.attach('jwt-rtr', {
    path: testInfo.outputPath('jwt-rtr.png'),
    contentType: 'image/png',
  });

  // Keyboard: the controls are buttons a keyboard reaches.
  await page.getByRole('button', { name: 'Log in', exact: true }).focus();
  await page.keyboard.press('Enter');
  await controls.getByRole('button', { name: 'Play' }).click();
  await slow(page.getByTestId('session-3')).toHaveText('signed in');

  // Korean.
  await page.getByRole('button', { name: 'Language' }).click();
  await slow(page.getByRole('button', { name: '리프레시 토큰 훔치기' })).toBeVisible();
  await slow(page.getByRole('button', { name: '지금 페일오버' })).toBeVisible();
  await slow(page.getByTestId('session-3')).toHaveText('로그인됨');
  await page.screenshot({ path: testInfo.outputPath('jwt-rtr-ko.png'), fullPage: true });
  await testInfo.attach('jwt-rtr-ko', {
    path: testInfo.outputPath('jwt-rtr-ko.png'),
    contentType: 'image/png',
  });
});
