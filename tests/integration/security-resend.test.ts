import { afterAll, beforeAll, expect, it } from 'vitest';
import { login, ORGS, startRestServer, USERS, type RestServer } from './restClient';
import { SyncClient } from './support/client';

/** Issue 10, Low 9: a resent command id with different content is answered COMMAND_MISMATCH, not "applied". */

let rest: RestServer;
beforeAll(async () => {
  rest = await startRestServer();
});
afterAll(async () => rest?.stop());

it('answers a true resend with the first outcome, and a different command under the same id with COMMAND_MISMATCH', async () => {
  const socket = await SyncClient.connect(rest.url, await login(rest.url, USERS.dispatcher.email));
  try {
    const args = (jobId: string, title: string) => ({ jobId, organizationId: ORGS.provider, title, address: { street1: '1 Main', city: 'Austin' }, customer: { id: `cus-${jobId}`, firstName: 'R' } });
    const first = socket.command('job.create', args('job-resend-1', 'First'));
    const answer = await socket.push([first]);
    expect(answer.results[0]).toEqual({ id: first.id, status: 'applied', seq: expect.any(Number) });

    const resent = await socket.push([{ ...first, createdAt: first.createdAt + 5_000 }]);
    expect(resent.results[0]).toEqual(answer.results[0]);

    const changed = await socket.push([{ ...first, args: args('job-resend-1', 'Something else') }]);
    expect(changed.results[0]).toEqual({ id: first.id, status: 'rejected', code: 'COMMAND_MISMATCH', message: expect.stringMatching(/different/) });
    const renamed = await socket.push([{ ...first, name: 'job.offer' }]);
    expect(renamed.results[0]).toMatchObject({ status: 'rejected', code: 'COMMAND_MISMATCH' });
    expect((await rest.server.context.store.getJob('job-resend-1'))?.title).toBe('First');
  } finally {
    socket.close();
  }
});

it('keeps a client\'s last 10,000 outcomes; a resend of an older id answers OUTCOME_EXPIRED with lastProcessedId', async () => {
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
    expect(resend.results[0]).toEqual({ id: 1, status: 'rejected', code: 'OUTCOME_EXPIRED', message: expect.stringMatching(/pull/) });
    expect(resend.results[1]).toMatchObject({ id: 10_500, status: 'rejected', code: 'NOT_FOUND' });
    expect(await rest.server.context.store.getCommandOutcome(socket.clientId, 500)).toBeUndefined();
    expect(await rest.server.context.store.getCommandOutcome(socket.clientId, 501)).toBeDefined();
  } finally {
    socket.close();
  }
}, 60_000);
