/**
 * `npm run screenshot`: the README's picture, taken from the production build the way a
 * visitor sees it (run `npm run build` first). Writes docs/screenshot.png.
 */
import { chromium } from '@playwright/test';
import { preview } from 'vite';

const server = await preview({ preview: { host: '127.0.0.1', port: 4180, strictPort: true } });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 720 } });
  await page.goto('http://127.0.0.1:4180/#/data-types');
  const input = page.getByRole('textbox', { name: 'Command' });
  for (const line of [
    'SET greeting hello',
    'GET greeting',
    'INCR visits',
    'INCR visits',
    'MGET greeting visits nothing',
    'GET',
  ]) {
    await input.fill(line);
    await input.press('Enter');
  }
  await page.getByRole('log').getByText('wrong number of arguments').waitFor();
  await page.screenshot({ path: 'docs/screenshot.png' });
  console.log('wrote docs/screenshot.png');
} finally {
  await browser.close();
  await server.close();
}
