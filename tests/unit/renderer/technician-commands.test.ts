import 'fake-indexeddb/auto';
import { expect, test } from 'vitest';
import type { User } from '../../../domain';
import { DispatchCommands } from '../../../renderer/data/commands';
import { readPendingDirectory } from '../../../renderer/data/directoryState';
import { CommandRejected } from '../../../renderer/data/outbox';
import { readTechnicians } from '../../../renderer/data/views';
import { applyChanges } from '../../../renderer/sync/applyChanges';
import { DANA, danasConsoleEachTest } from './fixtures';

/**
 * A technician's hours and skills (issue 12 §1–2) are commands like the rest: queued in the outbox whether or
 * not the console is connected, judged at once by the domain's rules, shown on the lanes before the server
 * answers (readTechnicians is what the board's lanes read), and confirmed by the log.
 */
const dana = danasConsoleEachTest();
const ORG = 'org-coolair';
const HOURS = {
  weekly: [
    { weekday: 1, start: '08:00', end: '17:00' },
    { weekday: 2, start: '08:00', end: '17:00' },
  ],
  timeOff: [{ start: Date.UTC(2031, 2, 5, 6), end: Date.UTC(2031, 2, 6, 6), reason: 'Training' }],
};

const jake = async () => (await readTechnicians(dana.db, ORG, DANA)).find((user) => user.id === 'u-tech2');

test("hours and skills queued with no server show on the technician's lane at once, marked pending", async () => {
  const hours = await dana.commands.setAvailability('u-tech2', HOURS);
  const skills = await dana.commands.updateSkills('u-tech2', ['EPA 608', 'hvac']);
  expect(hours).toMatchObject({ id: 1, name: 'user.setAvailability', entity: 'user:u-tech2' });
  expect(skills).toMatchObject({ id: 2, name: 'user.update', entity: 'user:u-tech2' });
  expect(await dana.db.outbox.count()).toBe(2);

  expect(await jake()).toMatchObject({ availability: HOURS, skills: ['EPA 608', 'hvac'] });
  expect((await readPendingDirectory(dana.db, DANA)).pending).toEqual(new Set(['user:u-tech2']));
  // The confirmed row is untouched until the server's log says so; Luis is not touched at all.
  expect((await dana.db.users.get('u-tech2'))?.availability).toBeUndefined();
  expect(
    (await readTechnicians(dana.db, ORG, DANA)).find((user) => user.id === 'u-tech1')?.availability,
  ).toBeUndefined();
});

test('a second change replays on top of the first, and the log confirming both empties the outbox', async () => {
  await dana.commands.setAvailability('u-tech2', HOURS);
  await dana.commands.setAvailability('u-tech2', { ...HOURS, timeOff: [] });
  expect((await jake())?.availability).toEqual({ ...HOURS, timeOff: [] });

  await dana.db.outbox.toCollection().modify({ ackedSeq: 9 });
  const confirmed: User = {
    ...(await dana.db.users.get('u-tech2'))!,
    availability: { ...HOURS, timeOff: [] },
    version: 5,
  };
  await applyChanges(dana.db, [{ seq: 9, kind: 'user', id: 'u-tech2', data: confirmed }], 9, 'server-1');
  expect(await dana.db.outbox.count()).toBe(0);
  expect((await readPendingDirectory(dana.db, DANA)).pending.size).toBe(0);
  expect(await jake()).toEqual(confirmed);
});

test('an impossible change is refused at once and queues nothing; a technician cannot change skills', async () => {
  await expect(
    dana.commands.setAvailability('u-tech2', { weekly: [{ weekday: 1, start: '17:00', end: '17:00' }], timeOff: [] }),
  ).rejects.toBeInstanceOf(CommandRejected);
  const technician = new DispatchCommands(dana.db, {
    ...DANA,
    userId: 'u-tech2',
    name: 'Jake Sullivan',
    role: 'technician',
  });
  await expect(technician.updateSkills('u-tech2', ['EPA 608'])).rejects.toMatchObject({ code: 'FORBIDDEN' });
  expect(await dana.db.outbox.count()).toBe(0);
});
