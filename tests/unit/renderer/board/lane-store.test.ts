// The lane store announces a lane's read and a change of a lane's rows apart: the timeline renders again for
// new heights, while a read that leaves every height as it was only tells whoever waits for the lanes on
// screen to have drawn (the board's first paint).
import { describe, expect, test } from 'vitest';
import type { DispatchDb } from '../../../../renderer/data/db';
import type { LaneWindow } from '../../../../renderer/data/views';
import { LaneStore } from '../../../../renderer/board/laneStore';

const DAY = { from: 1_000, to: 87_400_000 };
const EMPTY: LaneWindow = { appointments: [], jobs: [], siblings: [], customers: [], notes: [] };

function watched() {
  const store = new LaneStore({} as DispatchDb);
  const heard = { rows: 0, reads: 0 };
  store.subscribe(() => heard.rows++);
  store.subscribeReads(() => heard.reads++);
  return { store, heard };
}

/** Announcements wait for the end of the task (a microtask). */
const settled = () => new Promise<void>((resolve) => queueMicrotask(resolve));

describe('the lane store tells reads and rows apart', () => {
  test("a lane's first read is announced to the readers, not to the rows' subscribers", async () => {
    const { store, heard } = watched();
    store.put('tech-a', DAY.from, DAY.to, EMPTY);
    await settled();
    expect(store.has('tech-a', DAY.from, DAY.to)).toBe(true);
    expect(heard).toEqual({ rows: 0, reads: 1 });
  });

  test('reads in one task are announced once; a read again of a known lane not at all', async () => {
    const { store, heard } = watched();
    store.put('tech-a', DAY.from, DAY.to, EMPTY);
    store.put('tech-b', DAY.from, DAY.to, EMPTY);
    await settled();
    store.put('tech-a', DAY.from, DAY.to, EMPTY);
    await settled();
    expect(heard.reads).toBe(1);
  });

  test('rows as hinted change no height; other rows are announced to the rows subscribers', async () => {
    const { store, heard } = watched();
    store.hintRows(new Map([['tech-a', 2]]));
    await settled();
    const afterHint = heard.rows;
    store.setRows('tech-a', 2);
    await settled();
    expect(heard.rows).toBe(afterHint);
    store.setRows('tech-a', 3);
    await settled();
    expect(heard.rows).toBe(afterHint + 1);
    expect(heard.reads).toBe(0);
  });
});
