import { describe, expect, it, vi } from 'vitest';
import type { Change } from '../../../../domain/protocol';
import { shareHeard } from '../../../../renderer/sync/heardShare';

// Real BroadcastChannels (Node has them, in memory): each shareHeard on one name stands for a window.
let channels = 0;
const channelName = () => `dispatch-heard:test-${process.pid}-${++channels}`;

const activity = (id: string, actorUserId = 'u-tech1') =>
  ({ kind: 'activity', id, data: { jobId: 'job-1', actorUserId } }) as unknown as Change;
const job = (id: string) => ({ kind: 'job', id, data: {} }) as unknown as Change;

describe('shareHeard', () => {
  it("hands the leader's heard activity to followers, never to a window that leads, and no other kind", async () => {
    const name = channelName();
    const heardBy = { follower: [] as Change[][], other: [] as Change[][] };
    let otherLeads = false;
    const leader = shareHeard(
      name,
      () => true,
      () => undefined,
    );
    const follower = shareHeard(
      name,
      () => false,
      (changes) => heardBy.follower.push([...changes]),
    );
    const other = shareHeard(
      name,
      () => otherLeads,
      (changes) => heardBy.other.push([...changes]),
    );
    try {
      leader.post([job('job-1'), activity('a-1')]);
      await vi.waitFor(() => expect(heardBy.other).toHaveLength(1));
      expect(heardBy.follower).toEqual([[activity('a-1')]]);
      // Nothing to tell: no message at all.
      leader.post([job('job-2')]);
      // The other window took over: it hears its own engine, not the posts of a window that still thinks it leads.
      otherLeads = true;
      leader.post([activity('a-2')]);
      await vi.waitFor(() => expect(heardBy.follower).toHaveLength(2));
      expect(heardBy.follower[1]).toEqual([activity('a-2')]);
      expect(heardBy.other).toHaveLength(1);
    } finally {
      [leader, follower, other].forEach((window) => window.stop());
    }
  });

  it("leaves out the signed-in user's own activity (a flush hears back thousands of its own lines)", async () => {
    const name = channelName();
    const heard: Change[][] = [];
    const leader = shareHeard(
      name,
      () => true,
      () => undefined,
      'u-dispatcher',
    );
    const follower = shareHeard(
      name,
      () => false,
      (changes) => heard.push([...changes]),
      'u-dispatcher',
    );
    try {
      // Only their own lines: no message at all.
      leader.post([activity('mine-1', 'u-dispatcher'), activity('mine-2', 'u-dispatcher')]);
      leader.post([activity('mine-3', 'u-dispatcher'), activity('theirs', 'u-tech1')]);
      await vi.waitFor(() => expect(heard).toHaveLength(1));
      expect(heard[0]).toEqual([activity('theirs', 'u-tech1')]);
    } finally {
      [leader, follower].forEach((window) => window.stop());
    }
  });
});
