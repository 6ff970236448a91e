import { readFile } from 'node:fs/promises';
import { expect, test, type FileChooser, type Page } from '@playwright/test';

/**
 * Keeping, sharing and exporting a lesson in real Chromium with its real IndexedDB: a
 * lesson's world survives a reload, resets, travels in a link to a fresh browser profile,
 * goes to a file and back, and its stage exports for slides.
 */

test.use({ locale: 'en-US' });
/** Assertions that wait longer: the machine running the suite may be shared and slow. */
const slow = expect.configure({ timeout: 30_000 });

const clock = (page: Page) => page.getByTestId('sim-clock');
const seconds = async (page: Page) => Number((await clock(page).textContent())?.split(' ')[0]);
const controls = (page: Page) => page.getByRole('toolbar', { name: 'Time controls' });
const seedField = (page: Page) => controls(page).getByRole('spinbutton', { name: 'Seed' });
const tools = (page: Page) => page.getByRole('region', { name: 'Keep and share' });

/** The lesson as IndexedDB holds it now: its step and its world's instant (µs). */
function saved(page: Page, scene: string) {
  return page.evaluate<{ step: number; now: number } | null>(`new Promise((resolve) => {
    const req = indexedDB.open('redis-sim');
    req.onerror = () => resolve(null);
    req.onsuccess = () => {
      const db = req.result;
      const get = db.transaction('scenes').objectStore('scenes').get(${JSON.stringify(scene)});
      get.onerror = () => resolve(null);
      get.onsuccess = () => {
        db.close();
        const r = get.result;
        resolve(r === undefined ? null : { step: r.data.step, now: r.data.snapshot.world.now });
      };
    };
  })`);
}

async function openCache(page: Page, hash = '#/cache') {
  await page.goto(`./${hash}`);
  await slow(page.getByRole('region', { name: 'Stage' })).toBeVisible();
  await slow(page.getByRole('log')).toContainText('Simulation loaded');
  await slow(tools(page).getByRole('button', { name: 'Copy link' })).toBeEnabled();
}

async function reseed(page: Page, seed: number) {
  await seedField(page).fill(String(seed));
  await seedField(page).press('Enter');
  await slow(page.getByRole('log')).toContainText(`Simulation loaded with seed ${seed}`);
}

/**
 * Moves on without playing (a page on a swamped machine may not take a Pause click in
 * time): the narrative's Next seeks to step 2's moment, then one event more.
 */
async function makeProgress(page: Page) {
  await page.getByRole('button', { name: 'Next' }).click();
  await slow(page.getByText(/^Step 2 of \d+$/)).toBeVisible();
  await expect.poll(() => seconds(page), { timeout: 60_000 }).toBeGreaterThan(0);
  const at = await clock(page).textContent();
  await controls(page).getByRole('button', { name: 'Step' }).click();
  await slow(clock(page)).not.toHaveText(at ?? '');
}

