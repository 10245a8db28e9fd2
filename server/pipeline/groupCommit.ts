import type { Store, Tx } from '../store/types';
import { appendTo, type Publish, type PublishedChanges } from './types';

/** How many queued submissions share one transaction (and one fsync). */
const GROUP_COMMIT_LIMIT = 256;

export type TaskRun<T> = (tx: Tx, published: PublishedChanges) => Promise<T>;

interface Task<T> {
  run: TaskRun<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

/**
 * Submissions queued while a transaction runs are committed together, so the fsync that synchronous=FULL
 * costs is paid once per group, not once per command. Each task runs in its own savepoint: a task that
 * throws undoes only its own writes, and its changes are not published.
 */
export class GroupCommit {
  private readonly queue: Task<unknown>[] = [];
  private draining: Promise<void> | undefined;
  private drainScheduled = false;

  constructor(
    private readonly store: Store,
    private readonly publish: Publish,
  ) {}

  enqueue<T>(run: TaskRun<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ run, resolve, reject } as Task<unknown>);
      this.scheduleDrain();
    });
  }

  /** Submissions waiting for their group (the one being committed not counted). */
  get queued(): number {
    return this.queue.length;
  }

  /** Resolves once every submission made so far is committed or refused (for a graceful shutdown). */
  async idle(): Promise<void> {
    while (this.draining || this.drainScheduled || this.queue.length) {
      await (this.draining ?? new Promise((resolve) => setImmediate(resolve)));
    }
  }

  /**
   * Starts the next group on the next turn of the event loop rather than at once: SQLite calls are
   * synchronous, so a drain started immediately would commit each submission alone before the socket
   * layer reads the next message — no grouping, one fsync and one broadcast per push.
   */
  private scheduleDrain(): void {
    if (this.draining || this.drainScheduled) return;
    this.drainScheduled = true;
    setImmediate(() => {
      this.drainScheduled = false;
      void this.drain();
    });
  }

  private drain(): Promise<void> {
    this.draining ??= this.drainQueue().finally(() => {
      this.draining = undefined;
      // A submission may have arrived between the loop's last check and this line.
      if (this.queue.length) this.scheduleDrain();
    });
    return this.draining;
  }

  private async drainQueue(): Promise<void> {
    while (this.queue.length) {
      const group = this.queue.splice(0, GROUP_COMMIT_LIMIT);
      const published: PublishedChanges = new Map();
      const settled: { ok: boolean; value: unknown }[] = [];
      try {
        await this.store.transaction(async (tx) => {
          for (const task of group) {
            // A task's changes are published only if all of its writes stand.
            const own: PublishedChanges = new Map();
            try {
              settled.push({ ok: true, value: await tx.savepoint(() => task.run(tx, own)) });
              for (const [organizationId, changes] of own) appendTo(published, organizationId, changes);
            } catch (error) {
              settled.push({ ok: false, value: error });
            }
          }
        });
      } catch (error) {
        // The commit itself failed: nothing of the group is durable, so nobody may be told it is.
        group.forEach((task) => task.reject(error));
        continue;
      }
      group.forEach((task, index) =>
        settled[index].ok ? task.resolve(settled[index].value) : task.reject(settled[index].value),
      );
      for (const [organizationId, changes] of published) this.publish(organizationId, changes);
    }
  }
}
