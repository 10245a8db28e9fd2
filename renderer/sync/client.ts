import type { Actor } from '../../domain';
import type { Change } from '../../domain/protocol';
import { DispatchCommands } from '../data/commands';
import { databaseName, type Conflict, type DispatchDb } from '../data/db';
import { openDispatchDb } from '../data/open';
import { readMeta } from '../data/outbox';
import { SyncEngine } from './engine';
import type { SyncEngineOptions } from './engineOptions';
import { lead } from './leader';
import { PresenceStore } from './presence';
import { sharePresence } from './presenceShare';
import { StatusStore } from './status';
import { shareStatus } from './statusShare';
import { shareHeard } from './heardShare';

export interface SyncClientOptions {
  serverUrl: string;
  actor: Actor;
  getToken: () => Promise<string>;
  onRejected?: (conflict: Conflict) => void;
  /** Tests use a name of their own to start from an empty database. */
  databaseName?: string;
  engine?: Partial<SyncEngineOptions>;
}

export interface SyncClient {
  db: DispatchDb;
  commands: DispatchCommands;
  /** The leader's live status, in every window: a follower shows what the leader tells it (statusShare.ts). */
  status: StatusStore;
  /** The other dispatchers online and what they have open; what this one opens or drags is reported here. */
  presence: PresenceStore;
  /** The running engine while this window leads. */
  engine(): SyncEngine | undefined;
  /**
   * Fetches every activity line of a job this console holds only some of (`activityGaps`), through the
   * leader's socket (a follower asks the leader over a BroadcastChannel). Nothing happens offline; a failure
   * leaves the gap for the next ask.
   */
  loadActivity(jobId: string): void;
  /**
   * Hears the changes the leader's engine applies from broadcasts, in every window (a follower hears their
   * activity through heardShare.ts); returns the unsubscribe.
   */
  onBroadcastApplied(listener: (changes: readonly Change[]) => void): () => void;
  close(): Promise<void>;
}

/** Opens the local database, and syncs it whenever this window is the leader. */
export async function openSyncClient(options: SyncClientOptions): Promise<SyncClient> {
  const name = options.databaseName ?? databaseName(options.serverUrl, options.actor.userId ?? 'system');
  const db = await openDispatchDb(name);
  await readMeta(db);
  // A second connection to the same database, relaxed: what a pull can rebuild (confirmed rows and the
  // cursor, moved together) need not wait for the disk; the outbox stays on the strict one.
  const cache = await openDispatchDb(name, 'relaxed');
  const status = new StatusStore();
  const presence = new PresenceStore();
  let engine: SyncEngine | undefined;
  const hearers = new Set<(changes: readonly Change[]) => void>();
  const heard = shareHeard(
    `dispatch-heard:${name}`,
    () => engine !== undefined,
    (changes) => hearers.forEach((hear) => hear(changes)),
    options.actor.userId ?? undefined,
  );
  const resign = lead(`dispatch-sync:${name}`, () => {
    const current = new SyncEngine({
      db,
      cache,
      url: options.serverUrl,
      getToken: options.getToken,
      onRejected: options.onRejected,
      presence,
      onBroadcastApplied: (changes) => {
        hearers.forEach((hear) => hear(changes));
        heard.post(changes);
      },
      ...options.engine,
    });
    engine = current;
    const unsubscribe = current.status.subscribe(() => status.update(current.status.get()));
    // A follower taking over showed the old leader's status: from now on it is this engine's.
    status.update(current.status.get());
    current.start();
    return async () => {
      unsubscribe();
      await current.stop();
      engine = undefined;
    };
  });
  // A follower's drawer asks the leader, which holds the socket, to fetch a job's activity.
  const activityAsks =
    typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel(`dispatch-activity:${name}`);
  const loadActivity = (jobId: string) => {
    if (engine) void engine.loadJobActivity(jobId).catch(() => undefined);
    else activityAsks?.postMessage(jobId);
  };
  if (activityAsks) activityAsks.onmessage = ({ data }: MessageEvent<string>) => engine && loadActivity(data);
  const unshare = sharePresence(presence, `dispatch-presence:${name}`, () => engine !== undefined);
  const unshareStatus = shareStatus(status, `dispatch-status:${name}`, () => engine !== undefined);
  // A follower window cannot see the socket; it leaves the offline mark to the server, which flags any
  // command that arrives long after it was made.
  const commands = new DispatchCommands(db, options.actor, () => engine?.connected ?? true);
  return {
    db,
    commands,
    status,
    presence,
    engine: () => engine,
    loadActivity,
    onBroadcastApplied(listener) {
      hearers.add(listener);
      return () => hearers.delete(listener);
    },
    async close() {
      unshare();
      unshareStatus();
      heard.stop();
      activityAsks?.close();
      await resign();
      cache.close();
      db.close();
    },
  };
}
