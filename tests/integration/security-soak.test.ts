import Database from 'better-sqlite3';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SyncClient } from './support/client';
import { collectGarbage } from './support/collectGarbage';
import { startInProcess, type InProcessServer } from './support/server';
import { onPostgres, type StoreLocation } from './support/store';

/**
 * Issue 10, Medium 5 (soak): one console pushing refused commands for a while. The stored outcomes (the
 * rows that used to grow by one per command), the database's pages and the process memory level off.
 * SOAK_ROUNDS=30 runs longer (each round is 10,000 commands); the default keeps npm test short. The server
 * runs in this process, so the heap measured here, after a forced collection, is the server's.
 */

const ROUNDS = Number(process.env.SOAK_ROUNDS ?? 3);

/** A full collection before each reading, so garbage not yet collected does not pass for growth. */
function heapAfterGcMb(): number {
  collectGarbage();
  collectGarbage();
  return Math.round(process.memoryUsage().heapUsed / 1e5) / 10;
}

/** The kept outcome rows and the pages holding them, read beside the running server. */
interface StorageGauge {
  read(): Promise<{ rows: number; pages: number }>;
  close(): Promise<void>;
}

/** SQLite: the rows and the whole file's pages (freed pages are reused by later inserts at once). */
function sqliteGauge(location: StoreLocation): StorageGauge {
  const db = new Database(join(location.dataDir, 'dispatch.sqlite'), { readonly: true });
  return {
    read: async () => ({
      rows: (db.prepare('SELECT count(*) AS n FROM command_results').get() as { n: number }).n,
      pages: (db.prepare('PRAGMA page_count').get() as { page_count: number }).page_count,
    }),
    close: async () => void db.close(),
  };
}

/**
 * PostgreSQL: the rows and the 8 kB pages of the table with its indexes. Deleted rows' space is reused only
 * once vacuumed; autovacuum does that on its own schedule (a minute by default), so the gauge vacuums the
 * table before each reading, as the heap is collected before each of its readings.
 */
async function postgresGauge(databaseUrl: string): Promise<StorageGauge> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  return {
    async read() {
      await db.query('VACUUM command_results');
      const { rows } = await db.query<{ rows: string; pages: string }>(
        "SELECT (SELECT count(*) FROM command_results) AS rows, pg_total_relation_size('command_results') / 8192 AS pages",
      );
      return { rows: Number(rows[0].rows), pages: Number(rows[0].pages) };
    },
    close: () => db.end(),
  };
}

let server: InProcessServer;
beforeAll(async () => {
  server = await startInProcess({ demo: false });
});
afterAll(async () => server?.dispose());

it(`levels off storage and memory over ${ROUNDS + 1} rounds of 10,000 refused commands`, async () => {
  const { directory, pipeline } = server.context;
  const { writeUser, writeOrganization } = await import('../../server/referenceData');
  await pipeline.write(async (tx) => {
    await writeOrganization(tx, directory, { id: 'org-soak', name: 'Soak', kind: 'provider', version: 0 });
    await writeUser(tx, directory, {
      id: 'u-soak',
      organizationId: 'org-soak',
      email: 'soak@soak.test',
      firstName: 'Soak',
      lastName: 'Test',
      roles: ['dispatcher'],
      version: 0,
      passwordHash: await server.context.passwords.hash('soak-pass-1'),
    });
  });
  const token = (await server.context.sessions.start('u-soak')).access.token;
  const socket = await SyncClient.connect(server.url, token);
  const gauge = server.databaseUrl ? await postgresGauge(server.databaseUrl) : sqliteGauge(server);
  const figures: { rows: number; pages: number; heapMb: number }[] = [];
  try {
    for (let round = 0; round <= ROUNDS; round++) {
      for (let push = 0; push < 20; push++) {
        const answer = await socket.push(
          Array.from({ length: 500 }, () => socket.command('job.complete', { jobId: 'job-none' })),
        );
        expect(answer.results[0].code).toBe('NOT_FOUND');
      }
      const { rows, pages } = await gauge.read();
      figures.push({ rows, pages, heapMb: heapAfterGcMb() });
    }
    console.log(
      `[soak] per round of 10,000: ${figures.map((f) => `${f.rows} outcome rows, ${f.pages} pages, ${f.heapMb} MB heap`).join(' | ')}`,
    );
    for (const figure of figures) expect(figure.rows).toBeLessThanOrEqual(10_000);
    // Round 0 fills the kept outcomes up to the cap; from round 1 on each round prunes as much as it adds,
    // so the store reuses the freed pages and the heap after a collection stays where it was. The tolerance
    // absorbs page-split noise and the allocator, not growth: a leak of 100 bytes a command is 1 MB a round.
    // PostgreSQL reuses a deleted row's space only once vacuumed. A round inserts its 10,000 rows while the
    // previous round's deleted ones may still be dead, so between two readings the table and its indexes can
    // hold two rounds of rows: about twice round 0's pages, which holds exactly the cap. Whether a vacuum
    // then cuts the emptied end off depends on when autovacuum ran, so the size swings and the swing's phase
    // moves from run to run (seen here 436, 864, 652, 975, 653; in CI the high came a round later). The
    // level is therefore held to 2.5 times round 0, from round 2 on: a table that grew by a round's rows each
    // round would pass it at round 2 (three rounds of rows).
    const settled = figures[1];
    const pagesLimit = onPostgres ? Math.ceil(figures[0].pages * 2.5) : Math.ceil(figures[1].pages * 1.1) + 20;
    for (const [round, figure] of figures.entries()) {
      if (round < 2) continue;
      expect(figure.pages, `pages in round ${round}`).toBeLessThanOrEqual(pagesLimit);
      expect(figure.heapMb, `heap after GC in round ${round}`).toBeLessThanOrEqual(
        settled.heapMb + Math.max(3, settled.heapMb * 0.05),
      );
    }
    // Over a longer run, the later half is no higher than the earlier half (past the first round).
    if (figures.length >= 8) {
      const half = Math.floor((figures.length + 1) / 2);
      const peak = (part: typeof figures, key: 'pages' | 'heapMb') => Math.max(...part.map((figure) => figure[key]));
      expect(peak(figures.slice(half), 'pages')).toBeLessThanOrEqual(
        Math.ceil(peak(figures.slice(1, half), 'pages') * 1.02) + 5,
      );
      expect(peak(figures.slice(half), 'heapMb')).toBeLessThanOrEqual(peak(figures.slice(1, half), 'heapMb') + 3);
    }
  } finally {
    await gauge.close();
    socket.close();
  }
}, 300_000);
