import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useRef } from 'react';
import type { Actor, User } from '../../domain';
import type { DispatchDb, SyncMeta } from '../data/db';
import { readPendingDirectory } from '../data/directoryState';
import { readSavedScreen, saveScreen } from '../data/savedScreen';
import { laneTechnicians, type LaneWindow, type VisitsUnderWay } from '../data/views';
import type { PendingLayer } from './laneData';
import { laneHeight } from './layout';
import { readPendingLayer } from './pendingLayer';

/** What the board draws before its live queries answer: what they would answer, read in one go. */
export interface FirstScreen {
  /** The board's window the lanes' windows are of. */
  from: number;
  to: number;
  technicians: User[];
  layer: PendingLayer;
  underWay: VisitsUnderWay;
  /** The lanes at the top of the board, by technician id. */
  windows: Map<string, LaneWindow>;
  /** The sync cursor it was saved at (the database's at the opening). */
  cursor: number;
}

/**
 * The first screen from the screen the board saved (data/savedScreen.ts), with today's pending commands on
 * top; null when none was saved for this window at the cursor the database is at now. One row instead of
 * every visible lane's own reads (five requests each, hundreds on a full screen): measured, those reads were
 * most of a first paint (bench/README.md, `board`).
 */
export async function readFirstScreen(
  db: DispatchDb,
  actor: Actor,
  from: number,
  to: number,
): Promise<FirstScreen | null> {
  // One read of the pending directory for the technicians and the layer's edited customers.
  const pendingDirectory = readPendingDirectory(db, actor);
  const [saved, directory, layer] = await Promise.all([
    readSavedScreen(db, from, to),
    pendingDirectory,
    readPendingLayer(db, actor, undefined, Date.now(), pendingDirectory),
  ]);
  if (!saved) return null;
  return {
    from,
    to,
    technicians: laneTechnicians(saved.users, directory.users),
    layer,
    underWay: saved.underWay,
    windows: saved.windows,
    cursor: saved.stamp.cursor,
  };
}

/** The technicians whose lanes fill `height` px from the top, at their remembered rows. */
export function lanesFilling(technicians: readonly User[], rowsOf: (key: string) => number, height: number): string[] {
  const ids: string[] = [];
  let filled = 0;
  for (const technician of technicians) {
    if (filled >= height) break;
    ids.push(technician.id);
    filled += laneHeight(rowsOf(technician.id));
  }
  return ids;
}

/** Once the board is quiet, or after a sync write, the screen is saved this long after (then in idle time). */
const SAVE_AFTER_MS = 1_000;
/**
 * At most one save per this long: a busy office writes every few seconds, and a save reads every lane on
 * screen again and writes a row of ~0.2 MB. A console closed within this long of a change opens without a
 * valid screen, and reads its lanes as before. (Nothing is saved as the page goes away: an IndexedDB
 * transaction started then does not outlive the page.)
 */
const SAVE_EVERY_MS = 15_000;
/** Lanes saved below the window's height: a window opened a little taller still finds its lanes. */
const EXTRA_PX = 200;

interface SaverOptions {
  db: DispatchDb;
  organizationId: string;
  from: number;
  to: number;
  /** Nothing is saved before this turns true (the board painted and read the rest): it would compete with them. */
  quiet: boolean;
  /** The screen the board opened with: saved already, at its cursor. */
  opened: FirstScreen | null;
  rowsOf: (key: string) => number;
}

/**
 * Keeps the board's saved screen current: once the board is quiet (painted, the lanes off screen read), then
 * after sync writes, at most every SAVE_EVERY_MS, in idle time; not while it is still what the row holds.
 */
export function useScreenSaver({ db, organizationId, from, to, quiet, opened, rowsOf }: SaverOptions): void {
  const cursor = useLiveQuery(async () => ((await db.meta.get('sync')) as SyncMeta | undefined)?.cursor ?? 0, [db]);
  const latest = useRef({ from, to, rowsOf, cursor });
  latest.current = { from, to, rowsOf, cursor };
  // What the saved row holds, as far as this board knows: nothing to save while the database is still there.
  const saved = useRef(opened && { cursor: opened.cursor, from: opened.from, to: opened.to });
  const lastSaved = useRef(0);
  const scheduled = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const upToDate = useCallback(() => {
    const { current } = saved;
    const now = latest.current;
    return !!current && current.cursor === now.cursor && current.from === now.from && current.to === now.to;
  }, []);
  const save = useCallback(() => {
    if (upToDate()) return;
    lastSaved.current = Date.now();
    const { from: savedFrom, to: savedTo, rowsOf: rows } = latest.current;
    const onScreen = (users: User[]) => lanesFilling(laneTechnicians(users), rows, window.innerHeight + EXTRA_PX);
    // A failed save leaves the last one, which the next opening checks against the cursor anyway.
    void saveScreen(db, organizationId, savedFrom, savedTo, onScreen).then(
      (savedAt) => {
        if (savedAt === undefined) return;
        saved.current = { cursor: savedAt, from: savedFrom, to: savedTo };
        performance.mark('board:screen-saved');
      },
      () => undefined,
    );
  }, [db, organizationId, upToDate]);

  useEffect(() => {
    // A save already waiting reads whatever is current when it runs.
    if (!quiet || cursor === undefined || scheduled.current || upToDate()) return;
    const wait = Math.max(SAVE_AFTER_MS, lastSaved.current + SAVE_EVERY_MS - Date.now());
    scheduled.current = setTimeout(() => {
      const run = () => {
        scheduled.current = undefined;
        save();
      };
      if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 5_000 });
      else run();
    }, wait);
  }, [save, upToDate, quiet, cursor, from, to]);

  useEffect(
    () => () => {
      clearTimeout(scheduled.current);
      scheduled.current = undefined;
    },
    [],
  );
}
