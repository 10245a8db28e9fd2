import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { readMeta } from '../../../renderer/data/outbox';
import type { SyncClient } from '../../../renderer/sync/client';
import { FaultyProxy } from './faultyProxy';
import { createOwnJob, demoOfficeForFile, describeSync, eventually, isSettled, openConsoleAs } from './harness';

/**
 * A broadcast lost on a live connection (the socket stays up, nothing else happens): only the engine's
 * idle pull brings the change, with no further change to show a gap and no reconnect to pull on.
 */
const office = demoOfficeForFile();

async function consoleThroughProxy(idlePullMs: number): Promise<{ client: SyncClient; proxy: FaultyProxy }> {
  const proxy = await FaultyProxy.start(office.demo.server.url);
  office.cleanups.push(() => proxy.close());
  const client = await openConsoleAs(proxy.url, office.dispatcher, { engine: { idlePullMs } });
  office.cleanups.push(() => client.close());
  await eventually(
    async () => isSettled(client, await office.head()),
    async () => `the console to settle: ${await describeSync(client)}`,
  );
  return { client, proxy };
}

/** Marcus creates a job on another console; the broadcast of its commit never reaches this one. */
async function changeWithLostBroadcast(proxy: FaultyProxy): Promise<{ jobId: string; seq: number }> {
  proxy.dropBroadcasts = true;
  const jobId = await createOwnJob(office.demo.server.url, office.marcus.token, 'Created while the broadcast was lost');
  await eventually(async () => proxy.droppedBroadcasts > 0, 'the broadcast to be dropped');
  // Just that one: anything the server sends from now on gets through.
  proxy.dropBroadcasts = false;
  return { jobId, seq: await office.head() };
}

describe('idle pull', () => {
  test('a broadcast lost on a live connection is recovered by the idle pull, without another change or a reconnect', async () => {
    const { client, proxy } = await consoleThroughProxy(300);
    const connections = proxy.connections;
    const pushes = proxy.count('push');
    const pullsBefore = proxy.count('pull');

    const { jobId, seq } = await changeWithLostBroadcast(proxy);
    expect(proxy.droppedBroadcasts).toBe(1);

    await eventually(
      async () => (await readMeta(client.db)).cursor === seq,
      async () => `the idle pull to bring seq ${seq}: ${await describeSync(client)}`,
      5_000,
    );
    expect(await client.db.jobs.get(jobId)).toMatchObject({ id: jobId, title: 'Created while the broadcast was lost' });
    // Recovered by a pull on the same connection: no reconnect, nothing else changed on the server, nothing pushed.
    expect(proxy.connections).toBe(connections);
    expect(await office.head()).toBe(seq);
    expect(proxy.count('pull')).toBeGreaterThan(pullsBefore);
    expect(proxy.count('push')).toBe(pushes);
    expect(client.engine()?.connected).toBe(true);
  });

  test('idle pulls that find nothing leave the local database untouched', async () => {
    const { client, proxy } = await consoleThroughProxy(100);
    const meta = await readMeta(client.db);
    const pullsBefore = proxy.count('pull');
    await eventually(async () => proxy.count('pull') >= pullsBefore + 3, 'three idle pulls');
    // Nothing new: no write, so not even lastSyncedAt of the stored row moves (the indicator's does).
    expect(await readMeta(client.db)).toEqual(meta);
    expect(client.status.get().state).toBe('online');
    expect(client.status.get().lastSyncedAt).toBeGreaterThan(meta.lastSyncedAt ?? 0);
  });

  test('without the idle pull the same lost broadcast leaves the console behind (the fault the idle pull covers)', async () => {
    const { client, proxy } = await consoleThroughProxy(0);
    const { seq } = await changeWithLostBroadcast(proxy);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await client.engine()!.settled();
    expect((await readMeta(client.db)).cursor).toBeLessThan(seq);
  });
});
