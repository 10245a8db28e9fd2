import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { watchRead } from '../../../../renderer/kit/steadyRead';
import type { DispatchDb } from '../../../../renderer/data/db';
import { consoleDatabase, dropDatabase, JOB } from '../fixtures';

let db: DispatchDb;
beforeEach(async () => {
  db = await consoleDatabase();
});
afterEach(() => dropDatabase(db));

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
    const stop = watchRead(
      db,
      ['jobs'],
      async () => ++reads,
      () => undefined,
    );
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
