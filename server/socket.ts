import type { Server, Socket } from 'socket.io';
import { describeIssues, officeTimeZone, type Actor } from '../domain';
import {
  CHANGES_DEFLATED_EVENT,
  DEFAULT_PULL,
  DEFLATED_CHANGES_ENCODING,
  JobActivityRequest,
  MAX_COALESCED_PULL,
  MAX_PULL,
  PROTOCOL_VERSION,
  PullRequest,
  PushRequest,
  refuseOtherProtocol,
  type Change,
  type ChangesBroadcast,
  type ErrorAnswer,
  type Hello,
  type JobActivityAnswer,
  type PullAnswer,
  type PushAnswer,
} from '../domain/protocol';
import type { TokenIssuer } from './auth';
import type { Directory } from './directory';
import type { Logger } from './log';
import type { Sessions } from './sessions';
import { changesJson, type CommandPipeline } from './pipeline';
import type { Presence } from './presence';
import { ChangesMessage, deflateChanges, encodeChangesFromText } from './changesMessage';
import { coalescedPage } from './pullPage';
import { TokenBucket } from './rateLimit';
import { actorFromToken, SESSION_EXPIRED, type SessionResult } from './session';
import type { Store } from './store/types';

export const PIPELINE_BUSY = 'The server is busy writing other changes; retry in a moment.';
const CHECK_FAILED = 'The server could not process this; it will be retried.';

export const roomOf = (organizationId: string) => `org:${organizationId}`;
/** The sockets of an organization's room that take its broadcasts deflated (they are in `roomOf` too). */
const deflatedRoomOf = (organizationId: string) => `org:${organizationId}:deflated`;
/** Every socket of one user, and of one sign-in session: what ending sessions closes. */
const userRoom = (userId: string) => `user:${userId}`;
const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/**
 * Sends a committed group of changes to everyone who follows the organization. In one process the message is
 * encoded from the JSON the store wrote for each change (changesMessage.ts). Across processes (`clustered`) a
 * broadcast over NOTIFY's 8 KB travels as MessagePack, which turns an absent (undefined) field into null, and
 * the console's schemas tell the two apart: such changes are sent as their JSON reads, exactly what a console
 * connected to this process receives.
 */
export function broadcaster(io: Server, clustered = false) {
  if (clustered)
    return (organizationId: string, changes: Change[]) =>
      io.to(roomOf(organizationId)).emit('changes', {
        changes: JSON.parse(changesJson(changes)) as Change[],
      } satisfies ChangesBroadcast);
  encodeChangesFromText(io);
  const rooms = io.of('/').adapter.rooms;
  return (organizationId: string, changes: Change[]) => {
    const room = roomOf(organizationId);
    const deflated = deflatedRoomOf(organizationId);
    // Each form only when someone takes it: socket.io encodes a broadcast before it looks for its sockets.
    const everyone = rooms.get(room)?.size ?? 0;
    const deflating = rooms.get(deflated)?.size ?? 0;
    if (deflating) io.to(deflated).emit(CHANGES_DEFLATED_EVENT, deflateChanges(changes));
    if (everyone > deflating) io.to(room).except(deflated).emit('changes', new ChangesMessage(changes));
  };
}

/**
 * The socket side of the sync protocol (server/PROTOCOL.md). Every handler validates its payload,
 * answers through the ack (errors included), and never throws: a bad client must not take the
 * process down or write anything.
 */
