import { defineConfig } from '@playwright/test';

// Servers the tests start hash passwords at a small cost, not the operator default (OWASP's, ~1.5 s a hash).
process.env.DISPATCH_PASSWORD_COST ??= 'N=1024,r=8,p=1';

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../../test-results/electron',
  workers: 1,
  reporter: 'list',
  timeout: 60_000,
});
