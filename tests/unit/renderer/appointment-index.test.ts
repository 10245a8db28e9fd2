import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';
import type { AppointmentStatus } from '../../../domain';
import {
  appointmentsStartingBetween,
  appointmentsWithStatus,
  jobIdsWithStatus,
} from '../../../renderer/data/appointmentIndex';
import type { DispatchDb } from '../../../renderer/data/db';
import { appointment, consoleDatabase, dropDatabase } from './fixtures';

/**
 * The appointments' one status index (`[status+start+jobId]`, schema v12) answers what three indexes did: a
 * day's visits of any status, a status's visits up to a horizon, a status's job ids. The bounds are where
 * a prefix of a compound key can go wrong, so each is checked at its edge.
 */
const DAY = Date.UTC(2031, 2, 4);
const HOUR = 3_600_000;
const open: DispatchDb[] = [];
afterEach(async () => {
  while (open.length) await dropDatabase(open.pop()!);
});

async function withVisits() {
  const db = await consoleDatabase();
  open.push(db);
  await db.appointments.clear(); // only this test's visits
  const visit = (id: string, status: AppointmentStatus, start: number, jobId = `job-${id}`) =>
    appointment({ id, jobId, status, start });
  await db.appointments.bulkPut([
    visit('before', 'scheduled', DAY - 1),
    visit('first', 'complete', DAY),
    visit('nine', 'scheduled', DAY + 9 * HOUR),
    visit('nine-b', 'enroute', DAY + 9 * HOUR),
    visit('ten', 'canceled', DAY + 10 * HOUR),
    visit('noon', 'started', DAY + 12 * HOUR),
    visit('last', 'scheduled', DAY + 24 * HOUR - 1),
    visit('tomorrow', 'scheduled', DAY + 24 * HOUR),
    visit('shared', 'scheduled', DAY + 11 * HOUR, 'job-nine'),
  ]);
  return db;
}

const ids = (rows: { id: string }[]) => rows.map((row) => row.id);

describe('the appointments status index', () => {
  test('a day of every status: from its first millisecond, up to but not including the next day, by start', async () => {
    const db = await withVisits();
    expect(ids(await appointmentsStartingBetween(db, DAY, DAY + 24 * HOUR))).toEqual([
      'first',
      'nine',
      'nine-b',
      'ten',
      'shared',
      'noon',
      'last',
    ]);
  });

  test('a day of some statuses only', async () => {
    const db = await withVisits();
    expect(ids(await appointmentsStartingBetween(db, DAY, DAY + 24 * HOUR, ['enroute', 'started']))).toEqual([
      'nine-b',
      'noon',
    ]);
  });

  test('a status up to a horizon takes a visit starting exactly at it, and none after', async () => {
    const db = await withVisits();
    expect(ids(await appointmentsWithStatus(db, 'scheduled', DAY + 9 * HOUR))).toEqual(['before', 'nine']);
    expect(ids(await appointmentsWithStatus(db, 'scheduled', DAY + 9 * HOUR - 1))).toEqual(['before']);
    expect(ids(await appointmentsWithStatus(db, 'scheduled'))).toEqual([
      'before',
      'nine',
      'shared',
      'last',
      'tomorrow',
    ]);
    expect(ids(await appointmentsWithStatus(db, 'started'))).toEqual(['noon']);
  });

  test("a status's job ids come from the keys, one per appointment", async () => {
    const db = await withVisits();
    expect((await jobIdsWithStatus(db, 'scheduled')).sort()).toEqual(
      ['job-before', 'job-nine', 'job-nine', 'job-last', 'job-tomorrow'].sort(),
    );
    expect(await jobIdsWithStatus(db, 'enroute')).toEqual(['job-nine-b']);
    expect(await jobIdsWithStatus(db, 'complete')).toEqual(['job-first']);
  });

  test('a status change moves the visit between the ranges', async () => {
    const db = await withVisits();
    await db.appointments.update('nine', { status: 'enroute' });
    expect(ids(await appointmentsWithStatus(db, 'enroute'))).toEqual(['nine', 'nine-b']);
    expect(await jobIdsWithStatus(db, 'enroute')).toEqual(['job-nine', 'job-nine-b']);
    expect(ids(await appointmentsWithStatus(db, 'scheduled', DAY + 9 * HOUR))).toEqual(['before']);
  });
});
