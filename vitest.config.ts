import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    // Forks isolate native modules (better-sqlite3) and servers that tests start and kill.
    pool: 'forks',
    testTimeout: 30_000,
    // The operator default (OWASP's scrypt cost: 128 MiB, ~1.5 s a hash) would make every sign-in slow;
    // servers the tests start, in process or as children, hash at a small cost instead.
    env: { DISPATCH_PASSWORD_COST: 'N=1024,r=8,p=1' },
  },
});
