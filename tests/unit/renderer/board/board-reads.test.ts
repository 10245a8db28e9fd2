import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { EMPTY_LAYER } from '../../../../renderer/board/laneData';
import { LaneStore } from '../../../../renderer/board/laneStore';
import { watchRead } from '../../../../renderer/board/useSteadyRead';
import type { DispatchDb } from '../../../../renderer/data/db';
import { readLaneWindow } from '../../../../renderer/data/views';
import { appointment, consoleDatabase, dropDatabase, JOB } from '../fixtures';

let db: DispatchDb;
beforeEach(async () => {
  db = await consoleDatabase();
});
afterEach(() => dropDatabase(db));

const FROM = Date.UTC(2031, 2, 3, 6);
const TO = Date.UTC(2031, 2, 4, 6);

describe('the lanes on screen read in one batch before the first paint (LaneStore.prime)', () => {
  test('puts every lane at once, with its rows, in one notification, as each lane would read it', async () => {
    // Two overlapping visits on Luis's lane: two rows.
    await db.appointments.put(appointment({ id: 'apt-overlap', start: Date.UTC(2031, 2, 3, 16) }));
    const store = new LaneStore(db);
    let notified = 0;
    store.subscribe(() => notified++);
    await store.prime(['u-tech1', 'u-tech2'], FROM, TO, () => EMPTY_LAYER);
    await Promise.resolve();
    expect(notified).toBe(1);
    expect(store.window('u-tech1', FROM, TO)).toEqual(await readLaneWindow(db, 'u-tech1', FROM, TO));
    expect(store.window('u-tech1', FROM, TO)!.appointments.map((row) => row.id).sort()).toEqual([
      'apt-overlap',
      'apt-started',
    ]);
    expect(store.rowsOf('u-tech1')).toBe(2);
    expect(store.window('u-tech2', FROM, TO)!.appointments).toEqual([]);
    expect(store.rowsOf('u-tech2')).toBe(1);
  });

  test('reads nothing for lanes already known', async () => {
    const store = new LaneStore(db);
    await store.prime(['u-tech1'], FROM, TO, () => EMPTY_LAYER);
    const known = store.window('u-tech1', FROM, TO);
    await db.appointments.delete('apt-started');
    await store.prime(['u-tech1'], FROM, TO, () => EMPTY_LAYER);
    expect(store.window('u-tech1', FROM, TO)).toBe(known);
  });
});

describe('a read that answers under a stream of changes (watchRead)', () => {
  test('every read answers, and a change during a read brings exactly one more read', async () => {
    const answers: string[] = [];
    let reads = 0;
    let release: (() => void) | undefined;
    const stop = watchRead(
      db,
      ['jobs'],
      async () => {
        reads++;
        const job = await db.jobs.get(JOB.id);
        // The first read is held until three changes have been written meanwhile.
        if (reads === 1) await new Promise<void>((resolve) => (release = resolve));
        return job!.title;
      },
      (title) => answers.push(title),
    );
    await waitFor(() => release !== undefined);
    for (const title of ['One', 'Two', 'Three']) await db.jobs.update(JOB.id, { title });
    release!();
    await waitFor(() => answers.length === 2);
    // The held read is answered (a live query would have dropped it), then one read for the three changes.
    expect(answers).toEqual(['No heat', 'Three']);
    expect(reads).toBe(2);
    stop();
    await db.jobs.update(JOB.id, { title: 'Four' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(reads).toBe(2);
  });

  test('changes to other tables read nothing', async () => {
    let reads = 0;
    const stop = watchRead(db, ['jobs'], async () => ++reads, () => undefined);
    await waitFor(() => reads === 1);
    await db.customers.update('cus-1', { firstName: 'Marie' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(reads).toBe(1);
    stop();
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let tries = 0; !condition(); tries++) {
    if (tries > 200) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
