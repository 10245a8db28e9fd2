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
