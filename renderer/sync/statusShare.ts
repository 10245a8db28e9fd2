import type { StatusStore, SyncStatus } from './status';

type Message = { type: 'status'; status: SyncStatus } | { type: 'ask' };

/**
 * Only the leader window (leader.ts) holds the socket, so only it knows the sync status; without this a
 * follower showed "Offline" beside an online leader. The leader posts its status on every change and to
 * any window that asks (a new one, or one that just opened); followers show what they receive. When the
 * leader closes or crashes its Web Lock passes to a follower, whose own engine's status then goes out.
 * Without BroadcastChannel each window keeps its own. Returns the way to stop sharing.
 */
export function shareStatus(store: StatusStore, channelName: string, leading: () => boolean): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined;
  const channel = new BroadcastChannel(channelName);
  const post = (message: Message) => channel.postMessage(message);

  channel.onmessage = ({ data }: MessageEvent<Message>) => {
    if (leading()) {
      if (data.type === 'ask') post({ type: 'status', status: store.get() });
    } else if (data.type === 'status') {
      store.update(data.status);
    }
  };
  const unsubscribe = store.subscribe(() => {
    if (leading()) post({ type: 'status', status: store.get() });
  });
  post({ type: 'ask' });
  return () => {
    unsubscribe();
    channel.close();
  };
}
