import type { ActivityEvent } from '../../domain';
import type { Change } from '../../domain/protocol';

/**
 * Only the leader window (leader.ts) hears the server's broadcasts; a follower sees their effect through the
 * shared database but not that they came from someone else, so without this its live region stayed silent
 * (a screen reader speaks the live region of the window it is in). The leader posts the activity it applied
 * from broadcasts; every follower hands it to its own hearers. Activity alone is enough: it is what the
 * announcer tells, and it keeps each message small. Only others' activity (`selfUserId`'s is told by the board's
 * own messages, and the announcer drops it): a flush after an outage hears back every line of its own thousands
 * of commands, and copying them to every window cost the page ~0.1 s of a 3 s flush. Returns the way to post
 * (for the leader) and to stop.
 */
export function shareHeard(
  channelName: string,
  leading: () => boolean,
  hear: (changes: readonly Change[]) => void,
  selfUserId?: string,
): { post: (changes: readonly Change[]) => void; stop: () => void } {
  if (typeof BroadcastChannel === 'undefined') return { post: () => undefined, stop: () => undefined };
  const channel = new BroadcastChannel(channelName);
  channel.onmessage = ({ data }: MessageEvent<readonly Change[]>) => {
    if (!leading()) hear(data);
  };
  return {
    post: (changes) => {
      const activity = changes.filter(
        (change) =>
          change.kind === 'activity' &&
          (selfUserId === undefined || (change.data as ActivityEvent | undefined)?.actorUserId !== selfUserId),
      );
      if (activity.length) channel.postMessage(activity);
    },
    stop: () => channel.close(),
  };
}
