import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SyncClient } from './support/client';
import { startInProcess, type InProcessServer } from './support/server';

/**
 * Issue 10, Medium 5 (soak): one console pushing refused commands for a while. The stored outcomes (the
 * rows that used to grow by one per command), the database file and the process memory level off.
 * SOAK_ROUNDS=200 runs longer (each round is 10,000 commands); the default keeps npm test short.
 */

const ROUNDS = Number(process.env.SOAK_ROUNDS ?? 3);

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
      id: 'u-soak', organizationId: 'org-soak', email: 'soak@soak.test', firstName: 'Soak', lastName: 'Test', roles: ['dispatcher'],
      version: 0, passwordHash: await server.context.passwords.hash('soak-pass-1'),
    });
  });
  const token = server.context.sessions.start('u-soak').access.token;
  const socket = await SyncClient.connect(server.url, token);
  const db = new Database(join(server.dataDir, 'dispatch.sqlite'), { readonly: true });
  const figures: { rows: number; pages: number; heapMb: number }[] = [];
  try {
    for (let round = 0; round <= ROUNDS; round++) {
      for (let push = 0; push < 20; push++) {
        const answer = await socket.push(Array.from({ length: 500 }, () => socket.command('job.complete', { jobId: 'job-none' })));
        expect(answer.results[0].code).toBe('NOT_FOUND');
      }
      const rows = (db.prepare('SELECT count(*) AS n FROM command_results').get() as { n: number }).n;
      const pages = (db.prepare('PRAGMA page_count').get() as { page_count: number }).page_count;
      figures.push({ rows, pages, heapMb: Math.round(process.memoryUsage().heapUsed / 1e6) });
    }
    console.log(`[soak] per round of 10,000: ${figures.map((f) => `${f.rows} outcome rows, ${f.pages} pages, ${f.heapMb} MB heap`).join(' | ')}`);
    for (const figure of figures) expect(figure.rows).toBeLessThanOrEqual(10_000);
    const settled = figures[1];
    const last = figures[figures.length - 1];
    // After the first full round the file reuses the pages pruning frees, and the heap does not climb.
    expect(last.pages).toBeLessThanOrEqual(settled.pages * 1.25 + 50);
    expect(last.heapMb).toBeLessThan(settled.heapMb + 100);
  } finally {
    db.close();
    socket.close();
  }
}, 300_000);
