import type { ManagerOptions, SocketOptions } from 'socket.io-client';
import type { Change } from '../../domain/protocol';
import type { Conflict, DispatchDb } from '../data/db';
import type { PresenceStore } from './presence';

/** What a SyncEngine is given: its database, its server, how to get a token, and its tuning. */
export interface SyncEngineOptions {
  /** The strict connection: the outbox, conflicts, push answers and resets go through it. */
  db: DispatchDb;
  /**
   * A relaxed connection to the same database for what a pull can rebuild: confirmed rows and the cursor,
   * always written together (docs/ARCHITECTURE.md, "What a console holds offline"). Default: `db`.
   */
  cache?: DispatchDb;
  url: string;
  /**
   * A valid access token; called on every (re)connect so an expired one can be refreshed. `refresh` says
   * the server refused the last one (it expired or was revoked): get a new one even if it looks valid.
   */
  getToken: (options?: { refresh?: boolean }) => Promise<string>;
  /** Told about every command the server refused, after it is in the conflicts list. */
  onRejected?: (conflict: Conflict) => void;
  pushBatch?: number;
  /**
   * How many pushes may await their answer at once (default 2): the server applies the next batches
   * while earlier answers are written to IndexedDB. 1 = one at a time.
   */
  pushesInFlight?: number;
  /** Log rows per pull page (default MAX_PULL: fewer, larger transactions while catching up). */
  pullLimit?: number;
  /**
   * Behind the head by more than this many seqs (default 10,000), a catch-up takes the largest pages the
   * server offers and leaves the activity of jobs outside the window around today on the server (activityWindow.ts).
   */
  farBehind?: number;
  ackTimeoutMs?: number;
  /**
   * While connected and idle, pull this often (default 30 s; 0 = never). A broadcast lost on a live
   * connection is otherwise only noticed at the next change, gap or reconnect.
   */
  idlePullMs?: number;
  socketOptions?: Partial<ManagerOptions & SocketOptions>;
  /** Where the other dispatchers' presence is shown and this one's is read (server/PROTOCOL.md, "Presence"). */
  presence?: PresenceStore;
  /** Told, after they are written, of the changes applied from broadcasts (never of pulled pages). */
  onBroadcastApplied?: (changes: readonly Change[]) => void;
  /** The protocol version this console announces (default PROTOCOL_VERSION; tests speak others). */
  protocolVersion?: number;
}
