import { Badge, Button, Group, Modal, NumberInput, Paper, Popover, Stack, Text, Tooltip } from '@mantine/core';
import { IconClockPause } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { completionNoteId, deriveJobStatus, STATUS_STYLES, type Appointment } from '../../domain';
import type { JobDetails } from '../data/views';
import { useConsole } from '../kit/SyncProvider';
import { ACTION_LABELS, type AppointmentAction } from '../kit/allowedActions';
import { clockTime, formatDuration, formatMoment, formatRange, siteRange } from '../kit/format';
import { APPOINTMENT_STATUS, personName } from '../kit/labels';
import { displayPhone } from './format';
import { runCommand } from './runCommand';
import { CompleteMenu } from './CompleteMenu';
import { ConfirmButtons } from '../kit/ConfirmButtons';

interface AppointmentCardProps {
  appointment: Appointment;
  details: JobDetails;
  actions: ReadonlySet<AppointmentAction>;
}

/** One visit: when, who, its own status, and the status changes a dispatcher makes as the technician's backup. */
export function AppointmentCard({ appointment, details, actions }: AppointmentCardProps) {
  const status = APPOINTMENT_STATUS[appointment.status];
  const pending = details.pendingAppointmentIds.has(appointment.id);
  const technician = appointment.technicianId ? details.people.get(appointment.technicianId) : undefined;
  const end = appointment.start + appointment.durationMinutes * 60_000;
  const reason = appointment.completeReasonId
    ? details.lookups.completeReasons.find((candidate) => candidate.id === appointment.completeReasonId)
    : undefined;
  const closed = appointment.status === 'canceled';
  const completionNote = details.notes.find((note) => note.id === completionNoteId(appointment.id));
  const site = siteRange(appointment.start, end, details.job?.address?.timezone);
  return (
    <Paper
      withBorder
      p="sm"
      radius="sm"
      data-drawer-appointment={appointment.id}
      data-drawer-appointment-status={appointment.status}
      data-unsynced={pending || undefined}
      style={{
        borderLeft: `3px solid var(--mantine-color-${status.color}-${closed ? 3 : 6})`,
        opacity: closed ? 0.7 : 1,
      }}
    >
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={2}>
          <Text fw={600} size="sm" td={closed ? 'line-through' : undefined}>
            {formatRange(appointment.start, end)}
            {site && (
              <Text span size="sm" fw={400} c="dimmed" data-site-time>
                {` · ${site}`}
              </Text>
            )}
          </Text>
          <Text size="sm" c="dimmed">
            {technician
              ? personName(technician)
              : appointment.technicianId
                ? 'Technician assigned'
                : 'No technician assigned'}{' '}
            · {formatDuration(appointment.durationMinutes)}
          </Text>
        </Stack>
        <Group gap={6} wrap="nowrap">
          {pending && (
            <Tooltip label="Saved on this computer; not yet confirmed by the server">
              <Badge
                size="sm"
                variant="outline"
                color="yellow"
                tt="none"
                leftSection={<IconClockPause size={11} />}
                data-testid="pending-mark"
              >
                pending
              </Badge>
            </Tooltip>
          )}
          <Badge size="sm" variant="light" color={status.color} tt="none">
            {status.label}
          </Badge>
        </Group>
      </Group>
      {appointment.status === 'enroute' && appointment.etaMinutes !== undefined && (
        <Text size="sm" mt={6}>
          ETA {appointment.etaMinutes} min
          {appointment.enrouteAt !== undefined && (
            <Text span c="dimmed" size="sm">
              {' '}
              — left {clockTime(appointment.enrouteAt)}, arrives about{' '}
              {clockTime(appointment.enrouteAt + appointment.etaMinutes * 60_000)}
            </Text>
          )}
        </Text>
      )}
      {appointment.status === 'started' && appointment.startedAt !== undefined && (
        <Text size="sm" mt={6} c="dimmed">
          On site since {formatMoment(appointment.startedAt)}
        </Text>
      )}
      {appointment.status === 'complete' && (
        <Text size="sm" mt={6}>
          {reason ? reason.label : 'Completed'}
          <Text span c="dimmed" size="sm">
            {reason && (reason.effect === 'pause' ? ' · paused the job' : ' · completed the job')}
            {appointment.completedAt !== undefined && ` · ${formatMoment(appointment.completedAt)}`}
          </Text>
          {completionNote && (
            <Text
              size="sm"
              c="dimmed"
              mt={2}
              style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', fontStyle: 'italic' }}
              data-completion-note
            >
              “{completionNote.text}” — {completionNote.authorName}
            </Text>
          )}
        </Text>
      )}
      {closed && appointment.canceledAt !== undefined && (
        <Text size="sm" mt={6} c="dimmed">
          Canceled {formatMoment(appointment.canceledAt)}
          {appointment.updatedBy ? ` by ${appointment.updatedBy}` : ''}
        </Text>
      )}
      {actions.size > 0 && (
        <Group gap="xs" mt="sm">
          {actions.has('enroute') && <OnMyWayButton appointment={appointment} details={details} />}
          {actions.has('start') && <StartButton appointment={appointment} />}
          {actions.has('complete') && <CompleteMenu appointment={appointment} details={details} />}
          {actions.has('undo-enroute') && <UndoOnMyWayButton appointment={appointment} />}
          {actions.has('cancel') && (
            <CancelAppointmentButton
              appointment={appointment}
              details={details}
              technicianName={technician ? personName(technician) : undefined}
            />
          )}
        </Group>
      )}
    </Paper>
  );
}

