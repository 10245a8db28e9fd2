import { Button, Popover } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useState } from 'react';
import { useUi } from '../kit/ui';
import { AttentionPanel } from './AttentionPanel';
import { useAttention } from './context';

/**
 * The header's "Needs attention" button: the count of items now, opening the panel. Its accessible name
 * is "Needs attention: N" and it carries `data-count` (docs/ARCHITECTURE.md §6). Quiet when there is nothing.
 */
export function AttentionBadge() {
  const { items } = useAttention();
  const { openJob } = useUi();
  const [opened, setOpened] = useState(false);
  const count = items.length;
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={420} shadow="md" trapFocus>
      <Popover.Target>
        <Button
          size="xs"
          variant={count ? 'light' : 'subtle'}
          color={count ? 'orange' : 'gray'}
          leftSection={<IconBell size={16} aria-hidden />}
          aria-label={`Needs attention: ${count}`}
          title="Needs attention"
          data-count={count}
          onClick={() => setOpened((current) => !current)}
        >
          {count}
        </Button>
      </Popover.Target>
      <Popover.Dropdown p={0}>
        <AttentionPanel
          onOpenJob={(jobId) => {
            setOpened(false);
            openJob(jobId);
          }}
        />
      </Popover.Dropdown>
    </Popover>
  );
}
