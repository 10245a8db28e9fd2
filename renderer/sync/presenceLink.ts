import type { Socket } from 'socket.io-client';
import { PresenceRoster, UNVERSIONED_PROTOCOL, type Hello, type PresenceUpdate } from '../../domain/protocol';
import { NOBODY_HERE, PRESENCE_OFFLINE, samePresence, type PresenceStore } from './presence';

/** At most one update this often: a burst of drags and drawer switches is sent as its last state. */
export const PRESENCE_THROTTLE_MS = 250;

/**
 * The leader window's presence over its sync socket (server/PROTOCOL.md, "Presence"). It costs nothing
 * while the dispatcher is alone: updates are sent only when someone else is online to read them, only when
 * they changed since the last one this connection sent, and no more often than PRESENCE_THROTTLE_MS. A
 * connection that is down shows presence offline. Returns the way to detach it.
 */
export function linkPresence(socket: Socket, store: PresenceStore, protocol: number): () => void {
  let me: string | null = null;
  let greeted = false;
  let anyoneElse = false;
  // What the server holds for this connection (it starts at nobody with every connection).
  let sent: PresenceUpdate = NOBODY_HERE;
  let lastSentAt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const send = () => {
    timer = undefined;
    if (!greeted || !anyoneElse || !socket.connected) return;
    const now = store.current();
    if (samePresence(now, sent)) return;
    sent = now;
    lastSentAt = Date.now();
    socket.emit('presence', now satisfies PresenceUpdate);
  };
  const schedule = () => {
    if (timer || !greeted || !anyoneElse) return;
    timer = setTimeout(send, Math.max(0, lastSentAt + PRESENCE_THROTTLE_MS - Date.now()));
  };

  const onHello = (hello: Hello) => {
    greeted = (hello.protocol ?? UNVERSIONED_PROTOCOL) === protocol;
    me = hello.userId;
    anyoneElse = false;
    sent = NOBODY_HERE;
    // Until a roster says otherwise, this dispatcher is alone.
    store.show(greeted ? { state: 'online', others: [] } : PRESENCE_OFFLINE);
  };
  const onRoster = (payload: unknown) => {
    const parsed = PresenceRoster.safeParse(payload);
    if (!parsed.success || !greeted) return;
    const others = parsed.data.online.filter((entry) => entry.userId !== me);
    anyoneElse = others.length > 0;
    store.show({ state: 'online', others });
    schedule();
  };
  const onDisconnect = () => {
    greeted = false;
    anyoneElse = false;
    clearTimeout(timer);
    timer = undefined;
    store.show(PRESENCE_OFFLINE);
  };

  socket.on('hello', onHello);
  socket.on('presence', onRoster);
  socket.on('disconnect', onDisconnect);
  const unwatch = store.onCurrentChange(schedule);
  return () => {
    unwatch();
    socket.off('hello', onHello);
    socket.off('presence', onRoster);
    socket.off('disconnect', onDisconnect);
    clearTimeout(timer);
    store.show(PRESENCE_OFFLINE);
  };
}
