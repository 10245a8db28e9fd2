import { createAdapter } from '@socket.io/postgres-adapter';
import pg from 'pg';
import type { Server } from 'socket.io';
import { MessageType, type ClusterMessage } from 'socket.io-adapter';
import type { Logger } from './log';
import { DIRECTORY_CHANNEL } from './store/postgres';

/**
 * Several server processes on one PostgreSQL database: socket.io's rooms, broadcasts, `fetchSockets` and
 * `serverSideEmit` reach every process through `@socket.io/postgres-adapter` (NOTIFY, with payloads over
 * NOTIFY's 8 KB in the attachment table), and every process listens for directory changes (organizations,
 * users, reasons) on a channel of our own, so it reloads its in-memory copy at once rather than at its next
 * write (the store's own check), and a sign-in or a REST read on it sees what another process wrote.
 */

/** How often a process says it is alive, and how long its silence means it is gone (kill -9, a cut cable). */
export const HEARTBEAT_MS = 2_000;
export const HEARTBEAT_TIMEOUT_MS = 6_000;
const ATTACHMENTS_TABLE = 'socket_io_attachments';
/** Waiting for a dropped connection to come back: first try after 500 ms, then doubling up to 5 s. */
const RECONNECT_MS = [500, 1_000, 2_000, 5_000];
/** How long a peer's goodbye is remembered, to keep its overtaken messages from bringing it back. */
const GOODBYE_REMEMBERED_MS = 60_000;

export interface Fanout {
  /** `listener` runs when another process leaves (closed, or silent past the heartbeat timeout). */
  onPeerGone(listener: () => void): void;
  /** Stops listening and returns the connections; call it after `io.close()` (which says goodbye to the peers). */
  close(): Promise<void>;
}

export interface FanoutOptions {
  databaseUrl: string;
  log: Logger;
  /** Another process changed the directory (or we may have missed that while reconnecting): reload it. */
  onDirectoryChanged: () => void;
}

/** Attaches the adapter to `io` (before it accepts connections) and starts listening for directory changes. */
export async function startFanout(io: Server, options: FanoutOptions): Promise<Fanout> {
  const log = options.log.child({ component: 'fanout' });
  const pool = resilientPool(options.databaseUrl, log);
  try {
    await createAttachmentsTable(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const directory = await listen(options.databaseUrl, DIRECTORY_CHANNEL, log, {
    // Our own notifications come back too; the store's reload finds nothing new and reads no more.
    onNotification: options.onDirectoryChanged,
    // Notifications sent while we were not listening are lost: reload rather than trust them all missed.
    onReconnected: options.onDirectoryChanged,
  });

  io.adapter(
    createAdapter(pool, {
      tableName: ATTACHMENTS_TABLE,
      heartbeatInterval: HEARTBEAT_MS,
      heartbeatTimeout: HEARTBEAT_TIMEOUT_MS,
      errorHandler: (error) => log.warn({ err: error }, 'a message to the other processes was not sent'),
    }),
  );
  const peerGone: (() => void)[] = [];
  followPeers(io, () => peerGone.forEach((listener) => listener()));

  return {
    onPeerGone: (listener) => void peerGone.push(listener),
    close: async () => {
      await directory.close();
      // io.close() queued the adapter's goodbye on the pool; a query queued after it waits its turn.
      await pool.query('SELECT 1').catch(() => undefined);
      await pool.end();
    },
  };
}

/**
 * A pool that survives PostgreSQL going away (a restart, a failover): an idle client's error is logged
 * instead of crashing the process (pg emits 'error' with no listener otherwise), and a client the adapter
 * holds for LISTEN that dies is handed back, so the pool does not lose a slot on every restart (the
 * adapter reconnects with a new one but never releases the dead one).
 */
function resilientPool(databaseUrl: string, log: Logger): pg.Pool {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4, connectionTimeoutMillis: 5_000 });
  const checkedOut = new WeakSet<pg.PoolClient>();
  pool.on('error', (error) => log.warn({ err: error }, 'an idle PostgreSQL connection of the fan-out failed'));
  pool.on('acquire', (client) => checkedOut.add(client));
  pool.on('release', (_error, client) => checkedOut.delete(client));
  pool.on('connect', (client) => {
    client.on('error', (error) => log.debug({ err: error }, 'a PostgreSQL connection of the fan-out failed'));
    client.once('end', () => {
      if (!checkedOut.has(client)) return;
      try {
        client.release(new Error('the connection ended'));
      } catch (error) {
        // Released meanwhile by its user after all: nothing to hand back.
        log.debug({ err: error }, 'a dead connection was already released');
      }
    });
  });
  return pool;
}

