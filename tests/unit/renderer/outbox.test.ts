import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { DispatchCommands } from '../../../renderer/data/commands';
import type { DispatchDb } from '../../../renderer/data/db';
import { CommandRejected, enqueueCommand, readMeta } from '../../../renderer/data/outbox';
import { consoleDatabase, DANA, dropDatabase, JOB } from './fixtures';

/**
 * The console refuses an impossible action at once, with the code and message the server would give,
 * and queues nothing: no outbox entry, no command id used up (ids must stay gapless per client).
 */
let db: DispatchDb;
beforeEach(async () => {
  db = await consoleDatabase();
});
afterEach(() => dropDatabase(db));

async function expectNothingQueued() {
  expect(await db.outbox.count()).toBe(0);
  expect((await readMeta(db)).nextCommandId).toBe(1);
}

describe('enqueueCommand', () => {
  test('refuses to move a started appointment with the domain code and message, and writes nothing', async () => {
    const refusal = await enqueueCommand(
      db,
      DANA,
      'appointment.move',
      { appointmentId: 'apt-started', start: Date.UTC(2031, 2, 5, 15) },
      true,
    ).catch((error) => error);
    expect(refusal).toBeInstanceOf(CommandRejected);
    expect(refusal).toMatchObject({
      code: 'INVALID_TRANSITION',
      message: 'Luis Herrera started this appointment at 10:02 AM; it can no longer be moved.',
    });
    await expectNothingQueued();
  });

  test('the command API refuses the same way (what the board calls on a drop)', async () => {
    const commands = new DispatchCommands(db, DANA);
    await expect(commands.move('apt-started', { start: Date.UTC(2031, 2, 5, 15) })).rejects.toMatchObject({
      code: 'INVALID_TRANSITION',
      message: expect.stringMatching(/started this appointment at 10:02 AM/),
    });
    await expect(commands.cancelAppointment('apt-started')).rejects.toMatchObject({
      code: 'INVALID_TRANSITION',
      message: 'Luis Herrera started this appointment at 10:02 AM; it can no longer be canceled.',
    });
    await expect(commands.setStatus('apt-started', 'enroute')).rejects.toMatchObject({
      code: 'INVALID_TRANSITION',
      message: 'This appointment is started; it cannot be set to On My Way.',
    });
    await expect(commands.complete('apt-started', 'cr-made-up')).rejects.toMatchObject({ code: 'UNKNOWN_REASON' });
    await expect(
      commands.schedule(JOB.id, { technicianId: 'u-nobody', start: Date.UTC(2031, 2, 5, 15) }),
    ).rejects.toMatchObject({ code: 'UNKNOWN_TECHNICIAN' });
    await expect(commands.move('apt-unknown', { start: Date.UTC(2031, 2, 5, 15) })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(commands.move('apt-scheduled', {})).rejects.toMatchObject({ code: 'INVALID_ARGS' });
    await expectNothingQueued();
  });

  test('a refusal after accepted commands leaves those in place and the ids gapless', async () => {
    const commands = new DispatchCommands(db, DANA);
    await commands.move('apt-scheduled', { start: Date.UTC(2031, 2, 4, 17) });
    await expect(commands.move('apt-started', { technicianId: 'u-tech2' })).rejects.toBeInstanceOf(CommandRejected);
    await commands.setStatus('apt-scheduled', 'enroute', { etaMinutes: 10 });
    // Moving it now is refused against what the dispatcher sees (On My Way is pending, not confirmed).
    await expect(commands.move('apt-scheduled', { start: Date.UTC(2031, 2, 4, 18) })).rejects.toMatchObject({
      code: 'INVALID_TRANSITION',
    });
    const entries = await db.outbox.orderBy('id').toArray();
    expect(entries.map((entry) => [entry.id, entry.name])).toEqual([
      [1, 'appointment.move'],
      [2, 'appointment.setStatus'],
    ]);
    // The first move carries the confirmed version it was made on.
    expect(entries[0].args).toMatchObject({ expectedVersion: 9 });
    expect((await readMeta(db)).nextCommandId).toBe(3);
  });
});

/**
 * Each IndexedDB transaction a call opens waits its turn behind the sync engine's writes over the same
 * tables: a move (and a cancel) reads the version it carries and queues the command in one (bench/README.md,
 * `client`: call → durable outbox write).
 */
describe('one transaction per command', () => {
  async function transactionsOpenedBy(work: () => Promise<unknown>): Promise<string[][]> {
    // Dexie opens every IndexedDB transaction through its core (bound to the IDBDatabase when it opened).
    const core = db.core;
    const open = core.transaction;
    const opened: string[][] = [];
    core.transaction = (stores, mode, options) => {
      opened.push([mode, ...stores]);
      return open(stores, mode, options);
    };
    try {
      await work();
    } finally {
      core.transaction = open;
    }
    return opened;
  }

  test('a move and a cancel each open one read-write transaction, and carry the version seen', async () => {
    const commands = new DispatchCommands(db, DANA);
    const move = await transactionsOpenedBy(() => commands.move('apt-scheduled', { start: Date.UTC(2031, 2, 4, 17) }));
    expect(move.map(([mode]) => mode)).toEqual(['readwrite']);
    const cancel = await transactionsOpenedBy(() => commands.cancelAppointment('apt-scheduled'));
    expect(cancel.map(([mode]) => mode)).toEqual(['readwrite']);
    const entries = await db.outbox.orderBy('id').toArray();
    expect(
      entries.map((entry) => [entry.id, entry.name, (entry.args as { expectedVersion?: number }).expectedVersion]),
    ).toEqual([
      [1, 'appointment.move', 9],
      [2, 'appointment.cancel', 9],
    ]);
  });

  test('a refused move opens one transaction and leaves nothing behind', async () => {
    const commands = new DispatchCommands(db, DANA);
    const opened = await transactionsOpenedBy(() =>
      commands.move('apt-started', { start: Date.UTC(2031, 2, 5, 15) }).catch((error: unknown) => error),
    );
    expect(opened).toHaveLength(1);
    await expectNothingQueued();
  });
});
