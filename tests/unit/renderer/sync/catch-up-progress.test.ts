import 'fake-indexeddb/auto';
import { afterEach, expect, test } from 'vitest';
import type { Change } from '../../../../domain/protocol';
import { DispatchDb } from '../../../../renderer/data/db';
import { openDispatchDb } from '../../../../renderer/data/open';
import { readMeta } from '../../../../renderer/data/outbox';
import { applyChanges } from '../../../../renderer/sync/applyChanges';
import { catchUpPercent, INITIAL_STATUS, StatusStore, type SyncStatus } from '../../../../renderer/sync/status';
import { appointment, JOB } from '../fixtures';

const opened: DispatchDb[] = [];
let counter = 0;

afterEach(async () => {
  for (const db of opened.splice(0)) db.close();
});

const syncing = (patch: Partial<SyncStatus>): SyncStatus => ({ ...INITIAL_STATUS, state: 'syncing', ...patch });

test('a catch-up is shown as a share of what was left when it began, not of the whole log', () => {
  // 90,000 of a 100,000-seq log were here already: the catch-up starts at 0 %, half of the rest is 50 %.
  expect(catchUpPercent(syncing({ head: 100_000, cursor: 90_000, catchUp: { from: 90_000, written: 90_000 } }))).toBe(
    0,
  );
  expect(catchUpPercent(syncing({ head: 100_000, cursor: 90_000, catchUp: { from: 90_000, written: 95_000 } }))).toBe(
    50,
  );
  // Never 100 % before it is over; nothing shown when no catch-up runs or the console is not syncing.
  expect(catchUpPercent(syncing({ head: 100, catchUp: { from: 0, written: 100 } }))).toBe(99);
  expect(catchUpPercent(syncing({ head: 100_000, cursor: 0, catchUp: null }))).toBeNull();
  expect(catchUpPercent({ ...syncing({ catchUp: { from: 0, written: 10 } }), state: 'online' })).toBeNull();
});

test('a pull is shown as a catch-up only far enough behind, and its progress never goes backwards', () => {
  const status = new StatusStore();
  status.update({ state: 'syncing', head: 10_400 });
  status.beginCatchUp(10_000); // 400 behind: an ordinary pull, nothing to show
  expect(status.get().catchUp).toBeNull();
  status.beginCatchUp(9_000);
  expect(status.get().catchUp).toEqual({ from: 9_000, written: 9_000 });
  status.beginCatchUp(9_500); // the next page of the same catch-up keeps where it began
  status.showWritten(9_700);
  status.showWritten(9_600);
  expect(status.get().catchUp).toEqual({ from: 9_000, written: 9_700 });
  expect(catchUpPercent(status.get())).toBe(50);
  status.endCatchUp();
  expect(catchUpPercent(status.get())).toBeNull();
});

test("a page's progress moves with its chunks as they are written, and ends at the whole page", async () => {
  const db = await openDispatchDb(`catch-up-progress-${process.pid}-${++counter}`, 'relaxed');
  opened.push(db);
  await readMeta(db);
  // 2,500 appointments of one job: three chunks of at most 1,000 rows, then the job itself.
  const changes: Change[] = [{ seq: 1, kind: 'job', id: JOB.id, data: JOB }];
  for (let index = 0; index < 2_500; index++) {
    const visit = appointment({ id: `apt-${index}`, start: Date.UTC(2026, 11, 7, 8) + index * 60_000 });
    changes.push({ seq: 2 + index, kind: 'appointment', id: visit.id, data: visit });
  }
  const shares: number[] = [];
  await applyChanges(db, changes, 2_501, 'server-1', undefined, (share) => shares.push(share));
  expect(shares).toEqual([1 / 2_501, 1_001 / 2_501, 2_001 / 2_501, 1]);
  expect(await db.appointments.count()).toBe(2_500);
});
