import { Button, Popover, Select, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent, type SyntheticEvent } from 'react';
import { DEFAULT_DECLINE_REASONS } from '../../domain';
import { ACTION_LABELS } from './allowedActions';
import { ConfirmButtons } from './ConfirmButtons';

const REASONS = DEFAULT_DECLINE_REASONS.map((reason) => ({ value: reason.id, label: reason.label }));

const stop = (event: SyntheticEvent) => event.stopPropagation();

interface Props {
  /** The job's title: the button says "Decline <title>" to a screen reader. */
  title: string;
  /** 'compact-xs' on a queue card, 'xs' in the drawer. */
  size: 'compact-xs' | 'xs';
  /** Sends the decline; the form closes when it resolves to true (a refusal keeps it open). */
  onDecline(reasonId: string, note: string | undefined): Promise<boolean> | boolean;
}

/** The one decline form, on a queue card and in the drawer: a reason from the list, an optional note. */
export function DeclineOffer({ title, size, onDecline }: Props) {
  const [opened, setOpened] = useState(false);
  const [reasonId, setReasonId] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!reasonId) return;
    if (await onDecline(reasonId, note.trim() || undefined)) setOpened(false);
  };
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-start" width={280} withArrow trapFocus shadow="md">
      <Popover.Target>
        <Button
          size={size}
          variant="default"
          onClick={() => setOpened((open) => !open)}
          aria-label={`Decline ${title}`}
          data-action="decline"
        >
          {ACTION_LABELS.decline}
        </Button>
      </Popover.Target>
      {/* The dropdown is portalled, but React events still bubble to a queue card: keep them here. */}
      <Popover.Dropdown onClick={stop} onKeyDown={stop} onPointerDown={stop}>
        <form onSubmit={(event) => void submit(event)}>
          <Stack gap="xs">
            <Text size="sm" fw={600}>
              Decline this offer?
            </Text>
            <Select
              label="Reason"
              placeholder="Pick a reason"
              data={REASONS}
              value={reasonId}
              onChange={setReasonId}
              comboboxProps={{ withinPortal: false }}
              size="xs"
              required
              data-autofocus
            />
            <Textarea
              label="Note for the enterprise"
              placeholder="Optional"
              value={note}
              onChange={(event) => setNote(event.currentTarget.value)}
              size="xs"
              autosize
              minRows={2}
              maxLength={500}
            />
            <Text size="xs" c="dimmed">
              The offer leaves your board and becomes read-only.
            </Text>
            <ConfirmButtons
              size="xs"
              back="Keep offer"
              onBack={() => setOpened(false)}
              confirm="Decline offer"
              danger
              disabled={!reasonId}
            />
          </Stack>
        </form>
      </Popover.Dropdown>
    </Popover>
  );
}
