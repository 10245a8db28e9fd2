import { liveQuery, type Subscription } from 'dexie';
import { io, type Socket } from 'socket.io-client';
import {
  CHANGES_DEFLATED_EVENT,
  DEFLATED_CHANGES_ENCODING,
  PROTOCOL_MISMATCH,
  PROTOCOL_VERSION,
  UNVERSIONED_PROTOCOL,
  UPDATE_NEEDED_WORDS,
  updateNeeded,
  type Change,
  type ChangesBroadcast,
  type HandshakeRefusal,
  type Hello,
  type JobActivityAnswer,
  type JobActivityRequest,
  type PullAnswer,
  type PullRequest,
  type PushAnswer,
  type PushRequest,
  type UpdateNeeded,
} from '../../domain/protocol';
import type { DispatchDb, SyncMeta } from '../data/db';
import { fillActivityGap } from './activityWindow';
import { readMeta } from '../data/outbox';
import { AnswerError, emitForAnswer } from './answers';
import { applyChanges, resetConfirmedState, syncTables, writeChanges } from './applyChanges';
import { inflateChanges } from './deflatedChanges';
import { takeContinuation } from './inbox';
import { flushOutbox, type AnsweredPush } from './outboxFlush';
import { recordPushResults, type RecordedResults } from './pushResults';
import type { SyncEngineOptions } from './engineOptions';
import { linkPresence } from './presenceLink';
import { NOTHING_OFFERED, pageShape, pullOfferOf, pullRequest, type PageShape, type PullOffer } from './pullOffer';
import { PullPageSize } from './pullPageSize';
import { StatusStore } from './status';

/** After meeting a server of another protocol version, look again this often (it may have been updated). */
const VERSION_RECHECK_MS = 60_000;

/**
 * Keeps one local database in step with the server (docs/ARCHITECTURE.md §3): pull from the cursor on every
 * (re)connect, on any gap and now and then while idle, push the outbox in order and in batches, apply
 * broadcasts that continue the cursor. Only one engine per database runs at a time (see leader.ts). Every
 * network step may fail at any point; the outbox, the cursor and idempotent resends make retrying always
 * safe.
 */
export class SyncEngine {
  readonly status = new StatusStore();
  private socket: Socket | undefined;
  private outboxWatch: Subscription | undefined;
  private readonly inbox: Change[][] = [];
  /** Broadcast changes the transaction in progress applied; told to onBroadcastApplied once it commits. */
  private heard: Change[] = [];
  private needsPull = true;
  private running: Promise<void> | undefined;
  private again = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private retryDelay = 250;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  /** The cycle about to run was started by the idle timer only (the indicator need not say "syncing"). */
  private idleCheck = false;
  private stopped = false;
  /** The server refused our token: the next handshake asks for a refreshed one. */
  private tokenRefused = false;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  /**
   * The server's `hello` on this connection named our protocol version. Nothing is sent before: a server
   * of another version may misread anything (server/PROTOCOL.md, "Versions").
   */
  private greeted = false;
  private versionTimer: ReturnType<typeof setTimeout> | undefined;
  /** What this connection's server answers (its hello). */
  private offer: PullOffer = NOTHING_OFFERED;
  private readonly pageSize = new PullPageSize();
  private unlinkPresence: (() => void) | undefined;

  constructor(private readonly options: SyncEngineOptions) {}

  /** Where pulled changes and broadcasts are written with the cursor (relaxed when the client gave one). */
  private get cache() {
    return this.options.cache ?? this.options.db;
  }

