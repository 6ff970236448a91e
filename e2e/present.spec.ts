import { expect, test, type Page } from '@playwright/test';

/**
 * Presentation mode on a 1280x720 projector, for every lesson built on the scene frame: the
 * lessons are read from the home page, so a scene added later is checked without editing this.
 */
test.use({ viewport: { width: 1280, height: 720 } });

const slow = { timeout: 30_000 };

/** Lessons the home page links to (built ones); each is checked only if it uses the frame. */
async function builtLessons(page: Page): Promise<string[]> {
  await page.goto('./');
  const links = page.locator('.lesson.ready a');
  await expect(links.first()).toBeVisible(slow);
  const ids: string[] = [];
  for (const link of await links.all()) {
    const id = ((await link.getAttribute('href')) ?? '').replace(/^#\//, '');
    if (id !== '') ids.push(id);
  }
  return ids;
}

/**
 * Everything that pokes outside the viewport or outside the part of the screen it was given
 * (run in the page, as a string: this file is type-checked without the DOM).
 */
const OVERFLOW = `(() => {
  const found = [];
  const vw = window.innerWidth;
  const vh = window.innerHeight;
  const root = document.documentElement;
  if (root.scrollWidth > vw || root.scrollHeight > vh) {
    found.push('page scrolls: ' + root.scrollWidth + 'x' + root.scrollHeight);
  }
  const name = (el) =>
    el.tagName.toLowerCase() + '.' + [...el.classList].join('.') + ' ' + (el.textContent ?? '').slice(0, 30);
  const outside = (r, b) =>
    r.width > 0 && r.height > 0 &&
    (r.left < b.left - 1 || r.top < b.top - 1 || r.right > b.right + 1 || r.bottom > b.bottom + 1);
  const frame = document.querySelector('.present-frame');
  if (frame === null) return ['no presentation frame'];
  for (const el of frame.querySelectorAll('*')) {
    if (outside(el.getBoundingClientRect(), { left: 0, top: 0, right: vw, bottom: vh })) {
      found.push('outside the viewport: ' + name(el));
    }
  }
  for (const box of frame.querySelectorAll('.fit-box')) {
    const b = box.getBoundingClientRect();
    for (const el of box.querySelectorAll('*')) {
      if (outside(el.getBoundingClientRect(), b)) found.push('cut off: ' + name(el));
    }
  }
  return found.slice(0, 10);
})()`;

/** The step text's size as seen on screen: its font size times the scale it was fitted by. */
const NARRATIVE_PX = `(() => {
  const p = document.querySelector('.present-frame .narrative .fit-content');
  if (p === null) return 0;
  return parseFloat(getComputedStyle(p).fontSize) * Number(p.dataset.scale ?? '1');
})()`;

const overflow = (page: Page): Promise<string[]> => page.evaluate<string[]>(OVERFLOW);
const narrativeTextPx = (page: Page): Promise<number> => page.evaluate<number>(NARRATIVE_PX);

test('presentation mode fits every frame lesson on a 1280x720 screen, keys jump to steps', async ({
  page,
}) => {
  const lessons = await builtLessons(page);
  expect(lessons.length).toBeGreaterThan(0);
  // Each lesson loads its own worker; on a busy machine one can take a while.
  test.setTimeout(lessons.length * 90_000);
  let checked = 0;
  for (const id of lessons) {
    // A fresh page each time: between two lessons only the hash would change.
    await page.goto('about:blank');
    await page.goto(`./?present=1#/${id}`);
    const stage = page.getByRole('region', { name: 'Stage' });
    await expect(page.locator('main:not(.message)')).toBeVisible(slow);
    // The data-types console is not built on the frame; it has its own page.
    if ((await page.locator('.present-frame').count()) === 0) {
      await expect(page.locator('.scene-frame')).toHaveCount(0);
      continue;
    }
    checked++;
    await expect(stage).toBeVisible(slow);
    await expect(page.locator('.app-header')).toBeHidden();
    await expect(page.getByRole('toolbar', { name: 'Time controls' })).toHaveCount(0);
    await expect(page.locator('.present-frame .stage .fit-content > *').first()).toBeVisible(slow);

    // Space plays and pauses; the figures keep fitting while the simulation runs.
    const state = page.locator('.present-state');
    await expect(state).toHaveText('Paused');
    await page.keyboard.press(' ');
    await expect(state).toHaveText('Playing', slow);
    await page.waitForTimeout(1500);
    await page.keyboard.press(' ');
    await expect(state).toHaveText('Paused', slow);
    await expect.poll(() => overflow(page), slow).toEqual([]);

    const count = page.locator('.present-bar .step-count');
    const total = Number((await count.textContent())?.match(/of (\d+)/)?.[1] ?? 0);
    expect(total).toBeGreaterThan(0);
    for (let n = Math.min(total, 9); n >= 1; n--) {
      await page.keyboard.press(String(n));
      await expect(count).toHaveText(`Step ${n} of ${total}`);
      await expect.poll(() => overflow(page), slow).toEqual([]);
      expect(await narrativeTextPx(page)).toBeGreaterThanOrEqual(14);
    }
    // Arrows move through the steps like slides; a digit past the last step moves nothing.
    await page.keyboard.press('ArrowRight');
    await expect(count).toHaveText(`Step ${Math.min(2, total)} of ${total}`);
    await page.keyboard.press('ArrowLeft');
    await expect(count).toHaveText(`Step 1 of ${total}`);
    if (total < 9) {
      await page.keyboard.press('9');
      await expect(count).toHaveText(`Step 1 of ${total}`);
    }
    await expect(page.getByRole('region', { name: 'Metrics' })).toBeInViewport({ ratio: 1 });
    await test.info().attach(`present-${id}-1280x720`, {
      body: await page.screenshot(),
      contentType: 'image/png',
    });
  }
  expect(checked).toBeGreaterThan(0);
});

test('P turns presentation mode on and off, and the words follow the language', async ({
  page,
}) => {
  test.slow();
  await page.goto('./#/single-thread');
  await expect(page.getByRole('toolbar', { name: 'Time controls' })).toBeVisible(slow);
  await expect(page.locator('.app-header')).toBeVisible();

  await page.locator('body').press('p');
  await expect(page.locator('.present-frame')).toBeVisible();
  await expect(page.locator('.app-header')).toBeHidden();
  await expect(page.getByRole('toolbar', { name: 'Time controls' })).toHaveCount(0);
  expect(new URL(page.url()).searchParams.get('present')).toBe('1');
  await page.keyboard.press('2');
  await expect(page.locator('.present-bar .step-count')).toHaveText(/^Step 2 of/);

  // A reload keeps it (it is in the URL); P again leaves it, at the same step of the lesson.
  await page.reload();
  await expect(page.locator('.present-frame')).toBeVisible(slow);
  await page.keyboard.press('P');
  await expect(page.locator('.present-frame')).toHaveCount(0);
  await expect(page.locator('.app-header')).toBeVisible();
  await expect(page.getByRole('toolbar', { name: 'Time controls' })).toBeVisible();
  expect(new URL(page.url()).searchParams.has('present')).toBe(false);

  // Typing a P into a field types it; it does not switch modes.
  await page.goto('./#/data-types');
  const input = page.getByRole('textbox', { name: 'Command' });
  await input.fill('');
  await input.press('p');
  await expect(input).toHaveValue('p');
  await expect(page.locator('.app-header')).toBeVisible();

  await page.getByRole('button', { name: 'Language' }).click();
  await page.goto('./?present=1#/single-thread');
  await expect(page.locator('.present-bar .step-count')).toHaveText(/단계 중 1단계/, slow);
  await expect(page.locator('.present-hint')).toContainText('발표 모드');
  await expect(page.locator('.present-state')).toHaveText('멈춤');
});
