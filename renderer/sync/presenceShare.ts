import { PresenceRoster, type PresenceUpdate } from '../../domain/protocol';
import { NOBODY_HERE, PRESENCE_OFFLINE, type PresenceStore, type PresenceView } from './presence';

type Message =
  | { type: 'view'; view: PresenceView }
  | { type: 'doing'; window: string; update: PresenceUpdate }
  | { type: 'ask' }
  | { type: 'bye'; window: string };

/**
 * Presence follows the sync connection, which only the leader window holds (leader.ts): the leader tells
 * the other windows of the same database what it knows, and they tell it what their dispatcher opens or
 * drags there, over a BroadcastChannel. Without BroadcastChannel (Node tests) each window keeps its own.
 * Returns the way to stop sharing.
 */
export function sharePresence(
  store: PresenceStore,
  channelName: string,
  leading: () => boolean,
  windowId = crypto.randomUUID(),
): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined;
  const channel = new BroadcastChannel(channelName);
  const post = (message: Message) => channel.postMessage(message);
  let told = store.current();

  channel.onmessage = ({ data }: MessageEvent<Message>) => {
    if (leading()) {
      if (data.type === 'ask') post({ type: 'view', view: store.get() });
      else if (data.type === 'doing') store.report(data.update, data.window);
      else if (data.type === 'bye') store.forget(data.window);
    } else if (data.type === 'view') {
      const online = PresenceRoster.safeParse({ online: data.view.others });
      store.show(
        data.view.state === 'online' && online.success
          ? { state: 'online', others: online.data.online }
          : PRESENCE_OFFLINE,
      );
    }
  };
  // The leader's view, to every follower, whenever it changes.
  const unsubscribe = store.subscribe(() => {
    if (leading()) post({ type: 'view', view: store.get() });
  });
  // A follower's own doings, to the leader (the leader's own go to its socket directly).
  const unwatch = store.onCurrentChange(() => {
    const now = store.current();
    if (leading() || now === told) return;
    told = now;
    post({ type: 'doing', window: windowId, update: now });
  });
  // A closing follower's drawer closes with it.
  const bye = () => {
    if (!leading()) post({ type: 'bye', window: windowId });
  };
  globalThis.addEventListener?.('pagehide', bye);
  post({ type: 'ask' });
  return () => {
    unsubscribe();
    unwatch();
    bye();
    globalThis.removeEventListener?.('pagehide', bye);
    channel.close();
    store.report(NOBODY_HERE);
  };
}
