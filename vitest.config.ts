import { availableParallelism } from 'node:os';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

const UNIT = 'tests/unit/**/*.test.ts';
/** The main process's modules, tested with a mocked `electron` (vi.mock): each file needs a module graph of its own. */
const MAIN = 'tests/unit/main/**/*.test.ts';
const INTEGRATION = 'tests/integration/**/*.test.ts';

/**
 * The integration suites a second time, every server on PostgreSQL (tests/integration/support/store.ts gives
 * each its own fresh database in the cluster at DISPATCH_TEST_DATABASE_URL, which `.ci/run` starts). Left out:
 * suites about SQLite's own files, PostgreSQL's own suites (already in the `sqlite` project), suites with no server.
 */
const NOT_ON_POSTGRES = [
  // SqliteStore itself, opened on a file (its schema upgrades, its file).
  'tests/integration/store.test.ts',
  // PostgreSQL's own suites: they run both stores side by side, or make their own databases and clusters, or
  // start several processes on one database, whichever the project (and skip, saying why, without a cluster).
  'tests/integration/store-contract.test.ts',
  'tests/integration/group-commit.test.ts',
  'tests/integration/store-postgres.test.ts',
  'tests/integration/security-session-store.test.ts',
  'tests/integration/security-sessions-pg.test.ts',
  'tests/integration/fanout.test.ts',
  'tests/integration/multiprocess.test.ts',
  // The signing key given by the operator (DISPATCH_TOKEN_KEY) against the data folder's key file: its
  // servers start on a folder of their own; security-sessions-pg covers the key kept in the database.
  'tests/integration/security-token-key.test.ts',
  // No server at all: the installer, packaging and web-mode scripts, and the outbox flush against a scripted server.
  'tests/integration/start.test.ts',
  'tests/integration/dist.test.ts',
  'tests/integration/electron-install.test.ts',
  'tests/integration/client/outboxFlush.test.ts',
];

/**
 * The long randomized suite runs smaller on PostgreSQL: the SQLite project keeps its full size, and what differs
 * on PostgreSQL (the store under the same pipeline) shows within fewer seeds. 60 sync seeds keep seed 50, the one
 * that kills a child server with SIGKILL. Set the variables to run them at any size.
 */
const POSTGRES_SIZES = {
  SYNC_SEEDS: process.env.SYNC_SEEDS ?? '60',
  // The soak's pages settle a round later on PostgreSQL (security-soak.test.ts): 4 rounds check one.
  SOAK_ROUNDS: process.env.SOAK_ROUNDS ?? '4',
};

function postgresProject(): TestProjectInlineConfiguration[] {
  if (!process.env.DISPATCH_TEST_DATABASE_URL) {
    // Vitest reads this file more than once in one process: say it once, and only to Vitest (not to knip).
    if (!process.env.VITEST || process.env.DISPATCH_TEST_POSTGRES_NOTICE) return [];
    process.env.DISPATCH_TEST_POSTGRES_NOTICE = 'said';
    console.log(
      '[vitest] The integration suites run on SQLite only: set DISPATCH_TEST_DATABASE_URL to a PostgreSQL superuser ' +
        'URL (scripts/postgres-cluster.sh start prints one; .ci/run sets it) to run them on PostgreSQL too.',
    );
    return [];
  }
  return [
    {
      extends: true,
      test: {
        name: 'postgres',
        include: [INTEGRATION],
        exclude: NOT_ON_POSTGRES,
        env: { DISPATCH_TEST_STORE: 'postgres', ...POSTGRES_SIZES },
      },
    },
  ];
}

export default defineConfig({
  test: {
    environment: 'node',
    // Forks isolate native modules (better-sqlite3) and servers that tests start and kill.
    pool: 'forks',
    // One file per core, not Vitest's default of one fewer: the integration suites spend much of their time
    // waiting on servers, sockets, fsyncs and child processes, so on 2 cores one worker left a core idle
    // (`unit` + `sqlite` took 215 s with one worker, 159 s with two).
    maxWorkers: availableParallelism(),
    testTimeout: 30_000,
    // The operator default (OWASP's scrypt cost: 128 MiB, ~1.5 s a hash) would make every sign-in slow;
    // servers the tests start, in process or as children, hash at a small cost instead.
    env: { DISPATCH_PASSWORD_COST: 'N=1024,r=8,p=1' },
    projects: [
      // The unit suites share one process and its module graph (isolate: false): they start no server and hold
      // no native handle, and a fresh graph per file cost them 65 s here instead of 12. Every file leaves the
      // globals as it found them (fake timers restored, databases deleted), so none depends on the order.
      { extends: true, test: { name: 'unit', include: [UNIT], exclude: [MAIN], isolate: false } },
      { extends: true, test: { name: 'sqlite', include: [MAIN, INTEGRATION] } },
      ...postgresProject(),
    ],
  },
});
