import 'fake-indexeddb/auto';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { afterEach, expect, test } from 'vitest';
import type { Job } from '../../domain';
import {
  MAX_COALESCED_PULL,
  MAX_PULL,
  PROTOCOL_VERSION,
  PullRequest,
  type Hello,
  type PullAnswer,
} from '../../domain/protocol';
import { DispatchDb } from '../../renderer/data/db';
import { readMeta } from '../../renderer/data/outbox';
import { SyncEngine } from '../../renderer/sync/engine';

/**
 * A console meeting a server of the same protocol version from before coalesced pulls: that server's strict
 * pull schema would refuse `coalesce`, so the console sends it only when the hello offers it. The server
 * here stands in for both (the real one is tests/integration/sync-log.test.ts): it answers a one-page log
 * and refuses what the shared schema refuses, as every server of this version does.
 */
const JOB: Job = {
  id: 'job-1',
  organizationId: 'org-coolair',
  sourceId: null,
  customerId: 'cus-1',
  title: 'No heat',
  address: { street1: '1 Main St', city: 'Austin', state: 'TX', timezone: 'America/Chicago' },
  timeWindows: [],
  lifecycle: 'open',
  createdAt: Date.UTC(2031, 2, 1),
  version: 3,
};
const stops: (() => Promise<void>)[] = [];
let counter = 0;

afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

async function serverGreeting(hello: Partial<Hello>): Promise<{ url: string; pulls: unknown[] }> {
  const http: HttpServer = createServer();
  const io = new Server(http);
  const pulls: unknown[] = [];
  io.on('connection', (socket) => {
    socket.emit('hello', {
      protocol: PROTOCOL_VERSION,
      serverId: 'server-1',
      userId: 'u-dana',
      organizationId: JOB.organizationId,
      role: 'dispatcher',
      head: 3,
      ...hello,
    });
    socket.on('pull', (payload: unknown, ack: (answer: PullAnswer | object) => void) => {
      pulls.push(payload);
      const older = PullRequest.omit({ coalesce: true }).strict();
      const schema = hello.coalescedPull ? PullRequest : older;
      if (!schema.safeParse(payload).success) return ack({ error: { code: 'INVALID_ARGS', message: 'unknown field' } });
      ack({
        serverId: 'server-1',
        head: 3,
        changes: [{ seq: 3, kind: 'job', id: JOB.id, data: JOB }],
        cursor: 3,
        more: false,
      });
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  stops.push(() => new Promise((resolve) => io.close(() => resolve())));
  return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, pulls };
}

async function syncOnce(url: string, options: { farBehind?: number } = {}): Promise<DispatchDb> {
  const db = new DispatchDb(`coalesced-pull-${process.pid}-${++counter}`);
  await readMeta(db);
  const engine = new SyncEngine({ db, url, getToken: async () => 'token', idlePullMs: 0, ...options });
  stops.push(async () => {
    await engine.stop();
    db.close();
  });
  engine.start();
  await expect.poll(() => engine.status.get().cursor, { timeout: 5_000 }).toBe(3);
  return db;
}

test('a server whose hello does not offer coalesced pulls is never sent `coalesce`, and the console catches up', async () => {
  const server = await serverGreeting({});
  const db = await syncOnce(server.url);
  expect(server.pulls.length).toBeGreaterThan(0);
  for (const pull of server.pulls) expect(pull).not.toHaveProperty('coalesce');
  expect(await db.jobs.get(JOB.id)).toEqual(JOB);
});

test('a server that offers them is asked for coalesced pages', async () => {
  const server = await serverGreeting({ coalescedPull: true });
  const db = await syncOnce(server.url);
  expect(server.pulls[0]).toMatchObject({ cursor: 0, coalesce: true });
  expect(await db.jobs.get(JOB.id)).toEqual(JOB);
});

test('far behind, a console asks for pages as large as the hello offers (MAX_PULL from a server that offers none) and sends its activity window only where offered', async () => {
  const large = await serverGreeting({ coalescedPull: true, maxCoalescedPull: MAX_COALESCED_PULL });
  await syncOnce(large.url, { farBehind: 0 });
  expect(large.pulls[0]).toMatchObject({ cursor: 0, coalesce: true, limit: MAX_COALESCED_PULL });
  // Its hello offered neither jobActivity nor activityAround: no window is sent.
  expect(large.pulls[0]).not.toHaveProperty('activityAround');
  const usual = await serverGreeting({ coalescedPull: true });
  await syncOnce(usual.url, { farBehind: 0 });
  expect(usual.pulls[0]).toMatchObject({ cursor: 0, coalesce: true, limit: MAX_PULL });
  // A first sign-in to a server whose hello does not say the office's zone asks wide: UTC's five days.
  const around = await serverGreeting({ coalescedPull: true, jobActivity: true, activityAround: true });
  await syncOnce(around.url, { farBehind: 0 });
  expect(around.pulls[0]).toMatchObject({ activityAround: { from: expect.any(Number), to: expect.any(Number) } });
  const days = (pull: unknown) => {
    const { from, to } = (pull as { activityAround: { from: number; to: number } }).activityAround;
    return (to - from) / 86_400_000;
  };
  expect(days(around.pulls[0])).toBe(5);
  // One that says it is asked the office's yesterday through tomorrow from the first page (a DST day is 23 or 25 h).
  const zoned = await serverGreeting({
    coalescedPull: true,
    jobActivity: true,
    activityAround: true,
    timeZone: 'America/Chicago',
  });
  await syncOnce(zoned.url, { farBehind: 0 });
  expect(days(zoned.pulls[0])).toBeGreaterThan(2.9);
  expect(days(zoned.pulls[0])).toBeLessThan(3.1);
  // Near the head (the default threshold), the usual page.
  const near = await serverGreeting({ coalescedPull: true, maxCoalescedPull: MAX_COALESCED_PULL });
  await syncOnce(near.url);
  expect(near.pulls[0]).toMatchObject({ limit: MAX_PULL });
  expect(near.pulls[0]).not.toHaveProperty('activityAround');
});
