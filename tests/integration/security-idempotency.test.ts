import { afterAll, beforeAll, expect, it } from 'vitest';
import { client, login, ORGS, startRestServer, USERS, type RestServer } from './restClient';

/** Issue 10, Medium 5 (storage): idempotency records expire after 24 h. */

let now = Date.now();
let rest: RestServer;
beforeAll(async () => {
  // Tokens that outlive the day the test skips over.
  rest = await startRestServer({ clock: () => now, settings: { accessTokenTtlSeconds: 7 * 24 * 60 * 60 } });
});
afterAll(async () => rest?.stop());

it('replays a key for 24 hours, then forgets it: the key may be used again for another request', async () => {
  const as = client(rest.url, await login(rest.url, USERS.enterprise.email));
  const offer = (title: string) => ({
    job: {
      title,
      organization_id: ORGS.provider,
      address: { street_1: '1 Main', city: 'Austin' },
      customer: { first_name: 'I' },
    },
  });
  const first = await as.post('/v3/jobs', offer('First'), { idempotencyKey: 'daily-key' });
  expect(first.status).toBe(201);

  now += 23 * 60 * 60_000;
  const replay = await as.post('/v3/jobs', offer('First'), { idempotencyKey: 'daily-key' });
  expect(replay.headers.get('idempotent-replayed')).toBe('true');
  expect(replay.body.job.id).toBe(first.body.job.id);
  expect((await as.post('/v3/jobs', offer('Other'), { idempotencyKey: 'daily-key' })).status).toBe(422);

  now += 60 * 60_000 + 1;
  const reused = await as.post('/v3/jobs', offer('Other'), { idempotencyKey: 'daily-key' });
  expect(reused.status).toBe(201);
  expect(reused.headers.get('idempotent-replayed')).toBeNull();
  expect(reused.body.job.id).not.toBe(first.body.job.id);
  expect(await rest.server.context.store.getIdempotentResponse(USERS.enterprise.id, 'daily-key')).toMatchObject({
    createdAt: now,
  });
});
