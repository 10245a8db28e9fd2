import 'fake-indexeddb/auto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import Dexie, { liveQuery, type Table } from 'dexie';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';

/**
 * Dexie 4.4.7's live query kept every mutation since its last run when none concerned it: a lane of the
 * board nobody's visits touched held the keys of every change the office made all day (the 10-minute heap
 * soak grew 10.7 %, bench/README.md). patches/dexie+4.4.7.patch drops them once they cannot matter; these
 * tests hold the live query's promises with the patch in place: told of what concerns it, however much
 * went by that did not, and of a change that lands while it reads.
 */
interface Visit {
  id: string;
  technicianId: string;
  start: number;
}

class Board extends Dexie {
  visits!: Table<Visit, string>;
  constructor(name: string) {
    super(name);
    this.version(1).stores({ visits: 'id, [technicianId+start]' });
  }
}

let db: Board;
let counter = 0;
beforeEach(async () => {
  db = new Board(`live-query-patch-${process.pid}-${++counter}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

/** Luis's lane, as the board reads it, and every answer it was given. */
function watchLuisLane(): { answers: number[][]; stop: () => void } {
  const answers: number[][] = [];
  const subscription = liveQuery(() =>
    db.visits.where('[technicianId+start]').between(['u-luis', Dexie.minKey], ['u-luis', Dexie.maxKey]).toArray(),
  ).subscribe((visits) => answers.push(visits.map((visit) => visit.start)));
  return { answers, stop: () => subscription.unsubscribe() };
}

async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('the live query was not told');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('live queries with the patch', () => {
  test('the Dexie the console bundles carries it (npm install runs patch-package)', async () => {
    const file = createRequire(import.meta.url).resolve('dexie');
    expect(await readFile(file, 'utf8')).toContain('dispatch-console patch');
  });

  test('a lane is told of its own change after a thousand changes to other lanes', async () => {
    const lane = watchLuisLane();
    try {
      await until(() => lane.answers.length === 1);
      for (let index = 0; index < 1_000; index++)
        await db.visits.put({ id: `v-jake-${index}`, technicianId: 'u-jake', start: index });
      expect(lane.answers).toEqual([[]]);
      await db.visits.put({ id: 'v-luis', technicianId: 'u-luis', start: 9 });
      await until(() => lane.answers.length === 2);
      expect(lane.answers[1]).toEqual([9]);
    } finally {
      lane.stop();
    }
  });

  test('a change made as the lane first reads is not lost', async () => {
    await db.visits.bulkPut(
      Array.from({ length: 2_000 }, (_, index) => ({ id: `v-${index}`, technicianId: 'u-luis', start: index })),
    );
    const lane = watchLuisLane();
    try {
      // Made as the first read is scheduled: whether it lands before, during or after that read, the lane ends with it.
      const write = db.visits.put({ id: 'v-late', technicianId: 'u-luis', start: 5_000 });
      await write;
      await until(() => lane.answers.some((answer) => answer.includes(5_000)));
      expect(lane.answers.at(-1)).toHaveLength(2_001);
    } finally {
      lane.stop();
    }
  });
});