  start(): void {
    const { url, getToken } = this.options;
    const protocol = this.protocol;
    const socket = io(url, {
      // A connection of this engine's own. Without it socket.io-client keeps the first connection to each
      // address in a module-wide cache for the life of the page, with its options: the auth callback, and
      // through it this engine and both its databases, long after sign-out closed them.
      forceNew: true,
      transports: ['websocket'],
      reconnectionDelay: 250,
      reconnectionDelayMax: 5_000,
      auth: (callback) => {
        const asks = { protocol, changesEncoding: DEFLATED_CHANGES_ENCODING };
        void getToken({ refresh: this.tokenRefused }).then(
          (token) => callback({ token, ...asks }),
          () => callback(asks),
        );
      },
      ...this.options.socketOptions,
    });
    this.socket = socket;
    if (this.options.presence) this.unlinkPresence = linkPresence(socket, this.options.presence, protocol);
    // Syncing starts with the server's hello, once its version is known to be ours.
    socket.on('connect', () => {
      this.tokenRefused = false;
      this.greeted = false;
      this.needsPull = true;
      this.retryDelay = 250;
    });
    socket.on('disconnect', (reason) => {
      this.greeted = false;
      clearTimeout(this.idleTimer);
      // The server closes a socket only when its token expired (or was revoked): reconnect at once with
      // a refreshed one. The outbox waits meanwhile, so the dispatcher sees "syncing", not "offline".
      if (reason === 'io server disconnect' && !this.stopped) {
        this.tokenRefused = true;
        this.status.update({ state: 'syncing' });
        socket.connect();
        return;
      }
      this.status.update({ state: 'offline' });
    });
    socket.on('connect_error', (error: Error & { data?: Partial<HandshakeRefusal> }) => {
      const refusal = error.data;
      if (refusal?.code === PROTOCOL_MISMATCH) return this.cannotTalk(refusal.protocol, refusal.message);
      this.status.update({
        state: 'offline',
        error: refusal?.message ?? 'The server cannot be reached; your changes are saved on this computer.',
      });
      // A refused handshake is not retried by socket.io itself: try again (with a refreshed token when
      // the token was the reason; later when the account has too many connections open).
      if (!socket.active && !this.stopped) {
        if (refusal?.code === 'UNAUTHENTICATED') this.tokenRefused = true;
        clearTimeout(this.reconnectTimer);
        this.reconnectTimer = setTimeout(() => socket.connect(), this.retryDelay);
        this.retryDelay = Math.min(this.retryDelay * 2, 10_000);
      }
    });
    socket.on('hello', (hello: Hello) => {
      if (updateNeeded(protocol, hello.protocol ?? UNVERSIONED_PROTOCOL))
        return this.cannotTalk(hello.protocol ?? UNVERSIONED_PROTOCOL);
      this.greeted = true;
      this.offer = pullOfferOf(hello);
      this.status.update({ head: hello.head, updateNeeded: null });
      this.kick();
    });
    socket.on('changes', (message: Partial<ChangesBroadcast> | undefined) => this.receive(message?.changes));
    // Asked for in the handshake: a tenth of the bytes or less. Both events are heard whatever the hello says.
    socket.on(CHANGES_DEFLATED_EVENT, (payload: unknown) => this.receive(inflateChanges(payload)));
    // A command queued by any window of this database wakes the engine.
    this.outboxWatch = liveQuery(() => this.options.db.outbox.count()).subscribe({
      next: () => this.kick(),
      error: () => undefined,
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.idleTimer);
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.versionTimer);
    this.outboxWatch?.unsubscribe();
    this.unlinkPresence?.();
    this.socket?.disconnect();
    await this.running?.catch(() => undefined);
    this.status.update({ state: 'offline' });
  }

  /**
   * A broadcast of committed changes, as the socket delivers it. Deliveries may be duplicated, late or
   * out of order; takeContinuation sorts that out (fault-injection tests deliver through here too).
   */
  receive(changes: Change[] | undefined): void {
    if (!Array.isArray(changes) || !changes.length) return;
    this.inbox.push(changes);
    this.kick();
  }

  /** For tests and the UI's "retry now": resolves when the engine has nothing left to do. */
  async settled(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
  }

  get connected(): boolean {
    return this.socket?.connected ?? false;
  }

  private get protocol(): number {
    return this.options.protocolVersion ?? PROTOCOL_VERSION;
  }

  /**
   * The server speaks another protocol version (it refused our handshake, or its hello names another):
   * say which side needs an update, send nothing, keep the outbox, and look again now and then.
   */
  private cannotTalk(serverProtocol: number | undefined, serverWords?: string): void {
    const need: UpdateNeeded =
      (serverProtocol !== undefined && updateNeeded(this.protocol, serverProtocol)) || 'console';
    this.greeted = false;
    this.socket?.disconnect();
    const words = serverProtocol === undefined && serverWords ? serverWords : UPDATE_NEEDED_WORDS[need];
    this.status.update({ state: 'offline', updateNeeded: need, error: words });
    clearTimeout(this.versionTimer);
    if (!this.stopped) this.versionTimer = setTimeout(() => this.socket?.connect(), VERSION_RECHECK_MS);
  }

