import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import {
  CHANGES_DEFLATED_EVENT,
  isErrorAnswer,
  type Change,
  type ChangesBroadcast,
  type ErrorAnswer,
  type HandshakeRefusal,
  type Hello,
  type PresenceRoster,
  type PullAnswer,
  type PullPage,
  type PullRequest,
  type PushAnswer,
  type WireCommand,
} from '../../../domain/protocol';
import { inflateChanges } from '../../../renderer/sync/deflatedChanges';
import type { WireTokenAnswer } from '../../../server/rest/wire';

export const DEMO_PASSWORD = 'demo1234';
export const ACK_TIMEOUT_MS = 20_000;

export async function login(url: string, email: string, password = DEMO_PASSWORD): Promise<WireTokenAnswer> {
  const response = await fetch(`${url}/v3/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'password', username: email, password }),
  });
  const body = (await response.json()) as WireTokenAnswer & Partial<ErrorAnswer>;
  if (!response.ok || !body.access_token)
    throw new Error(`login ${email} failed: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

/** The refusal a handshake ends with: socket.io's connect_error carries the server's `data`. */
export class HandshakeRefused extends Error {
  constructor(
    message: string,
    readonly data: Partial<HandshakeRefusal> | undefined,
  ) {
    super(message);
  }
}

/**
 * One console connection: waits for `hello`, records every `changes` broadcast (and `changesDeflated` one,
 * inflated as the console does, when it asked for them), and offers promise-based
 * push and pull (acks with a timeout). RATE_LIMITED answers are waited out and retried — a refused
 * request was not processed, so a retry is safe.
 */
export class SyncClient {
  readonly broadcasts: Change[][] = [];
  /** How the broadcasts came: their count by event, and the bytes of the deflated ones as sent. */
  readonly received = { changes: 0, changesDeflated: 0, deflatedBytes: 0 };
  private readonly waiters = new Set<() => void>();
  clientId: string;
  lastId = 0;

  private constructor(
    readonly socket: Socket,
    readonly hello: Hello,
    clientId: string,
    /** Every `presence` roster received, from the handshake on. */
    readonly rosters: PresenceRoster[] = [],
  ) {
    this.clientId = clientId;
    socket.on('changes', (payload: ChangesBroadcast) => {
      this.received.changes++;
      this.broadcasts.push(payload.changes);
      for (const wake of this.waiters) wake();
    });
    socket.on(CHANGES_DEFLATED_EVENT, (payload: Uint8Array) => {
      this.received.changesDeflated++;
      this.received.deflatedBytes += payload.byteLength;
      const changes = inflateChanges(payload);
      if (!changes) throw new Error('a changesDeflated broadcast did not inflate to changes');
      this.broadcasts.push(changes);
      for (const wake of this.waiters) wake();
    });
  }

  /**
   * `protocol` is the version the handshake announces; none by default, as consoles before versioning.
   * `changesEncoding` asks for broadcasts in that encoding (the console asks for `deflate-raw`); none by default.
   */
  static async connect(
    url: string,
    token: string,
    options: { clientId?: string; protocol?: unknown; changesEncoding?: string } = {},
  ): Promise<SyncClient> {
    const auth = {
      token,
      ...(options.protocol === undefined ? {} : { protocol: options.protocol }),
      ...(options.changesEncoding === undefined ? {} : { changesEncoding: options.changesEncoding }),
    };
    const socket = io(url, {
      auth,
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      autoConnect: false,
    });
    // Recorded from the start: a roster may follow hello before the caller has the client in hand.
    const rosters: PresenceRoster[] = [];
    socket.on('presence', (roster: PresenceRoster) => rosters.push(roster));
    const hello = await new Promise<Hello>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no hello within 10 s')), 10_000);
      socket.once('hello', (payload: Hello) => {
        clearTimeout(timer);
        resolve(payload);
      });
      socket.once('connect_error', (error: Error & { data?: Partial<HandshakeRefusal> }) => {
        clearTimeout(timer);
        socket.close();
        reject(new HandshakeRefused(error.message, error.data));
      });
      socket.connect();
    });
    return new SyncClient(socket, hello, options.clientId ?? `test-${randomUUID()}`, rosters);
  }

  static async login(
    url: string,
    email: string,
    options: { clientId?: string; changesEncoding?: string } = {},
  ): Promise<SyncClient> {
    const { access_token } = await login(url, email);
    return SyncClient.connect(url, access_token, options);
  }

  get organizationId(): string {
    return this.hello.organizationId;
  }

  /** The next command of this client's outbox (gapless ids). */
  command(name: string, args: unknown): WireCommand {
    return { id: ++this.lastId, name, args, createdAt: Date.now() };
  }

  /** Any event, any payload, with an ack; no retry. Rejects on timeout or disconnect. */
  emitRaw(event: string, payload: unknown, timeoutMs = ACK_TIMEOUT_MS): Promise<unknown> {
    return this.socket.timeout(timeoutMs).emitWithAck(event, payload);
  }

  private async call<T>(event: string, payload: unknown, timeoutMs: number): Promise<T | ErrorAnswer> {
    for (;;) {
      const answer = (await this.emitRaw(event, payload, timeoutMs)) as T | ErrorAnswer;
      if (isErrorAnswer(answer) && answer.error.code === 'RATE_LIMITED') {
        await new Promise((resolve) => setTimeout(resolve, answer.error.retryAfterMs ?? 50));
        continue;
      }
      return answer;
    }
  }

  async pushRaw(
    commands: WireCommand[],
    clientId = this.clientId,
    timeoutMs = ACK_TIMEOUT_MS,
  ): Promise<PushAnswer | ErrorAnswer> {
    return this.call<PushAnswer>('push', { clientId, commands }, timeoutMs);
  }

  /** Pushes and insists on a results answer (an envelope error fails the test with its message). */
  async push(commands: WireCommand[], clientId = this.clientId, timeoutMs = ACK_TIMEOUT_MS): Promise<PushAnswer> {
    const answer = await this.pushRaw(commands, clientId, timeoutMs);
    if (isErrorAnswer(answer)) throw new Error(`push refused: ${answer.error.code} ${answer.error.message}`);
    return answer;
  }

  async pullRaw(payload: PullRequest): Promise<PullAnswer | ErrorAnswer> {
    return this.call<PullAnswer>('pull', payload, ACK_TIMEOUT_MS);
  }

  async pull(cursor: number, limit?: number): Promise<PullPage> {
    const answer = await this.pullRaw({
      cursor,
      ...(limit === undefined ? {} : { limit }),
      serverId: this.hello.serverId,
    });
    if (isErrorAnswer(answer)) throw new Error(`pull refused: ${answer.error.code} ${answer.error.message}`);
    if (answer.reset) throw new Error(`pull reset: ${answer.reason}`);
    return answer;
  }

  /** Pulls from `cursor` until the server says there is no more. */
  async pullAll(
    cursor = 0,
    limit = 5_000,
  ): Promise<{ changes: Change[]; pages: PullPage[]; cursor: number; head: number }> {
    const pages: PullPage[] = [];
    let page: PullPage;
    do {
      page = await this.pull(cursor, limit);
      pages.push(page);
      if (page.more && page.cursor <= cursor) throw new Error(`pull made no progress at cursor ${cursor}`);
      cursor = page.cursor;
    } while (page.more);
    return { changes: pages.flatMap((p) => p.changes), pages, cursor, head: page.head };
  }

  async head(): Promise<number> {
    const answer = await this.pullRaw({ cursor: 0, limit: 1 });
    if (isErrorAnswer(answer)) throw new Error(`pull refused: ${answer.error.code}`);
    return answer.head;
  }

  allBroadcastChanges(): Change[] {
    return this.broadcasts.flat();
  }

  /** Resolves with the first broadcast batch that satisfies `predicate` (already received ones count). */
  waitForBroadcast(predicate: (changes: Change[]) => boolean, timeoutMs = 5_000): Promise<Change[]> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.broadcasts.find(predicate);
        if (!found) return false;
        cleanup();
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`no matching broadcast within ${timeoutMs} ms (${this.broadcasts.length} received)`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters.delete(wake);
      };
      const wake = () => void check();
      if (check()) return;
      this.waiters.add(wake);
    });
  }

  close(): void {
    this.socket.close();
  }
}
