import { Alert } from '@mantine/core';
import { useSyncStatus } from './sync';

/** Says plainly that work goes on: nothing is lost while the server is unreachable. */
export function OfflineBanner() {
  const status = useSyncStatus();
  if (status.state !== 'offline') return null;
  return (
    <Alert color="yellow" variant="light" radius={0} py={6} role="alert" aria-label="Offline">
      You are offline. Keep working: every change is saved on this computer and will be sent when the connection returns.
    </Alert>
  );
}
