import { liveQuery, type Subscription } from 'dexie';
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import type { Conflict, DispatchDb } from '../data/db';
import { readMeta } from '../data/outbox';
import { applyChanges, resetConfirmedState, type Change } from './applyChanges';
import { StatusStore } from './status';

export interface SyncEngineOptions {
  db: DispatchDb;
  url: string;
  /** A valid access token; called on every (re)connect so an expired one can be refreshed. */
  getToken: () => Promise<string>;
  /** Told about every command the server refused, after it is in the conflicts list. */
  onRejected?: (conflict: Conflict) => void;
  pushBatch?: number;
  pullLimit?: number;
  ackTimeoutMs?: number;
  socketOptions?: Partial<ManagerOptions & SocketOptions>;
}

interface PushResult {
  id: number;
  status: 'applied' | 'rejected';
  code?: string;
  message?: string;
  seq?: number;
}

type Answer<T> = T | { error: { code: string; message: string; retryAfterMs?: number } };

const isError = <T>(answer: Answer<T>): answer is { error: { code: string; message: string; retryAfterMs?: number } } =>
  typeof answer === 'object' && answer !== null && 'error' in answer;

class AnswerError extends Error {
  constructor(readonly code: string, message: string, readonly retryAfterMs?: number) {
    super(message);
  }
}

/**
 * Keeps one local database in step with the server (DESIGN.md §3): pull from the cursor on every
 * (re)connect and on any gap, push the outbox in order and in batches, apply broadcasts that continue the
 * cursor. Only one engine per database runs at a time (see leader.ts). Every network step may fail at
 * any point; the outbox, the cursor and idempotent resends make retrying always safe.
 */
export class SyncEngine {
  readonly status = new StatusStore();
  private socket: Socket | undefined;
  private outboxWatch: Subscription | undefined;
  private readonly inbox: Change[][] = [];
  private needsPull = true;
  private running: Promise<void> | undefined;
  private again = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private retryDelay = 250;
  private stopped = false;

  constructor(private readonly options: SyncEngineOptions) {}

  start(): void {
    const { url, getToken } = this.options;
    const socket = io(url, {
      transports: ['websocket'],
      reconnectionDelay: 250,
      reconnectionDelayMax: 5_000,
      auth: (callback) => void getToken().then((token) => callback({ token }), () => callback({})),
      ...this.options.socketOptions,
    });
    this.socket = socket;
    socket.on('connect', () => {
      this.needsPull = true;
      this.retryDelay = 250;
      this.kick();
    });
    socket.on('disconnect', () => this.status.update({ state: 'offline' }));
    socket.on('connect_error', (error: Error & { data?: { message?: string } }) =>
      this.status.update({ state: 'offline', error: error.data?.message ?? 'The server cannot be reached; your changes are saved on this computer.' }),
    );
    socket.on('hello', (hello: { serverId: string; head: number }) => this.status.update({ head: hello.head }));
    socket.on('changes', (message: { changes?: Change[] }) => this.receive(message?.changes));
    // A command queued by any window of this database wakes the engine.
    this.outboxWatch = liveQuery(() => this.options.db.outbox.count()).subscribe({ next: () => this.kick(), error: () => undefined });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.outboxWatch?.unsubscribe();
    this.socket?.disconnect();
    await this.running?.catch(() => undefined);
    this.status.update({ state: 'offline' });
  }

  /**
   * A broadcast of committed changes, as the socket delivers it. Deliveries may be duplicated, late or
   * out of order; drainInbox sorts that out (fault-injection tests deliver through here too).
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
    if (!this.socket?.connected) return;
    this.status.update({ state: 'syncing' });
    try {
      await this.drainInbox();
      if (this.needsPull) await this.pullAll();
      await this.pushAll();
      await this.drainInbox();
      // An applied command stays pending until the log shows it; if its broadcast was lost, pull.
      if (await this.awaitingConfirmation()) await this.pullAll();
      if (this.inbox.length || this.needsPull) this.again = true;
      this.status.update({ state: this.socket.connected ? 'online' : 'offline', error: null });
    } catch (error) {
      this.status.update({ state: this.socket.connected ? 'syncing' : 'offline', error: (error as Error).message });
      this.scheduleRetry(error instanceof AnswerError ? error.retryAfterMs : undefined);
    }
  }

  private scheduleRetry(after?: number): void {
    clearTimeout(this.retryTimer);
    const delay = after ?? this.retryDelay;
    this.retryDelay = Math.min(this.retryDelay * 2, 10_000);
    this.needsPull = true;
    this.retryTimer = setTimeout(() => this.kick(), delay);
  }

  private async awaitingConfirmation(): Promise<boolean> {
    const meta = await readMeta(this.options.db);
    return (await this.options.db.outbox.where('ackedSeq').above(meta.cursor).count()) > 0;
  }

  private async request<T>(event: string, payload: unknown): Promise<T> {
    const socket = this.socket;
    if (!socket?.connected) throw new Error('Offline');
    const answer = (await socket.timeout(this.options.ackTimeoutMs ?? 15_000).emitWithAck(event, payload)) as Answer<T>;
    if (isError(answer)) throw new AnswerError(answer.error.code, answer.error.message, answer.error.retryAfterMs);
    return answer;
  }

  /** Broadcasts that continue the cursor are applied; duplicates are dropped; a gap means pull. */
  private async drainInbox(): Promise<void> {
    while (this.inbox.length) {
      const changes = this.inbox.shift()!;
      const meta = await readMeta(this.options.db);
      const last = changes[changes.length - 1].seq;
      if (last <= meta.cursor) continue;
      if (changes[0].seq !== meta.cursor + 1 || !meta.serverId) {
        this.needsPull = true;
        continue;
      }
      const next = await applyChanges(this.options.db, changes, last, meta.serverId);
      this.status.update({ cursor: next.cursor, head: Math.max(this.status.get().head, next.cursor), lastSyncedAt: next.lastSyncedAt });
    }
  }

