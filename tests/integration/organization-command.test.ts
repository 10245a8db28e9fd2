/**
 * A command about no job — organization.update — through the same path as job commands: socket push,
 * idempotent resends, the stale-version rule, one change-log row per organization that follows the
 * organization, the broadcast, and the server's in-memory directory, which follows commits and rollbacks.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SYSTEM_ACTOR, type Organization } from '../../domain';
import { processCommand } from '../../server/pipeline/processCommand';
import { SyncClient } from './support/client';
import { ORG_OTHER_PROVIDER, ORG_PROVIDER } from './support/data';
import { startInProcess, type InProcessServer } from './support/server';

let server: InProcessServer;
let dana: SyncClient;
let marcus: SyncClient;
let enterprise: SyncClient;

beforeAll(async () => {
  server = await startInProcess();
  dana = await SyncClient.login(server.url, 'dispatcher@demo.test');
  marcus = await SyncClient.login(server.url, 'dispatcher2@demo.test');
  enterprise = await SyncClient.login(server.url, 'enterprise@demo.test');
}, 120_000);

afterAll(async () => {
  for (const client of [dana, marcus, enterprise]) client?.close();
  await server?.dispose();
});

const directoryOrg = () => server.context.directory.organization(ORG_PROVIDER)!;
const storedOrg = async () =>
  (await server.context.store.listOrganizations()).find((organization) => organization.id === ORG_PROVIDER)!;

/** The provider organization as a console that pulled the whole log sees it. */
async function pulledOrg(client: SyncClient): Promise<Organization> {
  const { changes } = await client.pullAll();
  return changes.filter((change) => change.kind === 'organization' && change.id === ORG_PROVIDER).at(-1)!
    .data as Organization;
}

