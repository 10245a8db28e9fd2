import { Alert } from '@mantine/core';
import { UPDATE_NEEDED_WORDS } from '../../domain/protocol';
import { useSyncStatus } from '../kit/SyncProvider';

/**
 * Says plainly that work goes on: nothing is lost while the server is unreachable, or while it speaks
 * another protocol version than this console (then which side needs an update).
 */
export function OfflineBanner() {
  const status = useSyncStatus();
  if (status.updateNeeded) {
    return (
      <Alert
        color="orange"
        variant="light"
        radius={0}
        py={6}
        role="alert"
        aria-label="Update needed"
        data-update-needed={status.updateNeeded}
      >
        {UPDATE_NEEDED_WORDS[status.updateNeeded]} Keep working: every change is saved on this computer and will be sent
        once the update is done.
      </Alert>
    );
  }
  if (status.state !== 'offline') return null;
  return (
    <Alert color="yellow" variant="light" radius={0} py={6} role="alert" aria-label="Offline">
      You are offline. Keep working: every change is saved on this computer and will be sent when the connection
      returns.
    </Alert>
  );
}
