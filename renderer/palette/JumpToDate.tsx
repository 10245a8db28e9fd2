import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { DatePicker } from '@mantine/dates';
import { useState, type FormEvent } from 'react';
import { longDate } from '../kit/format';
import { parseDateQuery } from './dates';
import classes from './JumpToDate.module.css';

/** "Jump to date…": pick a day on a calendar or type one ("fri", "3/12", "in 2 weeks"). */
export function JumpToDate({
  opened,
  current,
  onClose,
  onJump,
}: {
  opened: boolean;
  current: string;
  onClose: () => void;
  onJump: (date: string) => void;
}) {
  const [text, setText] = useState('');
  const typed = parseDateQuery(text);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (typed) onJump(typed);
  };
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title="Jump to date"
      size="auto"
      centered
      onExitTransitionEnd={() => setText('')}
    >
      <Stack gap="sm">
        <form onSubmit={submit}>
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <TextInput
              label="Type a date"
              placeholder="tomorrow, fri, 2026-03-12"
              value={text}
              onChange={(event) => setText(event.currentTarget.value)}
              error={text.trim() && !typed ? 'Not a date' : undefined}
              data-autofocus
              style={{ flex: 1 }}
            />
            <Button type="submit" disabled={!typed}>
              Go
            </Button>
          </Group>
        </form>
        {typed && (
          <Text size="xs" c="dimmed">
            {longDate(typed)}
          </Text>
        )}
        <DatePicker
          key={(typed ?? current).slice(0, 7)}
          value={typed ?? current}
          onChange={(value) => value && onJump(value)}
          defaultDate={typed ?? current}
          aria-label="Calendar"
          previousLabel="Previous month"
          nextLabel="Next month"
          // Other months' days are drawn faint, below the contrast minimum: the month alone reads clearer.
          hideOutsideDates
          classNames={{ day: classes.day }}
        />
      </Stack>
    </Modal>
  );
}
