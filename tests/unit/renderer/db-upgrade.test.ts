import 'fake-indexeddb/auto';
import { afterEach, expect, test } from 'vitest';
import { DispatchDb, SCHEMA_V1, type Conflict, type OutboxEntry, type SyncMeta } from '../../../renderer/data/db';
import { openDispatchDb } from '../../../renderer/data/open';
import { enqueueCommand } from '../../../renderer/data/outbox';
import { DANA, JOB } from './fixtures';

/** The next release's schema as it would be declared: version 2 adds an index, version 1 stays as it was. */
class DispatchDbV2 extends DispatchDb {
  constructor(name: string) {
    super(name);
    this.version(2).stores({ ...SCHEMA_V1, appointments: `${SCHEMA_V1.appointments}, status` });
  }
}

let counter = 0;
const names: string[] = [];
const newName = () => {
  const name = `upgrade-${process.pid}-${++counter}`;
  names.push(name);
  return name;
};

afterEach(async () => {
  while (names.length) await DispatchDb.delete(names.pop()!);
});

const OUTBOX: OutboxEntry[] = [
  { id: 7, name: 'appointment.move', args: { appointmentId: 'apt-1', start: Date.UTC(2031, 0, 6, 15), expectedVersion: 12 }, createdAt: 1_700_000_000_000, offline: true, jobId: 'job-1', appointmentIds: [] },
  { id: 8, name: 'appointment.create', args: { id: 'apt-2', jobId: 'job-2', technicianId: 'u-tech1', start: Date.UTC(2031, 0, 7, 15), durationMinutes: 60 }, createdAt: 1_700_000_001_000, offline: true, jobId: 'job-2', appointmentIds: ['apt-2'] },
  { id: 9, name: 'job.accept', args: { jobId: 'job-3' }, createdAt: 1_700_000_002_000, offline: false, jobId: 'job-3', appointmentIds: [], ackedSeq: 40 },
];

const CONFLICT: Conflict = {
  commandId: 6,
  name: 'appointment.move',
  args: { appointmentId: 'apt-9', start: Date.UTC(2031, 0, 8, 15), expectedVersion: 3 },
  jobId: 'job-9',
  code: 'STALE_VERSION',
  message: 'Marcus Lee changed this appointment at 09:14 after you last saw it; your change was not applied.',
  createdAt: 1_699_999_000_000,
  rejectedAt: 1_699_999_100_000,
};

const META: SyncMeta = { key: 'sync', clientId: 'c_0123456789abcdef', nextCommandId: 10, cursor: 41, serverId: 'server-1', lastSyncedAt: 1_700_000_003_000 };

async function writeVersion1(name: string): Promise<void> {
  const v1 = new DispatchDb(name);
  await v1.open();
  expect(v1.verno).toBe(1);
  await v1.outbox.bulkAdd(OUTBOX);
  await v1.conflicts.add({ ...CONFLICT });
  await v1.meta.put(META);
  await v1.organizations.put({ id: 'org-coolair', name: 'CoolAir Heating & Cooling', kind: 'provider', version: 1 });
  await v1.jobs.put(JOB);
  await v1.appointments.put({ id: 'apt-1', jobId: 'job-1', organizationId: 'org-coolair', technicianId: 'u-tech1', start: Date.UTC(2031, 0, 6, 14), durationMinutes: 60, status: 'scheduled', version: 12 });
  v1.close();
}

test('a schema upgrade keeps the outbox, the conflicts and the sync bookkeeping', async () => {
  const name = newName();
  await writeVersion1(name);

  const v2 = new DispatchDbV2(name);
  await v2.open();
  try {
    expect(v2.verno).toBe(2);
    expect(await v2.outbox.orderBy('id').toArray()).toEqual(OUTBOX);
    const conflicts = await v2.conflicts.toArray();
    expect(conflicts).toEqual([{ ...CONFLICT, key: 1 }]);
    expect(await v2.meta.get('sync')).toEqual(META);
    // The outbox's own indexes still answer (the engine pushes by id and confirms by ackedSeq).
    expect(await v2.outbox.where('ackedSeq').belowOrEqual(40).primaryKeys()).toEqual([9]);
    expect(await v2.outbox.where('appointmentIds').equals('apt-2').primaryKeys()).toEqual([8]);
    // And the new index exists and covers rows written before it.
    expect(await v2.appointments.where('status').equals('scheduled').primaryKeys()).toEqual(['apt-1']);
    // New conflicts continue the old keys instead of overwriting one.
    expect(await v2.conflicts.add({ ...CONFLICT, commandId: 11 })).toBe(2);
  } finally {
    v2.close();
  }
});

test('an older window that is still open does not block the upgrade, and keeps working after it', async () => {
  const name = newName();
  await writeVersion1(name);
  const oldWindow = await openDispatchDb(name);
  expect(await oldWindow.outbox.count()).toBe(3);

  const v2 = new DispatchDbV2(name);
  await v2.open();
  try {
    expect(v2.verno).toBe(2);
    expect(await v2.outbox.orderBy('id').toArray()).toEqual(OUTBOX);
    expect(await v2.conflicts.count()).toBe(1);
    // The old window let the upgrade through and reopens on its next use: it still reads, and what it
    // queues lands in the upgraded database (it may be the one holding the sync lock).
    expect(await oldWindow.outbox.count()).toBe(3);
    const queued = await enqueueCommand(oldWindow, DANA, 'appointment.move', { appointmentId: 'apt-1', start: Date.UTC(2031, 0, 6, 16) }, true);
    expect(queued.id).toBe(10);
    expect(await v2.outbox.get(10)).toMatchObject({ name: 'appointment.move', jobId: 'job-1' });
  } finally {
    v2.close();
    oldWindow.close();
  }
});
