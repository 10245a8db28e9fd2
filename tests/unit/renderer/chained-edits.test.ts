import 'fake-indexeddb/auto';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { DispatchCommands } from '../../../renderer/data/commands';
import type { DispatchDb } from '../../../renderer/data/db';
import { readJobView } from '../../../renderer/data/jobState';
import { readMeta } from '../../../renderer/data/outbox';
import { appointment, consoleDatabase, DANA, dropDatabase, JOB } from './fixtures';

/**
 * A dispatcher edits one appointment twice before the server confirmed the first edit (PROTOCOL.md,
 * `lastWrite`): every edit carries the version last seen confirmed, and the console's replay judges the
 * pending edits with its own client id, exactly as the server will.
 */
let db: DispatchDb;
let commands: DispatchCommands;
beforeEach(async () => {
  db = await consoleDatabase();
  commands = new DispatchCommands(db, DANA);
});
afterEach(() => dropDatabase(db));

const FIRST = Date.UTC(2031, 2, 4, 17);
const SECOND = Date.UTC(2031, 2, 4, 18);

/** What the sync engine does when the pulled log reaches the first move: confirmed state at v10, entry gone. */
async function confirmFirstMove(writtenBy: string) {
  await db.transaction('rw', [db.outbox, db.appointments], async () => {
    await db.outbox.delete(1);
    await db.appointments.put(
      appointment({ id: 'apt-scheduled', start: FIRST, version: 10, updatedBy: 'Marcus Lee', updatedAt: Date.UTC(2031, 2, 3, 15, 14), lastWrite: { clientId: writtenBy, basedOn: 9 } }),
    );
  });
}

const shown = async () => {
  const view = await readJobView(db, JOB.id, DANA);
  return { start: view.appointments.find((candidate) => candidate.id === 'apt-scheduled')?.start, pending: view.pendingAppointmentIds.has('apt-scheduled') };
};

test('a second edit made while the first is pending carries the confirmed version too', async () => {
  await commands.move('apt-scheduled', { start: FIRST });
  await commands.move('apt-scheduled', { start: SECOND });
  await commands.cancelAppointment('apt-scheduled');
  const entries = await db.outbox.orderBy('id').toArray();
  expect(entries.map((entry) => (entry.args as { expectedVersion?: number }).expectedVersion)).toEqual([9, 9, 9]);
  expect(await shown()).toEqual({ start: SECOND, pending: true });
});

test('once our first edit is confirmed, the pending second one stays on screen (only our own write lies between)', async () => {
  await commands.move('apt-scheduled', { start: FIRST });
  await commands.move('apt-scheduled', { start: SECOND });
  await confirmFirstMove((await readMeta(db)).clientId);
  expect(await shown()).toEqual({ start: SECOND, pending: true });
  // A third edit now is made on the new confirmed version, and validates against the replayed view.
  await commands.move('apt-scheduled', { durationMinutes: 45 });
  expect((await db.outbox.get(3))?.args).toMatchObject({ expectedVersion: 10 });
});

test("when another console's write came first, the pending edit made on the older version disappears from the view", async () => {
  await commands.move('apt-scheduled', { start: FIRST });
  await commands.move('apt-scheduled', { start: SECOND });
  await confirmFirstMove('c_another_console');
  expect(await shown()).toEqual({ start: FIRST, pending: false });
});

test('an edit of an appointment our pending command creates carries version 0, where its chain starts', async () => {
  const id = await commands.schedule(JOB.id, { technicianId: 'u-tech2', start: FIRST, durationMinutes: 60 });
  await commands.move(id, { start: SECOND });
  expect((await db.outbox.get(2))?.args).toMatchObject({ appointmentId: id, expectedVersion: 0 });
  const view = await readJobView(db, JOB.id, DANA);
  expect(view.appointments.find((candidate) => candidate.id === id)).toMatchObject({ start: SECOND, lastWrite: { clientId: (await readMeta(db)).clientId, basedOn: 0 } });
});
