import { expect, test, type Page } from '@playwright/test';
import { hostURL } from '../playwright.config.ts';

const slow = { timeout: 30_000 };

/** How many of the page's <redis-sim> elements have made their iframe (and so a worker). */
const FRAMES = `[...document.querySelectorAll('redis-sim')].filter((el) => el.shadowRoot.querySelector('iframe') !== null).map((el) => el.id)`;

const started = (page: Page): Promise<string[]> => page.evaluate<string[]>(FRAMES);

test('a post with five embeds: each shows its poster until seen or clicked, and nothing leaves for other sites', async ({
  page,
  baseURL,
}) => {
  test.slow();
  const allowed = [new URL(hostURL).origin, new URL(baseURL ?? '').origin];
  const strays: string[] = [];
  page.on('request', (r) => {
    if (!allowed.includes(new URL(r.url()).origin)) strays.push(r.url());
  });
  // The data-types lesson's poster is missing here: it falls back to a titled placeholder.
  await page.route('**/posters/data-types.png', (route) => route.fulfill({ status: 404 }));

  await page.goto(`${hostURL}five-embeds.html`);
  // The first embed is in view: it runs.
  const one = page.frameLocator('redis-sim#one >> iframe');
  await expect(one.getByRole('region', { name: 'Stage' })).toBeVisible(slow);

  // The ones below are posters: the lesson's first frame, its title and a named play button.
  const two = page.locator('redis-sim#two');
  const poster = two.getByRole('button', { name: 'Play the lesson: Cache patterns' });
  await expect(poster).toHaveCount(1);
  await expect(two.locator('.title')).toHaveText('Cache patterns');
  const img = two.locator('img');
  await expect
    .poll(() => img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth))
    .toBeGreaterThan(0);
  expect(await img.getAttribute('src')).toBe(new URL('posters/cache.png', baseURL).href);
  const four = page.locator('redis-sim#four');
  await expect(four.locator('.poster.placeholder .title')).toHaveText('Data types', slow);
  await expect(four.locator('img')).toHaveCount(0);
  expect(await started(page)).toEqual(['one']);
  expect(page.frames()).toHaveLength(2);

  // Scrolled into view, the third starts; the others stay posters.
  await page.locator('redis-sim#three').scrollIntoViewIfNeeded();
  const three = page.frameLocator('redis-sim#three >> iframe');
  await expect(three.getByRole('region', { name: 'Stage' })).toBeVisible(slow);
  expect((await started(page)).sort()).toEqual(['one', 'three']);

  // Clicked (by script, without scrolling), the fifth starts and plays.
  await page.evaluate(
    `document.querySelector('redis-sim#five').shadowRoot.querySelector('button').click()`,
  );
  const five = page.frameLocator('redis-sim#five >> iframe');
  await expect(five.getByRole('button', { name: 'Pause' })).toBeVisible(slow);
  expect((await started(page)).sort()).toEqual(['five', 'one', 'three']);

  expect(strays).toEqual([]);
  await page.locator('redis-sim#two').scrollIntoViewIfNeeded();
  await test.info().attach('five-embeds-poster', {
    body: await page.screenshot(),
    contentType: 'image/png',
  });
});
