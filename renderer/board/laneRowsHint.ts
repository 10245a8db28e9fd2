/**
 * How many sub-rows each lane had when the board last drew a day, remembered in this browser for the next
 * time it opens on that day. Before a lane has read, the virtualizer places it at its remembered height, so
 * the first screen mounts (and reads) the lanes that will be on it, instead of the lanes that would fit if
 * each had one row — with stacked appointments, half of those end up below the fold once read. Only a
 * layout hint: a wrong one costs a lane that moves when it reads, never wrong data.
 */
const STORAGE_KEY = 'dispatch.board.laneRows';
/** Enough for every lane of a large office; a hint for more is not worth its bytes. */
const MAX_LANES = 500;

interface Remembered {
  /** The board's window (its days' bounds): hints of another day or range do not apply. */
  from: number;
  to: number;
  rows: Record<string, number>;
}

/** The rows remembered for this window; none when the board last drew another one. */
export function loadLaneRows(
  from: number,
  to: number,
  storage: Pick<Storage, 'getItem'> = localStorage,
): Map<string, number> {
  try {
    const remembered = JSON.parse(storage.getItem(STORAGE_KEY) ?? 'null') as Remembered | null;
    if (!remembered || remembered.from !== from || remembered.to !== to) return new Map();
    if (typeof remembered.rows !== 'object' || remembered.rows === null) return new Map();
    return new Map(
      Object.entries(remembered.rows).filter(
        (entry): entry is [string, number] => Number.isInteger(entry[1]) && entry[1] > 0 && entry[1] < 100,
      ),
    );
  } catch {
    return new Map();
  }
}

/** Remembers the lanes' rows for this window, in place of any other window's. */
export function saveLaneRows(
  from: number,
  to: number,
  rows: ReadonlyMap<string, number>,
  storage: Pick<Storage, 'setItem'> = localStorage,
): void {
  const remembered: Remembered = { from, to, rows: Object.fromEntries([...rows].slice(0, MAX_LANES)) };
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify(remembered));
  } catch {
    // Storage full or disabled: the next first paint places lanes at one row, as without a hint.
  }
}
