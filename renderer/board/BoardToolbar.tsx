import { ActionIcon, Button, Group, NumberInput, Popover, SegmentedControl, Stack, Text, Tooltip } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { IconCalendar, IconChevronLeft, IconChevronRight, IconClock, IconZoomIn, IconZoomOut } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { memo, useState } from 'react';
import { StatusLegend } from '../app/StatusChip';
import { todayIso, type BoardRange } from '../app/ui';
import { ZOOM_LEVELS, type BoardSettings } from './settings';
import classes from './board.module.css';

const RANGE_NAMES: Record<BoardRange, string> = { 1: 'day', 3: '3 days', 7: 'week' };

function pad(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`;
}

function WorkingHoursButton({ settings, onChange }: { settings: BoardSettings; onChange: (change: Partial<BoardSettings>) => void }) {
  const [opened, setOpened] = useState(false);
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom" withArrow shadow="md" trapFocus>
      <Popover.Target>
        <Tooltip label="Working hours shown on the board" withArrow disabled={opened}>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconClock size={14} />}
            onClick={() => setOpened((open) => !open)}
            aria-label={`Working hours ${pad(settings.startHour)} to ${pad(settings.endHour)}`}
          >
            {pad(settings.startHour)}–{pad(settings.endHour)}
          </Button>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs" w={220}>
          <Text size="sm" fw={600}>
            Working hours
          </Text>
          <Group gap="xs" grow>
            <NumberInput
              label="From"
              size="xs"
              min={0}
              max={settings.endHour - 1}
              value={settings.startHour}
              onChange={(value) => typeof value === 'number' && onChange({ startHour: value })}
              suffix=":00"
              data-autofocus
            />
            <NumberInput
              label="To"
              size="xs"
              min={settings.startHour + 1}
              max={24}
              value={settings.endHour}
              onChange={(value) => typeof value === 'number' && onChange({ endHour: value })}
              suffix=":00"
            />
          </Group>
          <Text size="xs" c="dimmed">
            Appointments outside these hours show as a mark at the edge of the day.
          </Text>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

interface Props {
  date: string;
  range: BoardRange;
  settings: BoardSettings;
  onDate: (date: string) => void;
  onRange: (range: BoardRange) => void;
  onSettings: (change: Partial<BoardSettings>) => void;
}

export const BoardToolbar = memo(function BoardToolbar({ date, range, settings, onDate, onRange, onSettings }: Props) {
  const shift = (direction: 1 | -1) => onDate(dayjs(date).add(direction * range, 'day').format('YYYY-MM-DD'));
  const isToday = date === todayIso();
  return (
    <div className={classes.toolbar} role="toolbar" aria-label="Board">
      <Group gap="xs" wrap="nowrap">
        <Group gap={4} wrap="nowrap">
          <Tooltip label={`Previous ${RANGE_NAMES[range]}`} withArrow>
            <ActionIcon variant="default" size="md" onClick={() => shift(-1)} aria-label={`Previous ${RANGE_NAMES[range]}`}>
              <IconChevronLeft size={16} />
            </ActionIcon>
          </Tooltip>
          <Button size="xs" variant={isToday ? 'light' : 'default'} onClick={() => onDate(todayIso())}>
            Today
          </Button>
          <Tooltip label={`Next ${RANGE_NAMES[range]}`} withArrow>
            <ActionIcon variant="default" size="md" onClick={() => shift(1)} aria-label={`Next ${RANGE_NAMES[range]}`}>
              <IconChevronRight size={16} />
            </ActionIcon>
          </Tooltip>
        </Group>
        <DatePickerInput
          size="xs"
          w={176}
          value={date}
          onChange={(value) => value && onDate(dayjs(value).format('YYYY-MM-DD'))}
          valueFormat="ddd D MMM YYYY"
          leftSection={<IconCalendar size={14} />}
          aria-label="Board date"
          firstDayOfWeek={1}
        />
        <SegmentedControl
          size="xs"
          value={String(range)}
          onChange={(value) => onRange(Number(value) as BoardRange)}
          data={[
            { label: 'Day', value: '1' },
            { label: '3 days', value: '3' },
            { label: 'Week', value: '7' },
          ]}
          aria-label="Days shown"
        />
        <Group gap={4} wrap="nowrap">
          <Tooltip label="Zoom out" withArrow>
            <ActionIcon variant="default" size="md" onClick={() => onSettings({ zoom: settings.zoom - 1 })} disabled={settings.zoom === 0} aria-label="Zoom out">
              <IconZoomOut size={16} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label="Zoom in" withArrow>
            <ActionIcon variant="default" size="md" onClick={() => onSettings({ zoom: settings.zoom + 1 })} disabled={settings.zoom === ZOOM_LEVELS.length - 1} aria-label="Zoom in">
              <IconZoomIn size={16} />
            </ActionIcon>
          </Tooltip>
        </Group>
        <WorkingHoursButton settings={settings} onChange={onSettings} />
      </Group>
      <StatusLegend />
    </div>
  );
});
