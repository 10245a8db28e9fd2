import { createServer, connect, type Server, type Socket } from 'node:net';
import { CHANGES_DEFLATED_EVENT } from '../../../domain/protocol';

/** A `changesDeflated` frame: Engine.IO's message (4), socket.io's BINARY_EVENT (5), its attachment count, "-". */
const DEFLATED_PLACEHOLDER = new RegExp(`^45(\\d+)-\\["${CHANGES_DEFLATED_EVENT}"`);

/**
 * A TCP proxy between a console and the sync server that can misbehave on purpose: go down (refuse and
 * drop connections), cut every connection, cut the connection the moment the server's answer contains
 * given bytes (an ack lost after the server applied the command), or swallow the server's `changes`
 * broadcasts (so a test decides what reaches the engine, through `engine.receive`).
 *
 * It understands just enough of the wire to do that: the HTTP upgrade, then WebSocket frames (server
 * frames are unmasked; client frames are unmasked here only to read the event name). Frames are forwarded
 * whole, so "cut before forwarding" means the client never gets a single byte of that frame.
 */
export class FaultyProxy {
  private readonly pipes = new Set<Pipe>();
  private isDown = false;
  private cutRules: { pattern: Buffer; remaining: number; resolve: () => void }[] = [];
  /**
   * When set, server→client socket.io `changes` events are dropped (counted in `droppedBroadcasts`), and so
   * are `changesDeflated` ones: their placeholder frame and the binary frame(s) after it.
   */
  dropBroadcasts = false;
  droppedBroadcasts = 0;
  /** Server→client socket.io events seen, by name (`hello`, `changes`, `changesDeflated`…), forwarded or not. */
  readonly serverEvents = new Map<string, number>();
  /** Client→server socket.io events seen, by name (`push`, `pull`…), over the proxy's whole life. */
  readonly clientEvents = new Map<string, number>();
  /** Called with each client→server event name, and its frame's text, as it passes (before it is forwarded). */
  onClientEvent: ((event: string, frame: string) => void) | undefined;
  connections = 0;

  private constructor(
    private readonly server: Server,
    private target: { host: string; port: number },
  ) {}

  /** Listens on 127.0.0.1 (a free port) and forwards to `targetUrl` (http://host:port). */
  static async start(targetUrl: string): Promise<FaultyProxy> {
    // Connections arrive only once the server listens, after the proxy below exists.
    const server = createServer((client) => proxy.accept(client));
    const proxy = new FaultyProxy(server, parseTarget(targetUrl));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return proxy;
  }

  get url(): string {
    const address = this.server.address();
    if (!address || typeof address !== 'object') throw new Error('proxy not listening');
    return `http://127.0.0.1:${address.port}`;
  }

  /** Points new connections at another server (e.g. one restarted on another port). */
  retarget(targetUrl: string): void {
    this.target = parseTarget(targetUrl);
  }

  count(event: string): number {
    return this.clientEvents.get(event) ?? 0;
  }

  /** The network is gone: every connection dropped, every new one refused until `up()`. */
  down(): void {
    this.isDown = true;
    this.cutAll();
  }

  up(): void {
    this.isDown = false;
  }

  get isUp(): boolean {
    return !this.isDown;
  }

  /** Drops every open connection (a Wi-Fi blip); clients reconnect on their own. */
  cutAll(): void {
    for (const pipe of this.pipes) pipe.destroy();
  }

  /**
   * The next `times` server→client frames containing `pattern` are never delivered: the connection is
   * cut instead, just before the frame would be forwarded. Resolves when the last cut happened.
   */
  cutOnServerBytes(pattern: string, times = 1): Promise<void> {
    return new Promise((resolve) => this.cutRules.push({ pattern: Buffer.from(pattern), remaining: times, resolve }));
  }

  async close(): Promise<void> {
    this.cutAll();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    if (this.isDown) {
      client.destroy();
      return;
    }
    this.connections++;
    const upstream = connect(this.target.port, this.target.host);
    const pipe = new Pipe(client, upstream, this);
    this.pipes.add(pipe);
    pipe.onClose = () => this.pipes.delete(pipe);
  }

