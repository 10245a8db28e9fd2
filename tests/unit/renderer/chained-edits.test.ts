import 'fake-indexeddb/auto';
import { expect, test } from 'vitest';
import { readJobView } from '../../../renderer/data/jobState';
import { readMeta } from '../../../renderer/data/outbox';
import { appointment, danasConsoleEachTest, DANA, JOB } from './fixtures';

/**
 * A dispatcher edits one appointment twice before the server confirmed the first edit (PROTOCOL.md,
 * `lastWrite`): every edit carries the version last seen confirmed, and the console's replay judges the
 * pending edits with its own client id, exactly as the server will.
 */
const dana = danasConsoleEachTest();

const FIRST = Date.UTC(2031, 2, 4, 17);
const SECOND = Date.UTC(2031, 2, 4, 18);

/** What the sync engine does when the pulled log reaches the first move: confirmed state at v10, entry gone. */
async function confirmFirstMove(writtenBy: string) {
  await dana.db.transaction('rw', [dana.db.outbox, dana.db.appointments], async () => {
    await dana.db.outbox.delete(1);
    await dana.db.appointments.put(
      appointment({
        id: 'apt-scheduled',
        start: FIRST,
        version: 10,
        updatedBy: 'Marcus Lee',
        updatedAt: Date.UTC(2031, 2, 3, 15, 14),
        lastWrite: { clientId: writtenBy, basedOn: 9 },
      }),
    );
  });
}

const shown = async () => {
  const view = await readJobView(dana.db, JOB.id, DANA);
  return {
    start: view.appointments.find((candidate) => candidate.id === 'apt-scheduled')?.start,
    pending: view.pendingAppointmentIds.has('apt-scheduled'),
  };
};

test('a second edit made while the first is pending carries the confirmed version too', async () => {
  await dana.commands.move('apt-scheduled', { start: FIRST });
  await dana.commands.move('apt-scheduled', { start: SECOND });
  await dana.commands.cancelAppointment('apt-scheduled');
  const entries = await dana.db.outbox.orderBy('id').toArray();
  expect(entries.map((entry) => (entry.args as { expectedVersion?: number }).expectedVersion)).toEqual([9, 9, 9]);
  expect(await shown()).toEqual({ start: SECOND, pending: true });
});

test('once our first edit is confirmed, the pending second one stays on screen (only our own write lies between)', async () => {
  await dana.commands.move('apt-scheduled', { start: FIRST });
  await dana.commands.move('apt-scheduled', { start: SECOND });
  await confirmFirstMove((await readMeta(dana.db)).clientId);
  expect(await shown()).toEqual({ start: SECOND, pending: true });
  // A third edit now is made on the new confirmed version, and validates against the replayed view.
  await dana.commands.move('apt-scheduled', { durationMinutes: 45 });
  expect((await dana.db.outbox.get(3))?.args).toMatchObject({ expectedVersion: 10 });
});

test("when another console's write came first, the pending edit made on the older version disappears from the view", async () => {
  await dana.commands.move('apt-scheduled', { start: FIRST });
  await dana.commands.move('apt-scheduled', { start: SECOND });
  await confirmFirstMove('c_another_console');
  expect(await shown()).toEqual({ start: FIRST, pending: false });
});

test('an edit of an appointment our pending command creates carries version 0, where its chain starts', async () => {
  const id = await dana.commands.schedule(JOB.id, { technicianId: 'u-tech2', start: FIRST, durationMinutes: 60 });
  await dana.commands.move(id, { start: SECOND });
  expect((await dana.db.outbox.get(2))?.args).toMatchObject({ appointmentId: id, expectedVersion: 0 });
  const view = await readJobView(dana.db, JOB.id, DANA);
  expect(view.appointments.find((candidate) => candidate.id === id)).toMatchObject({
    start: SECOND,
    lastWrite: { clientId: (await readMeta(dana.db)).clientId, basedOn: 0 },
  });
});
