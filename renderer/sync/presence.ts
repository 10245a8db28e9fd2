import type { PresenceEntry, PresenceUpdate } from '../../domain/protocol';

/** What the console shows of the other dispatchers. One object, replaced on every change (React compares by identity). */
export interface PresenceView {
  /** `offline`: no connection, so nothing is known of the others (the console says so). */
  state: 'online' | 'offline';
  /** The organization's other dispatchers online now, with what each has open or drags. */
  others: PresenceEntry[];
}

export const PRESENCE_OFFLINE: PresenceView = { state: 'offline', others: [] };
export const NOBODY_HERE: PresenceUpdate = { viewing: null, moving: null };

export function samePresence(a: PresenceUpdate, b: PresenceUpdate): boolean {
  return a.viewing === b.viewing && a.moving === b.moving;
}

/**
 * Presence as one window sees it, and what this dispatcher is doing. Every window has one; the leader's is
 * fed by its socket (presenceLink.ts) and the others' by the leader over a BroadcastChannel (sharePresence),
 * and a follower's own drawer or drag reaches the server through the leader the same way.
 */
export class PresenceStore {
  private value: PresenceView = PRESENCE_OFFLINE;
  private readonly listeners = new Set<() => void>();
  /** What each window of this console says the dispatcher is doing; one socket carries the latest one's. */
  private readonly windows = new Map<string, PresenceUpdate>();
  private latest = 'self';
  private readonly doingListeners = new Set<() => void>();

  get = (): PresenceView => this.value;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  show(view: PresenceView): void {
    if (view === this.value) return;
    this.value = view;
    for (const listener of this.listeners) listener();
  }

  /** What this dispatcher is doing now: what the window that changed it last says. */
  current(): PresenceUpdate {
    return this.windows.get(this.latest) ?? NOBODY_HERE;
  }

  onCurrentChange(listener: () => void): () => void {
    this.doingListeners.add(listener);
    return () => this.doingListeners.delete(listener);
  }

  /** This window (or, in the leader, another window: `by`) opened or closed a job, started or ended a drag. */
  report(patch: Partial<PresenceUpdate>, by = 'self'): void {
    const previous = this.windows.get(by) ?? NOBODY_HERE;
    const next = { ...previous, ...patch };
    if (samePresence(next, previous) && this.latest === by) return;
    this.windows.set(by, next);
    this.latest = by;
    this.changed();
  }

  /** A window that said what it was doing has closed: what it said no longer holds. */
  forget(by: string): void {
    if (!this.windows.delete(by)) return;
    if (this.latest === by) this.latest = 'self';
    this.changed();
  }

  private changed(): void {
    for (const listener of this.doingListeners) listener();
  }
}
