import { Server } from 'socket.io';
import { ClusterAdapterWithHeartbeat, MessageType, type ClusterMessage, type ClusterResponse } from 'socket.io-adapter';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { followPeers } from '../../../server/fanout';

/**
 * socket.io's own cluster adapter (the one the PostgreSQL adapter extends), with its transport left out: the
 * test hands it the peers' messages in the order PostgreSQL may deliver them, and keeps what it publishes.
 */
class TransportlessAdapter extends ClusterAdapterWithHeartbeat {
  readonly published: (ClusterMessage | ClusterResponse)[] = [];

  protected doPublish(message: ClusterMessage): Promise<string> {
    this.published.push(message);
    return Promise.resolve('');
  }

  protected doPublishResponse(_requesterUid: string, response: ClusterResponse): Promise<void> {
    this.published.push(response);
    return Promise.resolve();
  }
}

const PEER = 'peer-b';
const from = (type: MessageType, data?: unknown) => ({ uid: PEER, nsp: '/', type, data }) as ClusterMessage;
const FETCH_FROM_PEER = from(MessageType.FETCH_SOCKETS, {
  opts: { rooms: ['presence:org-1'], except: [], flags: {} },
  requestId: 'r-1',
});

// With no HTTP server there is no engine to close: closing the adapter stops its heartbeat timers.
const adapters: TransportlessAdapter[] = [];
afterEach(() => {
  for (const adapter of adapters.splice(0)) adapter.close();
});

function cluster(follow: boolean) {
  const io = new Server();
  io.adapter(TransportlessAdapter as never);
  const adapter = io.of('/').adapter as unknown as TransportlessAdapter;
  adapters.push(adapter);
  const gone: number[] = [];
  if (follow) followPeers(io, () => gone.push(Date.now()));
  const hear = (message: ClusterMessage) => adapter.onMessage(message);
  return { io, adapter, gone, hear };
}

describe('followPeers: the list of peers every roster read waits on', () => {
  test("a peer's goodbye overtaking its last roster read: the peer stays gone, and reads do not wait for it", async () => {
    const { io, adapter, gone, hear } = cluster(true);
    hear(from(MessageType.INITIAL_HEARTBEAT));
    expect(await adapter.serverCount()).toBe(2);

    hear(from(MessageType.ADAPTER_CLOSE));
    expect(await adapter.serverCount()).toBe(1);
    expect(gone).toHaveLength(1);

    // Sent before the goodbye, delivered after it: still answered, but the peer is not counted again.
    hear(FETCH_FROM_PEER);
    await vi.waitFor(() =>
      expect(adapter.published.some((message) => message.type === MessageType.FETCH_SOCKETS_RESPONSE)).toBe(true),
    );
    expect(await adapter.serverCount()).toBe(1);
    expect(gone).toHaveLength(1);
    // A read here needs nobody's answer: it resolves at once instead of timing out.
    await expect(io.in('presence:org-1').timeout(200).fetchSockets()).resolves.toEqual([]);
  });

  test('the adapter alone would count the stopped peer again until its heartbeat timeout', async () => {
    const { io, adapter, hear } = cluster(false);
    hear(from(MessageType.INITIAL_HEARTBEAT));
    hear(from(MessageType.ADAPTER_CLOSE));
    hear(FETCH_FROM_PEER);
    expect(await adapter.serverCount()).toBe(2);
    await expect(io.in('presence:org-1').timeout(200).fetchSockets()).rejects.toThrow(/missing 1 responses/);
  });

  test('a peer dropped for silence (a stalled process, a cut cable) that speaks again is counted again', async () => {
    const { adapter, gone, hear } = cluster(true);
    hear(from(MessageType.INITIAL_HEARTBEAT));
    // What the adapter's heartbeat check does after 6 s without a word (a private method of the adapter).
    (adapter as unknown as { removeNode(uid: string): void }).removeNode(PEER);
    expect(gone).toHaveLength(1);
    expect(await adapter.serverCount()).toBe(1);

    hear(from(MessageType.HEARTBEAT));
    expect(await adapter.serverCount()).toBe(2);
  });
});