  private async pullAll(): Promise<void> {
    const { db, pullLimit = 1_000 } = this.options;
    // Cleared before pulling, not after: a reconnect (or a gap) seen while this pull's answer is being
    // applied asks for another pull, and clearing the flag afterwards would swallow that request and
    // leave the console behind until some later broadcast happened to show a gap. A failed pull sets it
    // again (scheduleRetry).
    this.needsPull = false;
    for (;;) {
      const meta = await readMeta(db);
      const answer = await this.request<
        { serverId: string; head: number; reset?: false; changes: Change[]; cursor: number; more: boolean } | { serverId: string; head: number; reset: true }
      >('pull', { cursor: meta.cursor, limit: pullLimit, ...(meta.serverId ? { serverId: meta.serverId } : {}) });
      if (answer.reset) {
        await resetConfirmedState(db, answer.serverId, meta.serverId !== answer.serverId);
        continue;
      }
      const next = await applyChanges(db, answer.changes, answer.cursor, answer.serverId);
      this.status.update({ head: answer.head, cursor: next.cursor, lastSyncedAt: next.lastSyncedAt });
      if (!answer.more) break;
    }
  }

  private async pushAll(): Promise<void> {
    const { db, pushBatch = 500 } = this.options;
    // Applied entries wait in the outbox until the log confirms them. Read past them by key range, one
    // getAll per page: a filtered cursor from the start rescanned every one of them for each batch.
    let after = 0;
    for (;;) {
      const page = await db.outbox.where('id').above(after).limit(pushBatch).toArray();
      const batch = page.filter((entry) => entry.ackedSeq === undefined);
      if (!batch.length) {
        if (page.length < pushBatch) return;
        after = page[page.length - 1].id;
        continue;
      }
      const meta = await readMeta(db);
      const answer = await this.request<{ results: PushResult[]; lastProcessedId: number }>('push', {
        clientId: meta.clientId,
        commands: batch.map(({ id, name, args, createdAt, offline }) => ({ id, name, args, createdAt, offline })),
      });
      // The broadcast of this push's commit arrives just before its ack. Applied first, it moves the
      // cursor past the batch, so the acked entries simply leave the outbox instead of being rewritten
      // with their ackedSeq and deleted again by the next applyChanges.
      await this.drainInbox();
      const handled = await this.recordResults(answer.results, batch);
      if (!handled) throw new Error(`The server is missing commands before ${batch[0].id}; waiting for it to catch up.`);
      after = handled;
    }
  }

  /**
   * Applies a push answer in one transaction, with bulk writes (one request per kind, not three per
   * entry); returns the highest command id that got its outcome, 0 for none.
   */
  private async recordResults(results: PushResult[], batch: { id: number; name: string; args: unknown; createdAt: number; jobId: string }[]): Promise<number> {
    const { db } = this.options;
    const entries = new Map(batch.map((entry) => [entry.id, entry]));
    const rejected: Conflict[] = [];
    let handled = 0;
    await db.transaction('rw', [db.outbox, db.conflicts, db.meta], async () => {
      const meta = await readMeta(db);
      const leaving: number[] = [];
      const acked: { key: number; changes: { ackedSeq: number } }[] = [];
      const conflicts: Conflict[] = [];
      for (const result of results) {
        const entry = entries.get(result.id);
        if (!entry || result.code === 'OUT_OF_ORDER') continue;
        handled = Math.max(handled, entry.id);
        if (result.status === 'applied') {
          if (result.seq === undefined || result.seq <= meta.cursor) leaving.push(entry.id);
          else acked.push({ key: entry.id, changes: { ackedSeq: result.seq } });
        } else {
          leaving.push(entry.id);
          conflicts.push({
            commandId: entry.id,
            name: entry.name,
            args: entry.args,
            jobId: entry.jobId,
            code: result.code ?? 'INTERNAL',
            message: result.message ?? 'The server refused this change.',
            createdAt: entry.createdAt,
            rejectedAt: Date.now(),
          });
        }
      }
      if (leaving.length) await db.outbox.bulkDelete(leaving);
      if (acked.length) await db.outbox.bulkUpdate(acked);
      if (conflicts.length) {
        const keys = await db.conflicts.bulkAdd(conflicts, { allKeys: true });
        conflicts.forEach((conflict, index) => rejected.push({ ...conflict, key: keys[index] }));
      }
    });
    for (const conflict of rejected) this.options.onRejected?.(conflict);
    return handled;
  }
}