test('a lesson survives a reload; Reset this lesson starts it over, after a confirmation', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await openCache(page);
  await reseed(page, 31);
  await makeProgress(page);
  const at = await clock(page).textContent();
  const micros = Math.round(Number(at?.split(' ')[0]) * 1e6);
  // Saved once the learner pauses: debounced, off the animation path.
  await expect
    .poll(() => saved(page, 'cache'), { timeout: 30_000 })
    .toEqual({ step: 2, now: micros });

  await page.reload();
  await slow(page.getByText(/^Step 2 of \d+$/)).toBeVisible();
  await slow(clock(page)).toHaveText(at ?? '');
  await slow(seedField(page)).toHaveValue('31');

  // Reset asks first; Cancel keeps everything.
  await tools(page).getByRole('button', { name: 'Reset this lesson' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Reset this lesson' });
  await expect(confirm).toContainText('Its saved state is deleted');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(clock(page)).toHaveText(at ?? '');

  await tools(page).getByRole('button', { name: 'Reset this lesson' }).click();
  await confirm.getByRole('button', { name: 'Reset' }).click();
  await slow(page.getByText('The lesson starts again from the beginning.')).toBeVisible();
  await slow(clock(page)).toHaveText('0.000000 s');
  await slow(seedField(page)).toHaveValue('1');
  await expect(page.getByText(/^Step 1 of \d+$/)).toBeVisible();
  await expect.poll(() => saved(page, 'cache')).toBeNull();

  await page.reload();
  await slow(page.getByRole('log')).toContainText('Simulation loaded');
  await expect(page.getByText(/^Step 1 of \d+$/)).toBeVisible();
  await expect(seedField(page)).toHaveValue('1');
  await expect(clock(page)).toHaveText('0.000000 s');
});

test('single-thread: the world after a slow command comes back after a reload', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.goto('./#/single-thread');
  await slow(page.getByRole('log')).toContainText('Simulation loaded');
  await slow(tools(page).getByRole('button', { name: 'Copy link' })).toBeEnabled();
  await page.getByRole('button', { name: 'Send KEYS *' }).click();
  await controls(page).getByRole('button', { name: 'Step' }).click();
  await controls(page).getByRole('button', { name: 'Step' }).click();
  const at = await clock(page).textContent();
  const micros = Math.round(Number(at?.split(' ')[0]) * 1e6);
  await expect
    .poll(async () => (await saved(page, 'single-thread'))?.now, { timeout: 60_000 })
    .toBe(micros);
  await page.reload();
  await expect(clock(page)).toHaveText(at ?? '', { timeout: 60_000 });
  // The journal came back with the world: the KEYS * the learner sent is still in it.
  await slow(tools(page).getByRole('button', { name: 'Copy link' })).toBeEnabled();
  await tools(page).getByRole('button', { name: 'Copy link' }).click();
  await slow(tools(page).getByRole('textbox', { name: 'Link to this run' })).toHaveValue(
    /act=\d+@.*KEYS/,
  );
});

