import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import type { ActivityEvent } from '../../../domain';
import type { Change } from '../../../domain/protocol';
import { readMeta } from '../../../renderer/data/outbox';
import type { SyncClient } from '../../../renderer/sync/client';
import { FaultyProxy } from './faultyProxy';
import { createOwnJob, demoOfficeForFile, describeSync, eventually, isSettled, openConsoleAs } from './harness';

/**
 * What the console's live region hears (renderer/app/LiveAnnouncer): the changes applied from broadcasts,
 * never the pages of a catch-up, against the real server.
 */
const office = demoOfficeForFile();

async function listeningConsole(url: string): Promise<{ client: SyncClient; heard: Change[] }> {
  const client = await openConsoleAs(url, office.dispatcher);
  office.cleanups.push(() => client.close());
  const heard: Change[] = [];
  client.onBroadcastApplied((changes) => heard.push(...changes));
  await eventually(
    async () => isSettled(client, await office.head()),
    async () => `the console to settle: ${await describeSync(client)}`,
  );
  return { client, heard };
}

describe('changes heard for the live region', () => {
  test('the catch-up at start is not heard; another dispatcher’s change arriving by broadcast is, with its actor', async () => {
    const { client, heard } = await listeningConsole(office.demo.server.url);
    expect((await readMeta(client.db)).cursor).toBeGreaterThan(0);
    expect(heard).toEqual([]);

    const jobId = await createOwnJob(office.demo.server.url, office.marcus.token, 'Heard by the live region');
    await eventually(async () => heard.some((change) => change.kind === 'job' && change.id === jobId), 'the broadcast');
    const activity = heard
      .filter((change) => change.kind === 'activity')
      .map((change) => change.data as ActivityEvent)
      .filter((event) => event.jobId === jobId);
    expect(activity.length).toBeGreaterThan(0);
    expect(activity[0]).toMatchObject({ actorUserId: office.marcus.actor.userId, actorName: office.marcus.actor.name });
  });

  test('a change that only a pull brings (its broadcast was lost) is not heard', async () => {
    const proxy = await FaultyProxy.start(office.demo.server.url);
    office.cleanups.push(() => proxy.close());
    const { client, heard } = await listeningConsole(proxy.url);
    proxy.dropBroadcasts = true;
    const jobId = await createOwnJob(office.demo.server.url, office.marcus.token, 'Pulled, not heard');
    await eventually(async () => proxy.droppedBroadcasts > 0, 'the broadcast to be dropped');
    proxy.dropBroadcasts = false;
    // The next change's broadcast shows the gap; the pull that fills it brings both, and nothing is heard.
    await createOwnJob(office.demo.server.url, office.marcus.token, 'Shows the gap');
    await eventually(async () => (await client.db.jobs.get(jobId)) !== undefined, 'the pull to bring the job');
    expect(heard.filter((change) => change.kind === 'job' && change.id === jobId)).toEqual([]);
  });
});
