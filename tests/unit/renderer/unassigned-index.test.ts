import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, test } from 'vitest';
import { DispatchDb, SCHEMA_V1, SCHEMA_V2, SCHEMA_V4, SCHEMA_V5, SCHEMA_V6 } from '../../../renderer/data/db';
import { DispatchCommands } from '../../../renderer/data/commands';
import { readLaneWindow } from '../../../renderer/data/views';
import { appointment, consoleDatabase, DANA, dropDatabase } from './fixtures';
import { countRows, rowsRead } from './rowCounter';

/**
 * The board's unassigned lane reads the appointments without a technician through the `unassignedStart`
 * index (schema v7): a marker the database keeps on the stored row while the technician is null, and never
 * shows to a reader.
 */
const DAY_START = Date.UTC(2031, 2, 4);
const DAY_END = DAY_START + 24 * 3_600_000;
const open: DispatchDb[] = [];
afterEach(async () => {
  while (open.length) await dropDatabase(open.pop()!);
});

async function board() {
  const db = await consoleDatabase();
  open.push(db);
  return db;
}

const ids = (window: { appointments: { id: string }[] }) => window.appointments.map((entry) => entry.id).sort();

describe('the unassigned index', () => {
  test('the unassigned lane lists the appointments without a technician and reads only those', async () => {
    const db = await board();
    await db.appointments.bulkPut([
      appointment({ id: 'apt-nobody', technicianId: null, start: DAY_START + 9 * 3_600_000 }),
      appointment({ id: 'apt-nobody-tomorrow', technicianId: null, start: DAY_END + 9 * 3_600_000 }),
      ...Array.from({ length: 50 }, (_, index) =>
        appointment({
          id: `apt-busy-${index}`,
          jobId: `job-busy-${index}`,
          start: DAY_START + 8 * 3_600_000 + index * 60_000,
        }),
      ),
    ]);
    db.close();
    db.use(countRows);
    await db.open();
    rowsRead.clear();
    const window = await readLaneWindow(db, null, DAY_START, DAY_END);
    expect(ids(window)).toEqual(['apt-nobody']);
    // The one appointment and its job's siblings (job-1's visits), not the 50 others of the day by start.
    expect(rowsRead.get('appointments')).toBeLessThan(10);
  });

  test('follows the technician: assigned leaves the lane, unassigned joins it, and rows read back as written', async () => {
    const db = await board();
    const nobody = appointment({ id: 'apt-nobody', technicianId: null, start: DAY_START + 9 * 3_600_000 });
    await db.appointments.put(nobody);
    expect(await db.appointments.get('apt-nobody')).toEqual(nobody);
    expect((await db.appointments.bulkGet(['apt-nobody']))[0]).toEqual(nobody);
    expect(await db.appointments.where('jobId').equals('job-1').toArray()).toContainEqual(nobody);
    const walked: unknown[] = [];
    await db.appointments.each((row) => void walked.push(row));
    expect(walked).toContainEqual(nobody);

    await db.appointments.update('apt-nobody', { technicianId: 'u-tech2' });
    expect(ids(await readLaneWindow(db, null, DAY_START, DAY_END))).toEqual([]);
    expect(ids(await readLaneWindow(db, 'u-tech2', DAY_START, DAY_END))).toEqual(['apt-nobody']);

    await db.appointments.update('apt-scheduled', { technicianId: null });
    expect(ids(await readLaneWindow(db, null, DAY_START, DAY_END))).toEqual(['apt-scheduled']);
    // A start moved by a write moves the marker with it.
    await db.appointments.update('apt-scheduled', { start: DAY_END + 3_600_000 });
    expect(ids(await readLaneWindow(db, null, DAY_START, DAY_END))).toEqual([]);
  });

  test('a pending unassign shows through the board overlay while the confirmed row keeps its technician', async () => {
    const db = await board();
    await new DispatchCommands(db, DANA).move('apt-scheduled', { technicianId: null });
    expect(ids(await readLaneWindow(db, null, DAY_START, DAY_END))).toEqual([]);
    expect((await db.appointments.get('apt-scheduled'))?.technicianId).toBe('u-tech1');
  });
});

/** A console that still has version 6 on disk, written before the marker existed. */
class DispatchDbV6 extends Dexie {
  constructor(name: string) {
    super(name);
    this.version(1).stores(SCHEMA_V1);
    this.version(2).stores(SCHEMA_V2);
    this.version(3).stores({ ...SCHEMA_V2, notes: 'id, jobId' });
    this.version(4).stores(SCHEMA_V4);
    this.version(5).stores(SCHEMA_V5);
    this.version(6).stores(SCHEMA_V6);
  }
}

test('the upgrade to version 7 marks the appointments already on disk without a technician', async () => {
  const name = `unassigned-upgrade-${process.pid}`;
  const old = new DispatchDbV6(name);
  await old.open();
  await old
    .table('appointments')
    .bulkPut([
      appointment({ id: 'apt-nobody', technicianId: null, start: DAY_START + 9 * 3_600_000 }),
      appointment({ id: 'apt-luis', start: DAY_START + 10 * 3_600_000 }),
    ]);
  await old.table('jobs').put({ id: 'job-1', organizationId: 'org-coolair', customerId: 'cus-1' });
  old.close();

  const db = new DispatchDb(name);
  open.push(db);
  await db.open();
  expect(db.verno).toBe(12);
  expect(ids(await readLaneWindow(db, null, DAY_START, DAY_END))).toEqual(['apt-nobody']);
  expect(ids(await readLaneWindow(db, 'u-tech1', DAY_START, DAY_END))).toEqual(['apt-luis']);
  expect(await db.appointments.get('apt-nobody')).not.toHaveProperty('unassignedStart');
});