/** The adapter's table for messages over NOTIFY's 8 KB; two processes starting at once must not race on it. */
async function createAttachmentsTable(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('dispatch:${ATTACHMENTS_TABLE}'))`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${ATTACHMENTS_TABLE} (
         id bigserial UNIQUE, created_at timestamptz DEFAULT now(), payload bytea
       )`,
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Two corrections to how the adapter keeps its list of peers, which every `fetchSockets` waits on:
 * - It forgets a peer in `removeNode` (its goodbye, or a heartbeat timeout) and says nothing; the presence
 *   rosters must hear of it, or a killed process's dispatchers would stay "online" on the others.
 * - It counts as alive any process it hears from, and a goodbye can overtake that process's last messages:
 *   each publish is a NOTIFY on whichever pooled connection is free, so PostgreSQL delivers them in commit
 *   order, not in the order they were sent. A roster read sent just before a SIGTERM and heard just after
 *   the goodbye made the stopped process a ghost for the 6 s heartbeat timeout, and every roster read here
 *   waited the 3 s read timeout for its answer: after a rolling restart, dispatchers saw each other late.
 *   A process's id is new at each start, so one that said goodbye never comes back: its late messages are
 *   still handled (a broadcast must reach our consoles), then it is forgotten again.
 */
export function followPeers(io: Server, onGone: () => void): void {
  const adapter = io.of('/').adapter as unknown as {
    removeNode?: (uid: string) => void;
    onMessage?: (message: ClusterMessage, offset?: string) => void;
  };
  const { removeNode, onMessage } = adapter;
  if (typeof removeNode !== 'function' || typeof onMessage !== 'function')
    throw new Error('the socket.io adapter has no removeNode or onMessage to follow');
  const saidGoodbye = new Map<string, number>();
  adapter.removeNode = (uid: string) => {
    removeNode.call(adapter, uid);
    onGone();
  };
  adapter.onMessage = (message: ClusterMessage, offset?: string) => {
    onMessage.call(adapter, message, offset);
    if (message.type === MessageType.ADAPTER_CLOSE) {
      const now = Date.now();
      for (const [uid, at] of saidGoodbye) if (now - at > GOODBYE_REMEMBERED_MS) saidGoodbye.delete(uid);
      saidGoodbye.set(message.uid, now);
    } else if (saidGoodbye.has(message.uid)) {
      // The original, without onGone: the rosters were re-read when it left; this only takes back the count
      // its late message added.
      removeNode.call(adapter, message.uid);
    }
  };
}

/**
 * LISTEN on a connection of its own (a pooled one could be handed to someone else), reconnecting for as
 * long as it is open. The first connection must succeed: a server that cannot reach its database stops.
 */
async function listen(
  databaseUrl: string,
  channel: string,
  log: Logger,
  handlers: { onNotification: () => void; onReconnected: () => void },
): Promise<{ close(): Promise<void> }> {
  let client: pg.Client | undefined;
  let closed = false;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000 });
    next.on('error', (error) => log.warn({ err: error, channel }, 'the LISTEN connection failed'));
    next.on('notification', () => handlers.onNotification());
    // Only an established connection reconnects when it ends; a failed attempt is retried by its caller.
    next.once('end', () => {
      if (client !== next) return;
      client = undefined;
      if (!closed) retry();
    });
    await next.connect();
    await next.query(`LISTEN ${channel}`);
    if (closed) await next.end();
    else client = next;
  };
  const retry = () => {
    clearTimeout(timer);
    timer = setTimeout(
      () =>
        void connect().then(
          () => {
            if (closed) return;
            attempt = 0;
            log.info({ channel }, 'listening again');
            handlers.onReconnected();
          },
          () => retry(),
        ),
      RECONNECT_MS[Math.min(attempt++, RECONNECT_MS.length - 1)],
    );
  };

  await connect();
  return {
    close: async () => {
      closed = true;
      clearTimeout(timer);
      await client?.end().catch(() => undefined);
    },
  };
}
