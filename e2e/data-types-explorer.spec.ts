import { expect, test, type Page } from '@playwright/test';

async function type(page: Page, line: string): Promise<void> {
  const input = page.getByRole('textbox', { name: 'Command' });
  await input.fill(line);
  await input.press('Enter');
}

/** A key's card in the explorer, found by its accessible name ("l (list)"). */
function card(page: Page, key: string, type: string) {
  return page
    .getByRole('region', { name: 'Keyspace explorer' })
    .getByRole('article', { name: `${key} (${type})` });
}

test.beforeEach(async ({ page }) => {
  await page.goto('./#/data-types');
  await expect(page.getByRole('textbox', { name: 'Command' })).toBeEnabled();
  // Each test starts from an empty keyspace, whatever an earlier run saved.
  await type(page, 'FLUSHALL');
  await expect(page.getByRole('region', { name: 'Keyspace explorer' })).toContainText(
    'Database 0: 0 keys',
  );
});

test('a list is drawn as a row of boxes from head to tail', async ({ page }) => {
  await type(page, 'RPUSH l a b c');
  const boxes = card(page, 'l', 'list').getByRole('listitem');
  await expect(boxes).toHaveText([/a$/, /b$/, /c$/]);
  await expect(card(page, 'l', 'list')).toContainText('quicklist');
  await type(page, 'LPUSH l z');
  await expect(boxes).toHaveCount(4);
  await expect(boxes.first()).toHaveText(/z$/);
});

test('a sorted set is a ladder in score order, a hash a table', async ({ page }) => {
  await type(page, 'ZADD z 2 b 1 a');
  const rungs = card(page, 'z', 'sorted set').getByRole('listitem');
  await expect(rungs).toHaveCount(2);
  await expect(rungs.nth(0)).toHaveAccessibleName('a, score 1');
  await expect(rungs.nth(1)).toHaveAccessibleName('b, score 2');
  await expect(card(page, 'z', 'sorted set')).toContainText('listpack');

  await type(page, 'HSET h f v');
  const rows = card(page, 'h', 'hash').getByRole('row');
  // The header row, then one row per field.
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toHaveText('fv');
});

test('the skiplist example draws towers of levels', async ({ page }) => {
  await page.getByRole('button', { name: 'Run the skiplist example' }).click();
  const ladder = card(page, 'ladder', 'sorted set');
  await expect(ladder).toContainText('skiplist');
  const rungs = ladder.getByRole('listitem');
  await expect(rungs).toHaveCount(10);
  await expect(rungs.first()).toHaveAccessibleName(/^a, score 1, \d+ levels?$/);
  await expect(ladder).toContainText('… 2 more');
  // The example put the limit back.
  await expect(page.getByRole('log')).toContainText('"skiplist"');
});

test('a TTL counts down on the wall clock and the key disappears when it expires', async ({
  page,
}) => {
  // Every countdown text the page shows, recorded in the page: a slow machine may take a
  // good part of the two seconds just to answer the test's own queries.
  // (A script string: the e2e code is compiled without the DOM's types.)
  await page.evaluate(`{
    const seen = (window.ttlSeen = []);
    new MutationObserver(() => {
      for (const el of document.querySelectorAll('[role="timer"]')) {
        const text = el.textContent ?? '';
        if (text.startsWith('expires') && seen[seen.length - 1] !== text) seen.push(text);
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  }`);
  await type(page, 'SET k v EX 2');
  await expect(card(page, 'k', 'string').getByRole('timer', { name: 'Time to live' })).toHaveText(
    /expires in [0-2]\.\d s/,
  );
  await expect(card(page, 'k', 'string')).toHaveCount(0, { timeout: 6000 });
  await expect(page.getByRole('region', { name: 'Keyspace explorer' })).toContainText(
    'Database 0: 0 keys',
  );
  const seen = await page.evaluate<string[]>('window.ttlSeen');
  const seconds = seen.map((text) => Number(text.match(/[\d.]+/)![0]));
  expect(seconds.length).toBeGreaterThan(2);
  expect(seconds[0]).toBeGreaterThan(seconds[seconds.length - 1]!);
  // It only ever counts down.
  expect(seconds).toEqual([...seconds].sort((a, b) => b - a));
  // Gone from the engine too, not only from the drawing.
  await type(page, 'EXISTS k');
  await expect(page.getByRole('log').locator('pre').last()).toHaveText('(integer) 0');
});

test('command help completes LPU to LPUSH and shows its syntax', async ({ page }) => {
  const input = page.getByRole('textbox', { name: 'Command' });
  await input.pressSequentially('LPU');
  const options = page.getByRole('listbox', { name: 'Commands' }).getByRole('option');
  await expect(options.first()).toContainText('LPUSH');
  await expect(page.getByRole('combobox')).toHaveAttribute('aria-expanded', 'true');
  await input.press('ArrowDown');
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  await input.press('Tab');
  await expect(input).toHaveValue('LPUSH ');
  await expect(input).toBeFocused();
  const help = page.getByRole('region', { name: 'Command help' });
  await expect(help).toContainText('LPUSH key element [element ...]');
  await expect(help).toContainText('since Redis 1.0.0');
  await input.pressSequentially('q x y');
  await input.press('Enter');
  await expect(card(page, 'q', 'list').getByRole('listitem')).toHaveCount(2);
});

test('an example runs with a click; a bitmap shows its bits', async ({ page }, testInfo) => {
  // Seven examples, each several commands and a fresh picture: slow on a shared machine.
  test.slow();
  await page.getByRole('button', { name: 'Run the bitmap example' }).click();
  const bitmap = card(page, 'active:user42', 'bitmap');
  await expect(bitmap.getByRole('img')).toHaveAccessibleName(/: 10010000$/);
  await expect(page.getByRole('log').locator('pre').last()).toHaveText('(integer) 2');

  for (const example of ['list', 'set', 'sorted set', 'hash', 'counter', 'TTL']) {
    await page.getByRole('button', { name: `Run the ${example} example` }).click();
  }
  await expect(card(page, 'user:1', 'hash')).toBeVisible();
  await expect(card(page, 'ids', 'set')).toContainText('intset');
  await expect(card(page, 'tags', 'set')).toContainText('hashtable');
  await expect(card(page, 'visits', 'string')).toContainText('42');
  await testInfo.attach('data-types explorer', {
    body: await page.screenshot({ fullPage: true }),
    contentType: 'image/png',
  });
});

test('the explorer speaks Korean when the language is switched', async ({ page }) => {
  await type(page, 'SADD s 1 2 3');
  await page.getByRole('button', { name: 'Language' }).click();
  await expect(page.getByRole('region', { name: '키 공간 탐색기' })).toContainText('intset');
  await expect(page.getByRole('article', { name: 's (셋)' })).toContainText('멤버 3개');
});
