import type { User } from '../../domain';
import type { DispatchDb, SyncMeta } from './db';
import { readLaneWindow, readVisitsUnderWay, type LaneWindow, type VisitsUnderWay } from './views';

/**
 * Bumped when what a saved screen holds changes shape (a field of LaneWindow, say): a screen saved by an older
 * console is then never drawn, only replaced.
 */
const SCREEN_FORMAT = 1;

/** The sync state a saved screen was read at. */
interface ScreenStamp {
  cursor: number;
  serverId: string | null;
  format: number;
}

/**
 * What the board's first screen drew, confirmed rows only, as one row: the organization's users (the lanes'
 * technicians before pending edits), the visits under way, and the windows of the lanes at the top of the board.
 * Pending commands are never in it: the opening board reads them (they are few), as its live queries do.
 */
export interface SavedScreen {
  key: 'board';
  stamp: ScreenStamp;
  /** The board's window (its days' bounds). */
  from: number;
  to: number;
  users: User[];
  underWay: VisitsUnderWay;
  /** By technician id. */
  windows: Map<string, LaneWindow>;
}

function stampOf(meta: SyncMeta | undefined): ScreenStamp {
  return { cursor: meta?.cursor ?? 0, serverId: meta?.serverId ?? null, format: SCREEN_FORMAT };
}

function sameStamp(a: ScreenStamp, b: ScreenStamp): boolean {
  return a.cursor === b.cursor && a.serverId === b.serverId && a.format === b.format;
}

/**
 * The saved screen of this window, if it is still exactly what the database holds: saved at the cursor the
 * database is at now, from the same server. Confirmed rows change only in a transaction that moves the cursor
 * (applyChanges.ts) or in a reset (which clears saved screens with the rest), so an equal cursor means equal rows.
 */
export async function readSavedScreen(db: DispatchDb, from: number, to: number): Promise<SavedScreen | undefined> {
  return db.transaction('r', [db.meta, db.screens], async () => {
    const [meta, saved] = await Promise.all([
      db.meta.get('sync') as Promise<SyncMeta | undefined>,
      db.screens.get('board'),
    ]);
    if (!saved || saved.from !== from || saved.to !== to) return undefined;
    return sameStamp(saved.stamp, stampOf(meta)) ? saved : undefined;
  });
}

/**
 * Reads what the board's first screen shows, in ONE read transaction with the cursor it stamps it with (rows and
 * stamp can never disagree), and saves it in place of any earlier one, unless the cursor has moved meanwhile.
 * Resolves the cursor it saved at; undefined when it did not save. `onScreen` picks the technicians whose
 * lanes are on the first screen from the organization's users.
 */
export async function saveScreen(
  db: DispatchDb,
  organizationId: string,
  from: number,
  to: number,
  onScreen: (users: User[]) => string[],
): Promise<number | undefined> {
  const screen = await db.transaction(
    'r',
    [db.meta, db.users, db.appointments, db.jobs, db.customers, db.notes],
    async (): Promise<SavedScreen> => {
      const meta = (await db.meta.get('sync')) as SyncMeta | undefined;
      const users = await db.users.where('organizationId').equals(organizationId).toArray();
      const ids = onScreen(users);
      const [underWay, windows] = await Promise.all([
        readVisitsUnderWay(db),
        Promise.all(ids.map((id) => readLaneWindow(db, id, from, to))),
      ]);
      return {
        key: 'board',
        stamp: stampOf(meta),
        from,
        to,
        users,
        underWay,
        windows: new Map(ids.map((id, index) => [id, windows[index]])),
      };
    },
  );
  // Only if the database is still where the read was: a sync write since would make it stale on arrival.
  return db.transaction('rw', [db.meta, db.screens], async () => {
    if (!sameStamp(screen.stamp, stampOf((await db.meta.get('sync')) as SyncMeta | undefined))) return undefined;
    await db.screens.put(screen);
    return screen.stamp.cursor;
  });
}
