import 'fake-indexeddb/auto';
import { expect, test } from 'vitest';
import type { Organization } from '../../../domain';
import { readOrganizationView, readPendingDirectory } from '../../../renderer/data/directoryState';
import { readJobView } from '../../../renderer/data/jobState';
import { CommandRejected } from '../../../renderer/data/outbox';
import { applyChanges, syncTables } from '../../../renderer/sync/applyChanges';
import { recordPushResults } from '../../../renderer/sync/pushResults';
import { DANA, danasConsoleEachTest, JOB } from './fixtures';

/**
 * Commands about no job (organization.update here) go through the same outbox as job commands: judged at
 * once by the domain's rules, durable, shown optimistically wherever the entity is read, and refused into
 * the conflicts list with "apply again" on the version seen now.
 */
const dana = danasConsoleEachTest();
const ORG = 'org-coolair';

test('queues the change with its entity (no job), and the organization shows it at once, marked pending', async () => {
  const entry = await dana.commands.updateOrganization({
    timeZone: 'America/Chicago',
    attention: { pausedAgingDays: 6 },
  });
  expect(entry).toMatchObject({
    id: 1,
    name: 'organization.update',
    entity: `organization:${ORG}`,
    args: { organizationId: ORG, expectedVersion: 1, timeZone: 'America/Chicago', attention: { pausedAgingDays: 6 } },
  });
  expect(entry.jobId).toBeUndefined();
  expect(await dana.db.outbox.get(1)).toEqual(entry);
  const view = await readOrganizationView(dana.db, DANA, ORG);
  expect(view.pending).toBe(true);
  expect(view.organization).toMatchObject({ timeZone: 'America/Chicago', attention: { pausedAgingDays: 6 } });
  // The confirmed row is untouched: the UI never edits it.
  expect((await dana.db.organizations.get(ORG))?.timeZone).toBeUndefined();
  // A job's commands are judged on the pending organization too (its lookups carry it).
  const job = await readJobView(dana.db, JOB.id, DANA);
  expect(job.lookups.organizations.get(ORG)?.timeZone).toBe('America/Chicago');
});

test('a second offline edit replays on top of the first', async () => {
  await dana.commands.updateOrganization({ timeZone: 'America/Chicago' });
  await dana.commands.updateOrganization({ attention: { lateStartGraceMinutes: 30 } });
  const view = await readOrganizationView(dana.db, DANA, ORG);
  expect(view.organization).toMatchObject({ timeZone: 'America/Chicago', attention: { lateStartGraceMinutes: 30 } });
  // Both carry the version Dana saw confirmed; the server accepts the second after the first (her own chain).
  expect(
    (await dana.db.outbox.toArray()).map((entry) => (entry.args as { expectedVersion: number }).expectedVersion),
  ).toEqual([1, 1]);
});

test("an impossible change is refused at once with the server's code, and nothing is queued", async () => {
  await expect(dana.commands.updateOrganization({ timeZone: 'Mars/Olympus' })).rejects.toMatchObject({
    code: 'UNKNOWN_TIME_ZONE',
  });
  await expect(dana.commands.updateOrganization({ attention: { pausedAgingDays: 0 } })).rejects.toBeInstanceOf(
    CommandRejected,
  );
  expect(await dana.db.outbox.count()).toBe(0);
});

test('once the log carries the change, it is the confirmed row and leaves the outbox', async () => {
  const entry = await dana.commands.updateOrganization({ timeZone: 'America/Chicago' });
  const confirmed: Organization = {
    id: ORG,
    name: 'CoolAir Heating & Cooling',
    kind: 'provider',
    timeZone: 'America/Chicago',
    version: 12,
  };
  // The server's ack (pushResults.ts): applied at seq 12, which the log has not reached yet.
  await dana.db.outbox.update(entry.id, { ackedSeq: 12 });
  expect((await readOrganizationView(dana.db, DANA, ORG)).organization?.timeZone).toBe('America/Chicago');
  await applyChanges(dana.db, [{ seq: 12, kind: 'organization', id: ORG, data: confirmed }], 12, 'server-1');
  expect(await dana.db.outbox.count()).toBe(0);
  expect(await readOrganizationView(dana.db, DANA, ORG)).toEqual({ organization: confirmed, pending: false });
});

test('a refusal becomes a conflict about the organization; "apply again" uses the version seen now', async () => {
  const entry = await dana.commands.updateOrganization({ timeZone: 'America/Chicago' });
  const [conflict] = (
    await dana.db.transaction('rw', [...syncTables(dana.db), dana.db.conflicts], () =>
      recordPushResults(
        dana.db,
        0,
        [{ id: entry.id, status: 'rejected', code: 'STALE_VERSION', message: 'Marcus Lee changed it.' }],
        [entry],
      ),
    )
  ).rejected;
  expect(conflict).toMatchObject({ name: 'organization.update', entity: `organization:${ORG}`, code: 'STALE_VERSION' });
  expect(conflict.jobId).toBeUndefined();
  expect((await readPendingDirectory(dana.db, DANA)).pending.size).toBe(0);
  // Marcus's change arrives; applying again carries its version.
  await dana.db.organizations.put({
    id: ORG,
    name: 'CoolAir',
    kind: 'provider',
    timeZone: 'America/Denver',
    version: 15,
  });
  const again = await dana.commands.applyAgain(conflict.key!);
  expect(again.args).toMatchObject({ organizationId: ORG, timeZone: 'America/Chicago', expectedVersion: 15 });
  expect(await dana.db.conflicts.count()).toBe(0);
});

test('an enterprise or technician console cannot queue it', async () => {
  const { DispatchCommands } = await import('../../../renderer/data/commands');
  const technician = new DispatchCommands(dana.db, { ...DANA, userId: 'u-tech1', role: 'technician' });
  await expect(technician.updateOrganization({ name: 'Mine' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
});