describe('organization.update over the socket', () => {
  test('applies, versions the organization, writes one row in every log, broadcasts, and updates the directory', async () => {
    const before = await pulledOrg(dana);
    const enterpriseHead = await enterprise.head();
    const otherHead = await server.context.store.headSeq(ORG_OTHER_PROVIDER);
    const command = dana.command('organization.update', {
      organizationId: ORG_PROVIDER,
      expectedVersion: before.version,
      timeZone: 'America/Denver',
      attention: { lateStartGraceMinutes: 25 },
    });
    const answer = await dana.push([command]);
    expect(answer.results).toEqual([{ id: command.id, status: 'applied', seq: expect.any(Number) }]);
    const seq = answer.results[0].seq!;

    const seen = await marcus.waitForBroadcast((changes) =>
      changes.some((change) => change.kind === 'organization' && change.id === ORG_PROVIDER && change.seq === seq),
    );
    const row = seen.filter((change) => change.kind === 'organization');
    expect(row).toHaveLength(1);
    expect(row[0].data).toMatchObject({
      id: ORG_PROVIDER,
      timeZone: 'America/Denver',
      attention: { lateStartGraceMinutes: 25 },
      updatedBy: 'Dana Whitfield',
      version: seq,
    });
    // The enterprise (and every other organization) follows organizations too: one row each, at its own seq.
    const enterpriseRows = (await enterprise.pullAll(enterpriseHead)).changes;
    expect(enterpriseRows.filter((change) => change.kind === 'organization' && change.id === ORG_PROVIDER)).toEqual([
      expect.objectContaining({
        seq: enterpriseHead + 1,
        data: expect.objectContaining({ timeZone: 'America/Denver' }),
      }),
    ]);
    expect(await server.context.store.headSeq(ORG_OTHER_PROVIDER)).toBe(otherHead + 1);

    expect(directoryOrg()).toMatchObject({ timeZone: 'America/Denver', version: seq });
    expect(await storedOrg()).toMatchObject({ timeZone: 'America/Denver', version: seq });
  });

  test('a resend of the same command id gets its stored outcome and applies once', async () => {
    const before = await pulledOrg(dana);
    const command = dana.command('organization.update', {
      organizationId: ORG_PROVIDER,
      expectedVersion: before.version,
      name: 'CoolAir Heating & Cooling Co.',
    });
    const first = await dana.push([command]);
    const head = await dana.head();
    const again = await dana.push([command]);
    expect(again.results).toEqual(first.results);
    expect(await dana.head()).toBe(head);
  });

  test('an edit made on a version someone else has replaced is refused STALE_VERSION and changes nothing', async () => {
    const seen = await pulledOrg(marcus);
    const danaEdit = dana.command('organization.update', {
      organizationId: ORG_PROVIDER,
      expectedVersion: seen.version,
      attention: { offerWaitingMinutes: 90 },
    });
    expect((await dana.push([danaEdit])).results[0].status).toBe('applied');
    const head = await marcus.head();
    const stale = marcus.command('organization.update', {
      organizationId: ORG_PROVIDER,
      expectedVersion: seen.version,
      timeZone: 'Pacific/Auckland',
    });
    const answer = await marcus.push([stale]);
    expect(answer.results[0]).toMatchObject({ status: 'rejected', code: 'STALE_VERSION' });
    expect(answer.results[0].message).toContain("Dana Whitfield changed the organization's settings");
    expect(await marcus.head()).toBe(head);
    expect(directoryOrg().timeZone).not.toBe('Pacific/Auckland');
  });

  test('a second edit of the same console on the version it saw before its first is accepted (its own chain)', async () => {
    const seen = await pulledOrg(dana);
    const first = dana.command('organization.update', {
      organizationId: ORG_PROVIDER,
      expectedVersion: seen.version,
      attention: { pausedAgingDays: 4 },
    });
    const second = dana.command('organization.update', {
      organizationId: ORG_PROVIDER,
      expectedVersion: seen.version,
      attention: { pausedAgingDays: 5 },
    });
    const answer = await dana.push([first, second]);
    expect(answer.results.map((result) => result.status)).toEqual(['applied', 'applied']);
    expect(directoryOrg().attention?.pausedAgingDays).toBe(5);
  });

  // Technicians have no socket (they use the mobile app's REST API): organization-settings.test.ts refuses them.
  test('refusals: an enterprise user is told it does not exist, a bad zone names the field', async () => {
    const fromEnterprise = await enterprise.push([
      enterprise.command('organization.update', { organizationId: ORG_PROVIDER, name: 'Mine' }),
    ]);
    expect(fromEnterprise.results[0]).toMatchObject({ status: 'rejected', code: 'NOT_FOUND' });
    const badZone = await dana.push([
      dana.command('organization.update', { organizationId: ORG_PROVIDER, timeZone: 'Mars/Olympus' }),
    ]);
    expect(badZone.results[0]).toMatchObject({ status: 'rejected', code: 'UNKNOWN_TIME_ZONE' });
    expect(badZone.results[0].message).toContain('timeZone');
    expect(directoryOrg().name).not.toBe('Mine');
  });

  test('a commit that rolls back leaves the directory as the database: unchanged', async () => {
    const before = directoryOrg();
    const stored = await storedOrg();
    const failure = new Error('the disk said no');
    await expect(
      server.context.pipeline.write(async (tx, published) => {
        const outcome = await processCommand(tx, published, server.context.directory, server.context.clock, {
          actor: SYSTEM_ACTOR,
          name: 'organization.update',
          args: { organizationId: ORG_PROVIDER, timeZone: 'Asia/Kolkata' },
          createdAt: Date.now(),
          queuedOffline: false,
        });
        expect(outcome.status).toBe('applied');
        // Written in memory at once (later writes of the same transaction read it)...
        expect(server.context.directory.organization(ORG_PROVIDER)?.timeZone).toBe('Asia/Kolkata');
        throw failure;
      }),
    ).rejects.toBe(failure);
    // ...and undone with the savepoint.
    expect(directoryOrg()).toEqual(before);
    expect(await storedOrg()).toEqual(stored);
  });
});
