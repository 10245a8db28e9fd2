import { ActionIcon, Autocomplete, Button, Group, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { MAX_WINDOWS, type FormErrors, type JobDetailsValues, type WindowRow } from './jobDetails';

interface Props {
  values: JobDetailsValues;
  errors: FormErrors;
  serviceTypes: readonly string[];
  /** `clearedErrors` are error keys (or prefixes: 'windows' clears every window's) the change answers. */
  onChange: (change: Partial<JobDetailsValues>, clearedErrors: string[]) => void;
  /** The dialog's first field takes the focus when it opens. */
  autoFocusTitle?: boolean;
}

/**
 * Title, service type, description and up to three customer-preferred windows: the job's details, as the
 * "New job" dialog and the drawer's editor both ask for them.
 */
export function JobDetailsFields({ values, errors, serviceTypes, onChange, autoFocusTitle }: Props) {
  const setWindow = (index: number, change: Partial<WindowRow>) =>
    onChange(
      { windows: values.windows.map((window, at) => (at === index ? { ...window, ...change } : window)) },
      Object.keys(change).map((key) => `windows.${index}.${key}`),
    );
  return (
    <Stack gap="sm">
      <TextInput
        label="Title"
        placeholder="e.g. AC not cooling"
        maxLength={200}
        required
        data-autofocus={autoFocusTitle || undefined}
        value={values.title}
        error={errors.title}
        onChange={(event) => onChange({ title: event.currentTarget.value }, ['title'])}
      />
      <Autocomplete
        label="Service type"
        placeholder="e.g. hvac"
        data={[...serviceTypes]}
        maxLength={60}
        value={values.serviceType}
        onChange={(serviceType) => onChange({ serviceType }, [])}
      />
      <Textarea
        label="Description"
        placeholder="What the customer reported, model and serial numbers, access notes"
        autosize
        minRows={2}
        maxRows={5}
        value={values.description}
        onChange={(event) => onChange({ description: event.currentTarget.value }, [])}
      />
      <Stack gap={6}>
        <Text size="sm" fw={500}>
          Customer's preferred times
        </Text>
        {values.windows.length === 0 && (
          <Text size="xs" c="dimmed">
            None given.
          </Text>
        )}
        {values.windows.map((window, index) => (
          <Group key={index} gap="xs" align="flex-start" wrap="nowrap">
            <TextInput
              type="datetime-local"
              label={`Preferred time ${index + 1} from`}
              value={window.start}
              error={errors[`windows.${index}.start`]}
              onChange={(event) => setWindow(index, { start: event.currentTarget.value })}
              style={{ flex: 1 }}
            />
            <TextInput
              type="datetime-local"
              label={`Preferred time ${index + 1} until`}
              value={window.end}
              error={errors[`windows.${index}.end`]}
              onChange={(event) => setWindow(index, { end: event.currentTarget.value })}
              style={{ flex: 1 }}
            />
            <ActionIcon
              variant="subtle"
              color="gray"
              mt={28}
              aria-label={`Remove preferred time ${index + 1}`}
              onClick={() => onChange({ windows: values.windows.filter((_, at) => at !== index) }, ['windows'])}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        ))}
        {values.windows.length < MAX_WINDOWS && (
          <Button
            variant="subtle"
            size="compact-sm"
            leftSection={<IconPlus size={14} />}
            style={{ alignSelf: 'flex-start' }}
            onClick={() => onChange({ windows: [...values.windows, { start: '', end: '' }] }, [])}
          >
            Add a preferred time
          </Button>
        )}
      </Stack>
    </Stack>
  );
}
