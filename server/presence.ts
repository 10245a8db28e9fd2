import type { RemoteSocket, Server, Socket } from 'socket.io';
import { describeIssues, type Actor } from '../domain';
import {
  PRESENCE_BURST,
  PRESENCE_PER_SECOND,
  PresenceUpdate,
  type ErrorAnswer,
  type PresenceAck,
  type PresenceEntry,
  type PresenceRoster,
} from '../domain/protocol';
import type { Logger } from './log';
import { TokenBucket } from './rateLimit';
import { SESSION_EXPIRED } from './session';

/** Dispatchers of one organization who see each other (server/PROTOCOL.md, "Presence"). */
const PRESENCE_PREFIX = 'presence:';
export const presenceRoomOf = (organizationId: string) => `${PRESENCE_PREFIX}${organizationId}`;

/** What one connection shows the others; kept on the socket's data, so any adapter's fetchSockets reads it. */
interface SocketPresence {
  userId: string;
  name: string;
  viewing: string | null;
  moving: string | null;
}

const NOBODY: PresenceUpdate = { viewing: null, moving: null };

/** What a process tells the others when a roster of `organizationId` may have changed (serverSideEmit). */
const PRESENCE_CHANGED = 'dispatch:presence-changed';
/** A peer that does not answer a roster read within this is skipped for now (it may be dying). */
const FETCH_TIMEOUT_MS = 3_000;
/** How soon a failed roster read is tried again. */
const RETRY_MS = 1_000;
/**
 * Every process re-reads its rooms' rosters this often and sends one only if it differs from the last it
 * sent: a safety net for a signal lost while PostgreSQL restarted (NOTIFY is not kept for the absent).
 */
const REFRESH_MS = 10_000;

interface RoomState {
  running: boolean;
  /** A read is wanted: 'event' sends the roster whatever it holds, 'refresh' only if it changed. */
  pending?: 'event' | 'refresh';
  /** The last roster this process sent to its members of the room, while it showed company. */
  told?: string;
}

/**
 * Presence is ephemeral: it lives on the sockets (`socket.data.presence`), never in the change log or the
 * database. With several server processes (server/fanout.ts) the roster must include every process's
 * dispatchers and must converge, so each process builds the roster for its OWN members: a change on any
 * process is announced to the others (`serverSideEmit`, a tiny message naming the organization), and every
 * process with members in the room reads the room across the cluster (`fetchSockets`) and sends the result
 * to its local members only (`io.local`). Reads of one room run one after another and a read asked for
 * while one runs runs again after it, so the last roster a process sends was read after the last change it
 * heard of: two processes cannot leave each other's dispatchers with a stale roster, as one process
 * broadcasting to all could when two rosters, read at the same moment, cross on the way.
 *
 * A process that dies (kill -9) says nothing. The adapter's heartbeats (server/fanout.ts: every 2 s, gone
 * after 6 s of silence) drop it from the cluster; `fetchSockets` then no longer waits for it nor counts its
 * sockets, and the node-removed hook re-reads every room here (`refreshAll`), so its dispatchers leave the
 * others' rosters within seconds. We chose heartbeats over tracking presence in the database: nothing to
 * clean up after a crash, and no write per drag.
 *
 * Nothing is sent to a dispatcher who is alone: a roster goes out when someone else is in the room, and
 * once more when the last companion leaves.
 */
export class Presence {
  private readonly rooms = new Map<string, RoomState>();
  private readonly timer: ReturnType<typeof setInterval>;
  private closed = false;

  constructor(
    private readonly io: Server,
    private readonly options: { log: Logger; clustered: boolean },
  ) {
    io.on(PRESENCE_CHANGED, (organizationId: unknown) => {
      if (typeof organizationId === 'string') this.schedule(presenceRoomOf(organizationId), 'event');
    });
    this.timer = setInterval(() => this.refreshAll(), REFRESH_MS);
    this.timer.unref();
  }

