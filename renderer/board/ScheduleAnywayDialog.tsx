import { List, Modal, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { ConfirmButtons } from '../kit/ConfirmButtons';
import type { BoardController, OverrulePrompt } from './controller';

interface Asked {
  prompt: OverrulePrompt;
  answer: (scheduleAnyway: boolean) => void;
}

/**
 * "Schedule anyway?": asked before a drop, a keyboard move or the schedule form commits a visit that
 * double-books a technician, falls outside their hours or time off, or needs skills they lack. Nothing is
 * written until the dispatcher answers; "Put it back" (or Escape) leaves everything as it was, "Schedule
 * anyway" commits and the activity records what was overruled. One question at a time: the board's
 * actions run in series, so the next waits for this answer.
 */
export function ScheduleAnywayDialog({ controller }: { controller: BoardController }) {
  const [asked, setAsked] = useState<Asked | null>(null);

  useEffect(() => {
    const ask = controller.confirmWarnings;
    let pending: Asked | null = null;
    controller.confirmWarnings = (prompt) =>
      new Promise<boolean>((resolve) => {
        pending = {
          prompt,
          answer: (scheduleAnyway) => {
            pending = null;
            setAsked(null);
            resolve(scheduleAnyway);
          },
        };
        setAsked(pending);
      });
    return () => {
      // Leaving the board with a question open puts the visit back rather than leaving the action hanging.
      (pending as Asked | null)?.answer(false);
      controller.confirmWarnings = ask;
    };
  }, [controller]);

  const prompt = asked?.prompt;
  return (
    <Modal
      opened={!!asked}
      onClose={() => asked?.answer(false)}
      title="Schedule anyway?"
      onExitTransitionEnd={() => controller.focusPending()}
      size="md"
    >
      {prompt && (
        <Stack gap="sm" data-schedule-anyway>
          <div>
            <Text size="sm" fw={600}>
              {prompt.title}
            </Text>
            <Text size="xs" c="dimmed">
              {prompt.placement}
            </Text>
          </div>
          <List
            size="sm"
            spacing={6}
            icon={<IconAlertTriangle size={16} color="var(--mantine-color-orange-7)" aria-hidden />}
          >
            {prompt.warnings.map((warning) => (
              <List.Item key={warning.code} data-warning-code={warning.code}>
                {warning.message}
              </List.Item>
            ))}
          </List>
          <ConfirmButtons
            back="Put it back"
            onBack={() => asked?.answer(false)}
            confirm="Schedule anyway"
            onConfirm={() => asked?.answer(true)}
            focusBack
          />
        </Stack>
      )}
    </Modal>
  );
}
