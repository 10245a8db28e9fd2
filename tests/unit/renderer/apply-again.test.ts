import 'fake-indexeddb/auto';
import { beforeEach, expect, test } from 'vitest';
import type { Conflict } from '../../../renderer/data/db';
import { readMeta } from '../../../renderer/data/outbox';
import { danasConsoleEachTest, JOB } from './fixtures';

/**
 * "Apply again" on a refused change (docs/ARCHITECTURE.md §3): the same intent as a new command, on the version the
 * dispatcher sees now, and the conflict leaves the list exactly when that command is queued.
 */
const dana = danasConsoleEachTest();
let key: number;

/** The engine's record of a move the server refused because Marcus had moved the appointment first. */
const STALE_MOVE: Conflict = {
  commandId: 3,
  name: 'appointment.move',
  args: { appointmentId: 'apt-scheduled', start: Date.UTC(2031, 2, 4, 19), expectedVersion: 7 },
  jobId: JOB.id,
  code: 'STALE_VERSION',
  message: 'Marcus Lee changed this appointment at 09:14 after you last saw it; your change was not applied.',
  createdAt: Date.UTC(2031, 2, 3, 15),
  rejectedAt: Date.UTC(2031, 2, 3, 15, 5),
};

beforeEach(async () => {
  key = await dana.db.conflicts.add({ ...STALE_MOVE });
});

test('applies the refused move again with the version seen now, and takes it off the conflicts list', async () => {
  const entry = await dana.commands.applyAgain(key);
  expect(entry).toMatchObject({
    id: 1,
    name: 'appointment.move',
    args: { appointmentId: 'apt-scheduled', start: Date.UTC(2031, 2, 4, 19), expectedVersion: 9 },
  });
  expect(await dana.db.conflicts.count()).toBe(0);
});

test('a double click on "apply again" queues the action once', async () => {
  const outcomes = await Promise.allSettled([dana.commands.applyAgain(key), dana.commands.applyAgain(key)]);
  expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
  expect(outcomes.find((outcome) => outcome.status === 'rejected')).toMatchObject({ reason: { code: 'NOT_FOUND' } });
  expect(await dana.db.outbox.count()).toBe(1);
  expect(await dana.db.conflicts.count()).toBe(0);
});

test('all or nothing: when the conflict cannot be removed, no command is queued either', async () => {
  const failRemoval = () => {
    throw new Error('disk went away');
  };
  dana.db.conflicts.hook('deleting', failRemoval);
  await expect(dana.commands.applyAgain(key)).rejects.toThrow();
  dana.db.conflicts.hook('deleting').unsubscribe(failRemoval);
  expect(await dana.db.outbox.count()).toBe(0);
  expect((await readMeta(dana.db)).nextCommandId).toBe(1);
  expect(await dana.db.conflicts.get(key)).toMatchObject({ commandId: 3 });
});

test('a refused move that carried no version (it followed a pending change) gets the version seen now', async () => {
  const { expectedVersion: _seen, ...unversioned } = STALE_MOVE.args as Record<string, unknown>;
  const other = await dana.db.conflicts.add({ ...STALE_MOVE, commandId: 4, args: unversioned });
  const entry = await dana.commands.applyAgain(other);
  expect(entry.args).toMatchObject({ appointmentId: 'apt-scheduled', expectedVersion: 9 });
});

test('a conflict that cannot apply on the fresh state stays listed, with nothing queued', async () => {
  const onStarted = await dana.db.conflicts.add({
    ...STALE_MOVE,
    commandId: 5,
    args: { appointmentId: 'apt-started', start: Date.UTC(2031, 2, 4, 19), expectedVersion: 2 },
  });
  await expect(dana.commands.applyAgain(onStarted)).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
  expect(await dana.db.conflicts.get(onStarted)).toBeDefined();
  expect(await dana.db.outbox.count()).toBe(0);
});
