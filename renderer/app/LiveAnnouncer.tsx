import { VisuallyHidden } from '@mantine/core';
import { useEffect, useState } from 'react';
import { ChangeAnnouncer } from '../kit/changeAnnouncer';
import { useConsole } from '../kit/SyncProvider';

/**
 * The app's one polite live region: what other dispatchers and the field changed, summarised (see
 * ChangeAnnouncer). `data-announcements` counts the sentences told, for tests.
 */
export function LiveAnnouncer() {
  const { client, actor } = useConsole();
  const [told, setTold] = useState({ message: '', count: 0 });
  useEffect(() => {
    const announcer = new ChangeAnnouncer({
      selfUserId: actor.userId ?? undefined,
      announce: (message) => setTold((before) => ({ message, count: before.count + 1 })),
      titles: async (jobIds) => {
        const jobs = await client.db.jobs.bulkGet(jobIds);
        return new Map(jobs.flatMap((job) => (job ? [[job.id, job.title] as const] : [])));
      },
    });
    const unsubscribe = client.onBroadcastApplied((changes) => announcer.hear(changes));
    return () => {
      unsubscribe();
      announcer.close();
    };
  }, [client, actor.userId]);
  return (
    <VisuallyHidden role="status" aria-live="polite" data-live-announcer="" data-announcements={told.count}>
      {told.message}
    </VisuallyHidden>
  );
}
