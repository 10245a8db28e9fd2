import { EventEmitter } from 'node:events';
import type { Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { PROTOCOL_VERSION, type PresenceEntry } from '../../../../domain/protocol';
import { whoElse } from '../../../../renderer/kit/presence';
import { PresenceStore } from '../../../../renderer/sync/presence';
import { linkPresence, PRESENCE_THROTTLE_MS } from '../../../../renderer/sync/presenceLink';

/** socket.io-client's Socket as linkPresence uses it: events in, `presence` emits recorded. */
class FakeSocket extends EventEmitter {
  connected = true;
  readonly sent: unknown[] = [];
  receive(event: string, payload: unknown) {
    return super.emit(event, payload);
  }
  override emit(event: string, payload?: unknown): boolean {
    if (event === 'presence') this.sent.push(payload);
    return true;
  }
}

const entry = (userId: string, name: string, viewing: string[] = [], moving: string[] = []): PresenceEntry => ({
  userId,
  name,
  viewing,
  moving,
});
const hello = {
  protocol: PROTOCOL_VERSION,
  serverId: 's',
  userId: 'u-dana',
  organizationId: 'o',
  role: 'dispatcher',
  head: 0,
};

describe('linkPresence', () => {
  let socket: FakeSocket;
  let store: PresenceStore;
  beforeEach(() => {
    vi.useFakeTimers();
    socket = new FakeSocket();
    store = new PresenceStore();
    linkPresence(socket as unknown as Socket, store, PROTOCOL_VERSION);
  });
  afterEach(() => vi.useRealTimers());

  test('alone, nothing is sent however much the dispatcher does; once someone else is there, the latest state goes out', () => {
    expect(store.get().state).toBe('offline');
    socket.receive('hello', hello);
    expect(store.get()).toEqual({ state: 'online', others: [] });
    store.report({ viewing: 'job-1' });
    store.report({ moving: 'appt-1' });
    store.report({ moving: null });
    vi.advanceTimersByTime(5_000);
    expect(socket.sent).toEqual([]);

    socket.receive('presence', { online: [entry('u-dana', 'Dana Whitfield'), entry('u-marcus', 'Marcus Lee')] });
    expect(store.get().others.map((other) => other.name)).toEqual(['Marcus Lee']);
    vi.advanceTimersByTime(0);
    expect(socket.sent).toEqual([{ viewing: 'job-1', moving: null }]);
    // The same roster again (someone else changed) sends nothing new.
    socket.receive('presence', { online: [entry('u-dana', 'Dana Whitfield'), entry('u-marcus', 'Marcus Lee', ['x'])] });
    vi.advanceTimersByTime(1_000);
    expect(socket.sent).toHaveLength(1);
  });

  test('a burst of changes is sent at most every PRESENCE_THROTTLE_MS, ending with the last state', () => {
    socket.receive('hello', hello);
    socket.receive('presence', { online: [entry('u-dana', 'Dana Whitfield'), entry('u-marcus', 'Marcus Lee')] });
    for (let index = 0; index < 20; index++) {
      store.report({ moving: `appt-${index}` });
      vi.advanceTimersByTime(PRESENCE_THROTTLE_MS / 10);
    }
    store.report({ moving: null });
    vi.advanceTimersByTime(PRESENCE_THROTTLE_MS * 2);
    expect(socket.sent.length).toBeLessThanOrEqual(4);
    expect(socket.sent.at(-1)).toEqual({ viewing: null, moving: null });
  });

  test('a disconnect shows presence offline, and a bad roster is ignored', () => {
    socket.receive('hello', hello);
    socket.receive('presence', { online: 'everyone' });
    expect(store.get()).toEqual({ state: 'online', others: [] });
    socket.receive('presence', { online: [entry('u-dana', 'Dana Whitfield'), entry('u-marcus', 'Marcus Lee')] });
    socket.connected = false;
    socket.receive('disconnect', 'transport close');
    expect(store.get()).toEqual({ state: 'offline', others: [] });
  });
});

describe('PresenceStore', () => {
  test('what the dispatcher does is what the window that changed it last says; a closed window no longer counts', () => {
    const store = new PresenceStore();
    store.report({ viewing: 'job-1' });
    store.report({ viewing: 'job-2' }, 'other-window');
    expect(store.current()).toEqual({ viewing: 'job-2', moving: null });
    store.forget('other-window');
    expect(store.current()).toEqual({ viewing: 'job-1', moving: null });
  });
});

describe('whoElse', () => {
  const others = [entry('u-marcus', 'Marcus Lee', ['job-1']), entry('u-olivia', 'Olivia Grant', ['job-1'], ['appt-1'])];
  test('moving comes before viewing, by first name', () => {
    expect(whoElse(others, 'job-1', ['appt-1'])?.sentence).toBe('Olivia is moving this');
    expect(whoElse(others, 'job-1', [])?.sentence).toBe('Marcus and Olivia are viewing this');
    expect(whoElse(others, 'job-2', ['appt-2'])).toBeNull();
  });
});
