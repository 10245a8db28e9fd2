import {
  Anchor,
  Badge,
  Box,
  Center,
  CopyButton,
  Divider,
  Drawer,
  Group,
  Loader,
  Stack,
  Text,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { useWindowEvent } from '@mantine/hooks';
import { IconMail, IconMapPin, IconPhone } from '@tabler/icons-react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import { readJobDetails, type JobDetails } from '../data/views';
import { StatusChip } from '../kit/StatusChip';
import { useConsole, useSyncStatus } from '../kit/SyncProvider';
import { useUi } from '../kit/ui';
import { ActivityTimeline } from './ActivityTimeline';
import { allowedActions } from '../kit/allowedActions';
import { AppointmentCard } from './AppointmentCard';
import { clearDrawerIntent, useDrawerIntent } from '../kit/drawerIntent';
import { formatRange } from '../kit/format';
import { PresenceNote, useViewingPresence } from '../kit/presence';
import { displayPhone, formatAddress, telHref } from './format';
import { JobActions } from './JobActions';
import { CustomerNotes, NotesSection } from './NotesSection';
import { CustomerEditor } from './CustomerEditor';
import { JobDetailsEditor } from './JobDetailsEditor';

/** Overlays that take Escape for themselves: the drawer closes only when none of them is open. */
const OVERLAY_SELECTOR = '[role="dialog"], [role="menu"], [role="listbox"]';

function otherOverlayOpen(inside: HTMLElement | null): boolean {
  const drawer = inside?.closest('[role="dialog"]');
  return [...document.querySelectorAll<HTMLElement>(OVERLAY_SELECTOR)].some(
    // Mantine keeps a closed Select's listbox in the page, hidden: only what is shown counts.
    (element) => element !== drawer && !element.contains(inside) && element.getClientRects().length > 0,
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap={6} component="section" aria-label={title}>
      <Text size="xs" fw={700} c="dimmed" tt="uppercase" style={{ letterSpacing: 0.4 }}>
        {title}
      </Text>
      {children}
    </Stack>
  );
}

/** The job a dispatcher clicked: who, where, what, when, the visits with their actions, and the whole history. */
export function JobDrawer() {
  const { selectedJobId, openJob } = useUi();
  const { client, actor } = useConsole();
  const details = useLiveQuery(
    () => (selectedJobId ? readJobDetails(client.db, actor, selectedJobId) : undefined),
    [client, actor, selectedJobId],
  );
  const shown = details && details.job?.id === selectedJobId ? details : undefined;
  // A job whose activity a catch-up left on the server: ask for the rest (again whenever the console comes online).
  const online = useSyncStatus().state === 'online';
  const activityOnServer = shown?.activityOnServer === true;
  useEffect(() => {
    if (activityOnServer && online && selectedJobId) client.loadActivity(selectedJobId);
  }, [activityOnServer, online, selectedJobId, client]);
  useViewingPresence(selectedJobId);
  const contentRef = useRef<HTMLDivElement>(null);

  // Escape closes the drawer from anywhere, but an open menu, popover or dialog takes it first.
  useWindowEvent('keydown', (event) => {
    if (event.key !== 'Escape' || !selectedJobId || event.defaultPrevented || event.isComposing) return;
    if (otherOverlayOpen(contentRef.current)) return;
    openJob(null);
  });

  return (
    <Drawer.Root
      opened={!!selectedJobId}
      onClose={() => openJob(null)}
      position="right"
      size={560}
      closeOnEscape={false}
      padding="lg"
    >
      <Drawer.Overlay backgroundOpacity={0.12} />
      <Drawer.Content>
        {/* A div, not Mantine's <header>: outside sectioning content that is a second banner landmark. */}
        <Drawer.Header
          component="div"
          style={{ alignItems: 'flex-start', borderBottom: '1px solid var(--mantine-color-default-border)' }}
        >
          {shown?.job ? <DrawerHeading details={shown} /> : <Drawer.Title fw={600}>Job</Drawer.Title>}
          <Drawer.CloseButton aria-label="Close job" />
        </Drawer.Header>
        <Drawer.Body>
          <Box ref={contentRef} data-job-drawer={selectedJobId ?? undefined} data-drawer-status={shown?.status} pt="md">
            {!details && (
              <Center py="xl">
                <Loader size="sm" aria-label="Loading job" />
              </Center>
            )}
            {details && !details.job && (
              <Text c="dimmed" py="xl" ta="center">
                This job is not on this computer. It may belong to another organization, or it has not synced yet.
              </Text>
            )}
            {shown && <JobBody details={shown} />}
          </Box>
        </Drawer.Body>
      </Drawer.Content>
    </Drawer.Root>
  );
}

/** Status, title (the dialog's name), source and ids. */
function DrawerHeading({ details }: { details: JobDetails }) {
  const job = details.job!;
  return (
    <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
      <Group gap="sm" wrap="nowrap" align="center">
        <StatusChip status={details.status} />
        {details.pendingJob && (
          <Tooltip label="Saved on this computer; not yet confirmed by the server">
            <Badge size="sm" variant="outline" color="yellow" tt="none">
              pending
            </Badge>
          </Tooltip>
        )}
      </Group>
      <PresenceNote jobId={job.id} movingIds={details.appointments.map((appointment) => appointment.id)} />
      <Drawer.Title fz="lg" fw={650} lh={1.3} style={{ overflowWrap: 'anywhere' }}>
        {job.title}
      </Drawer.Title>
      <Group gap={6} wrap="wrap">
        <Text size="xs" c="dimmed">
          {details.source ? `From ${details.source.name}` : `${details.provider?.name ?? 'Own'} job`}
        </Text>
        <Text size="xs" c="dimmed">
          ·
        </Text>
        <CopyButton value={job.id}>
          {({ copied, copy }) => (
            <Tooltip label={copied ? 'Copied' : 'Copy job id'}>
              <UnstyledButton onClick={copy} aria-label={`Job id ${job.id}, copy`}>
                <Text size="xs" c="dimmed" ff="monospace" data-testid="job-id">
                  {job.id}
                </Text>
              </UnstyledButton>
            </Tooltip>
          )}
        </CopyButton>
        {job.externalIds?.map((externalId) => (
          <Badge key={externalId} size="xs" variant="default" ff="monospace" tt="none">
            {externalId}
          </Badge>
        ))}
      </Group>
    </Stack>
  );
}

function JobBody({ details }: { details: JobDetails }) {
  const { actor } = useConsole();
  const job = details.job!;
  const customer = details.customer;
  const allowed = useMemo(() => allowedActions(details, actor), [details, actor]);
  const intent = useDrawerIntent();

  // An action asked for from the command palette: press its button once it is on screen.
  useEffect(() => {
    if (!intent || intent.jobId !== job.id) return;
    const timer = window.setTimeout(() => {
      clearDrawerIntent();
      const selector = `[data-job-drawer] [data-action="${intent.action}"]${intent.appointmentId ? `[data-for-appointment="${CSS.escape(intent.appointmentId)}"]` : ''}`;
      const button = document.querySelector<HTMLButtonElement>(selector);
      button?.focus();
      button?.click();
    }, 250);
    return () => window.clearTimeout(timer);
  }, [intent, job.id]);

  const phones = [...(customer?.phoneNumbers ?? [])].sort((a, b) => Number(b.primary) - Number(a.primary));
  const visible = [...details.appointments].sort(
    (a, b) => Number(a.status === 'canceled') - Number(b.status === 'canceled') || a.start - b.start,
  );
  return (
    <Stack gap="lg">
      {job.closedReason && (
        <Text size="sm" c="dimmed">
          {job.lifecycle === 'rejected' ? 'Declined' : 'Closed'}: {job.closedReason}
        </Text>
      )}
      <Group gap="xs" justify="space-between" align="flex-start" wrap="nowrap">
        <JobActions details={details} actions={allowed.job} />
        <JobDetailsEditor job={job} />
      </Group>

      <Group align="flex-start" grow gap="lg">
        <Section title="Customer">
          {customer ? (
            <Stack gap={4}>
              <Text size="sm" fw={600}>
                {[customer.firstName, customer.lastName].filter(Boolean).join(' ')}
              </Text>
              {customer.companyName && <Text size="sm">{customer.companyName}</Text>}
              {phones.map((phone) => (
                <Group key={phone.number} gap={6} wrap="nowrap">
                  <IconPhone size={14} color="var(--mantine-color-dimmed)" />
                  <Anchor size="sm" href={telHref(phone.number)}>
                    {displayPhone(phone.number)}
                  </Anchor>
                  {(phone.type || phone.primary) && (
                    <Text size="xs" c="dimmed">
                      {[phone.type, phone.primary && phones.length > 1 ? 'primary' : undefined]
                        .filter(Boolean)
                        .join(', ')}
                    </Text>
                  )}
                </Group>
              ))}
              {customer.email && (
                <Group gap={6} wrap="nowrap">
                  <IconMail size={14} color="var(--mantine-color-dimmed)" />
                  <Anchor size="sm" href={`mailto:${customer.email}`} style={{ overflowWrap: 'anywhere' }}>
                    {customer.email}
                  </Anchor>
                </Group>
              )}
              {customer.notes && <CustomerNotes notes={customer.notes} />}
              {actor.role === 'dispatcher' && <CustomerEditor customer={customer} />}
            </Stack>
          ) : (
            <Text size="sm" c="dimmed">
              Not on this computer yet.
            </Text>
          )}
        </Section>
        <Section title="Address">
          <Group gap={6} wrap="nowrap" align="flex-start">
            <IconMapPin size={14} color="var(--mantine-color-dimmed)" style={{ marginTop: 3, flexShrink: 0 }} />
            <Stack gap={0}>
              {formatAddress(job.address).map((line) => (
                <Text size="sm" key={line}>
                  {line}
                </Text>
              ))}
            </Stack>
          </Group>
        </Section>
      </Group>

      {(job.serviceType || job.description) && (
        <Section title="Work">
          {job.serviceType && (
            <Group gap={6}>
              <Text size="sm" c="dimmed">
                Service type
              </Text>
              <Badge variant="light" color="gray" size="sm" tt="none">
                {job.serviceType}
              </Badge>
            </Group>
          )}
          {job.description && (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {job.description}
            </Text>
          )}
        </Section>
      )}

      <Section title="Customer's suggested times">
        {job.timeWindows.length ? (
          <Stack gap={2}>
            {job.timeWindows.map((window) => (
              <Text size="sm" key={`${window.start}-${window.end}`}>
                {formatRange(window.start, window.end)}
              </Text>
            ))}
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            None given.
          </Text>
        )}
      </Section>

      <Section title={`Appointments${details.appointments.length ? ` (${details.appointments.length})` : ''}`}>
        {visible.length ? (
          <Stack gap="xs">
            {visible.map((appointment) => (
              <AppointmentCard
                key={appointment.id}
                appointment={appointment}
                details={details}
                actions={allowed.appointments.get(appointment.id) ?? new Set()}
              />
            ))}
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            No appointments yet.
          </Text>
        )}
      </Section>

      <NotesSection details={details} />

      <Divider />
      <Section title="Activity">
        <ActivityTimeline details={details} />
      </Section>
    </Stack>
  );
}