export function attachSyncHandlers(
  io: Server,
  deps: {
    store: Store;
    directory: Directory;
    pipeline: CommandPipeline;
    tokens: TokenIssuer;
    sessions: Sessions;
    log: Logger;
    clock: () => number;
    presence: Presence;
    limits: { maxSocketsPerUser: number; maxPipelineQueue: number };
    /**
     * Whether a socket may take its broadcasts deflated. Only in one process: the broadcaster that deflates
     * is the single-process one (across processes a broadcast travels through the adapter as JSON).
     */
    deflatedChanges: boolean;
  },
) {
  // Open sockets per user, counted in this process (limits are per server process).
  const socketsOf = new Map<string, number>();
  // A session ended elsewhere (sign-out, a password change, a replayed refresh token) closes its sockets
  // now; rooms rather than a local list, so the close reaches every server process through the adapter.
  deps.sessions.onEnded(({ userId, sessionId, keep }) => {
    const sockets = sessionId
      ? io.in(sessionRoom(sessionId))
      : keep
        ? io.in(userRoom(userId)).except(sessionRoom(keep))
        : io.in(userRoom(userId));
    sockets.disconnectSockets(true);
  });
  const admit = (socket: Socket, session: SessionResult, next: (error?: Error) => void) => {
    if (!session.ok) {
      const error = new Error(session.message) as Error & { data?: unknown };
      error.data = { code: session.code, message: session.message };
      return next(error);
    }
    // Gone while its session was looked up: socket.io drops it without a 'disconnect' to uncount it.
    if (socket.conn.readyState !== 'open') return next(new Error('closed'));
    const open = socketsOf.get(session.actor.userId!) ?? 0;
    if (open >= deps.limits.maxSocketsPerUser) {
      const message = `This account already has ${open} connections open; close a window or another device and retry.`;
      return next(Object.assign(new Error(message), { data: { code: 'RATE_LIMITED', message } }));
    }
    socketsOf.set(session.actor.userId!, open + 1);
    socket.once('disconnect', () => {
      const left = (socketsOf.get(session.actor.userId!) ?? 1) - 1;
      if (left > 0) socketsOf.set(session.actor.userId!, left);
      else socketsOf.delete(session.actor.userId!);
    });
    socket.data.actor = session.actor;
    socket.data.expiresAt = session.expiresAt;
    socket.data.sessionId = session.sessionId;
    next();
  };
  io.use((socket, next) => {
    const auth = (socket.handshake.auth ?? {}) as Record<string, unknown>;
    // The version first: a console of another version may not even send its token the way we read it.
    const otherProtocol = refuseOtherProtocol(auth.protocol);
    if (otherProtocol) return next(Object.assign(new Error(otherProtocol.message), { data: otherProtocol }));
    actorFromToken(auth.token, 'console', deps.tokens, deps.directory, deps.sessions).then(
      (session) => admit(socket, session, next),
      (error: unknown) => {
        deps.log.error({ err: error }, 'socket sign-in check failed');
        const data = { code: 'INTERNAL', message: CHECK_FAILED };
        next(Object.assign(new Error(CHECK_FAILED), { data }));
      },
    );
  });

  io.on('connection', async (socket: Socket) => {
    const actor = socket.data.actor as Actor;
    const organizationId = actor.organizationId!;
    const bucket = new TokenBucket(200, 100);
    const expiry = expireWithToken(socket, deps.clock, () =>
      deps.sessions.isActive(socket.data.sessionId as string | undefined, actor.userId!),
    );
    // Requests are heard from the first moment: one sent before the hello (which waits for the rooms and
    // the head, a database read on PostgreSQL) is answered, not silently dropped.
    const handle = (event: string, fn: (payload: unknown) => Promise<unknown>) => {
      // socket.io passes the ack as the last argument, whatever came before it: `emit('push', ack)` or
      // `emit('push', payload, extra, ack)` must still be answered.
      socket.on(event, async (...args: unknown[]) => {
        const ack = args[args.length - 1];
        const reply = typeof ack === 'function' ? (ack as (answer: unknown) => void) : () => undefined;
        const payload = typeof args[0] === 'function' ? undefined : args[0];
        try {
          if (await expiry.expired()) {
            reply({ error: { code: 'UNAUTHENTICATED', message: SESSION_EXPIRED } } satisfies ErrorAnswer);
            return expiry.end();
          }
          const allowed = bucket.take();
          if (!allowed.ok) {
            return reply({
              error: {
                code: 'RATE_LIMITED',
                message: 'Too many requests; slow down and retry.',
                retryAfterMs: allowed.retryAfterMs,
              },
            } satisfies ErrorAnswer);
          }
          reply(await fn(payload));
        } catch (error) {
          deps.log.error({ err: error, event, userId: actor.userId }, 'socket handler failed');
          reply({ error: { code: 'INTERNAL', message: CHECK_FAILED } } satisfies ErrorAnswer);
        }
      });
    };

    handle('push', async (payload): Promise<PushAnswer | ErrorAnswer> => {
      const parsed = PushRequest.safeParse(payload);
      if (!parsed.success) return { error: { code: 'INVALID_ARGS', message: describeIssues(parsed.error) } };
      // A full queue is answered at once: waiting longer only makes every client's answer later.
      if (deps.pipeline.queued >= deps.limits.maxPipelineQueue)
        return { error: { code: 'RATE_LIMITED', message: PIPELINE_BUSY, retryAfterMs: 500 } };
      return deps.pipeline.submitBatch(actor, parsed.data.clientId, parsed.data.commands);
    });

    handle('pull', async (payload): Promise<PullAnswer | ErrorAnswer> => {
      const parsed = PullRequest.safeParse(payload);
      if (!parsed.success) return { error: { code: 'INVALID_ARGS', message: describeIssues(parsed.error) } };
      const { cursor, limit = DEFAULT_PULL, serverId, coalesce, activityAround } = parsed.data;
      if (!coalesce && limit > MAX_PULL)
        return { error: { code: 'INVALID_ARGS', message: `limit: at most ${MAX_PULL} without coalesce.` } };
      const head = await deps.store.headSeq(organizationId);
      const base = { serverId: deps.store.databaseId, head };
      if (serverId !== undefined && serverId !== deps.store.databaseId)
        return { ...base, reset: true, reason: 'The server was replaced; reload from the start.' };
      if (cursor > head)
        return { ...base, reset: true, reason: 'Your copy is ahead of the server; reload from the start.' };
      if (coalesce) {
        const page = await coalescedPage(deps.store, organizationId, cursor, limit, head, activityAround);
        return { ...base, ...page, more: page.cursor < head };
      }
      const changes = await deps.store.changesAfter(organizationId, cursor, limit);
      const next = changes.length ? changes[changes.length - 1].seq : cursor;
      return { ...base, changes, cursor: next, more: next < head };
    });

    // Every activity line of one job of the organization: a console that holds only some asks when a drawer opens it.
    handle('jobActivity', async (payload): Promise<JobActivityAnswer | ErrorAnswer> => {
      const parsed = JobActivityRequest.safeParse(payload);
      if (!parsed.success) return { error: { code: 'INVALID_ARGS', message: describeIssues(parsed.error) } };
      const job = await deps.store.getJob(parsed.data.jobId);
      if (!job || job.organizationId !== organizationId)
        return { error: { code: 'NOT_FOUND', message: `No job ${parsed.data.jobId} in your organization.` } };
      return { activity: await deps.store.activityOfJob(job.id) };
    });

    // Any other event is ignored, but answered if it asks, so a confused client learns why.
    socket.onAny((event: string, ...rest: unknown[]) => {
      if (event === 'push' || event === 'pull' || event === 'presence' || event === 'jobActivity') return;
      const ack = rest[rest.length - 1];
      if (typeof ack === 'function')
        ack({
          error: { code: 'UNKNOWN_COMMAND', message: `Unknown event ${JSON.stringify(String(event).slice(0, 40))}.` },
        });
    });

    const deflated =
      deps.deflatedChanges && (socket.handshake.auth ?? {}).changesEncoding === DEFLATED_CHANGES_ENCODING;
    // One join, so no broadcast can find the socket in its organization's room but not yet in the deflated one.
    await socket.join([
      roomOf(organizationId),
      userRoom(actor.userId!),
      ...(deflated ? [deflatedRoomOf(organizationId)] : []),
    ]);
    if (socket.data.sessionId) await socket.join(sessionRoom(socket.data.sessionId as string));
    socket.emit('hello', {
      protocol: PROTOCOL_VERSION,
      serverId: deps.store.databaseId,
      userId: actor.userId!,
      organizationId,
      timeZone: officeTimeZone(deps.directory.organization(organizationId)),
      role: actor.role,
      head: await deps.store.headSeq(organizationId),
      coalescedPull: true,
      maxCoalescedPull: MAX_COALESCED_PULL,
      jobActivity: true,
      activityAround: true,
      deflatedChanges: deflated,
    } satisfies Hello);
    deps.presence.attach(socket, { actor, expired: expiry.expired, end: expiry.end });
  });
}