function OnMyWayButton({ appointment, details }: { appointment: Appointment; details: JobDetails }) {
  const { client } = useConsole();
  const [opened, setOpened] = useState(false);
  const [eta, setEta] = useState<number | string>(30);
  const phone = details.customer?.phoneNumbers.find((number) => number.primary) ?? details.customer?.phoneNumbers[0];
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const etaMinutes = typeof eta === 'number' ? eta : Number.parseInt(eta, 10);
    if (!Number.isInteger(etaMinutes) || etaMinutes < 1) return;
    if (await runCommand(() => client.commands.setStatus(appointment.id, 'enroute', { etaMinutes }))) setOpened(false);
  };
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-start" withArrow shadow="md" trapFocus>
      <Popover.Target>
        <Button
          size="xs"
          onClick={() => setOpened((open) => !open)}
          data-action="enroute"
          data-for-appointment={appointment.id}
        >
          {ACTION_LABELS.enroute}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <form onSubmit={(event) => void submit(event)}>
          <Stack gap="xs" w={260}>
            <NumberInput
              label="ETA (minutes)"
              value={eta}
              onChange={setEta}
              min={1}
              max={24 * 60}
              step={5}
              data-autofocus
              required
            />
            <Text size="xs" c="dimmed">
              {phone
                ? `Texts ${details.customer?.firstName ?? 'the customer'} at ${displayPhone(phone.number).replace(/-/g, '\u2011')} with this ETA.`
                : 'The customer has no phone number; no text is sent.'}
            </Text>
            <ConfirmButtons size="xs" back="Back" onBack={() => setOpened(false)} confirm="Confirm" />
          </Stack>
        </form>
      </Popover.Dropdown>
    </Popover>
  );
}

function StartButton({ appointment }: { appointment: Appointment }) {
  const { client } = useConsole();
  return (
    <Button
      size="xs"
      variant="light"
      onClick={() => void runCommand(() => client.commands.setStatus(appointment.id, 'started'))}
      data-action="start"
      data-for-appointment={appointment.id}
    >
      {ACTION_LABELS.start}
    </Button>
  );
}

function UndoOnMyWayButton({ appointment }: { appointment: Appointment }) {
  const { client } = useConsole();
  return (
    <Button
      size="xs"
      variant="subtle"
      color="gray"
      onClick={() => void runCommand(() => client.commands.setStatus(appointment.id, 'scheduled'))}
      data-action="undo-enroute"
      data-for-appointment={appointment.id}
    >
      {ACTION_LABELS['undo-enroute']}
    </Button>
  );
}

/**
 * What the job will show once this visit is canceled, in the dialog's words: a revisit of a finished job
 * leaves it Complete, a second visit leaves it Scheduled, an only visit sends it back to the queue.
 */
function statusAfterCancel(appointment: Appointment, details: JobDetails): string {
  if (!details.job) return '';
  const remaining = details.appointments.map((other) =>
    other.id === appointment.id ? { ...other, status: 'canceled' as const } : other,
  );
  const after = deriveJobStatus(details.job, remaining, (id) => details.completeReasons.find((r) => r.id === id));
  const label = STATUS_STYLES[after].label;
  return after === details.status ? ` The job stays ${label}.` : ` The job goes back to ${label}.`;
}

function CancelAppointmentButton({
  appointment,
  details,
  technicianName,
}: {
  appointment: Appointment;
  details: JobDetails;
  technicianName: string | undefined;
}) {
  const { client } = useConsole();
  const [opened, setOpened] = useState(false);
  const confirm = async () => {
    if (await runCommand(() => client.commands.cancelAppointment(appointment.id))) setOpened(false);
  };
  return (
    <>
      <Button
        size="xs"
        variant="subtle"
        color="red"
        ml="auto"
        onClick={() => setOpened(true)}
        data-action="cancel"
        data-for-appointment={appointment.id}
      >
        {ACTION_LABELS.cancel}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title="Cancel this appointment?" size="sm" centered>
        <Text size="sm">
          {formatRange(appointment.start, appointment.start + appointment.durationMinutes * 60_000)}
          {technicianName ? ` with ${technicianName}` : ''} will be canceled.
          {statusAfterCancel(appointment, details)}
        </Text>
        <ConfirmButtons
          mt="md"
          back="Keep it"
          onBack={() => setOpened(false)}
          focusBack
          confirm="Yes, cancel it"
          onConfirm={() => void confirm()}
          danger
        />
      </Modal>
    </>
  );
}
