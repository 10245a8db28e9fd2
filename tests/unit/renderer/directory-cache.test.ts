import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { DispatchDb } from '../../../renderer/data/db';
import { directoryLookups } from '../../../renderer/data/directoryCache';
import { danasConsoleEachTest } from './fixtures';

/**
 * A command is judged on technicians, organizations and reasons held in memory (directoryCache.ts). What a
 * dispatcher would notice if the held copy went stale: a move onto a technician who just left the team
 * queued anyway, or one onto a technician who just joined refused. Any committed write to those tables
 * drops the copy, also through the sync engine's own (relaxed) connection.
 */
const console = danasConsoleEachTest();
const TOMORROW_TEN = Date.UTC(2031, 2, 4, 16);

describe('the directory a command is judged on', () => {
  test('is held between commands: a second read returns the same lookups without reading', async () => {
    const first = await directoryLookups(console.db);
    expect(first.technicians.get('u-tech2')?.firstName).toBe('Jake');
    expect(await directoryLookups(console.db)).toBe(first);
  });

  test('a technician who leaves the team through the engine’s connection is refused at the next move', async () => {
    await console.commands.move('apt-scheduled', { technicianId: 'u-tech2' });
    const engine = new DispatchDb(console.db.name, 'relaxed');
    await engine.open();
    try {
      await engine.users.update('u-tech2', { roles: ['dispatcher'] });
      await expect(
        console.commands.move('apt-scheduled', { technicianId: 'u-tech2', start: TOMORROW_TEN }),
      ).rejects.toMatchObject({
        code: 'UNKNOWN_TECHNICIAN',
      });
    } finally {
      engine.close();
    }
  });

  test('a technician who joins is accepted at once, and so is a new complete reason', async () => {
    await expect(console.commands.move('apt-scheduled', { technicianId: 'u-tech3' })).rejects.toMatchObject({
      code: 'UNKNOWN_TECHNICIAN',
    });
    await console.db.users.put({
      id: 'u-tech3',
      organizationId: 'org-coolair',
      firstName: 'Priya',
      lastName: 'Nair',
      email: 'tech3@demo.test',
      roles: ['technician'],
      version: 1,
    });
    await console.commands.move('apt-scheduled', { technicianId: 'u-tech3' });
    await expect(console.commands.complete('apt-scheduled', 'cr-fresh')).rejects.toMatchObject({
      code: 'UNKNOWN_REASON',
    });
    await console.db.completeReasons.put({
      id: 'cr-fresh',
      sourceId: null,
      label: 'Fixed on the phone',
      effect: 'complete',
    });
    await expect(console.commands.complete('apt-scheduled', 'cr-fresh')).resolves.toBeDefined();
    expect((await console.db.outbox.toArray()).map((entry) => entry.name)).toEqual([
      'appointment.move',
      'appointment.complete',
    ]);
  });

  test('each database has its own: a write to one leaves the other’s held copy in place', async () => {
    const other = new DispatchDb(`${console.db.name}-other`);
    await other.open();
    try {
      const held = await directoryLookups(console.db);
      await other.users.put({
        id: 'u-x',
        organizationId: 'org-x',
        firstName: 'X',
        lastName: 'Y',
        email: 'x@y.test',
        roles: [],
        version: 1,
      });
      expect(await directoryLookups(console.db)).toBe(held);
      expect((await directoryLookups(other)).technicians.has('u-x')).toBe(true);
    } finally {
      other.close();
      await DispatchDb.delete(other.name);
    }
  });
});
