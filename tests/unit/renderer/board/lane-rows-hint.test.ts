// The rows each lane had when the board last drew a day: where the lanes are placed before they read, so the
// first screen mounts (and reads) the lanes that end up on it. Hints of another window never apply.
import { describe, expect, test } from 'vitest';
import type { DispatchDb } from '../../../../renderer/data/db';
import { loadLaneRows, saveLaneRows } from '../../../../renderer/board/laneRowsHint';
import { LaneStore } from '../../../../renderer/board/laneStore';

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
  };
}

const DAY = { from: 1_000, to: 87_400_000 };

describe('lane rows remembered for a window', () => {
  test('the rows saved for a window are the rows loaded for it', () => {
    const storage = memoryStorage();
    saveLaneRows(
      DAY.from,
      DAY.to,
      new Map([
        ['tech-a', 3],
        ['tech-b', 1],
      ]),
      storage,
    );
    expect(loadLaneRows(DAY.from, DAY.to, storage)).toEqual(
      new Map([
        ['tech-a', 3],
        ['tech-b', 1],
      ]),
    );
  });

  test('another day or another range gets no hints', () => {
    const storage = memoryStorage();
    saveLaneRows(DAY.from, DAY.to, new Map([['tech-a', 3]]), storage);
    expect(loadLaneRows(DAY.to, DAY.to + 86_400_000, storage).size).toBe(0);
    expect(loadLaneRows(DAY.from, DAY.to + 2 * 86_400_000, storage).size).toBe(0);
  });

  test('nothing stored, garbage or nonsense row counts give no hints, and nothing throws', () => {
    const storage = memoryStorage();
    expect(loadLaneRows(DAY.from, DAY.to, storage).size).toBe(0);
    storage.setItem('dispatch.board.laneRows', '{not json');
    expect(loadLaneRows(DAY.from, DAY.to, storage).size).toBe(0);
    storage.setItem('dispatch.board.laneRows', JSON.stringify({ ...DAY, rows: { a: -1, b: 2.5, c: 'x', d: 2 } }));
    expect(loadLaneRows(DAY.from, DAY.to, storage)).toEqual(new Map([['d', 2]]));
  });

  test('a full storage leaves the board without hints, not broken', () => {
    const full = {
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
    };
    expect(() => saveLaneRows(DAY.from, DAY.to, new Map([['a', 2]]), full)).not.toThrow();
  });
});

describe('the lane store places lanes by hint until they read', () => {
  const store = () => new LaneStore({} as DispatchDb);

  test('a hinted lane has its hinted rows, an unknown one a single row, a read one its own', () => {
    const lanes = store();
    lanes.hintRows(new Map([['tech-a', 3]]));
    expect(lanes.rowsOf('tech-a')).toBe(3);
    expect(lanes.rowsOf('tech-b')).toBe(1);
    lanes.setRows('tech-a', 2);
    expect(lanes.rowsOf('tech-a')).toBe(2);
  });

  test('rows read equal to the hint are still known rows, remembered for the next visit', () => {
    const lanes = store();
    lanes.hintRows(new Map([['tech-a', 3]]));
    lanes.setRows('tech-a', 3);
    lanes.setRows('tech-b', 1);
    expect(lanes.knownRows()).toEqual(
      new Map([
        ['tech-a', 3],
        ['tech-b', 1],
      ]),
    );
  });
});
