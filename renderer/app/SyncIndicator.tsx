import { Badge, Group, Progress, Text, Tooltip } from '@mantine/core';
import { useLiveQuery } from 'dexie-react-hooks';
import { formatAgo } from '../kit/format';
import { useConsole, useSyncStatus } from '../kit/SyncProvider';
import { catchUpPercent } from '../sync/status';

const LABELS = { online: 'Online', offline: 'Offline', syncing: 'Syncing' } as const;
const COLORS = { online: 'teal', offline: 'gray', syncing: 'blue' } as const;

/** Online/offline/syncing, the count of unsent changes, the last sync, and a long catch-up's progress. */
export function SyncIndicator() {
  const { client } = useConsole();
  const status = useSyncStatus();
  const pending = useLiveQuery(
    () => client.db.outbox.filter((entry) => entry.ackedSeq === undefined).count(),
    [client],
    0,
  );
  const percent = catchUpPercent(status);
  const label = status.updateNeeded ? 'Update needed' : LABELS[status.state];
  return (
    <Tooltip label={`Last synced ${formatAgo(status.lastSyncedAt)}${status.error ? ` — ${status.error}` : ''}`}>
      <Group
        gap={6}
        data-sync-state={status.state}
        data-pending={pending}
        aria-label={`Sync: ${label}, ${pending} unsent`}
        role="status"
      >
        <Badge color={status.updateNeeded ? 'orange' : COLORS[status.state]} variant="light">
          {label}
        </Badge>
        {pending > 0 && (
          <Text size="sm" c="dimmed">
            {pending} unsent
          </Text>
        )}
        {percent !== null && (
          <>
            <Text size="sm" c="dimmed" data-catch-up={percent}>
              Catching up… {percent} %
            </Text>
            <Progress w={80} value={percent} aria-label="Catching up" />
          </>
        )}
      </Group>
    </Tooltip>
  );
}
