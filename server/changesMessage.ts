import { constants, deflateRawSync } from 'node:zlib';
import type { Server } from 'socket.io';
import type { Change, ChangesBroadcast } from '../domain/protocol';
import { changesJson } from './pipeline';

/** socket.io-parser's `PacketType.EVENT`, the type of every emitted event. */
const EVENT = 2;

type Packet = Parameters<Server['encoder']['encode']>[0];

/**
 * A `changes` broadcast whose JSON is built from the texts the store wrote for its changes (pipeline/changeText.ts)
 * by the encoder `encodeChangesFromText` installs. Any other encoder (an adapter across processes, a log) sees
 * the plain message through `toJSON`.
 */
export class ChangesMessage {
  constructor(readonly changes: Change[]) {}

  toJSON(): ChangesBroadcast {
    return { changes: this.changes };
  }
}

/**
 * Makes the server's packet encoder (one for the whole server: every broadcast and every socket's own packets)
 * write a `ChangesMessage` from its changes' kept texts: the same packet text the default encoder would write for
 * `{ changes }` (socket.io-parser's format: type, namespace unless `/`, then the JSON array), without its walk of
 * the whole message for binary parts and its `JSON.stringify` of every entity again. Every other packet is
 * encoded as before. A broadcast is encoded once, whatever the number of sockets it goes to.
 */
export function encodeChangesFromText(io: Server): void {
  const encoder = io.encoder;
  const encode = encoder.encode.bind(encoder);
  encoder.encode = (packet: Packet) => {
    const data = packet.data as unknown[] | undefined;
    const message = packet.type === EVENT && packet.id === undefined && data?.length === 2 ? data[1] : undefined;
    if (!(message instanceof ChangesMessage)) return encode(packet);
    const namespace = packet.nsp && packet.nsp !== '/' ? `${packet.nsp},` : '';
    return [`${EVENT}${namespace}[${JSON.stringify(data![0])},${broadcastJson(message.changes)}]`];
  };
}

/**
 * A `changes` broadcast as the binary payload of `changesDeflated`: raw DEFLATE of exactly the JSON a `changes`
 * broadcast carries, made once for all the sockets that asked for it. The fastest level: a broadcast's changes
 * repeat the same keys and values, so even it shrinks one to a tenth or less, for ~1 µs of CPU a change, where
 * sending every byte to every socket costs the kernel far more (bench/README.md, `server`).
 */
export function deflateChanges(changes: readonly Change[]): Buffer {
  return deflateRawSync(Buffer.from(broadcastJson(changes)), { level: constants.Z_BEST_SPEED });
}

/** The JSON text of `{ changes }`, from the texts the store wrote (pipeline/changeText.ts). */
function broadcastJson(changes: readonly Change[]): string {
  return `{"changes":${changesJson(changes)}}`;
}
