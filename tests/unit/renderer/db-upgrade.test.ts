import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, expect, test } from 'vitest';
import {
  DispatchDb,
  SCHEMA_V1,
  SCHEMA_V2,
  SCHEMA_V12,
  type Conflict,
  type OutboxEntry,
  type SyncMeta,
} from '../../../renderer/data/db';
import { appointmentsWithStatus, jobIdsWithStatus } from '../../../renderer/data/appointmentIndex';
import { openDispatchDb } from '../../../renderer/data/open';
import { enqueueCommand } from '../../../renderer/data/outbox';
import { DANA, JOB } from './fixtures';

/** The next release's schema as it would be declared: version 12 adds an index, versions 1 to 11 stay as they were. */
class DispatchDbNext extends DispatchDb {
  constructor(name: string) {
    super(name);
    this.version(13).stores({ ...SCHEMA_V12, appointments: `${SCHEMA_V12.appointments}, status` });
  }
}

/** A console that still has the second release's database on disk (before notes). */
class DispatchDbV2 extends Dexie {
  constructor(name: string) {
    super(name);
    this.version(1).stores(SCHEMA_V1);
    this.version(2).stores(SCHEMA_V2);
  }
}

/** A console that still has the first release's database on disk. */
class DispatchDbV1 extends Dexie {
  constructor(name: string) {
    super(name);
    this.version(1).stores(SCHEMA_V1);
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
  {
    id: 7,
    name: 'appointment.move',
    args: { appointmentId: 'apt-1', start: Date.UTC(2031, 0, 6, 15), expectedVersion: 12 },
    createdAt: 1_700_000_000_000,
    offline: true,
    jobId: 'job-1',
    appointmentIds: [],
  },
  {
    id: 8,
    name: 'appointment.create',
    args: {
      id: 'apt-2',
      jobId: 'job-2',
      technicianId: 'u-tech1',
      start: Date.UTC(2031, 0, 7, 15),
      durationMinutes: 60,
    },
    createdAt: 1_700_000_001_000,
    offline: true,
    jobId: 'job-2',
    appointmentIds: ['apt-2'],
  },
  {
    id: 9,
    name: 'job.accept',
    args: { jobId: 'job-3' },
    createdAt: 1_700_000_002_000,
    offline: false,
    jobId: 'job-3',
    appointmentIds: [],
    ackedSeq: 40,
  },
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

const META: SyncMeta = {
  key: 'sync',
  clientId: 'c_0123456789abcdef',
  nextCommandId: 10,
  cursor: 41,
  serverId: 'server-1',
  lastSyncedAt: 1_700_000_003_000,
};

async function writeCurrentVersion(name: string): Promise<void> {
  const installed = new DispatchDb(name);
  await installed.open();
  expect(installed.verno).toBe(12);
  await installed.outbox.bulkAdd(OUTBOX);
  await installed.conflicts.add({ ...CONFLICT });
  await installed.meta.put(META);
  await installed.organizations.put({
    id: 'org-coolair',
    name: 'CoolAir Heating & Cooling',
    kind: 'provider',
    version: 1,
  });
  await installed.jobs.put(JOB);
  await installed.appointments.put({
    id: 'apt-1',
    jobId: 'job-1',
    organizationId: 'org-coolair',
    technicianId: 'u-tech1',
    start: Date.UTC(2031, 0, 6, 14),
    durationMinutes: 60,
    status: 'scheduled',
    version: 12,
  });
  installed.close();
}

test('a schema upgrade keeps the outbox, the conflicts and the sync bookkeeping', async () => {
  const name = newName();
  await writeCurrentVersion(name);

  const next = new DispatchDbNext(name);
  await next.open();
  try {
    expect(next.verno).toBe(13);
    expect(await next.outbox.orderBy('id').toArray()).toEqual(OUTBOX);
    const conflicts = await next.conflicts.toArray();
    expect(conflicts).toEqual([{ ...CONFLICT, key: 1 }]);
    expect(await next.meta.get('sync')).toEqual(META);
    // The outbox's own indexes still answer (the engine pushes by id and confirms by ackedSeq).
    expect(await next.outbox.where('ackedSeq').belowOrEqual(40).primaryKeys()).toEqual([9]);
    expect(await next.outbox.where('appointmentIds').equals('apt-2').primaryKeys()).toEqual([8]);
    // And the new index exists and covers rows written before it.
    expect(await next.appointments.where('status').equals('scheduled').primaryKeys()).toEqual(['apt-1']);
    // New conflicts continue the old keys instead of overwriting one.
    expect(await next.conflicts.add({ ...CONFLICT, commandId: 11 })).toBe(2);
  } finally {
    next.close();
  }
});

test('an older window that is still open does not block the upgrade, and keeps working after it', async () => {
  const name = newName();
  await writeCurrentVersion(name);
  const oldWindow = await openDispatchDb(name);
  expect(await oldWindow.outbox.count()).toBe(3);

  const next = new DispatchDbNext(name);
  await next.open();
  try {
    expect(next.verno).toBe(13);
    expect(await next.outbox.orderBy('id').toArray()).toEqual(OUTBOX);
    expect(await next.conflicts.count()).toBe(1);
    // The old window let the upgrade through and reopens on its next use: it still reads, and what it
    // queues lands in the upgraded database (it may be the one holding the sync lock).
    expect(await oldWindow.outbox.count()).toBe(3);
    const queued = await enqueueCommand(
      oldWindow,
      DANA,
      'appointment.move',
      { appointmentId: 'apt-1', start: Date.UTC(2031, 0, 6, 16) },
      true,
    );
    expect(queued.id).toBe(10);
    expect(await next.outbox.get(10)).toMatchObject({ name: 'appointment.move', jobId: 'job-1' });
  } finally {
    next.close();
    oldWindow.close();
  }
});

test('the first release database upgrades to the current version: outbox and conflicts kept, the new indexes built', async () => {
  const name = newName();
  const v1 = new DispatchDbV1(name);
  await v1.open();
  await v1.table('outbox').bulkAdd(OUTBOX);
  await v1.table('conflicts').add({ ...CONFLICT });
  await v1.table('meta').put(META);
  await v1.table('appointments').bulkPut([
    {
      id: 'apt-1',
      jobId: 'job-1',
      organizationId: 'org-coolair',
      technicianId: 'u-tech1',
      start: Date.UTC(2031, 0, 6, 14),
      durationMinutes: 60,
      status: 'scheduled',
      version: 12,
    },
    {
      id: 'apt-0',
      jobId: 'job-0',
      organizationId: 'org-coolair',
      technicianId: null,
      start: Date.UTC(2031, 0, 5, 14),
      durationMinutes: 60,
      status: 'complete',
      version: 3,
    },
  ]);
  v1.close();

  const upgraded = new DispatchDb(name);
  await upgraded.open();
  try {
    expect(upgraded.verno).toBe(12);
    expect(await upgraded.outbox.orderBy('id').toArray()).toEqual(OUTBOX);
    expect(await upgraded.conflicts.toArray()).toEqual([{ ...CONFLICT, key: 1 }]);
    // Passing version 3 pulls the log again (notes), see the next test.
    expect(await upgraded.meta.get('sync')).toEqual({ ...META, cursor: 0 });
    // The queue's and the attention panel's reads through the status index (version 12, built at the upgrade
    // from rows written before it): a status's job ids from the keys alone, its visits up to a horizon.
    expect(await jobIdsWithStatus(upgraded, 'scheduled')).toEqual(['job-1']);
    // Version 4's outbox index answers (commands about no job carry it; these are all job commands).
    expect(await upgraded.outbox.where('entity').above('').count()).toBe(0);
    expect((await appointmentsWithStatus(upgraded, 'scheduled', Date.UTC(2031, 0, 6, 14))).map((a) => a.id)).toEqual([
      'apt-1',
    ]);
    expect(await appointmentsWithStatus(upgraded, 'scheduled', Date.UTC(2031, 0, 6, 13))).toEqual([]);
    // The three indexes it replaced are gone: each was one more entry written per appointment.
    const appointmentStore = upgraded.backendDB().transaction('appointments').objectStore('appointments');
    expect([...appointmentStore.indexNames].sort()).toEqual(
      ['[status+start+jobId]', '[technicianId+start]', 'jobId', 'unassignedStart'].sort(),
    );
    // Version 6 dropped activity's unused compound index; the drawer's by-job index stays.
    const activityStore = upgraded.backendDB().transaction('activity').objectStore('activity');
    expect([...activityStore.indexNames]).toEqual(['jobId']);
    expect(await upgraded.conflicts.add({ ...CONFLICT, commandId: 11 })).toBe(2);
  } finally {
    upgraded.close();
  }
});

test('the upgrade that adds notes pulls the log again from 0 and keeps the outbox, conflicts and confirmed rows', async () => {
  const name = newName();
  const v2 = new DispatchDbV2(name);
  await v2.open();
  await v2.table('outbox').bulkAdd(OUTBOX);
  await v2.table('conflicts').add({ ...CONFLICT });
  await v2.table('meta').put(META);
  await v2.table('jobs').put(JOB);
  v2.close();

  const upgraded = new DispatchDb(name);
  await upgraded.open();
  try {
    expect(upgraded.verno).toBe(12);
    // An older console skipped the server's 'note' changes it did not know; from 0 it fetches every one.
    expect(await upgraded.meta.get('sync')).toEqual({ ...META, cursor: 0 });
    expect(await upgraded.outbox.orderBy('id').toArray()).toEqual(OUTBOX);
    expect(await upgraded.conflicts.toArray()).toEqual([{ ...CONFLICT, key: 1 }]);
    expect(await upgraded.jobs.get(JOB.id)).toEqual(JOB);
    expect(await upgraded.notes.count()).toBe(0);
  } finally {
    upgraded.close();
  }
});
