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

/**
 * The board hands a move the block's job. The job's rows are then read beside the first reads instead of
 * after a lookup of the appointment (one IndexedDB round trip fewer on every drop), and the hint is
 * believed only when those rows hold the appointment.
 */
describe('a move given its job', () => {
  /** Every read the call makes, as `call`/`done` events in the order they happen. */
  async function readsOf(work: () => Promise<unknown>): Promise<string[]> {
    const events: string[] = [];
    const restore: (() => void)[] = [];
    // The tables the code calls (`db.jobs`…), not `db.tables`: Dexie keeps those as other objects.
    for (const table of db.tables.map(({ name }) => (db as unknown as Record<string, typeof db.jobs>)[name])) {
      const core = table.core;
      const watched = { ...core };
      for (const op of ['get', 'getMany', 'query', 'openCursor', 'count'] as const) {
        const down = core[op] as (request: unknown) => Promise<unknown>;
        (watched as Record<string, unknown>)[op] = async (request: unknown) => {
          events.push(`call ${table.name}.${op}`);
          try {
            return await down.call(core, request);
          } finally {
            events.push(`done ${table.name}.${op}`);
          }
        };
      }
      table.core = watched;
      restore.push(() => (table.core = core));
    }
    try {
      await work();
    } finally {
      for (const undo of restore) undo();
    }
    return events;
  }

  /** Whether the job's row was asked for before any read had come back. */
  const jobReadInFirstWave = (events: string[]) =>
    events.indexOf('call jobs.get') >= 0 &&
    events.indexOf('call jobs.get') < events.findIndex((event) => event.startsWith('done'));

  test('reads the job with the first reads, and queues the same entry as without the hint', async () => {
    const commands = new DispatchCommands(db, DANA);
    const start = Date.UTC(2031, 2, 4, 17);
    const without = await readsOf(() => commands.move('apt-scheduled', { start }));
    const given = await readsOf(() => commands.move('apt-scheduled', { start: start + 3_600_000 }, { jobId: JOB.id }));
    expect(jobReadInFirstWave(without)).toBe(false);
    expect(jobReadInFirstWave(given)).toBe(true);
    const entries = await db.outbox.orderBy('id').toArray();
    expect(entries.map(({ jobId, appointmentIds, args }) => ({ jobId, appointmentIds, args }))).toEqual([
      { jobId: JOB.id, appointmentIds: [], args: { appointmentId: 'apt-scheduled', start, expectedVersion: 9 } },
      {
        jobId: JOB.id,
        appointmentIds: [],
        args: { appointmentId: 'apt-scheduled', start: start + 3_600_000, expectedVersion: 9 },
      },
    ]);
  });

  test('a wrong job is not believed: the verdict and the entry are the appointment’s own job’s', async () => {
    await db.jobs.put({ ...JOB, id: 'job-2', title: 'Other job' });
    const commands = new DispatchCommands(db, DANA);
    await expect(
      commands.move('apt-started', { start: Date.UTC(2031, 2, 5, 15) }, { jobId: 'job-2' }),
    ).rejects.toMatchObject({
      code: 'INVALID_TRANSITION',
    });
    await expect(
      commands.move('apt-unknown', { start: Date.UTC(2031, 2, 5, 15) }, { jobId: JOB.id }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expectNothingQueued();
    const entry = await commands.move('apt-scheduled', { start: Date.UTC(2031, 2, 4, 17) }, { jobId: 'job-2' });
    expect(entry).toMatchObject({ jobId: JOB.id });
  });

  test('an appointment a pending command creates is found in its job’s pending rows', async () => {
    const commands = new DispatchCommands(db, DANA);
    const created = await commands.schedule(JOB.id, { technicianId: 'u-tech2', start: Date.UTC(2031, 2, 6, 15) });
    const events = await readsOf(() => commands.move(created, { start: Date.UTC(2031, 2, 6, 17) }, { jobId: JOB.id }));
    expect(jobReadInFirstWave(events)).toBe(true);
    const entries = await db.outbox.orderBy('id').toArray();
    expect(
      entries.map(({ name, jobId, args }) => [name, jobId, (args as { expectedVersion?: number }).expectedVersion]),
    ).toEqual([
      ['appointment.create', JOB.id, undefined],
      ['appointment.move', JOB.id, 0],
    ]);
  });
});
