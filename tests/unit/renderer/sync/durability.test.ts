import 'fake-indexeddb/auto';
import { liveQuery } from 'dexie';
import { afterEach, expect, test } from 'vitest';
import type { Change } from '../../../../domain/protocol';
import { DispatchDb } from '../../../../renderer/data/db';
import { openDispatchDb } from '../../../../renderer/data/open';
import { readMeta } from '../../../../renderer/data/outbox';
import { applyChanges } from '../../../../renderer/sync/applyChanges';
import { appointment, JOB } from '../fixtures';

const opened: DispatchDb[] = [];
let counter = 0;

afterEach(async () => {
  for (const db of opened.splice(0)) db.close();
});

async function connections() {
  const name = `durability-${process.pid}-${++counter}`;
  const strict = await openDispatchDb(name);
  const relaxed = await openDispatchDb(name, 'relaxed');
  opened.push(strict, relaxed);
  return { strict, relaxed };
}

const durabilityOf = (db: DispatchDb) =>
  (db as unknown as { _options: { chromeTransactionDurability?: string } })._options.chromeTransactionDurability;

test('the outbox connection is strict and the cache connection relaxed, on one database', async () => {
  const { strict, relaxed } = await connections();
  expect(durabilityOf(strict)).toBe('strict');
  expect(durabilityOf(relaxed)).toBe('relaxed');
  expect(durabilityOf(new DispatchDb('never-opened'))).toBe('strict');
  expect(relaxed.name).toBe(strict.name);
});

test('what a pull writes through the relaxed connection reaches the live queries of the strict one, with its cursor', async () => {
  const { strict, relaxed } = await connections();
  await readMeta(strict);
  const seen: number[] = [];
  const watch = liveQuery(() => strict.appointments.count()).subscribe({ next: (count) => seen.push(count) });
  try {
    const visit = appointment({});
    const changes: Change[] = [
      { seq: 7, kind: 'job', id: JOB.id, data: JOB },
      { seq: 7, kind: 'appointment', id: visit.id, data: visit },
    ];
    await applyChanges(relaxed, changes, 7, 'server-1');
    await expect.poll(() => seen.at(-1)).toBe(1);
    // Both connections read the same rows and the same cursor: they moved in one transaction.
    expect(await strict.appointments.get(visit.id)).toEqual(visit);
    expect((await readMeta(strict)).cursor).toBe(7);
  } finally {
    watch.unsubscribe();
  }
});
