import Database from 'better-sqlite3';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../server/store/sqlite';
import { SQLITE_SCHEMA } from '../../server/store/sqlite/schema';
import { login, ORGS, startRestServer, USERS, type RestServer } from './restClient';
import { SyncClient } from './support/client';
import { itOnSqlite } from './support/store';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Issue 10, Low 9 and Medium 5: a resent command id with different content is answered COMMAND_MISMATCH, not "applied". */

let rest: RestServer;
beforeAll(async () => {
  rest = await startRestServer();
});
afterAll(async () => rest?.stop());

it('answers a true resend with the first outcome, and a different command under the same id with COMMAND_MISMATCH', async () => {
  const socket = await SyncClient.connect(rest.url, await login(rest.url, USERS.dispatcher.email));
  try {
    const args = (jobId: string, title: string) => ({
      jobId,
      organizationId: ORGS.provider,
      title,
      address: { street1: '1 Main', city: 'Austin' },
      customer: { id: `cus-${jobId}`, firstName: 'R' },
    });
    const first = socket.command('job.create', args('job-resend-1', 'First'));
    const answer = await socket.push([first]);
    expect(answer.results[0]).toEqual({ id: first.id, status: 'applied', seq: expect.any(Number) });

    const resent = await socket.push([{ ...first, createdAt: first.createdAt + 5_000 }]);
    expect(resent.results[0]).toEqual(answer.results[0]);

    const changed = await socket.push([{ ...first, args: args('job-resend-1', 'Something else') }]);
    expect(changed.results[0]).toEqual({
      id: first.id,
      status: 'rejected',
      code: 'COMMAND_MISMATCH',
      message: expect.stringMatching(/different/),
    });
    const renamed = await socket.push([{ ...first, name: 'job.offer' }]);
    expect(renamed.results[0]).toMatchObject({ status: 'rejected', code: 'COMMAND_MISMATCH' });
    expect((await rest.server.context.store.getJob('job-resend-1'))?.title).toBe('First');
  } finally {
    socket.close();
  }
});

it("keeps a client's last 10,000 outcomes; a resend of an older id answers OUTCOME_EXPIRED with lastProcessedId", async () => {
  const socket = await SyncClient.connect(rest.url, await login(rest.url, USERS.dispatcher.email));
  try {
    // Cheap commands (refused: no such job), 500 a push.
    const sent = [];
    for (let push = 0; push < 21; push++) {
      const batch = Array.from({ length: 500 }, () => socket.command('job.complete', { jobId: 'job-none' }));
      sent.push(...batch);
      const answer = await socket.push(batch);
      expect(answer.results.every((result) => result.code === 'NOT_FOUND')).toBe(true);
    }
    const resend = await socket.push([sent[0], sent[sent.length - 1]]);
    expect(resend.lastProcessedId).toBe(10_500);
    expect(resend.results[0]).toEqual({
      id: 1,
      status: 'rejected',
      code: 'OUTCOME_EXPIRED',
      message: expect.stringMatching(/pull/),
    });
    expect(resend.results[1]).toMatchObject({ id: 10_500, status: 'rejected', code: 'NOT_FOUND' });
    expect(await rest.server.context.store.getCommandOutcome(socket.clientId, 500)).toBeUndefined();
    expect(await rest.server.context.store.getCommandOutcome(socket.clientId, 501)).toBeDefined();
  } finally {
    socket.close();
  }
}, 60_000);

describe('outcomes older than 30 days', () => {
  let now = Date.parse('2026-03-01T09:00:00Z');
  let timed: RestServer;
  beforeAll(async () => {
    timed = await startRestServer({ clock: () => now });
  });
  afterAll(async () => timed?.stop());

  it('are pruned however few a client has, and a resend of one answers OUTCOME_EXPIRED', async () => {
    const first = await SyncClient.connect(timed.url, await login(timed.url, USERS.dispatcher.email));
    const old = Array.from({ length: 3 }, () => first.command('job.complete', { jobId: 'job-none' }));
    try {
      expect((await first.push(old)).lastProcessedId).toBe(3);
    } finally {
      first.close();
    }
    // 29 days on (tokens expire: sign in again, same client): still kept, a resend gets the first answer.
    now += 29 * DAY_MS;
    const later = await SyncClient.connect(timed.url, await login(timed.url, USERS.dispatcher.email), {
      clientId: first.clientId,
    });
    try {
      const recent = later.command('job.complete', { jobId: 'job-none' });
      recent.id = 4;
      const answer = await later.push([old[0], recent]);
      expect(answer.results[0]).toMatchObject({ id: 1, status: 'rejected', code: 'NOT_FOUND' });
      expect(answer.results[1]).toMatchObject({ id: 4, status: 'rejected', code: 'NOT_FOUND' });
    } finally {
      later.close();
    }
    // 31 days after the first three: they are gone, the fourth (2 days old) is still answered.
    now += 2 * DAY_MS;
    const last = await SyncClient.connect(timed.url, await login(timed.url, USERS.dispatcher.email), {
      clientId: first.clientId,
    });
    try {
      const answer = await last.push([old[2], { ...old[0], id: 4 }]);
      expect(answer.lastProcessedId).toBe(4);
      expect(answer.results[0]).toEqual({
        id: 3,
        status: 'rejected',
        code: 'OUTCOME_EXPIRED',
        message: expect.stringMatching(/pull/),
      });
      expect(answer.results[1]).toMatchObject({ id: 4, status: 'rejected', code: 'NOT_FOUND' });
      expect(await timed.server.context.store.getCommandOutcome(first.clientId, 1)).toBeUndefined();
    } finally {
      last.close();
    }
  });
});

itOnSqlite(
  'a database from before outcomes were dated opens, keeps its outcomes and dates them at the upgrade',
  async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'dispatch-migrate-')), 'dispatch.sqlite');
    const before = new Database(file);
    before.exec(SQLITE_SCHEMA.replace(' recorded_at INTEGER NOT NULL DEFAULT 0,', ''));
    before
      .prepare('INSERT INTO command_results (client_id, command_id, result) VALUES (?, ?, ?)')
      .run('old-client', 7, JSON.stringify({ id: 7, status: 'applied', seq: 3 }));
    before.close();
    const upgradedAt = Date.now();
    const store = new SqliteStore(file);
    try {
      expect(await store.getCommandOutcome('old-client', 7)).toEqual({ id: 7, status: 'applied', seq: 3 });
      await store.transaction((tx) => tx.pruneCommandOutcomesBefore(upgradedAt - 1_000));
      expect(await store.getCommandOutcome('old-client', 7)).toBeDefined();
      await store.transaction((tx) => tx.pruneCommandOutcomesBefore(Date.now() + 1));
      expect(await store.getCommandOutcome('old-client', 7)).toBeUndefined();
    } finally {
      await store.close();
    }
    // Opening again runs nothing twice.
    const again = new SqliteStore(file);
    await again.close();
  },
);
