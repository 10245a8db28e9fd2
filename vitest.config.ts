import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    // Forks isolate native modules (better-sqlite3) and servers that tests start and kill.
    pool: 'forks',
    testTimeout: 30_000,
  },
});
