/**
 * Browser journeys (test/e2e). Debian's chromium, never a downloaded browser; each worker starts
 * its own app + SMTP sink (test/e2e/fixtures.ts), so there is no webServer here.
 * Reports: the list on the console and JSON in test-results/e2e.json (read by scripts/test.mjs).
 * No html reporter, so nothing ever opens a browser or a server after a run.
 */
import { defineConfig, devices } from '@playwright/test';

const ci = Boolean(process.env.CI);

export default defineConfig({
  testDir: 'test/e2e',
  // Artifacts go in a folder of their own: Playwright empties outputDir at the start of a run,
  // and test-results/ also holds vitest.json from the step before.
  outputDir: 'test-results/e2e-artifacts',
  fullyParallel: true,
  forbidOnly: ci,
  retries: 0,
  workers: 2,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    actionTimeout: 10_000,
    navigationTimeout: 15_000,
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        locale: 'ja-JP',
        timezoneId: 'Asia/Tokyo',
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          args: [
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
});
