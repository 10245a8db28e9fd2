/**
 * The server bench's clients: a dispatcher's workload (the same generator drives the sync servers and the
 * echo), the socket that drops broadcasts unparsed, sign-in, and a push that counts applied commands.
 */
import { io, type Socket } from 'socket.io-client';
import {
  CHANGES_DEFLATED_EVENT,
  DEFLATED_CHANGES_ENCODING,
  isErrorAnswer,
  type Answer,
  type PushAnswer,
  type WireCommand,
} from '../../domain/protocol';
import type { PushResult } from './load';

export const ORGANIZATION = 'org-coolair';
const PASSWORD = 'demo1234';
export const TECHNICIANS = Array.from({ length: 8 }, (_, index) => `u-tech${index + 1}`);
export const ACK_TIMEOUT_MS = 30_000;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export type Command = WireCommand & { args: Record<string, unknown> };

/**
 * One dispatcher's console: its own clientId, gapless command ids, and one job whose two appointments
 * it creates and then keeps moving between two start times. The echo baseline uses the same generator,
 * so both servers receive payloads of the same shape and size.
 */
export class Workload {
  private nextId = 1;
  private step = 0;
  readonly jobId: string;
  private readonly firstDay: number;

  constructor(
    readonly clientId: string,
    private readonly index: number,
    tag: string,
  ) {
    this.jobId = `bench-${tag}-job${index}`;
    const now = new Date();
    const tomorrow = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
    this.firstDay = tomorrow + (index % 5) * DAY;
  }

  private command(name: string, args: Record<string, unknown>): Command {
    return { id: this.nextId++, name, args, createdAt: Date.now() };
  }

  /** The setup command: an accepted, unscheduled job of this client's own. */
  createJob(): Command {
    return this.command('job.create', {
      jobId: this.jobId,
      organizationId: ORGANIZATION,
      title: `Bench job ${this.index}`,
      address: { street1: `${100 + this.index} Bench Street`, city: 'Springfield' },
      customer: { id: `${this.jobId}-customer`, firstName: `Customer${this.index}` },
    });
  }

  /** Two `appointment.create`s, then `appointment.move`s alternating the two appointments' start times. */
  next(): Command {
    const step = this.step++;
    const which = step % 2;
    const appointmentId = `${this.jobId}-a${which}`;
    const round = Math.floor(step / 2);
    const start = this.firstDay + (round % 2 ? 13 * HOUR : 9 * HOUR) + which * 3 * HOUR;
    if (step < 2) {
      return this.command('appointment.create', {
        id: appointmentId,
        jobId: this.jobId,
        technicianId: TECHNICIANS[(this.index + which) % TECHNICIANS.length],
        start,
        durationMinutes: 60 + ((this.index + which) % 3) * 30,
      });
    }
    return this.command('appointment.move', { appointmentId, start });
  }

  batch(size: number): { clientId: string; commands: Command[] } {
    return { clientId: this.clientId, commands: Array.from({ length: size }, () => this.next()) };
  }

  get lastId(): number {
    return this.nextId - 1;
  }

  /** A RATE_LIMITED push consumed nothing: hand its ids out again. */
  rewind(commands: readonly Command[]): void {
    this.nextId -= commands.length;
    this.step -= commands.length;
  }
}

/**
 * Bytes of broadcasts the clients received (and dropped unparsed), for the fan-out figure: the deflated ones as
 * sent (they ask for them, as consoles do), a JSON `changes` one by its text (a server that offers no deflation).
 */
let broadcastChars = 0;
export const broadcastCharsReceived = () => broadcastChars;

/**
 * One client socket. It asks for deflated broadcasts, as the console does, and drops them (and any JSON
 * `changes` ones) as WebSocket frames, before they are decoded (`dropBroadcastFrames`): the 50 clients stand in
 * for 50 machines, and inflating or decoding 50 copies of every change in this one process would measure the
 * bench, not the server. The frames still cross the wire and are counted. With a token (the sync server) it
 * resolves once the server's `hello` arrived: a client sends nothing before it (server/PROTOCOL.md), and a
 * server on PostgreSQL drops what comes earlier. The echo (no token) says no hello.
 */
