// GET /health on PostgreSQL (issue 13): a load balancer takes a process out while it cannot reach the
// database, and puts it back when the database answers again, without a restart of the process.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, type RunningServer } from '../../server/app';
import { createLogger } from '../../server/log';
import { freshDatabase, withoutPostgres, type FreshDatabase } from './support/postgres';
import { removeDir, tempDataDir } from './support/server';

describe.skipIf(withoutPostgres('the health check on PostgreSQL'))('the health check on PostgreSQL', () => {
  let database: FreshDatabase;
  let server: RunningServer;
  let dataDir: string;
  let admin: pg.Client;
  let name: string;

  beforeAll(async () => {
    database = await freshDatabase();
    name = new URL(database.url).pathname.slice(1);
    dataDir = await tempDataDir('health');
    server = await startServer({
      port: 0,
      dataDir,
      databaseUrl: database.url,
      log: createLogger(process.env.SERVER_LOG_LEVEL ?? 'silent'),
    });
    admin = new pg.Client({ connectionString: process.env.DISPATCH_TEST_DATABASE_URL });
    await admin.connect();
  }, 60_000);

  afterAll(async () => {
    await admin?.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`).catch(() => undefined);
    await admin?.end();
    await server?.close();
    await database?.drop();
    if (dataDir) await removeDir(dataDir);
  });

  const health = async () => {
    const answer = await fetch(`${server.url}/health`);
    return { status: answer.status, body: (await answer.json()) as Record<string, unknown> };
  };

  test('503 DATABASE_UNAVAILABLE while the database refuses connections, 200 again once it takes them', async () => {
    expect(await health()).toEqual({ status: 200, body: { status: 'ok', serverId: server.context.store.databaseId } });

    // The database goes away for this server: new connections refused, the open ones cut.
    await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
    const down = await health();
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ status: 'unavailable', error: { code: 'DATABASE_UNAVAILABLE' } });
    expect(String((down.body.error as { message: string }).message)).toMatch(/^The database does not answer: /);

    await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
    expect(await health()).toEqual({ status: 200, body: { status: 'ok', serverId: server.context.store.databaseId } });
  }, 60_000);
});
