import { defineConfig, devices } from '@playwright/test';

/** Debian's Chromium: Playwright cannot download its own browser on these machines. */
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const port = Number(process.env.E2E_PORT ?? 4173);
const baseURL = `http://127.0.0.1:${port}`;
/** A third-party page on another origin, for the embed test (e2e/host). */
const hostPort = port + 1;
export const hostURL = `http://127.0.0.1:${hostPort}/`;

export default defineConfig({
  testDir: './e2e',
  fullyParallel: true,
  forbidOnly: true,
  retries: 0,
  workers: process.env.CI ? 1 : 2,
  reporter: process.env.E2E_JSON
    ? [['list'], ['json', { outputFile: process.env.E2E_JSON }]]
    : [['list']],
  use: { baseURL, trace: 'retain-on-failure', screenshot: 'only-on-failure' },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: chromiumPath,
          args: [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
  // The production build, as a visitor gets it: run `npm run build` first (npm test does).
  webServer: [
    {
      command: `npx vite preview --host 127.0.0.1 --port ${port} --strictPort`,
      url: baseURL,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      command: `npx tsx e2e/host/serve.ts`,
      url: hostURL,
      env: { HOST_PORT: String(hostPort), APP_URL: `${baseURL}/` },
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
  ],
});
