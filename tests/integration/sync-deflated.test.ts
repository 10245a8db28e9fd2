import { describe, expect, test } from 'vitest';
import type { Change } from '../../domain/protocol';
import { DEFLATED_CHANGES_ENCODING } from '../../domain/protocol';
import { FaultyProxy } from './client/faultyProxy';
import { createOwnJob, demoOfficeForFile, eventually, openConsoleAs } from './client/harness';
import { SyncClient } from './support/client';
import { onPostgres } from './support/store';

/**
 * Broadcasts a console asked to take deflated (server/PROTOCOL.md, `changesDeflated`): the same changes as a
 * `changes` broadcast, in a fraction of the bytes, while every other client keeps getting JSON. A server on
 * PostgreSQL runs as one of several processes, whose broadcasts cross through the database as JSON: it offers
 * no deflated broadcasts, and a console that asked gets `changes` as before.
 */
const office = demoOfficeForFile();
const offered = !onPostgres;

const holdsJob = (jobId: string) => (changes: Change[]) =>
  changes.some((change) => change.kind === 'job' && change.id === jobId);

async function connect(changesEncoding?: string): Promise<SyncClient> {
  const client = await SyncClient.connect(office.demo.server.url, office.dispatcher.token, { changesEncoding });
  office.cleanups.push(async () => client.close());
  return client;
}

describe('changes broadcast deflated to the consoles that ask', () => {
  test('a socket that asks gets each commit as changesDeflated, the same changes a JSON socket gets, in far fewer bytes', async () => {
    const deflated = await connect(DEFLATED_CHANGES_ENCODING);
    const plain = await connect();
    expect(deflated.hello.deflatedChanges).toBe(offered);
    expect(plain.hello.deflatedChanges).toBe(false);

    // Several commits, each its own broadcast: a job with its customer and activity, then more of them.
    const jobIds: string[] = [];
    for (let index = 0; index < 5; index++)
      jobIds.push(await createOwnJob(office.demo.server.url, office.marcus.token, `Deflated broadcast ${index}`));
    for (const jobId of jobIds) {
      const asJson = await plain.waitForBroadcast(holdsJob(jobId));
      const inflated = await deflated.waitForBroadcast(holdsJob(jobId));
      expect(inflated).toEqual(asJson);
    }
    // Counted per socket, not compared across them: a broadcast from before the second socket joined reaches
    // only the first.
    expect(plain.received.changesDeflated).toBe(0);
    const [used, unused] = offered
      ? (['changesDeflated', 'changes'] as const)
      : (['changes', 'changesDeflated'] as const);
    expect(deflated.received[unused]).toBe(0);
    expect(deflated.received[used]).toBeGreaterThanOrEqual(jobIds.length);
    if (!offered) return;
    const jsonBytes = deflated.broadcasts.reduce((sum, changes) => sum + JSON.stringify({ changes }).length, 0);
    expect(deflated.received.deflatedBytes).toBeLessThan(jsonBytes / 2);
  });

  test('an encoding the server does not offer is ignored: the broadcasts come as JSON', async () => {
    const gzip = await connect('gzip');
    expect(gzip.hello.deflatedChanges).toBe(false);
    const jobId = await createOwnJob(office.demo.server.url, office.marcus.token, 'Asked for gzip');
    await gzip.waitForBroadcast(holdsJob(jobId));
    expect(gzip.received).toMatchObject({ changes: 1, changesDeflated: 0 });
  });

  test('the console asks for deflated broadcasts and applies them (JSON ones where none are offered)', async () => {
    const proxy = await FaultyProxy.start(office.demo.server.url);
    office.cleanups.push(() => proxy.close());
    const console_ = await openConsoleAs(proxy.url, office.dispatcher);
    office.cleanups.push(() => console_.close());
    await eventually(async () => console_.engine()?.connected, 'the console to connect');
    const jobId = await createOwnJob(office.demo.server.url, office.marcus.token, 'Applied from a deflated broadcast');
    await eventually(async () => (await console_.db.jobs.get(jobId)) !== undefined, 'the job on the console');
    const [used, unused] = offered ? ['changesDeflated', 'changes'] : ['changes', 'changesDeflated'];
    expect(proxy.serverEvents.get(used)).toBeGreaterThan(0);
    expect(proxy.serverEvents.get(unused)).toBeUndefined();
  });
});
