import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, login, startRestServer, USERS, type RestServer } from './restClient';
import { SyncClient } from './support/client';

/** Issue 10, Medium 3: a socket lives no longer than its access token; the lifetime is an operator setting. */

const disconnected = (socket: SyncClient) =>
  new Promise<string>((resolve) => socket.socket.once('disconnect', (reason) => resolve(reason)));

describe('a socket whose token expired (server clock moved on)', () => {
  let now = Date.now();
  let rest: RestServer;
  beforeAll(async () => {
    rest = await startRestServer({ clock: () => now });
  });
  afterAll(async () => rest?.stop());

  it('answers UNAUTHENTICATED to the next request, then disconnects', async () => {
    const socket = await SyncClient.connect(rest.url, await login(rest.url, USERS.dispatcher.email));
    try {
      expect((await socket.pullRaw({ cursor: 0 })) as object).toHaveProperty('changes');
      now += 3 * 60 * 60 * 1000 + 1_000;
      const gone = disconnected(socket);
      const pull = await socket.pullRaw({ cursor: 0 });
      expect(pull).toEqual({ error: { code: 'UNAUTHENTICATED', message: expect.stringMatching(/sign in again/) } });
      expect(await gone).toBe('io server disconnect');
    } finally {
      socket.close();
    }
  });

  it('refuses a push from an expired socket the same way, writing nothing', async () => {
    const token = await login(rest.url, USERS.dispatcher.email);
    const socket = await SyncClient.connect(rest.url, token);
    try {
      now += 3 * 60 * 60 * 1000 + 1_000;
      const command = socket.command('job.create', {
        jobId: 'job-after-expiry',
        organizationId: USERS.dispatcher.organizationId,
        title: 'Late',
        address: { street1: '1 Main', city: 'Austin' },
        customer: { id: 'cus-after-expiry', firstName: 'Late' },
      });
      expect(await socket.pushRaw([command])).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
      expect(await rest.server.context.store.getJob('job-after-expiry')).toBeUndefined();
    } finally {
      socket.close();
    }
  });
});

describe('the access-token lifetime', () => {
  let rest: RestServer;
  beforeAll(async () => {
    rest = await startRestServer({ settings: { accessTokenTtlSeconds: 2 } });
  });
  afterAll(async () => rest?.stop());

  it('is the operator setting: expires_in says it, REST refuses after it, an idle socket is closed at it', async () => {
    const answer = await call(rest.url, 'POST', '/v3/oauth/token', {
      grant_type: 'password',
      username: USERS.dispatcher.email,
      password: 'rest-test-1234',
    });
    expect(answer.body.expires_in).toBe(2);
    const token = answer.body.access_token as string;
    const socket = await SyncClient.connect(rest.url, token);
    try {
      const startedAt = Date.now();
      expect(await disconnected(socket)).toBe('io server disconnect');
      expect(Date.now() - startedAt).toBeLessThan(4_000);
      expect((await call(rest.url, 'GET', '/v3/users/me', undefined, { token })).status).toBe(401);
    } finally {
      socket.close();
    }
  });
});
