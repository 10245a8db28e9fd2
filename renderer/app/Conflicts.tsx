import { Badge, Button, Drawer, Group, Stack, Text, Card } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Conflict } from '../data/db';
import { CommandRejected } from '../data/outbox';
import { clockTime } from '../kit/format';
import { useConsole } from '../kit/SyncProvider';
import { useUi } from '../kit/ui';

const ACTION_NAMES: Record<string, string> = {
  'job.accept': 'Accept offer',
  'job.decline': 'Decline offer',
  'job.cancel': 'Cancel job',
  'job.complete': 'Complete job',
  'appointment.create': 'Schedule appointment',
  'appointment.move': 'Move appointment',
  'appointment.cancel': 'Cancel appointment',
  'appointment.setStatus': 'Change appointment status',
  'appointment.complete': 'Complete appointment',
  'note.add': 'Add note',
  'organization.update': 'Change organization settings',
};

/** What a conflict about no job was about, by the kind of its entity (`kind:id`). */
const ENTITY_NAMES: Record<string, string> = {
  organization: 'Organization settings',
  user: 'A team member',
  customer: 'A customer',
};

/** The conflicts button in the header: how many refused changes wait for the dispatcher. */
export function ConflictsButton() {
  const { client } = useConsole();
  const { setConflictsOpen } = useUi();
  const count = useLiveQuery(() => client.db.conflicts.count(), [client], 0);
  if (!count) return null;
  return (
    <Button
      size="xs"
      color="red"
      variant="light"
      onClick={() => setConflictsOpen(true)}
      rightSection={
        <Badge color="red" size="sm">
          {count}
        </Badge>
      }
    >
      Conflicts
    </Button>
  );
}

/** Refused changes stay here until dismissed; each can be applied again on the fresh state. */
export function ConflictsPanel() {
  const { client } = useConsole();
  const { conflictsOpen, setConflictsOpen, openJob } = useUi();
  const conflicts = useLiveQuery(() => client.db.conflicts.orderBy('key').reverse().toArray(), [client], []);
  const jobs = useLiveQuery(
    () =>
      client.db.jobs.bulkGet([
        ...new Set(conflicts.map((conflict) => conflict.jobId).filter((id): id is string => id !== undefined)),
      ]),
    [client, conflicts],
    [],
  );
  const titleOf = (conflict: Conflict) =>
    conflict.jobId
      ? (jobs.find((job) => job?.id === conflict.jobId)?.title ?? conflict.jobId)
      : (ENTITY_NAMES[conflict.entity?.split(':')[0] ?? ''] ?? 'A change');
  const applyAgain = async (key: number) => {
    try {
      await client.commands.applyAgain(key);
    } catch (error) {
      notifications.show({
        color: 'red',
        title: 'Still not possible',
        message: error instanceof CommandRejected ? error.message : String(error),
      });
    }
  };
  return (
    <Drawer opened={conflictsOpen} onClose={() => setConflictsOpen(false)} title="Conflicts" position="right" size="md">
      <Stack data-testid="conflicts-list">
        {conflicts.length === 0 && (
          <Text c="dimmed">No conflicts. Changes the server refuses appear here until you dismiss them.</Text>
        )}
        {conflicts.map((conflict) => (
          <Card key={conflict.key} withBorder padding="sm" data-conflict-code={conflict.code}>
            <Text fw={600}>{ACTION_NAMES[conflict.name] ?? conflict.name}</Text>
            <Text size="sm" c="dimmed">
              {titleOf(conflict)} · made {clockTime(conflict.createdAt)} · refused {clockTime(conflict.rejectedAt)}
            </Text>
            <Text size="sm" mt={4}>
              {conflict.message}
            </Text>
            <Group mt="xs" gap="xs">
              <Button size="xs" onClick={() => void applyAgain(conflict.key!)}>
                Apply again
              </Button>
              {conflict.jobId && (
                <Button size="xs" variant="default" onClick={() => openJob(conflict.jobId!)}>
                  Open job
                </Button>
              )}
              <Button
                size="xs"
                variant="subtle"
                color="gray"
                onClick={() => void client.commands.dismissConflict(conflict.key!)}
              >
                Dismiss
              </Button>
            </Group>
          </Card>
        ))}
      </Stack>
    </Drawer>
  );
}
