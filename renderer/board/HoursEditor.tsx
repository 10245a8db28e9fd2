import { ActionIcon, Button, Checkbox, Group, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { wholeDaysOff, type TimeOff } from '../../domain';
import { DEFAULT_SPAN, instantOfLocal, timeOffText, WEEK, type TechnicianForm } from './technicianForm';

interface Props {
  form: TechnicianForm;
  zone: string;
  onChange: (change: Partial<TechnicianForm>) => void;
}

/** Working hours per weekday: a day is worked when it has hours; several spans make a split shift. */
export function WeeklyHoursEditor({ form, onChange }: Omit<Props, 'zone'>) {
  const setDay = (weekday: number, spans: TechnicianForm['week'][number]) =>
    onChange({ week: form.week.map((current, index) => (index === weekday ? spans : current)) });
  const anyHours = form.week.some((spans) => spans.length > 0);
  return (
    <Stack gap={6} role="group" aria-label="Weekly hours">
      <Text size="sm" fw={600}>
        Weekly hours
      </Text>
      {!anyHours && (
        <Text size="xs" c="dimmed">
          No working hours set: available at any time.
        </Text>
      )}
      {WEEK.map(({ weekday, name }) => {
        const spans = form.week[weekday];
        return (
          <Group key={weekday} gap="xs" wrap="nowrap" align="flex-start">
            <Checkbox
              w={110}
              mt={6}
              label={name}
              checked={spans.length > 0}
              onChange={(event) => setDay(weekday, event.currentTarget.checked ? [{ ...DEFAULT_SPAN }] : [])}
            />
            <Stack gap={4}>
              {spans.map((span, index) => (
                <Group key={index} gap={4} wrap="nowrap">
                  <TextInput
                    type="time"
                    size="xs"
                    aria-label={`${name} from`}
                    value={span.start}
                    onChange={(event) =>
                      setDay(
                        weekday,
                        spans.map((s, i) => (i === index ? { ...s, start: event.currentTarget.value } : s)),
                      )
                    }
                  />
                  <Text size="xs">to</Text>
                  <TextInput
                    type="time"
                    size="xs"
                    aria-label={`${name} to`}
                    value={span.end}
                    onChange={(event) =>
                      setDay(
                        weekday,
                        spans.map((s, i) => (i === index ? { ...s, end: event.currentTarget.value } : s)),
                      )
                    }
                  />
                  {index > 0 && (
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-label={`Remove ${name}'s hours ${index + 1}`}
                      onClick={() =>
                        setDay(
                          weekday,
                          spans.filter((_, i) => i !== index),
                        )
                      }
                    >
                      <IconTrash size={14} />
                    </ActionIcon>
                  )}
                </Group>
              ))}
              {spans.length > 0 && spans.length < 3 && (
                <Button
                  variant="subtle"
                  size="compact-xs"
                  leftSection={<IconPlus size={12} />}
                  aria-label={`Add a split shift on ${name}`}
                  onClick={() => setDay(weekday, [...spans, { start: '13:00', end: '17:00' }])}
                >
                  Split shift
                </Button>
              )}
            </Stack>
          </Group>
        );
      })}
    </Stack>
  );
}

/** Time off: the list (each removable) and a form to add whole days or a span of hours, with a reason. */
export function TimeOffEditor({ form, zone, onChange }: Props) {
  const [mode, setMode] = useState<'days' | 'span'>('days');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);

  const add = () => {
    let off: TimeOff | undefined;
    if (mode === 'days') {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(from)) return setError('Enter the first day off.');
      const last = /^\d{4}-\d{2}-\d{2}$/.test(to) ? to : from;
      if (last < from) return setError('The last day off is before the first.');
      off = wholeDaysOff(from, last, zone, reason.trim() || undefined);
    } else {
      const start = instantOfLocal(from, zone);
      const end = instantOfLocal(to, zone);
      if (start === undefined || end === undefined) return setError('Enter when the time off starts and ends.');
      if (end <= start) return setError('Time off ends after it starts.');
      off = { start, end, ...(reason.trim() ? { reason: reason.trim() } : {}) };
    }
    setError(null);
    setFrom('');
    setTo('');
    setReason('');
    onChange({ timeOff: [...form.timeOff, off].sort((a, b) => a.start - b.start) });
  };

  return (
    <Stack gap={6} role="group" aria-label="Time off">
      <Text size="sm" fw={600}>
        Time off
      </Text>
      {form.timeOff.length === 0 && (
        <Text size="xs" c="dimmed">
          None planned.
        </Text>
      )}
      {form.timeOff.map((off) => (
        <Group key={`${off.start}-${off.end}`} gap="xs" wrap="nowrap" data-time-off>
          <Text size="sm" style={{ flex: 1 }}>
            {timeOffText(off, zone)}
            {off.reason ? ` · ${off.reason}` : ''}
          </Text>
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={`Remove time off ${timeOffText(off, zone)}`}
            onClick={() => onChange({ timeOff: form.timeOff.filter((other) => other !== off) })}
          >
            <IconTrash size={14} />
          </ActionIcon>
        </Group>
      ))}
      <SegmentedControl
        size="xs"
        value={mode}
        onChange={(value) => {
          setMode(value as 'days' | 'span');
          setFrom('');
          setTo('');
        }}
        data={[
          { value: 'days', label: 'Whole days' },
          { value: 'span', label: 'Hours' },
        ]}
        aria-label="Time off kind"
      />
      <Group gap="xs" grow>
        <TextInput
          size="xs"
          type={mode === 'days' ? 'date' : 'datetime-local'}
          label={mode === 'days' ? 'First day off' : 'Off from'}
          value={from}
          onChange={(event) => setFrom(event.currentTarget.value)}
        />
        <TextInput
          size="xs"
          type={mode === 'days' ? 'date' : 'datetime-local'}
          label={mode === 'days' ? 'Last day off' : 'Off until'}
          value={to}
          onChange={(event) => setTo(event.currentTarget.value)}
        />
      </Group>
      <TextInput
        size="xs"
        label="Reason"
        placeholder="Vacation, training, doctor…"
        maxLength={200}
        value={reason}
        onChange={(event) => setReason(event.currentTarget.value)}
        error={error}
      />
      <Button size="xs" variant="light" onClick={add} leftSection={<IconPlus size={14} />}>
        Add time off
      </Button>
    </Stack>
  );
}