  /** The presence handler of one console connection. */
  attach(socket: Socket, deps: { actor: Actor; expired: () => Promise<boolean>; end: () => void }): void {
    const { actor } = deps;
    // Technicians do not use the console; enterprise users are not dispatchers and do not appear.
    if (actor.role !== 'dispatcher' || !actor.organizationId || !actor.userId) {
      socket.on('presence', (...args: unknown[]) => {
        const ack = args[args.length - 1];
        if (typeof ack === 'function')
          ack({
            error: { code: 'FORBIDDEN', message: 'Presence is shared among dispatchers only.' },
          } satisfies ErrorAnswer);
      });
      return;
    }
    const organizationId = actor.organizationId;
    const bucket = new TokenBucket(PRESENCE_BURST, PRESENCE_PER_SECOND);
    const own: SocketPresence = { userId: actor.userId, name: actor.name, ...NOBODY };
    socket.data.presence = own;

    void Promise.resolve(socket.join(presenceRoomOf(organizationId))).then(() => this.changed(organizationId));

    socket.on('presence', async (...args: unknown[]) => {
      const ack = args[args.length - 1];
      const reply = typeof ack === 'function' ? (ack as (answer: unknown) => void) : () => undefined;
      let expired: boolean;
      try {
        // One socket's checks finish in the order they were asked (server/socket.ts), so updates keep theirs.
        expired = await deps.expired();
      } catch (error) {
        this.options.log.warn({ err: error, userId: actor.userId }, 'presence session check failed');
        return reply({
          error: { code: 'INTERNAL', message: 'The server could not process this; it will be retried.' },
        } satisfies ErrorAnswer);
      }
      if (expired) {
        reply({ error: { code: 'UNAUTHENTICATED', message: SESSION_EXPIRED } } satisfies ErrorAnswer);
        return deps.end();
      }
      const allowed = bucket.take();
      if (!allowed.ok)
        return reply({
          error: {
            code: 'RATE_LIMITED',
            message: 'Too many presence updates; send them only when they change.',
            retryAfterMs: allowed.retryAfterMs,
          },
        } satisfies ErrorAnswer);
      const parsed = PresenceUpdate.safeParse(typeof args[0] === 'function' ? undefined : args[0]);
      if (!parsed.success)
        return reply({ error: { code: 'INVALID_ARGS', message: describeIssues(parsed.error) } } satisfies ErrorAnswer);
      reply({ ok: true } satisfies PresenceAck);
      if (parsed.data.viewing === own.viewing && parsed.data.moving === own.moving) return;
      own.viewing = parsed.data.viewing;
      own.moving = parsed.data.moving;
      this.changed(organizationId);
    });
    // By 'disconnect' the socket has left its rooms: the roster read then no longer holds it.
    socket.once('disconnect', () => this.changed(organizationId));
  }

  /** Re-reads every room this process has members in, sending only rosters that differ (a peer left). */
  refreshAll(): void {
    for (const room of this.io.of('/').adapter.rooms.keys())
      if (room.startsWith(PRESENCE_PREFIX)) this.schedule(room, 'refresh');
  }

  /** Stops reading and announcing (the server is closing: its sockets' goodbyes need no rosters). */
  close(): void {
    this.closed = true;
    clearInterval(this.timer);
  }

  private changed(organizationId: string): void {
    if (this.closed) return;
    this.schedule(presenceRoomOf(organizationId), 'event');
    if (this.options.clustered) this.io.serverSideEmit(PRESENCE_CHANGED, organizationId);
  }

  private schedule(room: string, reason: 'event' | 'refresh'): void {
    if (this.closed) return;
    let state = this.rooms.get(room);
    if (!state) this.rooms.set(room, (state = { running: false }));
    state.pending = state.pending === 'event' || reason === 'event' ? 'event' : 'refresh';
    if (!state.running) void this.run(room, state);
  }

  private async run(room: string, state: RoomState): Promise<void> {
    state.running = true;
    while (state.pending && !this.closed) {
      const reason = state.pending;
      state.pending = undefined;
      try {
        await this.send(room, state, reason);
      } catch (error) {
        this.options.log.warn({ err: error, room }, 'presence roster not sent; trying again');
        setTimeout(() => this.schedule(room, reason), RETRY_MS).unref();
      }
    }
    state.running = false;
    if (!this.io.of('/').adapter.rooms.has(room) && !state.pending) this.rooms.delete(room);
  }

  private async send(room: string, state: RoomState, reason: 'event' | 'refresh'): Promise<void> {
    // No member here: nobody for this process to tell (the processes that have members tell theirs).
    if (!this.io.of('/').adapter.rooms.get(room)?.size) return void (state.told = undefined);
    const sockets = await this.io.in(room).timeout(FETCH_TIMEOUT_MS).fetchSockets();
    const roster = rosterOf(sockets);
    const key = JSON.stringify(roster);
    if (sockets.length < 2) {
      // Alone: only the news that the last companion left, once.
      if (state.told === undefined) return;
      state.told = undefined;
    } else {
      if (reason === 'refresh' && key === state.told) return;
      state.told = key;
    }
    this.io.local.to(room).emit('presence', roster satisfies PresenceRoster);
  }
}

/** One entry per dispatcher, their connections merged, in name order. */
export function rosterOf(sockets: Pick<RemoteSocket<never, { presence?: SocketPresence }>, 'data'>[]): PresenceRoster {
  const byUser = new Map<string, PresenceEntry>();
  for (const { data } of sockets) {
    const presence = data.presence;
    if (!presence) continue;
    const entry = byUser.get(presence.userId) ?? {
      userId: presence.userId,
      name: presence.name,
      viewing: [],
      moving: [],
    };
    if (presence.viewing && !entry.viewing.includes(presence.viewing)) entry.viewing.push(presence.viewing);
    if (presence.moving && !entry.moving.includes(presence.moving)) entry.moving.push(presence.moving);
    byUser.set(presence.userId, entry);
  }
  return { online: [...byUser.values()].sort((a, b) => a.name.localeCompare(b.name)) };
}
