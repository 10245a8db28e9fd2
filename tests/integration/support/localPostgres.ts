import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The cluster the tests may create databases in (scripts/postgres-cluster.sh start prints its URL). */
export const TEST_CLUSTER_URL = process.env.DISPATCH_TEST_DATABASE_URL;

/** Printed once by each suite that skips itself for want of a cluster. */
export function skippedWithoutPostgres(suite: string): boolean {
  if (TEST_CLUSTER_URL) return false;
  console.warn(
    `[postgres] ${suite} skipped: DISPATCH_TEST_DATABASE_URL is not set (start a cluster with scripts/postgres-cluster.sh start).`,
  );
  return true;
}

export interface TestDatabase {
  url: string;
  /** A pool on the database, ended by drop(). */
  pool(): pg.Pool;
  drop(): Promise<void>;
}

/** An empty database of its own in the test cluster, dropped (with whatever still holds it open) at the end. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `dispatch_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_CLUSTER_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_CLUSTER_URL!);
  url.pathname = `/${name}`;
  const pools: pg.Pool[] = [];
  return {
    url: url.toString(),
    pool: () => {
      const pool = new pg.Pool({ connectionString: url.toString(), max: 4 });
      // An idle connection cut by the drop below (FORCE ends what is still closing) is expected, not a failure.
      pool.on('error', () => undefined);
      pools.push(pool);
      return pool;
    },
    drop: async () => {
      await Promise.all(pools.map((pool) => pool.end()));
      const client = new pg.Client({ connectionString: TEST_CLUSTER_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