export function connect(url: string, token?: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(url, {
      auth: token ? { token, changesEncoding: DEFLATED_CHANGES_ENCODING } : {},
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      autoConnect: false,
    });
    // Until the frame-level drop is in place (and if socket.io's internals ever stop allowing it), broadcasts
    // are still dropped here, after the text decode but before socket.io parses them.
    const manager = socket.io as unknown as { ondata(data: unknown): void };
    const decode = manager.ondata.bind(manager);
    let attachments = 0;
    manager.ondata = (data: unknown) => {
      if (attachments > 0) {
        attachments--;
        broadcastChars += (data as ArrayBufferLike).byteLength;
      } else if (typeof data === 'string' && data.startsWith('2["changes"')) broadcastChars += data.length;
      else if (typeof data === 'string' && data.startsWith(DEFLATED_PLACEHOLDER)) attachments = 1;
      else decode(data);
    };
    socket.io.once('open', () => dropBroadcastFrames(socket));
    socket.once(token ? 'hello' : 'connect', () => resolve(socket));
    socket.once('connect_error', (error: Error & { data?: unknown }) =>
      reject(new Error(`connect to ${url} failed: ${error.message} ${JSON.stringify(error.data ?? '')}`)),
    );
    socket.on('disconnect', (reason) => {
      if (reason !== 'io client disconnect')
        process.stderr.write(`[bench/server] a client lost its connection: ${reason}\n`);
    });
    socket.connect();
  });
}

/** How a `changes` broadcast's WebSocket frame starts: Engine.IO's message (4), socket.io's event (2), its name. */
const CHANGES_FRAME = Buffer.from('42["changes"');
/**
 * How a `changesDeflated` broadcast's first frame starts once Engine.IO's "4" is taken off: socket.io's binary
 * event (5) with one attachment ("1-"), its name. The deflated bytes follow as the next (binary) frame.
 */
const DEFLATED_PLACEHOLDER = `51-["${CHANGES_DEFLATED_EVENT}"`;
const DEFLATED_FRAME = Buffer.from(`4${DEFLATED_PLACEHOLDER}`);

type FrameListener = (data: Buffer, isBinary: boolean) => void;
interface FrameSocket {
  listeners(event: 'message'): FrameListener[];
  removeAllListeners(event: 'message'): void;
  on(event: 'message', listener: FrameListener): void;
}

/**
 * Counts and drops `changes` broadcasts as they leave the `ws` socket, before its `message` listener turns
 * each frame into a string (Engine.IO's text protocol) and Engine.IO cuts that string again. Those two
 * copies of ~350 MB/s of broadcasts took the bench process ~30 % of a core (a CPU profile of the bench,
 * 2026-12-07: `Buffer.toString` its largest function) on a machine whose other core runs the server, so the
 * clients' own decoding held the figure down. Every other frame goes on to the listeners as before.
 */
function dropBroadcastFrames(socket: Socket): void {
  const engine = socket.io.engine as unknown as { transport?: { ws?: FrameSocket } };
  const ws = engine.transport?.ws;
  if (!ws) {
    process.stderr.write('[bench/server] no WebSocket to drop broadcasts at: they are dropped after decoding\n');
    return;
  }
  const listeners = ws.listeners('message');
  ws.removeAllListeners('message');
  let attachment = false;
  ws.on('message', (data, isBinary) => {
    if (attachment && isBinary) {
      attachment = false;
      broadcastChars += data.length;
      return;
    }
    if (!isBinary && startsWith(data, DEFLATED_FRAME)) {
      attachment = true;
      return;
    }
    if (!isBinary && startsWith(data, CHANGES_FRAME)) {
      broadcastChars += data.length - 1; // as counted after decoding: without Engine.IO's "4"
      return;
    }
    for (const listener of listeners) listener.call(ws, data, isBinary);
  });
}

function startsWith(frame: Buffer, start: Buffer): boolean {
  return frame.length > start.length && frame.compare(start, 0, start.length, 0, start.length) === 0;
}

export async function login(url: string, username: string): Promise<string> {
  const response = await fetch(`${url}/v3/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'password', username, password: PASSWORD }),
  });
  const body = (await response.json()) as { access_token?: string };
  if (!response.ok || !body.access_token)
    throw new Error(`login as ${username} failed (${response.status}): ${JSON.stringify(body)}`);
  return body.access_token;
}

/** Sends a push to the sync server; counts applied commands; any rejection is a bench bug. */
export async function pushToServer(
  socket: Socket,
  workload: Workload,
  payload: { clientId: string; commands: Command[] },
): Promise<PushResult> {
  const answer = (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('push', payload)) as Answer<PushAnswer>;
  if (isErrorAnswer(answer)) {
    if (answer.error.code === 'RATE_LIMITED') {
      workload.rewind(payload.commands);
      return { rateLimitedMs: answer.error.retryAfterMs ?? 10 };
    }
    throw new Error(`push refused: ${answer.error.code} ${answer.error.message}`);
  }
  const { results } = answer;
  const refused = results.find((result) => result.status !== 'applied');
  if (refused)
    throw new Error(`command ${refused.id} of ${payload.clientId} not applied: ${refused.code} ${refused.message}`);
  const lastId = payload.commands[payload.commands.length - 1].id;
  if (results.length !== payload.commands.length || answer.lastProcessedId !== lastId) {
    throw new Error(`unexpected push answer for ${payload.clientId}: ${JSON.stringify(answer).slice(0, 300)}`);
  }
  return { counted: results.length };
}