/**
 * A socket lives no longer than the access token it connected with: every request checks it (answered
 * UNAUTHENTICATED, then the socket is closed), and a timer closes an idle socket at expiry so it stops
 * receiving broadcasts too. The console reconnects at once with a refreshed token.
 */
function expireWithToken(socket: Socket, clock: () => number, sessionStands: () => Promise<boolean>) {
  // A session ended elsewhere (sign-out, a password change) counts as expired from the next request. The
  // checks of one socket run one after another, in the order its requests came: a slow lookup must not let
  // a later push reach the pipeline before an earlier one (outbox ids are gapless, server/pipeline).
  let checks: Promise<unknown> = Promise.resolve();
  const expired = (): Promise<boolean> => {
    const check = checks.then(async () => clock() >= (socket.data.expiresAt as number) || !(await sessionStands()));
    checks = check.catch(() => undefined);
    return check;
  };
  // Closed after the answer is written: engine.io flushes its buffer before closing the transport.
  const end = () => void setImmediate(() => socket.disconnect(true));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    timer = setTimeout(
      () => void expired().then((gone) => (gone ? end() : arm()), arm),
      Math.min(Math.max((socket.data.expiresAt as number) - clock(), 0), 2 ** 31 - 1),
    );
  };
  arm();
  socket.once('disconnect', () => clearTimeout(timer));
  return { expired, end };
}
