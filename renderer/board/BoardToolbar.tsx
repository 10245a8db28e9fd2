import { ActionIcon, Button, Group, Popover, SegmentedControl, Select, Stack, Text, Tooltip } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import dayjs from 'dayjs';
import {
  IconCalendar,
  IconChevronLeft,
  IconChevronRight,
  IconClock,
  IconPlus,
  IconZoomIn,
  IconZoomOut,
} from '@tabler/icons-react';
import { memo, useState, type ReactNode } from 'react';
import { zoneName } from '../../domain';
import { useOfficeZone } from '../kit/OfficeClockProvider';
import { openNewJob } from '../kit/newJobIntent';
import { StatusLegend } from '../kit/StatusChip';
import { type BoardRange } from '../kit/ui';
import { hourLabel, isoDay, shiftIsoDate } from '../kit/format';
import { PrintDayButton } from '../kit/print';
import { ZOOM_LEVELS, type BoardSettings } from './settings';
import classes from './board.module.css';

/** The board date picker's own text: "Sat, Dec 5, 2026". */
const DATE_FORMAT = 'ddd, MMM D, YYYY';
const RANGE_NAMES: Record<BoardRange, string> = { 1: 'day', 3: '3 days', 7: 'week' };

/** Every hour a working day can start or end at, named as the board's axis names it (an end before the start drags it along, see validSettings). */
const HOURS = Array.from({ length: 25 }, (_, hour) => ({
  value: String(hour),
  label: hour === 24 ? '12 AM (midnight)' : hourLabel(hour),
}));

function WorkingHoursButton({
  settings,
  onChange,
}: {
  settings: BoardSettings;
  onChange: (change: Partial<BoardSettings>) => void;
}) {
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
            aria-label={`Working hours ${hourLabel(settings.startHour)}–${hourLabel(settings.endHour)}`}
          >
            {hourLabel(settings.startHour)}–{hourLabel(settings.endHour)}
          </Button>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs" w={220}>
          <Text size="sm" fw={600}>
            Working hours
          </Text>
          <Group gap="xs" grow>
            <Select
              label="From"
              size="xs"
              data={HOURS.slice(0, 24)}
              value={String(settings.startHour)}
              onChange={(value) => value !== null && onChange({ startHour: Number(value) })}
              comboboxProps={{ withinPortal: false }}
              data-autofocus
            />
            <Select
              label="To"
              size="xs"
              data={HOURS.slice(1)}
              value={String(settings.endHour)}
              onChange={(value) => value !== null && onChange({ endHour: Number(value) })}
              comboboxProps={{ withinPortal: false }}
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
  /** The lanes' filter and sort (LaneFilterBar). */
  children?: ReactNode;
}

export const BoardToolbar = memo(function BoardToolbar({
  date,
  range,
  settings,
  onDate,
  onRange,
  onSettings,
  children,
}: Props) {
  const shift = (direction: 1 | -1) => onDate(shiftIsoDate(date, direction * range));
  const isToday = date === isoDay();
  const zone = useOfficeZone();
  return (
    <div className={classes.toolbar} role="toolbar" aria-label="Board">
      <Group gap="xs" wrap="nowrap">
        <Button size="xs" leftSection={<IconPlus size={14} />} onClick={openNewJob}>
          New job
        </Button>
        <Group gap={4} wrap="nowrap">
          <Tooltip label={`Previous ${RANGE_NAMES[range]}`} withArrow>
            <ActionIcon
              variant="default"
              size="md"
              onClick={() => shift(-1)}
              aria-label={`Previous ${RANGE_NAMES[range]}`}
            >
              <IconChevronLeft size={16} />
            </ActionIcon>
          </Tooltip>
          <Button size="xs" variant={isToday ? 'light' : 'default'} onClick={() => onDate(isoDay())}>
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
          onChange={(value) => value && onDate(isoDay(value))}
          valueFormat={DATE_FORMAT}
          leftSection={<IconCalendar size={14} />}
          // The name carries the date it shows, so it contains the visible text (voice control says what it sees).
          aria-label={`Board date ${dayjs(date).format(DATE_FORMAT)}`}
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
            <ActionIcon
              variant="default"
              size="md"
              onClick={() => onSettings({ zoom: settings.zoom - 1 })}
              disabled={settings.zoom === 0}
              aria-label="Zoom out"
            >
              <IconZoomOut size={16} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label="Zoom in" withArrow>
            <ActionIcon
              variant="default"
              size="md"
              onClick={() => onSettings({ zoom: settings.zoom + 1 })}
              disabled={settings.zoom === ZOOM_LEVELS.length - 1}
              aria-label="Zoom in"
            >
              <IconZoomIn size={16} />
            </ActionIcon>
          </Tooltip>
        </Group>
        <WorkingHoursButton settings={settings} onChange={onSettings} />
        <Tooltip label="The office's time zone: every time on the board is shown in it" withArrow>
          <Text size="xs" c="dimmed" fw={500} data-office-zone={zone} style={{ whiteSpace: 'nowrap' }}>
            {zoneName(zone)}
          </Text>
        </Tooltip>
        <PrintDayButton />
        {children}
      </Group>
      <StatusLegend />
    </div>
  );
});