  private kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.cycle().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  private async cycle(): Promise<void> {
    clearTimeout(this.idleTimer);
    const idleCheck = this.idleCheck;
    this.idleCheck = false;
    if (!this.socket?.connected || !this.greeted) return;
    if (!idleCheck) this.status.update({ state: 'syncing' });
    try {
      await this.drainInbox();
      if (this.needsPull) await this.pullAll();
      await this.pushAll();
      await this.drainInbox();
      // An applied command stays pending until the log shows it; if its broadcast was lost, pull.
      if (await this.awaitingConfirmation()) await this.pullAll();
      if (this.inbox.length || this.needsPull) this.again = true;
      // A socket the server just closed for its token's expiry is being renewed, not lost.
      this.status.update({
        state: this.socket.connected ? 'online' : this.tokenRefused ? 'syncing' : 'offline',
        error: null,
      });
      this.armIdlePull();
    } catch (error) {
      // An expired token is renewed by the reconnect that follows; nothing for the dispatcher to read. That
      // includes a request cut off because the server closed the socket at the expiry (seen on a slow server
      // whose cycle outlived the token: "offline" flashed for a moment).
      const renewing = (error instanceof AnswerError && error.code === 'UNAUTHENTICATED') || this.tokenRefused;
      this.status.update({
        state: this.socket.connected || renewing ? 'syncing' : 'offline',
        error: renewing ? null : (error as Error).message,
      });
      this.scheduleRetry(error instanceof AnswerError ? error.retryAfterMs : undefined);
    }
  }

