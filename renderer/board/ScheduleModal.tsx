import { Button, Group, Modal, NumberInput, Select, Stack, Text } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { useEffect, useState, type FormEvent } from 'react';
import { addDays, zoneDay, type User } from '../../domain';
import type { BoardController } from './controller';
import { clockTimeWithSite, pickerInstant, PICKER_DISPLAY, pickerValue, siteTime, windowLabel } from '../kit/format';
import { officeZone } from '../kit/officeClock';
import { personName } from '../kit/labels';
import { DEFAULT_DURATION_MINUTES, SNAP_MINUTES, SNAP_MS, workingBounds, type WorkingHours } from './geometry';
import type { QueueJob } from './QueuePanel';

/**
 * Where a new appointment most likely goes: the customer's next suggested window, else the next quarter
 * hour today within working hours, else the morning of the board's first day.
 */
export function suggestedStart(
  job: QueueJob,
  boardDate: string,
  hours: WorkingHours,
  now = Date.now(),
  timeZone = officeZone(),
): number {
  const window = job.summary.job.timeWindows
    .filter((candidate) => candidate.start > now)
    .sort((a, b) => a.start - b.start)[0];
  // Quarter hours of UTC are quarter hours of every zone's clock (offsets are whole quarter hours).
  if (window) return Math.ceil(window.start / SNAP_MS) * SNAP_MS;
  const { start: opening, end: closing } = workingBounds(boardDate, hours, timeZone);
  const nextQuarter = Math.ceil(now / SNAP_MS) * SNAP_MS;
  if (nextQuarter >= opening && nextQuarter < closing) return nextQuarter;
  if (nextQuarter >= closing && boardDate === zoneDay(now, timeZone))
    return workingBounds(addDays(boardDate, 1), hours, timeZone).start;
  return opening;
}

interface Props {
  job: QueueJob | null;
  technicians: User[];
  boardDate: string;
  hours: WorkingHours;
  controller: BoardController;
  onClose: () => void;
  /** Tells the board where the new appointment is, so it can show that day. */
  onScheduled: (start: number, technicianId: string | null) => void;
}

/** The keyboard path to drag-to-schedule: technician, start and duration, then one command. */
export function ScheduleModal({ job, technicians, boardDate, hours, controller, onClose, onScheduled }: Props) {
  const [technicianId, setTechnicianId] = useState<string | null>(null);
  const [start, setStart] = useState<string | null>(null);
  const [duration, setDuration] = useState<number>(DEFAULT_DURATION_MINUTES);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!job) return;
    setTechnicianId(technicians[0]?.id ?? null);
    setStart(pickerValue(suggestedStart(job, boardDate, hours)));
    setDuration(DEFAULT_DURATION_MINUTES);
    // Only when a new job is picked: a live update of the lists must not undo the dispatcher's choices.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [job?.summary.job.id]);

  const offered = job?.summary.status === 'offered';
  // "10:00 AM · 11:00 AM at site" under the picker when the job's site keeps another clock than the office.
  const startMs = start ? pickerInstant(start) : Number.NaN;
  const siteZone = job?.summary.job.address?.timezone;
  const siteHint =
    Number.isFinite(startMs) && siteTime(startMs, siteZone) ? clockTimeWithSite(startMs, siteZone) : undefined;
  const windows = (job?.summary.job.timeWindows ?? []).filter((window) => window.end > Date.now()).slice(0, 3);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!job || !start || !technicianId) return;
    const startMs = pickerInstant(start);
    const durationMinutes = Math.max(SNAP_MINUTES, Math.round(duration / SNAP_MINUTES) * SNAP_MINUTES);
    setBusy(true);
    const id = await controller.schedule(
      {
        jobId: job.summary.job.id,
        title: job.summary.job.title,
        offered,
        technicianId,
        start: startMs,
        durationMinutes,
      },
      'keyboard',
    );
    setBusy(false);
    if (!id) return;
    onScheduled(startMs, technicianId);
    onClose();
  };

  return (
    <Modal
      opened={!!job}
      onClose={onClose}
      title={offered ? 'Accept and schedule' : 'Schedule appointment'}
      onExitTransitionEnd={() => controller.focusPending()}
      size="md"
    >
      {job && (
        <form onSubmit={(event) => void submit(event)}>
          <Stack gap="sm">
            <div>
              <Text size="sm" fw={600}>
                {job.summary.job.title}
              </Text>
              <Text size="xs" c="dimmed">
                {[job.customerName, job.address].filter(Boolean).join(' · ')}
              </Text>
              {windows.length > 0 && (
                <Text size="xs" mt={4}>
                  Customer prefers {windows.map(windowLabel).join(', ')}
                </Text>
              )}
            </div>
            <Select
              label="Technician"
              data={technicians.map((technician) => ({ value: technician.id, label: personName(technician) }))}
              value={technicianId}
              onChange={setTechnicianId}
              searchable
              openOnFocus={false}
              required
              data-autofocus
              nothingFoundMessage="No technician by that name"
            />
            <DateTimePicker
              label="Start"
              value={start}
              onChange={setStart}
              valueFormat={PICKER_DISPLAY}
              description={siteHint}
              required
              timePickerProps={{ minutesStep: SNAP_MINUTES, format: '12h' }}
              // Keyboard users confirm the picker and carry on from the field, not from the top of the page.
              popoverProps={{ returnFocus: true }}
            />
            <NumberInput
              label="Duration (minutes)"
              value={duration}
              onChange={(value) =>
                setDuration(typeof value === 'number' ? value : Number(value) || DEFAULT_DURATION_MINUTES)
              }
              min={SNAP_MINUTES}
              max={12 * 60}
              step={SNAP_MINUTES}
              required
            />
            <Group justify="flex-end" mt="xs">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" loading={busy} disabled={!technicianId || !start}>
                {offered ? 'Accept and schedule' : 'Schedule'}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
