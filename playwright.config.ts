import { defineConfig } from '@playwright/test';

/**
 * Browser tests drive the real renderer in Debian's Chromium (never a downloaded browser) against
 * the real core, through the test harness; each test gets its own harness and data folder.
 */
export default defineConfig({
  testDir: 'src/ui/e2e',
  outputDir: 'test-results',
  timeout: 60_000,
  workers: 2,
  fullyParallel: true,
  reporter: [['list'], ['json', { outputFile: 'reports/e2e.json' }]],
  use: {
    browserName: 'chromium',
    viewport: { width: 1366, height: 768 },
    locale: 'nl-NL',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
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
    screenshot: 'only-on-failure',
  },
});
