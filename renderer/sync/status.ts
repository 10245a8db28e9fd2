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
}

export const INITIAL_STATUS: SyncStatus = {
  state: 'offline',
  head: 0,
  cursor: 0,
  lastSyncedAt: null,
  error: null,
  updateNeeded: null,
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

  update(patch: Partial<SyncStatus>): void {
    const next = { ...this.value, ...patch };
    if ((Object.keys(patch) as (keyof SyncStatus)[]).every((key) => this.value[key] === next[key])) return;
    this.value = next;
    for (const listener of this.listeners) listener();
  }
}
