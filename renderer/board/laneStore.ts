import type { DispatchDb } from '../data/db';
import { readLaneWindow, type LaneWindow } from '../data/views';
import { mergeLane, type PendingLayer } from './laneData';
import { buildLane } from './lanes';

interface Cached {
  from: number;
  to: number;
  window: LaneWindow;
}

/** How long one idle slice of hydration may read before yielding (a long task is > 50 ms). */
const SLICE_MS = 12;

/**
 * What the board knows about lanes that are not on screen: their last read (so a lane scrolled into
 * view draws at once, then its own live query takes over) and their number of sub-rows (so the
 * virtualizer knows every lane's height before it is drawn). Filled by visible lanes as they read, and by
 * hydration in idle time after the first paint. Rows and reads are announced apart: a lane's read that leaves
 * every height as it was (the usual case, lanes being placed by hint) must not render the whole timeline again.
 */
export class LaneStore {
  private readonly windows = new Map<string, Cached>();
  private readonly rows = new Map<string, number>();
  private hints: ReadonlyMap<string, number> = new Map();
  /** A lane's rows changed (its height). */
  private readonly rowsChanged = new TaskSignal();
  /** A lane's read arrived. */
  private readonly readArrived = new TaskSignal();
  private version = 0;

  constructor(readonly db: DispatchDb) {}

  window(key: string, from: number, to: number): LaneWindow | undefined {
    const cached = this.windows.get(key);
    return cached && cached.from === from && cached.to === to ? cached.window : undefined;
  }

  has(key: string, from: number, to: number): boolean {
    return this.window(key, from, to) !== undefined;
  }

  put(key: string, from: number, to: number, window: LaneWindow): void {
    const had = this.has(key, from, to);
    this.windows.set(key, { from, to, window });
    if (!had) this.readArrived.announce();
  }

  /** Known rows, else the hint (laneRowsHint.ts), else one. */
  rowsOf(key: string): number {
    return this.rows.get(key) ?? this.hints.get(key) ?? 1;
  }

  /** Rows each lane had when the board last drew this day: where lanes are placed until they read. */
  hintRows(hints: ReadonlyMap<string, number>): void {
    this.hints = hints;
    this.changed();
  }

  /** The rows of every lane read so far, for the next visit's hints. */
  knownRows(): ReadonlyMap<string, number> {
    return this.rows;
  }

  setRows(key: string, rows: number): void {
    const before = this.rowsOf(key);
    this.rows.set(key, rows);
    if (before !== rows) this.changed();
  }

  /** For useSyncExternalStore: a lane's rows changed (its height). Announced at most once per task. */
  subscribe = (listener: () => void): (() => void) => this.rowsChanged.subscribe(listener);

  getVersion = (): number => this.version;

  /** For useSyncExternalStore over `has`: a lane's read arrived. Announced at most once per task. */
  subscribeReads = (listener: () => void): (() => void) => this.readArrived.subscribe(listener);

  private changed(): void {
    this.version++;
    this.rowsChanged.announce();
  }

  /**
   * Reads the lanes not yet known, a few at a time in idle slices, so heights and blocks are ready before
   * the dispatcher scrolls to them; `onDone` once every lane is known. Returns a function that stops it (the
   * range changed, the board closed).
   */
  hydrate(
    keys: readonly string[],
    from: number,
    to: number,
    layer: () => PendingLayer,
    onDone?: () => void,
  ): () => void {
    let stopped = false;
    const pending = keys.filter((key) => !this.has(key, from, to));
    // Truly idle time only: while the dispatcher scrolls or drags, lanes read for themselves as they appear.
    const idle = (callback: () => void) =>
      typeof requestIdleCallback === 'function' ? requestIdleCallback(callback) : setTimeout(callback, 50);
    const step = async () => {
      const sliceStart = performance.now();
      while (!stopped && pending.length && performance.now() - sliceStart < SLICE_MS) {
        const batch = pending.splice(0, 8).filter((key) => !this.has(key, from, to));
        const windows = await Promise.all(batch.map((key) => readLaneWindow(this.db, key, from, to)));
        if (stopped) return;
        batch.forEach((key, index) => {
          this.put(key, from, to, windows[index]);
          // Heights only: a job's status does not move its blocks, so the visits under way are left out.
          const merged = mergeLane(windows[index], layer(), key, from, to, []);
          this.setRows(key, buildLane(key, merged, undefined).rows);
        });
      }
      if (stopped) return;
      if (pending.length) idle(() => void step());
      else {
        performance.mark('board:hydrated');
        onDone?.();
      }
    };
    idle(() => void step());
    return () => {
      stopped = true;
    };
  }
}

/** Listeners told once per task however many times something is announced in it (many lanes answer at once). */
class TaskSignal {
  private readonly listeners = new Set<() => void>();
  private scheduled = false;

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  announce(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      for (const listener of this.listeners) listener();
    });
  }
}
