import { Center, Loader, Progress, Stack, Text, Title } from '@mantine/core';
import { useSyncStatus } from '../kit/SyncProvider';
import { catchUpPercent, type SyncStatus } from '../sync/status';

/** What the first pull is doing, in the dispatcher's words. */
function openingLine(status: SyncStatus, percent: number | null): string {
  if (status.state === 'offline')
    return status.lastSyncedAt === null && status.error
      ? 'The server cannot be reached yet. The board opens in a moment and fills in once it is.'
      : 'Connecting to the server…';
  return percent !== null ? `Catching up… ${percent} %` : 'Loading your office from the server…';
}

/**
 * A console signing in for the first time holds nothing of its office, not even the time zone its board's
 * "today" is cut on: the shell waits a few seconds for the first pull to bring it (OfficeClockProvider).
 * Those seconds say what is happening, and how far a large office's catch-up has come, instead of a bare
 * spinner.
 */
export function OfficeOpening() {
  const status = useSyncStatus();
  const percent = catchUpPercent(status);
  return (
    <Center mih="100vh">
      <Stack align="center" gap="sm" maw={420} role="status" data-office-opening={status.state}>
        <Loader aria-hidden />
        <Title order={1} size="h3">
          Opening your office
        </Title>
        <Text c="dimmed" size="sm" ta="center">
          {openingLine(status, percent)}
        </Text>
        {percent !== null && <Progress w={240} value={percent} aria-label="Opening your office" />}
      </Stack>
    </Center>
  );
}
