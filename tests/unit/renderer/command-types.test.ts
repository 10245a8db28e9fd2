import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { readMeta } from '../../../renderer/data/outbox';
import { danasConsoleEachTest, JOB } from './fixtures';

/**
 * `DispatchCommands.run(name, args)` is typed by the command registry (`CommandArgs`): a wrong name or
 * argument shape does not compile. Each `@ts-expect-error` below is checked by `tsc -b` (tests are in its
 * project) — it fails the type-check when the line compiles. At run time the same calls are refused by
 * the schema, so the types claim nothing the rules do not enforce.
 */
const dana = danasConsoleEachTest();

describe('run(name, args) is checked at compile time', () => {
  test('a wrong name or argument shape is a type error, and refused at run time with nothing queued', async () => {
    const refusals = [
      // @ts-expect-error no such command
      dana.commands.run('job.acept', { jobId: JOB.id }),
      // @ts-expect-error a required argument missing
      dana.commands.run('job.decline', { jobId: JOB.id }),
      // @ts-expect-error an argument the command does not take (schemas are strict)
      dana.commands.run('job.accept', { jobId: JOB.id, note: 'on my way' }),
      // @ts-expect-error a time is epoch milliseconds, not text
      dana.commands.run('appointment.move', { appointmentId: 'apt-started', start: '2031-03-05T15:00:00Z' }),
      // @ts-expect-error nobody sets "canceled" as a status; appointments are canceled by their own command
      dana.commands.run('appointment.setStatus', { appointmentId: 'apt-started', status: 'canceled' }),
      dana.commands.run('appointment.create', {
        id: 'apt-new',
        jobId: JOB.id,
        // @ts-expect-error a technician is named by id
        technicianId: 7,
        start: Date.UTC(2031, 2, 5, 15),
      }),
    ];
    const codes = await Promise.all(
      refusals.map((refusal) =>
        refusal.then(
          () => 'queued',
          (error: { code?: string }) => error.code,
        ),
      ),
    );
    expect(codes).toEqual([
      'UNKNOWN_COMMAND',
      'INVALID_ARGS',
      'INVALID_ARGS',
      'INVALID_ARGS',
      'INVALID_ARGS',
      'INVALID_ARGS',
    ]);
    expect(await dana.db.outbox.count()).toBe(0);
    expect((await readMeta(dana.db)).nextCommandId).toBe(1);
  });

  test('the right shape compiles, with the schema defaults left out, and is queued', async () => {
    const entry = await dana.commands.run('appointment.create', {
      id: 'apt-new',
      jobId: JOB.id,
      technicianId: 'u-tech1',
      start: Date.UTC(2031, 2, 5, 15),
    });
    expect(entry).toMatchObject({ id: 1, name: 'appointment.create', args: { id: 'apt-new', durationMinutes: 120 } });
  });
});
