import { expect, test, type FrameLocator } from '@playwright/test';
import { hostURL } from '../playwright.config.ts';

const slow = { timeout: 30_000 };

async function run(frame: FrameLocator, line: string): Promise<void> {
  const input = frame.getByRole('textbox', { name: 'Command' });
  await expect(input).toBeEnabled(slow);
  await input.fill(line);
  await input.press('Enter');
}

test('a blog post with two <redis-sim> elements and a raw iframe: each renders, plays, fits and keeps its own state', async ({
  page,
}) => {
  test.slow();
  await page.goto(hostURL);

  // The elements become iframes on the blog's page, from the app's origin.
  const a = page.frameLocator('redis-sim#a >> iframe');
  const b = page.frameLocator('redis-sim#b >> iframe');
  const raw = page.frameLocator('iframe#raw');
  await expect(a.getByRole('region', { name: 'Stage' })).toBeVisible(slow);
  await page.locator('redis-sim#b').scrollIntoViewIfNeeded();
  await expect(b.getByRole('textbox', { name: 'Command' })).toBeVisible(slow);
  await expect(raw.getByRole('textbox', { name: 'Command' })).toBeVisible(slow);

  // Compact controls: the time controls stay, the event log and metrics go.
  const controls = a.getByRole('toolbar', { name: 'Time controls' });
  await expect(controls).toBeVisible();
  await expect(a.getByRole('log')).toHaveCount(0);

  // The element reports ready, and fits its iframe to the lesson's height.
  const readyA = "window.embedEvents.some((e) => e[0] === 'a' && e[1] === 'ready')";
  await expect.poll(() => page.evaluate(readyA), slow).toBe(true);
  // The height arrives in its own message, after or before ready: wait for it.
  const frameA = page.locator('redis-sim#a >> iframe');
  await expect
    .poll(async () => (await frameA.boundingBox())?.height ?? 0, slow)
    .toBeGreaterThan(300);

  // The blog's own text drives the first embed like a media element.
  await page.getByRole('button', { name: 'let the text drive it' }).click();
  await expect(controls.getByRole('button', { name: 'Pause' })).toBeVisible(slow);
  await page.locator('redis-sim#a').evaluate((el) => (el as unknown as { pause(): void }).pause());
  await expect(controls.getByRole('button', { name: 'Play' })).toBeVisible(slow);

  // Two consoles of the same lesson never share a keyspace.
  await run(b, 'SET who element-b');
  await expect(b.getByRole('log')).toContainText('OK', slow);
  await run(raw, 'GET who');
  await expect(raw.getByRole('log').locator('pre').last()).toHaveText('(nil)', slow);
  await run(raw, 'SET who raw-iframe');
  await expect(raw.getByRole('log')).toContainText('OK', slow);

  // After a reload each one finds its own state again.
  await page.reload();
  await page.locator('redis-sim#b').scrollIntoViewIfNeeded();
  await run(b, 'GET who');
  await expect(b.getByRole('log').locator('pre').last()).toHaveText('"element-b"', slow);
  await run(raw, 'GET who');
  await expect(raw.getByRole('log').locator('pre').last()).toHaveText('"raw-iframe"', slow);

  await test.info().attach('blog-post-with-embeds', {
    body: await page.screenshot({ fullPage: true }),
    contentType: 'image/png',
  });
});

test('a tampered embed URL shows its notices as text and still opens the lesson', async ({
  page,
}) => {
  await page.goto('./embed.html?scene=data-types&theme=%3Cimg%20src%3Dx%3E&speed=9999');
  await expect(page.getByText('Ignored theme=“<img src=x>”: not a valid value.')).toBeVisible(slow);
  await expect(page.getByText(/Ignored speed=/)).toBeVisible();
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'Command' })).toBeVisible(slow);
});
