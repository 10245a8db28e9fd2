import { Group, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { useLiveQuery } from 'dexie-react-hooks';
import { customerName, fullName, type AttentionItem, type Customer, type Job, type User } from '../../domain';
import { useConsole } from '../kit/SyncProvider';
import { ageLabel } from './age';
import { useAttention } from './context';
import { MaskIcon } from '../kit/MaskIcon';
import { ATTENTION_COLOR, ATTENTION_LOOK } from './kinds';
import classes from './attention.module.css';

/** Entries drawn at most; the count stays the whole list's, and the rest is said in words. */
const MAX_ENTRIES = 200;

interface Names {
  customers: Map<string, Customer>;
  technicians: Map<string, User>;
}

/** What needs a dispatcher now: one entry per item, with why and for how long; an entry opens its job. */
export function AttentionPanel({ onOpenJob }: { onOpenJob: (jobId: string) => void }) {
  const { items, jobs, now, ready } = useAttention();
  const { client, actor } = useConsole();
  const shown = items.slice(0, MAX_ENTRIES);
  const customerIds = [...new Set(shown.map((item) => jobs.get(item.jobId)?.customerId).filter(Boolean))] as string[];
  const names = useLiveQuery(async (): Promise<Names> => {
    const [customers, users] = await Promise.all([
      client.db.customers.bulkGet(customerIds),
      client.db.users
        .where('organizationId')
        .equals(actor.organizationId ?? '')
        .toArray(),
    ]);
    return {
      customers: new Map(customers.filter((found): found is Customer => !!found).map((found) => [found.id, found])),
      technicians: new Map(users.map((user) => [user.id, user])),
    };
  }, [client, actor, customerIds.join(',')]);

  return (
    <Stack gap={0} className={classes.panel}>
      <Group justify="space-between" px="md" py="sm" className={classes.panelHead}>
        <Text fw={700} size="sm">
          Needs attention
        </Text>
        <Text size="xs" c="dimmed">
          {ready ? `${items.length} ${items.length === 1 ? 'item' : 'items'}` : 'Reading…'}
        </Text>
      </Group>
      {ready && items.length === 0 && (
        <Text size="sm" c="dimmed" px="md" py="lg">
          Nothing needs attention right now. Late starts, overdue arrivals, visits running over, waiting offers, long
          pauses and today&apos;s preferred windows show up here.
        </Text>
      )}
      {items.length > 0 && (
        <ScrollArea.Autosize mah="min(70vh, 640px)" type="auto">
          <Stack gap={0} component="ul" className={classes.list} aria-label="Needs attention">
            {shown.map((item) => (
              <li key={`${item.kind}:${item.appointmentId ?? item.jobId}`}>
                <Entry item={item} now={now} names={names} job={jobs.get(item.jobId)} onOpenJob={onOpenJob} />
              </li>
            ))}
          </Stack>
          {items.length > shown.length && (
            <Text size="xs" c="dimmed" px="md" py="sm">
              And {items.length - shown.length} more; the oldest of each kind are listed first.
            </Text>
          )}
        </ScrollArea.Autosize>
      )}
    </Stack>
  );
}

interface EntryProps {
  item: AttentionItem;
  now: number;
  names: Names | undefined;
  job: Job | undefined;
  onOpenJob: (jobId: string) => void;
}

function Entry({ item, now, names, job, onOpenJob }: EntryProps) {
  const { label, icon } = ATTENTION_LOOK[item.kind];
  const customer = job && names?.customers.get(job.customerId);
  const technician = item.technicianId ? names?.technicians.get(item.technicianId) : undefined;
  return (
    <UnstyledButton
      className={classes.entry}
      onClick={() => onOpenJob(item.jobId)}
      data-attention-kind={item.kind}
      data-attention-job-id={item.jobId}
    >
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Group gap={6} wrap="nowrap">
          <MaskIcon icon={icon} size={15} style={{ color: ATTENTION_COLOR }} />
          <Text size="xs" fw={700} style={{ color: ATTENTION_COLOR }}>
            {label}
          </Text>
        </Group>
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {ageLabel(item.since, now)}
        </Text>
      </Group>
      <Text size="sm" fw={600} lineClamp={1} mt={2}>
        {job?.title ?? item.jobId}
        {customer && (
          <Text span size="sm" fw={400} c="dimmed">
            {` · ${customerName(customer)}`}
          </Text>
        )}
      </Text>
      <Text size="xs" c="dimmed" lineClamp={2}>
        {item.why}
        {technician ? ` · ${fullName(technician)}` : ''}
      </Text>
    </UnstyledButton>
  );
}
