import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isErrorAnswer } from '../../domain/protocol';
import { login, ORGS, startRestServer, USERS, type RestServer } from './restClient';
import { HandshakeRefused, SyncClient } from './support/client';

/** Issue 10, Medium 5 (connections and the queue): sockets per user and the pipeline queue are capped. */

let rest: RestServer;
beforeAll(async () => {
  rest = await startRestServer({ settings: { maxSocketsPerUser: 3, maxPipelineQueue: 2 } });
});
afterAll(async () => rest?.stop());

describe('sockets per user', () => {
  it('refuses one more socket than the cap with RATE_LIMITED, and admits it again once one closes', async () => {
    const token = await login(rest.url, USERS.dispatcher.email);
    const open = await Promise.all([1, 2, 3].map(() => SyncClient.connect(rest.url, token)));
    try {
      const refused = await SyncClient.connect(rest.url, token).then(
        (socket) => (socket.close(), undefined),
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(HandshakeRefused);
      expect((refused as HandshakeRefused).data).toEqual({
        code: 'RATE_LIMITED',
        message: expect.stringMatching(/3 connections open/),
      });
      // Another user is not affected.
      (await SyncClient.connect(rest.url, await login(rest.url, USERS.otherDispatcher.email))).close();
      open.pop()!.close();
      await new Promise((resolve) => setTimeout(resolve, 100));
      (await SyncClient.connect(rest.url, token)).close();
    } finally {
      open.forEach((socket) => socket.close());
    }
  });
});

describe('the pipeline queue', () => {
  it('answers pushes beyond the queue cap RATE_LIMITED with retryAfterMs, and applies what it accepted', async () => {
    const socket = await SyncClient.connect(rest.url, await login(rest.url, USERS.dispatcher.email));
    try {
      // Different client ids, so each push is a first command and independent of the others.
      const pushes = Array.from({ length: 40 }, (_, n) =>
        socket.emitRaw('push', {
          clientId: `queue-client-${String(n).padStart(3, '0')}`,
          commands: [
            {
              id: 1,
              name: 'job.create',
              args: {
                jobId: `job-queue-${n}`,
                organizationId: ORGS.provider,
                title: 'Queued',
                address: { street1: '1 Main', city: 'Austin' },
                customer: { id: `cus-queue-${n}`, firstName: 'Q' },
              },
              createdAt: Date.now(),
            },
          ],
        }),
      );
      const answers = await Promise.all(pushes);
      const limited = answers.filter(isErrorAnswer);
      expect(limited.length).toBeGreaterThan(0);
      for (const answer of limited)
        expect(answer.error).toEqual({
          code: 'RATE_LIMITED',
          message: expect.any(String),
          retryAfterMs: expect.any(Number),
        });
      const applied = answers.filter((answer) => !isErrorAnswer(answer));
      expect(applied.length).toBeGreaterThan(0);
      for (const [n, answer] of answers.entries()) {
        expect(!!(await rest.server.context.store.getJob(`job-queue-${n}`))).toBe(!isErrorAnswer(answer));
      }
    } finally {
      socket.close();
    }
  });
});
