import type { ReactNode } from 'react';
import { catchUpPercent } from '../sync/status';
import { useSyncStatus } from './SyncProvider';

/**
 * An empty list's sentence, unless the list is empty only because the console has not loaded the office yet.
 * A console signing in for the first time holds nothing until its first catch-up is written (one transaction):
 * "No technicians in your organization yet" would tell the dispatcher something false for those seconds.
 * Its own component, so only this line follows the sync status (which changes with each chunk of a catch-up),
 * not the view around it.
 */
export function SyncedEmpty({ loading, children }: { loading: string; children: ReactNode }) {
  const status = useSyncStatus();
  // Never synced: nothing written yet and no pull ever answered (an office whose log is empty answers one).
  const neverSynced = status.cursor === 0 && status.lastSyncedAt === null;
  if (neverSynced && status.state === 'offline')
    return <>Nothing synced yet: this fills in once the console reaches the server.</>;
  if (neverSynced || catchUpPercent(status) !== null) return <>{loading}</>;
  return <>{children}</>;
}
