import 'fake-indexeddb/auto';
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { User } from '../../../../domain';
import { lanesFilling, readFirstScreen } from '../../../../renderer/board/firstScreen';
import { laneHeight } from '../../../../renderer/board/layout';
import { DispatchCommands } from '../../../../renderer/data/commands';
import type { DispatchDb } from '../../../../renderer/data/db';
import { readSavedScreen, saveScreen } from '../../../../renderer/data/savedScreen';
import { laneTechnicians, readLaneWindow, readVisitsUnderWay } from '../../../../renderer/data/views';
import { applyChanges, resetConfirmedState } from '../../../../renderer/sync/applyChanges';
import { appointment, consoleDatabase, DANA, dropDatabase } from '../fixtures';

/**
 * The board's saved first screen: what its lanes at the top showed, confirmed rows only, drawn at the next
 * opening only while the database is still at the cursor it was read at.
 */
let db: DispatchDb;
beforeEach(async () => {
  db = await consoleDatabase();
});
afterEach(() => dropDatabase(db));

/** The fixture's visits: Luis's started one on March 3, his scheduled one on March 4 (Austin). */
const MARCH_3 = Date.UTC(2031, 2, 3, 6);
const MARCH_5 = Date.UTC(2031, 2, 5, 6);
const everyTechnician = (users: User[]) => laneTechnicians(users).map((user) => user.id);
const save = (onScreen = everyTechnician, from = MARCH_3, to = MARCH_5) =>
  saveScreen(db, 'org-coolair', from, to, onScreen);

test("a saved screen reads back at the cursor it was saved at: each lane's window as its own read gives it", async () => {
  expect(await save()).toBe(0);

  const saved = (await readSavedScreen(db, MARCH_3, MARCH_5))!;
  // Lane order (by name): Jake Sullivan, then Luis Herrera.
  expect([...saved.windows.keys()]).toEqual(['u-tech2', 'u-tech1']);
  expect(saved.windows.get('u-tech1')).toEqual(await readLaneWindow(db, 'u-tech1', MARCH_3, MARCH_5));
  expect(saved.windows.get('u-tech1')!.appointments.map((visit) => visit.id)).toEqual(['apt-started', 'apt-scheduled']);
  expect(saved.underWay).toEqual(await readVisitsUnderWay(db));
  expect(saved.users.map((user) => user.id).sort()).toEqual(['u-tech1', 'u-tech2']);
});

test('only the lanes picked are saved, and another window of days finds nothing', async () => {
  await save((users) => everyTechnician(users).slice(0, 1));
  expect([...(await readSavedScreen(db, MARCH_3, MARCH_5))!.windows.keys()]).toEqual(['u-tech2']);
  expect(await readSavedScreen(db, MARCH_3, MARCH_5 + 24 * 3_600_000)).toBeUndefined();
});

test('a sync write after the save makes it stale: the next opening reads its lanes instead', async () => {
  await save();
  // Luis's scheduled visit moves to Jake, as a broadcast from another dispatcher would bring it.
  const moved = appointment({
    id: 'apt-scheduled',
    start: Date.UTC(2031, 2, 4, 15),
    technicianId: 'u-tech2',
    version: 10,
  });
  await applyChanges(db, [{ seq: 1, kind: 'appointment', id: moved.id, data: moved }], 1, 'server-1');

  expect(await readSavedScreen(db, MARCH_3, MARCH_5)).toBeUndefined();
  // Saved again at the new cursor, it shows the move.
  expect(await save()).toBe(1);
  const saved = (await readSavedScreen(db, MARCH_3, MARCH_5))!;
  expect(saved.windows.get('u-tech2')!.appointments.map((visit) => visit.id)).toEqual(['apt-scheduled']);
});

test('a reset to the start drops the saved screen with the confirmed rows', async () => {
  await save();
  await resetConfirmedState(db, 'server-2', false);
  expect(await db.screens.count()).toBe(0);
  expect(await readSavedScreen(db, MARCH_3, MARCH_5)).toBeUndefined();
});

test('the first screen puts pending commands on top of the saved rows: a move and a technician edit made offline', async () => {
  await save();
  const commands = new DispatchCommands(db, DANA);
  await commands.move('apt-scheduled', { technicianId: 'u-tech2' });
  await commands.updateSkills('u-tech1', ['boilers']);

  const first = (await readFirstScreen(db, DANA, MARCH_3, MARCH_5))!;
  // Queuing a command does not move the cursor: the saved rows are still current, the outbox is read fresh.
  expect(first.layer.overlay.appointments.get('apt-scheduled')?.technicianId).toBe('u-tech2');
  expect(first.layer.overlay.pendingJobIds.has('job-1')).toBe(true);
  expect(first.technicians.find((user) => user.id === 'u-tech1')?.skills).toEqual(['boilers']);
  expect(first.windows.get('u-tech1')).toEqual(await readLaneWindow(db, 'u-tech1', MARCH_3, MARCH_5));
  expect(first.cursor).toBe(0);
});

test('with nothing saved the first screen is null, and the board reads its lanes as before', async () => {
  expect(await readFirstScreen(db, DANA, MARCH_3, MARCH_5)).toBeNull();
});

test('the lanes saved are the ones that fill the screen from the top, at their remembered rows', () => {
  const users = [1, 2, 3, 4, 5].map((index) => ({ id: `t${index}` }) as User);
  const rows = new Map([['t1', 3]]);
  const rowsOf = (key: string) => rows.get(key) ?? 1;
  // t1 alone (3 rows) fills a screen of its height; one pixel more brings in t2.
  expect(lanesFilling(users, rowsOf, laneHeight(3))).toEqual(['t1']);
  expect(lanesFilling(users, rowsOf, laneHeight(3) + 1)).toEqual(['t1', 't2']);
  expect(lanesFilling(users, rowsOf, 10_000)).toEqual(['t1', 't2', 't3', 't4', 't5']);
});