  /**
   * What to do with one whole server→client frame: forward it, drop it, or cut the connection. `pipe` holds
   * how many binary frames of a dropped binary event are still to come on that connection.
   */
  judgeServerFrame(payload: Buffer, pipe: { attachmentsToDrop: number }): 'forward' | 'drop' | 'cut' {
    if (pipe.attachmentsToDrop > 0) {
      pipe.attachmentsToDrop--;
      return 'drop';
    }
    for (const rule of this.cutRules) {
      if (rule.remaining > 0 && payload.includes(rule.pattern)) {
        rule.remaining--;
        if (rule.remaining === 0) {
          this.cutRules = this.cutRules.filter((candidate) => candidate !== rule);
          // Resolve after the cut, so the caller observes a dead connection.
          setImmediate(rule.resolve);
        }
        return 'cut';
      }
    }
    const head = payload.subarray(0, 40).toString('latin1');
    // An event (42) or a binary event (45, its attachment count, "-"), an ack id perhaps, then its name.
    const event = /^4(?:2|5\d+-)\d*\["([^"]{1,40})"/.exec(head)?.[1];
    if (event) this.serverEvents.set(event, (this.serverEvents.get(event) ?? 0) + 1);
    if (!this.dropBroadcasts) return 'forward';
    if (/^42\["changes"/.test(head)) {
      this.droppedBroadcasts++;
      return 'drop';
    }
    const deflated = DEFLATED_PLACEHOLDER.exec(head);
    if (deflated) {
      this.droppedBroadcasts++;
      pipe.attachmentsToDrop = Number(deflated[1]);
      return 'drop';
    }
    return 'forward';
  }

  noteClientFrame(payload: Buffer): void {
    const match = /^42\d*\["([^"]{1,40})"/.exec(payload.subarray(0, 64).toString('latin1'));
    if (!match) return;
    this.clientEvents.set(match[1], (this.clientEvents.get(match[1]) ?? 0) + 1);
    this.onClientEvent?.(match[1], payload.toString());
  }
}

function parseTarget(url: string): { host: string; port: number } {
  const parsed = new URL(url);
  return { host: parsed.hostname, port: Number(parsed.port) };
}

/** One proxied connection, with a WebSocket frame reader in each direction. */
class Pipe {
  onClose: (() => void) | undefined;
  private closed = false;
  /** Binary frames still to drop after a dropped `changesDeflated` placeholder (FaultyProxy.judgeServerFrame). */
  private readonly dropping = { attachmentsToDrop: 0 };

  constructor(
    private readonly client: Socket,
    private readonly upstream: Socket,
    private readonly proxy: FaultyProxy,
  ) {
    const toServer = new FrameReader(
      true,
      (frame, payload) => {
        proxy.noteClientFrame(payload);
        upstream.write(frame);
      },
      (raw) => upstream.write(raw),
    );
    const toClient = new FrameReader(
      false,
      (frame, payload) => {
        const verdict = proxy.judgeServerFrame(payload, this.dropping);
        if (verdict === 'cut') this.destroy();
        else if (verdict === 'forward') client.write(frame);
      },
      (raw) => client.write(raw),
    );
    client.on('data', (chunk) => toServer.push(chunk));
    upstream.on('data', (chunk) => !this.closed && toClient.push(chunk));
    for (const socket of [client, upstream]) {
      socket.on('error', () => this.destroy());
      socket.on('close', () => this.destroy());
    }
  }

  destroy(): void {
    if (this.closed) return;
    this.closed = true;
    this.client.destroy();
    this.upstream.destroy();
    this.onClose?.();
  }
}

/**
 * Splits a byte stream into the HTTP upgrade head (passed through raw) and then whole WebSocket frames.
 * If the connection never upgrades, everything passes through raw.
 */
class FrameReader {
  private buffer: Buffer = Buffer.alloc(0);
  private inHead = true;

  constructor(
    private readonly masked: boolean,
    private readonly onFrame: (frame: Buffer, payload: Buffer) => void,
    private readonly onRaw: (bytes: Buffer) => void,
  ) {}

  push(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    if (this.inHead) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) {
        if (this.buffer.length > 64 * 1024) this.passThrough();
        return;
      }
      this.onRaw(this.buffer.subarray(0, end + 4));
      this.buffer = this.buffer.subarray(end + 4);
      this.inHead = false;
    }
    for (;;) {
      const frame = this.nextFrame();
      if (!frame) return;
      this.onFrame(frame.frame, frame.payload);
    }
  }

  private passThrough(): void {
    this.onRaw(this.buffer);
    this.buffer = Buffer.alloc(0);
  }

  private nextFrame(): { frame: Buffer; payload: Buffer } | undefined {
    const data = this.buffer;
    if (data.length < 2) return undefined;
    const isMasked = (data[1] & 0x80) !== 0;
    let length = data[1] & 0x7f;
    let offset = 2;
    if (length === 126) {
      if (data.length < 4) return undefined;
      length = data.readUInt16BE(2);
      offset = 4;
    } else if (length === 127) {
      if (data.length < 10) return undefined;
      length = Number(data.readBigUInt64BE(2));
      offset = 10;
    }
    const maskOffset = offset;
    if (isMasked) offset += 4;
    if (data.length < offset + length) return undefined;
    const frame = data.subarray(0, offset + length);
    let payload = data.subarray(offset, offset + length);
    if (isMasked && this.masked) {
      const mask = data.subarray(maskOffset, maskOffset + 4);
      payload = Buffer.from(payload);
      for (let index = 0; index < payload.length; index++) payload[index] ^= mask[index & 3];
    }
    this.buffer = data.subarray(offset + length);
    return { frame, payload };
  }
}
