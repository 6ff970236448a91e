/**
 * `npm run posters`: the still picture a `<redis-sim>` element shows until it is scrolled into
 * view or clicked: each built lesson's first frame, as embed.html draws it, from the production
 * build (run `npm run build` first) in Debian's Chromium. Writes public/posters/<scene>.png as
 * small indexed PNGs and prints their sizes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { preview } from 'vite';
import { decodePng, encodeIndexedPng } from './png-palette.ts';

const PORT = Number(process.env.POSTERS_PORT ?? 4190);
/** 16:9, the shape of the element's poster box; small enough to stay a few dozen KB. */
const SIZE = { width: 1024, height: 576 };
const OUT = 'public/posters';

const server = await preview({ preview: { host: '127.0.0.1', port: PORT, strictPort: true } });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  const base = `http://127.0.0.1:${PORT}/`;
  const page = await browser.newPage({ viewport: SIZE, deviceScaleFactor: 1 });
  await page.goto(base);
  // The built lessons are the ones the home page links to.
  const ids: string[] = [];
  for (const link of await page.locator('.lesson.ready a').all()) {
    const id = ((await link.getAttribute('href')) ?? '').replace(/^#\//, '');
    if (id !== '') ids.push(id);
  }
  mkdirSync(OUT, { recursive: true });
  for (const id of ids) {
    await page.goto('about:blank');
    await page.goto(`${base}embed.html?scene=${id}&lang=en&theme=light&id=poster-${id}`);
    // Drawn: a frame lesson's stage has content, the console lesson has its prompt.
    await page
      .locator('.stage > *')
      .or(page.getByRole('textbox', { name: 'Command' }))
      .first()
      .waitFor({ state: 'visible', timeout: 60_000 });
    await page.evaluate('document.fonts.ready.then(() => undefined)');
    await page.waitForTimeout(500);
    const png = encodeIndexedPng(decodePng(await page.screenshot()));
    writeFileSync(`${OUT}/${id}.png`, png);
    console.log(`${OUT}/${id}.png: ${png.length} bytes`);
  }
} finally {
  await browser.close();
  await server.close();
}
