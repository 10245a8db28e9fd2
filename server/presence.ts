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
export const presenceRoomOf = (organizationId: string) => `presence:${organizationId}`;

/** What one connection shows the others; kept on the socket's data, so any adapter's fetchSockets reads it. */
interface SocketPresence {
  userId: string;
  name: string;
  viewing: string | null;
  moving: string | null;
}

const NOBODY: PresenceUpdate = { viewing: null, moving: null };

/**
 * Presence is ephemeral: it lives on the sockets (`socket.data.presence`), never in the change log or the
 * database, and the roster is read from the room (`fetchSockets`) and sent with a room broadcast
 * (`io.to(room).emit`), so a cross-process adapter carries both. Nothing is sent to a dispatcher who is
 * alone: a roster goes out only when someone else in the room can read it.
 */
export function attachPresence(
  io: Server,
  socket: Socket,
  deps: { actor: Actor; expired: () => Promise<boolean>; end: () => void; log: Logger },
): void {
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
  const room = presenceRoomOf(actor.organizationId);
  const bucket = new TokenBucket(PRESENCE_BURST, PRESENCE_PER_SECOND);
  const own: SocketPresence = { userId: actor.userId, name: actor.name, ...NOBODY };
  socket.data.presence = own;

  const fanOut = (reason: 'joined' | 'changed' | 'left') =>
    announce(io, room, reason).catch((error: unknown) =>
      deps.log.warn({ err: error, room }, 'presence roster not sent'),
    );

  void Promise.resolve(socket.join(room)).then(() => fanOut('joined'));

  socket.on('presence', async (...args: unknown[]) => {
    const ack = args[args.length - 1];
    const reply = typeof ack === 'function' ? (ack as (answer: unknown) => void) : () => undefined;
    let expired: boolean;
    try {
      // One socket's checks finish in the order they were asked (server/socket.ts), so updates keep theirs.
      expired = await deps.expired();
    } catch (error) {
      deps.log.warn({ err: error, userId: actor.userId }, 'presence session check failed');
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
    void fanOut('changed');
  });
  // By 'disconnect' the socket has left its rooms: the roster read then no longer holds it.
  socket.once('disconnect', () => void fanOut('left'));
}

// Rosters of one room are read and sent one after another, so a later roster never overtakes an earlier one.
const sending = new Map<string, Promise<void>>();

function announce(io: Server, room: string, reason: 'joined' | 'changed' | 'left'): Promise<void> {
  const previous = sending.get(room) ?? Promise.resolve();
  const next = previous.then(async () => {
    const sockets = await io.in(room).fetchSockets();
    // Alone (or nobody left to tell): send nothing. A leaver's last companion still learns it is alone.
    if (sockets.length < (reason === 'left' ? 1 : 2)) return;
    io.to(room).emit('presence', rosterOf(sockets) satisfies PresenceRoster);
  });
  const settled = next.catch(() => undefined);
  sending.set(room, settled);
  void settled.then(() => {
    if (sending.get(room) === settled) sending.delete(room);
  });
  return next;
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
