import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * PostgreSQL for tests: a superuser URL to a cluster (`DISPATCH_TEST_DATABASE_URL`, which `.ci/run` sets
 * and `scripts/postgres-cluster.sh start` prints). Each test file makes its own databases in it and drops
 * them, so files can run side by side on one cluster.
 */
const CLUSTER_URL = process.env.DISPATCH_TEST_DATABASE_URL;

/**
 * Whether the PostgreSQL tests must skip, printing why when they do. Use as
 * `describe.skipIf(withoutPostgres('what is skipped'))(…)`.
 */
export function withoutPostgres(what: string): boolean {
  if (!CLUSTER_URL)
    console.warn(
      `Skipped: ${what} (no PostgreSQL: DISPATCH_TEST_DATABASE_URL is not set; .ci/run sets it, ` +
        'scripts/postgres-cluster.sh start prints one).',
    );
  return !CLUSTER_URL;
}

export interface FreshDatabase {
  /** A URL to the new, empty database (same user and host as the cluster's). */
  url: string;
  /** Drops it, ending whatever connections are still open to it. */
  drop(): Promise<void>;
}

async function onCluster<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  if (!CLUSTER_URL) throw new Error('DISPATCH_TEST_DATABASE_URL is not set');
  const client = new pg.Client({ connectionString: CLUSTER_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A new database with a random name (`dispatch_<hex>`) in the test cluster. */
export async function freshDatabase(): Promise<FreshDatabase> {
  const name = `dispatch_${randomBytes(6).toString('hex')}`;
  await onCluster((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(CLUSTER_URL!);
  url.pathname = `/${name}`;
  let dropped: Promise<void> | undefined;
  return {
    url: url.toString(),
    drop: () =>
      (dropped ??= onCluster(async (client) => {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      })),
  };
}

/**
 * A pool on a test database, for suites that drive the PostgreSQL stores without a server around them.
 * `pool.end()` resolves once its idle connections are told to close, not once they have closed; the
 * `DROP DATABASE … WITH (FORCE)` that follows can terminate a backend before it has read the goodbye, and the
 * termination (57P01) arrives as an error on the pool, which throws when nothing listens. The server's own
 * pools log such errors (server/store/postgres/store.ts); here that one is expected and anything else fails.
 */
export function testPool(url: string, max = 4): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on('error', (error: Error & { code?: string }) => {
    if (error.code !== '57P01') throw error;
  });
  return pool;
}
