import { Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { useState, type FormEvent } from 'react';
import { isLive } from '../../domain';
import type { JobDetails } from '../data/views';
import { useConsole } from '../kit/SyncProvider';
import { ACTION_LABELS, type JobAction } from '../kit/allowedActions';
import { DeclineOffer } from '../kit/DeclineOffer';
import { formatDuration, nextWholeHour, pickerInstant, PICKER_DISPLAY, pickerValue } from '../kit/format';
import { personName } from '../kit/labels';
import { runCommand } from './runCommand';
import { ConfirmButtons } from '../kit/ConfirmButtons';

/** The job-level decisions: answer an offer, finish a paused job, schedule another visit, cancel. */
export function JobActions({ details, actions }: { details: JobDetails; actions: ReadonlySet<JobAction> }) {
  const { client } = useConsole();
  const job = details.job!;
  if (actions.size === 0) return null;
  return (
    <Group gap="xs" data-testid="job-actions">
      {actions.has('accept') && (
        <Button
          size="xs"
          color="green"
          onClick={() => void runCommand(() => client.commands.accept(job.id))}
          data-action="accept"
        >
          {ACTION_LABELS.accept}
        </Button>
      )}
      {actions.has('decline') && (
        <DeclineOffer
          title={job.title}
          size="xs"
          onDecline={(reasonId, note) => runCommand(() => client.commands.decline(job.id, reasonId, note))}
        />
      )}
      {actions.has('complete-job') && (
        <Button
          size="xs"
          color="gray"
          onClick={() => void runCommand(() => client.commands.completeJob(job.id))}
          data-action="complete-job"
        >
          {ACTION_LABELS['complete-job']}
        </Button>
      )}
      {actions.has('new-appointment') && <NewAppointmentButton details={details} />}
      {actions.has('withdraw') && <WithdrawButton jobId={job.id} />}
      {actions.has('cancel-job') && <CancelJobButton details={details} />}
    </Group>
  );
}

function WithdrawButton({ jobId }: { jobId: string }) {
  const { client } = useConsole();
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button size="xs" variant="subtle" color="red" onClick={() => setOpened(true)} data-action="withdraw">
        {ACTION_LABELS.withdraw}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title="Withdraw this offer?" size="sm" centered>
        <Text size="sm">The provider has not answered yet. Withdrawn offers cannot be reopened.</Text>
        <ConfirmButtons
          mt="md"
          back="Keep it"
          onBack={() => setOpened(false)}
          focusBack
          confirm="Yes, withdraw it"
          onConfirm={() =>
            void runCommand(() => client.commands.withdraw(jobId)).then((done) => done && setOpened(false))
          }
          danger
        />
      </Modal>
    </>
  );
}

function CancelJobButton({ details }: { details: JobDetails }) {
  const { client } = useConsole();
  const [opened, setOpened] = useState(false);
  const [reason, setReason] = useState('');
  const live = details.appointments.filter(isLive).length;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await runCommand(() => client.commands.cancelJob(details.job!.id, reason.trim() || undefined)))
      setOpened(false);
  };
  return (
    <>
      <Button size="xs" variant="subtle" color="red" ml="auto" onClick={() => setOpened(true)} data-action="cancel-job">
        {ACTION_LABELS['cancel-job']}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title="Cancel this job?" size="sm" centered>
        <form onSubmit={(event) => void submit(event)}>
          <Stack gap="sm">
            <Text size="sm">
              {live === 0
                ? 'The job closes and becomes read-only.'
                : `The job closes and its ${live === 1 ? 'scheduled appointment is' : `${live} scheduled appointments are`} canceled with it.`}
            </Text>
            <TextInput
              label="Reason"
              placeholder="Optional, e.g. customer canceled"
              value={reason}
              onChange={(event) => setReason(event.currentTarget.value)}
              maxLength={500}
            />
            <ConfirmButtons back="Keep it" onBack={() => setOpened(false)} focusBack confirm="Yes, cancel it" danger />
          </Stack>
        </form>
      </Modal>
    </>
  );
}

const DURATIONS = [30, 60, 90, 120, 180, 240, 480];

/** A sensible first guess: the customer's next suggested window, else the next whole hour. */
function suggestedStart(details: JobDetails, now = Date.now()): string {
  const window = details.job?.timeWindows
    .filter((candidate) => candidate.start > now)
    .sort((a, b) => a.start - b.start)[0];
  return pickerValue(window?.start ?? nextWholeHour(now));
}

function NewAppointmentButton({ details }: { details: JobDetails }) {
  const { client } = useConsole();
  const [opened, setOpened] = useState(false);
  const [technicianId, setTechnicianId] = useState<string | null>(null);
  const [start, setStart] = useState<string | null>(null);
  const [duration, setDuration] = useState<string | null>('120');
  const open = () => {
    setStart(suggestedStart(details));
    setOpened(true);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!start) return;
    const input = { technicianId, start: pickerInstant(start), durationMinutes: Number(duration ?? 120) };
    if (await runCommand(() => client.commands.schedule(details.job!.id, input))) setOpened(false);
  };
  return (
    <>
      <Button size="xs" variant="light" onClick={open} data-action="new-appointment">
        {ACTION_LABELS['new-appointment']}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title="New appointment" size="md" centered>
        <form onSubmit={(event) => void submit(event)}>
          <Stack gap="sm">
            <Select
              label="Technician"
              placeholder="Unassigned"
              data={details.technicians.map((technician) => ({ value: technician.id, label: personName(technician) }))}
              value={technicianId}
              onChange={setTechnicianId}
              searchable
              clearable
            />
            <DateTimePicker
              label="Starts"
              value={start}
              onChange={setStart}
              valueFormat={PICKER_DISPLAY}
              timePickerProps={{ format: '12h' }}
              required
            />
            <Select
              label="Duration"
              data={DURATIONS.map((minutes) => ({ value: String(minutes), label: formatDuration(minutes) }))}
              value={duration}
              onChange={setDuration}
            />
            <ConfirmButtons
              mt="xs"
              back="Back"
              onBack={() => setOpened(false)}
              confirm="Schedule appointment"
              disabled={!start}
            />
          </Stack>
        </form>
      </Modal>
    </>
  );
}
