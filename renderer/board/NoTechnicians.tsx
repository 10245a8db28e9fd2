import { useSyncStatus } from '../kit/SyncProvider';
import { catchUpPercent } from '../sync/status';

/**
 * What the board says when it has no technician to show. A console signing in for the first time has none
 * until its first catch-up is written (one transaction), and "No technicians in your organization yet" would
 * tell the dispatcher something false for those seconds. Its own component, so only this line follows the
 * sync status (which changes with every chunk of a catch-up), not the whole timeline.
 */
export function NoTechnicians() {
  const status = useSyncStatus();
  if (status.cursor === 0 && status.state === 'offline')
    return <>Nothing synced yet: technicians and jobs appear once the console reaches the server.</>;
  if (status.cursor === 0 || catchUpPercent(status) !== null) return <>Loading technicians and jobs from the server…</>;
  return <>No technicians in your organization yet.</>;
}
