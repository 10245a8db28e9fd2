import { Button, Group, Popover, Text, Textarea, UnstyledButton } from '@mantine/core';
import { IconCircleCheck, IconPlayerPause } from '@tabler/icons-react';
import { useId, useState, type KeyboardEvent, type ReactNode } from 'react';
import { isLive, MAX_NOTE_LENGTH, STATUS_STYLES, type Appointment, type CompleteReason } from '../../domain';
import type { JobDetails } from '../data/views';
import { useConsole } from '../kit/SyncProvider';
import { ACTION_LABELS } from '../kit/allowedActions';
import { runCommand } from './runCommand';
import classes from './CompleteMenu.module.css';

/**
 * The reason decides the job's fate, so the picker groups reasons by what they do to it. A small dialog, not a
 * menu: it holds a note field, which a menu may not (only items), with the reasons as a menu inside it.
 */
export function CompleteMenu({ appointment, details }: { appointment: Appointment; details: JobDetails }) {
  const { client } = useConsole();
  const [opened, setOpened] = useState(false);
  const othersLive = details.appointments.some((other) => other.id !== appointment.id && isLive(other));
  const completing = details.completeReasons.filter((reason) => reason.effect === 'complete');
  const pausing = details.completeReasons.filter((reason) => reason.effect === 'pause');
  // Why, in the dispatcher's words ("the technician is ordering parts"): optional, kept as a note on the visit.
  const [note, setNote] = useState('');
  const complete = async (reason: CompleteReason) => {
    setOpened(false);
    if (await runCommand(() => client.commands.complete(appointment.id, reason.id, note))) setNote('');
  };
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-start" shadow="md" width={300} trapFocus>
      <Popover.Target>
        <Button
          size="xs"
          variant="light"
          color="gray"
          onClick={() => setOpened((open) => !open)}
          data-action="complete"
          data-for-appointment={appointment.id}
        >
          {ACTION_LABELS.complete}
        </Button>
      </Popover.Target>
      <Popover.Dropdown p={0} py={4}>
        <Textarea
          label="Note (optional)"
          placeholder="Why, e.g. ordering parts"
          size="xs"
          px="sm"
          pt={6}
          pb={4}
          autosize
          minRows={1}
          maxRows={4}
          maxLength={MAX_NOTE_LENGTH}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
          data-autofocus
        />
        {othersLive && (
          <Text size="xs" c="dimmed" px="sm" py={6}>
            Another visit is still open: the job follows that one until it ends; your reason decides after.
          </Text>
        )}
        <div role="menu" aria-label="Reasons" aria-orientation="vertical" onKeyDown={moveBetweenItems}>
          <ReasonGroup label="Completes the job">
            {completing.map((reason) => (
              <ReasonItem key={reason.id} reason={reason} onPick={complete} />
            ))}
          </ReasonGroup>
          <div role="separator" className={classes.separator} />
          <ReasonGroup label="Pauses the job">
            {pausing.map((reason) => (
              <ReasonItem key={reason.id} reason={reason} onPick={complete} />
            ))}
          </ReasonGroup>
        </div>
      </Popover.Dropdown>
    </Popover>
  );
}

function ReasonGroup({ label, children }: { label: string; children: ReactNode }) {
  const id = useId();
  return (
    <div role="group" aria-labelledby={id}>
      <Text id={id} size="xs" c="dimmed" fw={500} px="sm" py={6}>
        {label}
      </Text>
      {children}
    </div>
  );
}

function ReasonItem({ reason, onPick }: { reason: CompleteReason; onPick: (reason: CompleteReason) => void }) {
  const Icon = reason.effect === 'pause' ? IconPlayerPause : IconCircleCheck;
  return (
    <UnstyledButton
      role="menuitem"
      className={classes.item}
      onClick={() => onPick(reason)}
      data-reason-effect={reason.effect}
    >
      <Group gap="xs" wrap="nowrap">
        <Icon
          size={16}
          aria-hidden="true"
          color={reason.effect === 'pause' ? STATUS_STYLES.paused.color : 'var(--mantine-color-gray-6)'}
        />
        <Text size="sm" span>
          {reason.label}
        </Text>
      </Group>
    </UnstyledButton>
  );
}

/** The arrow keys move between the reasons, as in any menu; Home and End go to the first and the last. */
function moveBetweenItems(event: KeyboardEvent<HTMLDivElement>): void {
  const items = [...event.currentTarget.querySelectorAll<HTMLElement>('[role="menuitem"]')];
  const at = items.indexOf(document.activeElement as HTMLElement);
  const next = {
    ArrowDown: (at + 1) % items.length,
    ArrowUp: (at - 1 + items.length) % items.length,
    Home: 0,
    End: items.length - 1,
  }[event.key];
  if (next === undefined || !items.length) return;
  event.preventDefault();
  items[next].focus();
}
