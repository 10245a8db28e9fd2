import type { UpdateNeeded } from '../../domain/protocol';

/** What the sync indicator shows. One object, replaced on every change, so React can compare by identity. */
export interface SyncStatus {
  state: 'online' | 'offline' | 'syncing';
  /** The organization's latest seq the server announced, and how far this copy has come. */
  head: number;
  cursor: number;
  lastSyncedAt: number | null;
  /** The last problem, in words, or null. */
  error: string | null;
  /** The server speaks another protocol version: which side needs an update (nothing is sent meanwhile). */
  updateNeeded: UpdateNeeded | null;
  /**
   * While a long catch-up runs (more than CATCH_UP_SHOWN seqs behind when its pull began): the cursor it started
   * from, and how far the copy has come counting the rows already written of the page being written (≥ cursor).
   */
  catchUp: { from: number; written: number } | null;
}

/** Seqs behind the head from which a pull is shown as a catch-up with its progress. */
const CATCH_UP_SHOWN = 500;

/**
 * How far a catch-up has come, 0–99 (never 100 before it ends), of what was left when it began: a console a
 * little behind on a long log starts at 0 %, not at 90 %. Null when no catch-up is shown.
 */
export function catchUpPercent(status: SyncStatus): number | null {
  if (status.state !== 'syncing' || !status.catchUp) return null;
  const { from, written } = status.catchUp;
  const share = (written - from) / Math.max(1, status.head - from);
  return Math.min(99, Math.max(0, Math.floor(share * 100)));
}

export const INITIAL_STATUS: SyncStatus = {
  state: 'offline',
  head: 0,
  cursor: 0,
  lastSyncedAt: null,
  error: null,
  updateNeeded: null,
  catchUp: null,
};

/** A minimal observable (useSyncExternalStore-shaped). */
export class StatusStore {
  private value: SyncStatus = INITIAL_STATUS;
  private readonly listeners = new Set<() => void>();

  get = (): SyncStatus => this.value;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** A pull starting from `cursor`: far enough behind the head, its progress is shown until endCatchUp. */
  beginCatchUp(cursor: number): void {
    if (!this.value.catchUp && this.value.head - cursor > CATCH_UP_SHOWN)
      this.update({ catchUp: { from: cursor, written: cursor } });
  }

  /** How far the rows written so far reach (a page's cursor moves only once the page is in); never backwards. */
  showWritten(written: number): void {
    const { catchUp } = this.value;
    if (catchUp && written > catchUp.written) this.update({ catchUp: { from: catchUp.from, written } });
  }

  endCatchUp(): void {
    this.update({ catchUp: null });
  }

  update(patch: Partial<SyncStatus>): void {
    const next = { ...this.value, ...patch };
    if ((Object.keys(patch) as (keyof SyncStatus)[]).every((key) => this.value[key] === next[key])) return;
    this.value = next;
    for (const listener of this.listeners) listener();
  }
}
