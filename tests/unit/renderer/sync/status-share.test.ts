import { describe, expect, it, vi } from 'vitest';
import { StatusStore } from '../../../../renderer/sync/status';
import { shareStatus } from '../../../../renderer/sync/statusShare';

// Real BroadcastChannels (Node has them, in memory): stores on one channel name stand for windows of one
// database. A message takes a turn of the event loop, so positives are awaited with vi.waitFor, and a
// negative is read once a witness window (a follower) has received the same message.
let channels = 0;
const channelName = () => `dispatch-status:test-${process.pid}-${++channels}`;

describe('shareStatus', () => {
  it("shows the leader's status in a follower, on every change, and never the follower's own", async () => {
    const name = channelName();
    const leader = new StatusStore();
    const follower = new StatusStore();
    const witness = new StatusStore();
    let followerLeads = false;
    const stops = [
      shareStatus(leader, name, () => true),
      shareStatus(follower, name, () => followerLeads),
      shareStatus(witness, name, () => false),
    ];
    try {
      leader.update({ state: 'syncing', head: 2000, cursor: 500 });
      await vi.waitFor(() => expect(follower.get()).toMatchObject({ state: 'syncing', head: 2000, cursor: 500 }));
      leader.update({ state: 'online', cursor: 2000, lastSyncedAt: 1234 });
      await vi.waitFor(() =>
        expect(follower.get()).toMatchObject({ state: 'online', cursor: 2000, lastSyncedAt: 1234 }),
      );
      leader.update({ state: 'offline', error: 'Server unreachable' });
      await vi.waitFor(() => expect(follower.get()).toMatchObject({ state: 'offline', error: 'Server unreachable' }));

      // The follower took over (the old leader closed): its own engine's status is no longer overwritten,
      // and it is what the other windows now see.
      followerLeads = true;
      follower.update({ state: 'online', error: null });
      await vi.waitFor(() => expect(witness.get().state).toBe('online'));
      leader.update({ state: 'syncing' });
      await vi.waitFor(() => expect(witness.get().state).toBe('syncing'));
      expect(follower.get().state).toBe('online');
    } finally {
      stops.forEach((stop) => stop());
    }
  });

  it('answers a window that opens after the leader with the status it has now', async () => {
    const name = channelName();
    const leader = new StatusStore();
    const stopLeader = shareStatus(leader, name, () => true);
    leader.update({ state: 'online', head: 7, cursor: 7, lastSyncedAt: 99 });
    const late = new StatusStore();
    const stopLate = shareStatus(late, name, () => false);
    try {
      expect(late.get().state).toBe('offline');
      await vi.waitFor(() =>
        expect(late.get()).toMatchObject({ state: 'online', head: 7, cursor: 7, lastSyncedAt: 99 }),
      );
    } finally {
      stopLeader();
      stopLate();
    }
  });

  it('a follower tells nothing: what it shows does not travel to the other windows', async () => {
    const name = channelName();
    const leader = new StatusStore();
    const one = new StatusStore();
    const two = new StatusStore();
    const stops = [
      shareStatus(leader, name, () => true),
      shareStatus(one, name, () => false),
      shareStatus(two, name, () => false),
    ];
    try {
      one.update({ state: 'syncing' });
      leader.update({ lastSyncedAt: 5 });
      await vi.waitFor(() => expect(two.get().lastSyncedAt).toBe(5));
      expect(two.get().state).toBe('offline');
      expect(leader.get().state).toBe('offline');
    } finally {
      stops.forEach((stop) => stop());
    }
  });
});