test('a shared link reproduces seed, settings, moment and step in a fresh browser profile', async ({
  page,
  browser,
}) => {
  test.setTimeout(300_000);
  await openCache(page);
  await reseed(page, 77);
  await page.getByRole('radio', { name: 'Write-back' }).check();
  await slow(page.getByRole('log')).toContainText('Simulation loaded with seed 77');
  await makeProgress(page);
  const at = await clock(page).textContent();

  await tools(page).getByRole('button', { name: 'Copy link' }).click();
  const field = tools(page).getByRole('textbox', { name: 'Link to this run' });
  await slow(field).toHaveValue(/#\/cache\?step=2&seed=77&t=\d+&knob\.pattern=write-back/);
  const link = await field.inputValue();

  // Another person: a new profile, nothing saved.
  const context = await browser.newContext({ locale: 'en-US' });
  const other = await context.newPage();
  await other.goto(link);
  await slow(other.getByText(/^Step 2 of \d+$/)).toBeVisible();
  await slow(clock(other)).toHaveText(at ?? '');
  await expect(seedField(other)).toHaveValue('77');
  await expect(other.getByRole('radio', { name: 'Write-back' })).toBeChecked();
  await expect(other.getByRole('alert')).toHaveCount(0);
  // The link's state left the address bar: a reload continues from the saved lesson.
  await expect.poll(() => other.evaluate<string>('location.hash')).toBe('#/cache');
  await context.close();
});

test('a tampered link opens the lesson with defaults and says what it ignored', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto('./#/cache?seed=abc&step=99999&knob.zzz=1&knob.ttl=banana&theme=%3Cb%3Ex');
  await slow(page.getByRole('region', { name: 'Stage' })).toBeVisible();
  await slow(
    page.getByText(/Parts of the link were ignored: seed \(not valid\), step/),
  ).toBeVisible();
  await slow(page.getByText(/knob\.zzz \(unknown\)/)).toBeVisible();
  await slow(page.getByText(/The link's settings were refused \(.*ttl/)).toBeVisible();
  await expect(page.locator('b', { hasText: 'x' })).toHaveCount(0);
  await slow(seedField(page)).toHaveValue('1');
  await slow(controls(page).getByRole('button', { name: 'Play' })).toBeEnabled();
  await expect(page.getByText(/^Step 1 of \d+$/)).toBeVisible();
});

test('export the lesson to a file, import it back; a bad file changes nothing', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await openCache(page);
  await reseed(page, 55);
  await makeProgress(page);
  const at = await clock(page).textContent();

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    tools(page).getByRole('button', { name: 'Export lesson' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('redis-sim-cache-seed55.json');
  const path = await download.path();
  const file = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  expect(file).toMatchObject({ format: 'redis-sim-lesson', scene: 'cache', seed: 55, step: 2 });

  await tools(page).getByRole('button', { name: 'Reset this lesson' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Reset' }).click();
  await slow(seedField(page)).toHaveValue('1');

  const choose = async (files: Parameters<FileChooser['setFiles']>[0]) => {
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      tools(page).getByRole('button', { name: 'Import lesson' }).click(),
    ]);
    await chooser.setFiles(files);
  };
  await choose(path);
  await slow(page.getByText('Lesson imported.')).toBeVisible();
  await slow(seedField(page)).toHaveValue('55');
  await slow(clock(page)).toHaveText(at ?? '');
  await expect(page.getByText(/^Step 2 of \d+$/)).toBeVisible();

  await choose({
    name: 'holiday.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"format":"photo-album"}'),
  });
  await slow(page.getByRole('alert')).toHaveText(
    'The file was not imported (the file is not a redis-sim lesson). Nothing changed.',
  );
  await expect(seedField(page)).toHaveValue('55');
  await expect(clock(page)).toHaveText(at ?? '');
});

test('export the stage as SVG and PNG for slides', async ({ page }) => {
  test.setTimeout(120_000);
  await openCache(page);
  const [svg] = await Promise.all([
    page.waitForEvent('download'),
    tools(page).getByRole('button', { name: 'Export stage as SVG' }).click(),
  ]);
  expect(svg.suggestedFilename()).toBe('redis-sim-cache-step1.svg');
  const text = await readFile(await svg.path(), 'utf8');
  expect(text.startsWith('<svg')).toBe(true);
  expect(text).toContain('xmlns="http://www.w3.org/2000/svg"');
  // Styles are inlined: the file looks the same without the app's CSS.
  expect(text).toMatch(/style="fill:/);

  const [png] = await Promise.all([
    page.waitForEvent('download'),
    tools(page).getByRole('button', { name: 'Export stage as PNG' }).click(),
  ]);
  expect(png.suggestedFilename()).toBe('redis-sim-cache-step1.png');
  const bytes = await readFile(await png.path());
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.length).toBeGreaterThan(1000);
});

test('Reset everything asks first, then forgets every lesson and setting', async ({ page }) => {
  test.setTimeout(120_000);
  await openCache(page);
  await reseed(page, 12);
  await makeProgress(page);
  await expect.poll(async () => (await saved(page, 'cache'))?.step, { timeout: 30_000 }).toBe(2);
  await page.getByRole('button', { name: 'Theme' }).click();

  await page.goto('./#/');
  await page.getByRole('button', { name: 'Reset everything' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Reset everything' });
  await confirm.getByRole('button', { name: 'Reset' }).click();
  await slow(page.getByText('Everything was reset.')).toBeVisible();
  expect(await page.evaluate<string | null>("localStorage.getItem('redis-sim.theme')")).toBeNull();

  await openCache(page);
  await expect(seedField(page)).toHaveValue('1');
  await expect(page.getByText(/^Step 1 of \d+$/)).toBeVisible();
  await expect(clock(page)).toHaveText('0.000000 s');
});
