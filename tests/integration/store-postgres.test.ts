import { spawn } from 'node:child_process';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Appointment, Organization } from '../../domain';
import { startServer, type RunningServer } from '../../server/app';
import { loadDemo } from '../../server/demo';
import { Directory } from '../../server/directory';
import { createLogger } from '../../server/log';
import { writeUser } from '../../server/referenceData';
import { PgStore } from '../../server/store/postgres';
import type { StoredUser } from '../../server/store/types';
import { SyncClient } from './support/client';
import { newAppointmentArgs, newJobArgs, ORG_PROVIDER, snapshotOf } from './support/data';
import { freshDatabase, withoutPostgres, type FreshDatabase } from './support/postgres';
import { ChildServer, freePort, REPO_ROOT, removeDir, tempDataDir } from './support/server';

/**
 * PostgreSQL as several server processes see it: each "process" here is a server with its own pool,
 * store, directory and pipeline on the same database (in one Node process, so the test can look inside).
 */
describe.skipIf(withoutPostgres('PostgreSQL across server processes'))('PostgreSQL store', () => {
  test('two stores opening a fresh database at the same instant both succeed and make the schema once', async () => {
    const database = await freshDatabase();
    try {
      const [first, second] = await Promise.all([PgStore.open(database.url), PgStore.open(database.url)]);
      expect(first.databaseId).toBe(second.databaseId);
      const meta = await first.pool.query<{ key: string; value: string }>('SELECT key, value FROM meta ORDER BY key');
      expect(meta.rows.map((row) => row.key)).toEqual(['database_id', 'directory_version', 'schema_version']);
      await Promise.all([first.close(), second.close()]);
      const third = await PgStore.open(database.url);
      expect(third.databaseId).toBe(first.databaseId);
      await third.close();
    } finally {
      await database.drop();
    }
  });

  test('what a process keeps of jobs, appointments, customers and sequences is dropped once another process commits one', async () => {
    const database = await freshDatabase();
    const [a, b] = [await PgStore.open(database.url), await PgStore.open(database.url)];
    const job = { id: 'j-1', organizationId: 'org-a', sourceId: null, customerId: 'c-1', title: 'Old', createdAt: 0 };
    const appointment = (start: number) =>
      ({ id: 'a-1', jobId: 'j-1', organizationId: 'org-a', technicianId: null, start, status: 'scheduled' }) as never;
    const customer = (firstName: string) => ({ id: 'c-1', organizationId: 'org-a', firstName }) as never;
    // Each write comes with its change-log sequence number, as the pipeline's do.
    const write = (store: PgStore, title: string, start: number) =>
      store.transaction(async (tx) => {
        const seq = await tx.nextSeq('org-a');
        await tx.putCustomer(customer(title));
        await tx.putJob({ ...job, title } as never, 'scheduled');
        await tx.putAppointment(appointment(start), null);
        return seq;
      });
    const read = (store: PgStore) =>
      store.transaction(async (tx) => ({
        title: (await tx.getJob('j-1'))?.title,
        start: (await tx.getAppointment('a-1'))?.start,
        starts: (await tx.appointmentsOfJob('j-1')).map((one) => one.start),
        customer: (await tx.getCustomer('c-1'))?.firstName,
      }));
    try {
      expect(await write(a, 'Old', 1)).toBe(1);
      expect(await read(a)).toEqual({ title: 'Old', start: 1, starts: [1], customer: 'Old' });
      // Sequence numbers too: each process continues where the other committed, never where it last was.
      expect(await write(b, 'New', 2)).toBe(2);
      expect(await read(a), 'A reads what B committed, not what it remembers').toEqual({
        title: 'New',
        start: 2,
        starts: [2],
        customer: 'New',
      });
      // A transaction of B that fails changes nothing A must forget, and A's own commits keep its memory good.
      await expect(
        b.transaction(async (tx) => {
          await tx.nextSeq('org-a');
          await tx.putJob({ ...job, title: 'Never' } as never, 'scheduled');
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      expect(await write(a, 'Mine', 3)).toBe(3);
      expect(await write(a, 'Mine', 3)).toBe(4);
      expect(await read(a)).toEqual({ title: 'Mine', start: 3, starts: [3], customer: 'Mine' });
      expect(await read(b)).toEqual({ title: 'Mine', start: 3, starts: [3], customer: 'Mine' });
      expect(await write(b, 'Theirs', 5)).toBe(5);
      expect(await write(a, 'Mine', 6)).toBe(6);
      expect(await a.headSeq('org-a')).toBe(6);
    } finally {
      await Promise.all([a.close(), b.close()]);
      await database.drop();
    }
  });

  test('a write transaction of one process waits for another’s to commit, then reads what it wrote', async () => {
    const database = await freshDatabase();
    const [a, b] = [await PgStore.open(database.url), await PgStore.open(database.url)];
    try {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let started!: () => void;
      const aStarted = new Promise<void>((resolve) => (started = resolve));
      const events: string[] = [];
      const first = a.transaction(async (tx) => {
        await tx.nextSeq('org-a');
        started();
        await gate;
        await tx.saveCommandOutcome('client-a', { id: 1, status: 'applied', seq: 1 }, 0);
        events.push('A commits');
      });
      await aStarted;
      const second = b.transaction(async (tx) => {
        events.push('B begins');
        return { seq: await tx.nextSeq('org-a'), outcome: await tx.getCommandOutcome('client-a', 1) };
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(events, 'B waits on the writer lock while A is open').toEqual([]);
      // Reads outside a transaction never wait for the lock; they see what is committed.
      expect(await b.headSeq('org-a')).toBe(0);
      release();
      await first;
      expect(await second).toEqual({ seq: 2, outcome: { id: 1, status: 'applied', seq: 1 } });
      expect(events).toEqual(['A commits', 'B begins']);
      expect(await b.headSeq('org-a')).toBe(2);
    } finally {
      await Promise.all([a.close(), b.close()]);
      await database.drop();
    }
  });

  test('a database migrated by a newer server is refused, not written', async () => {
    const database = await freshDatabase();
    try {
      await (await PgStore.open(database.url)).close();
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      await client.query("UPDATE meta SET value = '999' WHERE key = 'schema_version'");
      await client.end();
      await expect(PgStore.open(database.url)).rejects.toThrow(/schema is version 999, newer than this server/);
    } finally {
      await database.drop();
    }
  });

  test('a connection lost inside a transaction fails that transaction only; the store carries on', async () => {
    const database = await freshDatabase();
    const lostIdle: Error[] = [];
    const store = await PgStore.open(database.url, { onPoolError: (error) => lostIdle.push(error) });
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    const endOthers = () =>
      admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
      );
    try {
      await store.transaction((tx) => tx.nextSeq('org-a'));
      // Two connections in the pool: one for the transaction below, one left idle.
      await Promise.all([store.headSeq('org-a'), store.headSeq('org-b')]);
      await expect(
        store.transaction(async (tx) => {
          await tx.nextSeq('org-a');
          await endOthers();
          // The loss arrives while no statement runs (an 'error' event nobody heard would end the process).
          await new Promise((resolve) => setTimeout(resolve, 200));
          await tx.nextSeq('org-a');
        }),
      ).rejects.toThrow(/connection|terminat/i);
      expect(lostIdle.length).toBeGreaterThan(0);
      expect(await store.headSeq('org-a')).toBe(1);
      expect(await store.transaction((tx) => tx.nextSeq('org-a'))).toBe(2);
    } finally {
      await admin.end();
      await store.close();
      await database.drop();
    }
  });

  test('connections ended again and again under load: what was acknowledged is committed, and it recovers', async () => {
    const database = await freshDatabase();
    const store = await PgStore.open(database.url, { onPoolError: () => undefined });
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      let running = true;
      const killer = (async () => {
        while (running) {
          await admin.query(
            'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
          );
          await new Promise((resolve) => setTimeout(resolve, 15));
        }
      })();
      const acknowledged: number[] = [];
      let refused = 0;
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          for (let i = 0; i < 40; i++) {
            try {
              acknowledged.push(
                await store.transaction(async (tx) => {
                  const seq = await tx.nextSeq('org-a');
                  await tx.appendChanges('org-a', [{ seq, kind: 'job', id: `j-${seq}`, data: { seq } }]);
                  return seq;
                }),
              );
            } catch {
              refused++;
            }
          }
        }),
      );
      running = false;
      await killer;
      expect(refused, 'the connections were ended under the writes').toBeGreaterThan(0);
      expect(acknowledged.length).toBeGreaterThan(0);
      const log = await store.changesAfter('org-a', 0, 1_000);
      const committed = new Set(log.map((change) => change.seq));
      expect(acknowledged.every((seq) => committed.has(seq))).toBe(true);
      // Gapless: the log is 1..head with nothing missing, whatever failed in between.
      expect([...committed]).toEqual(Array.from({ length: committed.size }, (_, index) => index + 1));
      expect(await store.transaction((tx) => tx.nextSeq('org-a'))).toBe(committed.size + 1);
    } finally {
      await admin.end();
      await store.close();
      await database.drop();
    }
  });

  test('two processes starting together on an empty database load the demo once', async () => {
    const database = await freshDatabase();
    const started: { server: RunningServer; dataDir: string }[] = [];
    try {
      for (const dataDir of [await tempDataDir('pg'), await tempDataDir('pg')]) {
        const server = await startServer({ port: 0, dataDir, databaseUrl: database.url, log: createLogger('silent') });
        started.push({ server, dataDir });
      }
      expect(await started[0].server.context.store.isEmpty()).toBe(true);
      const loaded = await Promise.all(started.map(({ server }) => loadDemo(server.context)));
      expect(loaded.sort()).toEqual([false, true]);
      // The demo's users were written once: one change row each, in their organization's log.
      const userRows = (await started[1].server.context.store.changesAfter('org-coolair', 0, 100_000)).filter(
        (change) => change.kind === 'user' && change.id === 'u-tech1',
      );
      expect(userRows).toHaveLength(1);
      expect(started[1].server.context.directory.user('u-tech1')).toBeDefined();
    } finally {
      for (const { server, dataDir } of started) {
        await server.close();
        await removeDir(dataDir);
      }
      await database.drop();
    }
  });

  test('refreshDirectory reloads a directory another process changed, outside any write, and only then', async () => {
    const database = await freshDatabase();
    const [a, b] = [await PgStore.open(database.url), await PgStore.open(database.url)];
    try {
      const [directoryA, directoryB] = [await Directory.load(a), await Directory.load(b)];
      let reloads = 0;
      a.watchDirectory((reads) => directoryA.reload(reads));
      b.watchDirectory(async (reads) => {
        reloads++;
        await directoryB.reload(reads);
      });
      const newcomer = {
        id: 'u-newcomer',
        organizationId: 'org-a',
        email: 'Newcomer@Example.test',
        firstName: 'New',
        lastName: 'Comer',
        roles: ['dispatcher'],
        version: 0,
        passwordHash: 'hash',
      } as StoredUser;
      await a.transaction((tx) => writeUser(tx, directoryA, newcomer));
      expect(directoryB.user('u-newcomer')).toBeUndefined();
      await b.refreshDirectory();
      expect(directoryB.storedUserByEmail('newcomer@example.test')).toMatchObject({ id: 'u-newcomer' });
      expect(reloads).toBe(1);
      // Nothing changed since: neither a refresh nor B's next write reads the directory again.
      await b.refreshDirectory();
      await b.transaction((tx) => tx.nextSeq('org-a'));
      expect(reloads).toBe(1);
      // A changes it again: B's next write transaction reloads before its work runs, with no refresh asked.
      await a.transaction((tx) => writeUser(tx, directoryA, { ...newcomer, firstName: 'Renamed' }));
      const seenInside = await b.transaction(async () => directoryB.user('u-newcomer')?.firstName);
      expect(seenInside).toBe('Renamed');
      expect(reloads).toBe(2);
    } finally {
      await Promise.all([a.close(), b.close()]);
      await database.drop();
    }
  });

  describe('two server processes on one database', () => {
    let database: FreshDatabase;
    const servers: { server: RunningServer; dataDir: string }[] = [];
    let a: RunningServer;
    let b: RunningServer;
    let dana: SyncClient;
    let marcus: SyncClient;

    const start = async () => {
      const dataDir = await tempDataDir('pg');
      const server = await startServer({
        port: 0,
        dataDir,
        databaseUrl: database.url,
        log: createLogger(process.env.SERVER_LOG_LEVEL ?? 'silent'),
      });
      servers.push({ server, dataDir });
      return server;
    };

    beforeAll(async () => {
      database = await freshDatabase();
      a = await start();
      expect(await loadDemo(a.context)).toBe(true);
      b = await start();
      // Each signs in to a process of their own.
      dana = await SyncClient.login(a.url, 'dispatcher@demo.test');
      marcus = await SyncClient.login(b.url, 'dispatcher2@demo.test');
    }, 120_000);

    afterAll(async () => {
      dana?.close();
      marcus?.close();
      for (const { server, dataDir } of servers) {
        await server.close();
        await removeDir(dataDir);
      }
      await database?.drop();
    });

    test('the demo served from PostgreSQL: a command through one process is in the other’s pull', async () => {
      expect(a.context.store.databaseId).toBe(b.context.store.databaseId);
      const health = await (await fetch(`${b.url}/health`)).json();
      expect(health).toEqual({ status: 'ok', serverId: a.context.store.databaseId });
      const before = await marcus.pullAll();
      expect(before.changes.length).toBeGreaterThan(100);
      const job = newJobArgs();
      const answer = await dana.push([dana.command('job.create', job)]);
      expect(answer.results[0]).toMatchObject({ status: 'applied', seq: before.head + 1 });
      const after = await marcus.pullAll(before.cursor);
      expect(after.changes.some((change) => change.kind === 'job' && change.id === job.jobId)).toBe(true);
      expect(after.head).toBe(before.head + 1);
    });

    test('commands racing on one appointment through both processes: exactly one applies, both converge', async () => {
      const job = newJobArgs();
      const created = newAppointmentArgs(job.jobId, 3);
      const setUp = await dana.push([dana.command('job.create', job), dana.command('appointment.create', created)]);
      expect(setUp.results.map((result) => result.status)).toEqual(['applied', 'applied']);
      let version = setUp.results[1].seq!;
      // Several rounds, each a fresh race on the version both consoles saw.
      for (let round = 1; round <= 5; round++) {
        const [fromA, fromB] = await Promise.all([
          dana.push([
            dana.command('appointment.move', {
              appointmentId: created.id,
              expectedVersion: version,
              durationMinutes: 60 + round,
            }),
          ]),
          marcus.push([
            marcus.command('appointment.move', {
              appointmentId: created.id,
              expectedVersion: version,
              durationMinutes: 90 + round,
            }),
          ]),
        ]);
        const results = [fromA.results[0], fromB.results[0]];
        expect(
          results.filter((result) => result.status === 'applied'),
          `round ${round}`,
        ).toHaveLength(1);
        expect(
          results.find((result) => result.status !== 'applied'),
          `round ${round}`,
        ).toMatchObject({
          status: 'rejected',
          code: 'STALE_VERSION',
        });
        const winner = results.find((result) => result.status === 'applied')!;
        version = winner.seq!;
        const duration = winner === fromA.results[0] ? 60 + round : 90 + round;
        const seenByDana = snapshotOf((await dana.pullAll()).changes).appointments.get(created.id) as Appointment;
        const seenByMarcus = snapshotOf((await marcus.pullAll()).changes).appointments.get(created.id) as Appointment;
        expect(seenByDana).toEqual(seenByMarcus);
        expect(seenByDana).toMatchObject({ version, durationMinutes: duration });
      }
    });

    test('an organization change through one process is in the other’s directory before its next command', async () => {
      const pulledOrg = async (client: SyncClient) =>
        snapshotOf((await client.pullAll()).changes)
          .byKind.get('organization')!
          .get(ORG_PROVIDER) as Organization;
      const seen = await pulledOrg(dana);
      const rename = await dana.push([
        dana.command('organization.update', {
          organizationId: ORG_PROVIDER,
          expectedVersion: seen.version,
          name: 'CoolAir (A)',
        }),
      ]);
      expect(rename.results[0].status).toBe('applied');
      // B's pull reads the database; B's commands read its in-memory directory, which must have caught up.
      const current = await pulledOrg(marcus);
      expect(current).toMatchObject({ name: 'CoolAir (A)' });
      const edit = await marcus.push([
        marcus.command('organization.update', {
          organizationId: ORG_PROVIDER,
          expectedVersion: current.version,
          name: 'CoolAir (B)',
        }),
      ]);
      expect(edit.results[0]).toMatchObject({ status: 'applied' });
      expect(b.context.directory.organization(ORG_PROVIDER)?.name).toBe('CoolAir (B)');
      // And back: A's next write catches up with B's change the same way.
      await dana.push([dana.command('job.create', newJobArgs())]);
      expect(a.context.directory.organization(ORG_PROVIDER)?.name).toBe('CoolAir (B)');
    });
  });

  test('`DATABASE_URL` runs the server process on PostgreSQL', async () => {
    const database = await freshDatabase();
    let server: ChildServer | undefined;
    try {
      server = await ChildServer.start({ env: { DATABASE_URL: database.url } });
      expect(server.log()).toContain(`database ${database.url}`);
      await SyncClient.login(server.url, 'dispatcher@demo.test').then((client) => client.close());
      const check = new pg.Client({ connectionString: database.url });
      await check.connect();
      const users = await check.query('SELECT count(*)::int AS n FROM users');
      await check.end();
      expect(users.rows[0].n).toBeGreaterThan(10);
    } finally {
      await server?.dispose();
      await database.drop();
    }
  }, 120_000);
});

describe('a database that cannot be reached at start-up', () => {
  test('ends the server with one clear line and exit code 1', async () => {
    const port = await freePort();
    const dataDir = await tempDataDir('pg-down');
    try {
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          'server/main.ts',
          '--port',
          '0',
          '--data',
          dataDir,
          '--database-url',
          `postgres://dispatch:secret@127.0.0.1:${port}/dispatch`,
        ],
        {
          cwd: REPO_ROOT,
          stdio: ['ignore', 'pipe', 'pipe'],
          env: { ...process.env, DATABASE_URL: 'postgres://ignored' },
        },
      );
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).toBe(1);
      // The flag wins over the variable; the password is not printed.
      expect(stderr.trim()).toBe(
        `Cannot open the PostgreSQL database postgres://dispatch:***@127.0.0.1:${port}/dispatch: connect ECONNREFUSED 127.0.0.1:${port}`,
      );
    } finally {
      await removeDir(dataDir);
    }
  }, 60_000);
});
