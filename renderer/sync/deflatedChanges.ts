import { inflateSync } from 'fflate';
import type { Change, ChangesBroadcast } from '../../domain/protocol';

const utf8 = new TextDecoder();

/**
 * The changes of a `changesDeflated` broadcast (server/PROTOCOL.md): raw DEFLATE of the JSON a `changes`
 * broadcast carries. Inflated synchronously (fflate), so a broadcast is handed on in the order the socket
 * delivered it, as a `changes` one is. A payload that is not one (cut, corrupt, not binary) is dropped:
 * broadcasts are an optimisation, and the next one or a pull brings what it held.
 */
export function inflateChanges(payload: unknown): Change[] | undefined {
  const bytes =
    payload instanceof Uint8Array ? payload : payload instanceof ArrayBuffer ? new Uint8Array(payload) : undefined;
  if (!bytes) return undefined;
  try {
    return (JSON.parse(utf8.decode(inflateSync(bytes))) as Partial<ChangesBroadcast> | null)?.changes;
  } catch {
    return undefined;
  }
}