  /**
   * After a cycle with nothing left to do, pull again if nothing else happens for a while: a broadcast
   * lost on a live connection (a proxy, a server-side hiccup) would otherwise stay missing until the
   * next change shows the gap. The pull is one round trip with no local write when nothing changed.
   */
  private armIdlePull(): void {
    const { idlePullMs = 30_000 } = this.options;
    if (idlePullMs <= 0 || this.stopped || !this.socket?.connected) return;
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.needsPull = true;
      // Only when nothing else runs: a running cycle re-arms the timer when it ends anyway.
      if (!this.running) this.idleCheck = true;
      this.kick();
    }, idlePullMs);
  }

  private scheduleRetry(after?: number): void {
    clearTimeout(this.retryTimer);
    const delay = after ?? this.retryDelay;
    this.retryDelay = Math.min(this.retryDelay * 2, 10_000);
    this.needsPull = true;
    this.retryTimer = setTimeout(() => this.kick(), delay);
  }

  /** The meta row, read without a read-write transaction (readMeta's would queue behind sync writes). */
  private async peekMeta(): Promise<SyncMeta> {
    return ((await this.options.db.meta.get('sync')) as SyncMeta | undefined) ?? readMeta(this.options.db);
  }

  private async awaitingConfirmation(): Promise<boolean> {
    const meta = await this.peekMeta();
    return (await this.options.db.outbox.where('ackedSeq').above(meta.cursor).count()) > 0;
  }

  private request(event: 'push', payload: PushRequest): Promise<PushAnswer>;
  private request(event: 'pull', payload: PullRequest): Promise<PullAnswer>;
  private request(event: 'jobActivity', payload: JobActivityRequest): Promise<JobActivityAnswer>;
  private async request(event: string, payload: unknown): Promise<unknown> {
    const socket = this.socket;
    if (!socket?.connected) throw new Error('Offline');
    try {
      return await emitForAnswer(socket, event, payload, this.options.ackTimeoutMs ?? 15_000);
    } catch (error) {
      // The server closes the socket right after this answer; the reconnect refreshes the token.
      if (error instanceof AnswerError && error.code === 'UNAUTHENTICATED') this.tokenRefused = true;
      throw error;
    }
  }

  /** Broadcasts that continue the cursor are applied (one transaction for all queued); a gap means pull. */
  private async drainInbox(): Promise<void> {
    if (!this.inbox.length) return;
    const db = this.cache;
    const next = await db.transaction('rw', syncTables(db), async () => this.applyInbox(db, await readMeta(db)));
    this.showCursor(next);
    this.tellHeard();
  }

  /** Pulled pages never get here: a catch-up is not announced change by change. */
  private tellHeard(): void {
    const heard = this.heard;
    this.heard = [];
    if (heard.length) this.options.onBroadcastApplied?.(heard);
  }

  /** Inside a read-write transaction of `db` over syncTables: applies what the inbox adds to `meta`'s cursor. */
  private async applyInbox(db: DispatchDb, meta: SyncMeta): Promise<SyncMeta> {
    const { changes, cursor, gap } = takeContinuation(this.inbox, meta);
    if (gap) this.needsPull = true;
    // Reset on every (re)run of the transaction's body, so a retried transaction does not tell twice.
    this.heard = changes.filter((change) => change.seq > meta.cursor);
    if (!changes.length) return meta;
    return writeChanges(db, meta, changes, cursor, meta.serverId!);
  }

  private showCursor(meta: SyncMeta): void {
    this.status.update({
      cursor: meta.cursor,
      head: Math.max(this.status.get().head, meta.cursor),
      lastSyncedAt: meta.lastSyncedAt,
    });
  }

  /**
   * Fetches every activity line of a job whose activity a far catch-up left on the server (activityWindow.ts)
   * and writes them, ending its gap. Nothing when offline or when the server cannot answer it.
   */
  async loadJobActivity(jobId: string): Promise<void> {
    if (!this.offer.jobActivity || !this.greeted) return;
    const answer = await this.request('jobActivity', { jobId });
    await fillActivityGap(this.cache, jobId, answer.activity);
  }

  /** How the next page is asked for (pullOffer.ts). */
  private async pageShape(meta: SyncMeta): Promise<PageShape> {
    const { offer } = this;
    const readOffice = async () =>
      offer.organizationId ? await this.cache.organizations.get(offer.organizationId) : undefined;
    return pageShape(offer, this.status.get().head - meta.cursor, readOffice, this.options);
  }

  private async pullAll(): Promise<void> {
    // Cleared before pulling, not after: a reconnect (or a gap) seen while this pull's answer is being
    // applied asks for another pull, and clearing the flag afterwards would swallow that request and
    // leave the console behind until some later broadcast happened to show a gap. A failed pull sets it
    // again (scheduleRetry).
    this.needsPull = false;
    try {
      await this.pullPages();
    } finally {
      this.status.endCatchUp();
    }
  }

  /** Pulls page after page until the head; far behind, the status shows how far the catch-up has come. */
  private async pullPages(): Promise<void> {
    const { db } = this.options;
    for (;;) {
      const meta = await this.peekMeta();
      this.status.beginCatchUp(meta.cursor);
      const { limit, far } = await this.pageShape(meta);
      const sent = this.socket?.connected;
      const answer = await this.request(
        'pull',
        pullRequest(meta, this.pageSize.limit(limit), this.offer, far?.window),
      ).catch((error: unknown) => {
        // Sent and never answered (an error answer is an answer): the next one asks for less.
        if (sent && !(error instanceof AnswerError)) this.pageSize.failed();
        throw error;
      });
      if (answer.reset) {
        await resetConfirmedState(db, answer.serverId, meta.serverId !== answer.serverId);
        // From cursor 0 now: a catch-up to show is measured from there.
        this.status.endCatchUp();
        continue;
      }
      if (!answer.changes.length && answer.cursor <= meta.cursor && answer.serverId === meta.serverId) {
        // Nothing new (the usual answer to an idle pull): no local write at all.
        this.status.update({ head: answer.head, cursor: meta.cursor, lastSyncedAt: Date.now() });
      } else {
        const farPage = far && { ...far, left: answer.activityLeft };
        const next = await applyChanges(this.cache, answer.changes, answer.cursor, answer.serverId, farPage, (share) =>
          this.status.showWritten(meta.cursor + Math.floor((answer.cursor - meta.cursor) * share)),
        );
        this.status.update({ head: answer.head, cursor: next.cursor, lastSyncedAt: next.lastSyncedAt });
        this.status.showWritten(next.cursor);
      }
      if (!answer.more) break;
    }
    this.pageSize.reachedHead();
  }

  /** Sends the unsent outbox in order (see outboxFlush.ts: pushes overlap with writing their answers). */
  private async pushAll(): Promise<void> {
    const { db, pushBatch = 500, pushesInFlight = 2 } = this.options;
    // The client id changes only when a reset renumbers the outbox, and that happens in pullAll.
    const { clientId } = await this.peekMeta();
    await flushOutbox({
      db,
      batchSize: pushBatch,
      inFlight: pushesInFlight,
      send: (batch) =>
        this.request('push', {
          clientId,
          commands: batch.map(({ id, name, args, createdAt, offline }) => ({ id, name, args, createdAt, offline })),
        }),
      record: (answered) => this.recordAnswers(answered),
    });
  }

  /**
   * Writes push answers in one transaction, together with the broadcasts of their commits (each arrives
   * just before its ack): applied first, they move the cursor past the batches, so the acked entries
   * simply leave the outbox instead of being marked with their seq and deleted again by the next
   * applyChanges. Returns, per answer, the highest command id that got its outcome (0 for none).
   *
   * Through the relaxed cache connection: everything written here is the server's answer, which it keeps.
   * A crash that loses the write brings back the entries with the cursor before them; they are resent and
   * answered again from the stored outcomes (conflicts included), so nothing the dispatcher queued is lost.
   */
  private async recordAnswers(answered: AnsweredPush[]): Promise<number[]> {
    const db = this.cache;
    const { meta, recorded } = await db.transaction('rw', [...syncTables(db), db.conflicts], async () => {
      const meta = await this.applyInbox(db, await readMeta(db));
      const recorded: RecordedResults[] = [];
      for (const { batch, answer } of answered)
        recorded.push(await recordPushResults(db, meta.cursor, answer.results, batch));
      return { meta, recorded };
    });
    this.showCursor(meta);
    this.tellHeard();
    for (const conflict of recorded.flatMap((results) => results.rejected)) this.options.onRejected?.(conflict);
    return recorded.map((results) => results.handled);
  }
}
