import type { AttentionItem, Job } from '../../domain';

/** What the console shows as needing attention at one tick of its clock. */
export interface AttentionSnapshot {
  /** In the panel's order (by kind, oldest first). */
  items: readonly AttentionItem[];
  byJob: ReadonlyMap<string, readonly AttentionItem[]>;
  /** The jobs the items name, as the cache holds them. */
  jobs: ReadonlyMap<string, Job>;
  /** The clock the items were computed at. */
  now: number;
  /** False until the cache has been read once. */
  ready: boolean;
}

const EMPTY: AttentionSnapshot = { items: [], byJob: new Map(), jobs: new Map(), now: 0, ready: false };

/**
 * The attention items as an external store: the badge and panel take every snapshot; a block's or card's
 * mark selects its own job's items as a string (`useAttentionMarks`), so a tick that changes nothing for
 * it re-renders none of the board's hundreds of blocks.
 */
export class AttentionStore {
  private snapshot = EMPTY;
  private readonly listeners = new Set<() => void>();

  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  readonly get = (): AttentionSnapshot => this.snapshot;

  publish(items: readonly AttentionItem[], jobs: ReadonlyMap<string, Job>, now: number): void {
    const byJob = new Map<string, AttentionItem[]>();
    for (const item of items) {
      const list = byJob.get(item.jobId);
      if (list) list.push(item);
      else byJob.set(item.jobId, [item]);
    }
    this.snapshot = { items, byJob, jobs, now, ready: true };
    for (const listener of this.listeners) listener();
  }
}
