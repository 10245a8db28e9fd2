import { defineConfig } from '@playwright/test';

// Servers the tests start hash passwords at a small cost, not the operator default (OWASP's, ~1.5 s a hash).
process.env.DISPATCH_PASSWORD_COST ??= 'N=1024,r=8,p=1';

export default defineConfig({
  testDir: 'tests/e2e',
  // The sync server the specs start, compiled once for the run (tests/e2e/serverBundle.ts).
  globalSetup: './tests/e2e/serverBundle.ts',
  outputDir: 'test-results',
  workers: 1,
  // No retries: a test that fails once is a bug to find, not to hide.
  retries: 0,
  reporter: 'list',
  timeout: 60_000,
  use: {
    headless: true,
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        browserName: 'chromium',
        // Playwright's own browser builds cannot be downloaded here; Debian's Chromium stands in.
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-dev-shm-usage',
          ],
        },
      },
    },
  ],
});
