import { ActionIcon, Button, Group, Loader, Modal, NumberInput, Select, Stack, Text, Tooltip } from '@mantine/core';
import { IconSettings } from '@tabler/icons-react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState, type FormEvent } from 'react';
import type { Organization } from '../../domain';
import { readOrganizationView } from '../data/directoryState';
import { runCommand } from '../drawer/runCommand';
import {
  closeOrganizationSettings,
  openOrganizationSettings,
  useOrganizationSettingsOpen,
} from '../kit/settingsIntent';
import { useConsole } from '../kit/SyncProvider';
import {
  settingsChanges,
  settingsValuesOf,
  THRESHOLDS,
  timeZoneOptions,
  validateSettings,
  type SettingsErrors,
  type SettingsValues,
} from './organizationSettings';

/** The header's gear (dispatchers only: the shell leaves it out for enterprise users). */
export function OrganizationSettingsButton() {
  return (
    <Tooltip label="Organization settings">
      <ActionIcon variant="subtle" color="gray" onClick={openOrganizationSettings} aria-label="Organization settings">
        <IconSettings size={18} />
      </ActionIcon>
    </Tooltip>
  );
}

/** "Organization settings": the office's time zone and the attention thresholds, saved as `organization.update`. */
export function OrganizationSettingsDialog() {
  const opened = useOrganizationSettingsOpen();
  return (
    <Modal
      opened={opened}
      onClose={closeOrganizationSettings}
      title="Organization settings"
      closeButtonProps={{ 'aria-label': 'Close' }}
      centered
    >
      {opened && <SettingsLoader />}
    </Modal>
  );
}

/** The organization with its pending edits, read once when the dialog opens. */
function SettingsLoader() {
  const { client, actor, session } = useConsole();
  const view = useLiveQuery(
    () => readOrganizationView(client.db, actor, session.user.organizationId),
    [client, actor, session.user.organizationId],
  );
  if (!view) return <Loader size="sm" />;
  return <SettingsForm organization={view.organization} pending={view.pending} />;
}

function SettingsForm({ organization, pending }: { organization: Organization | undefined; pending: boolean }) {
  const { client } = useConsole();
  // Starts from the settings as seen when opening; a live update does not overwrite typing.
  const [initial] = useState(organization);
  const [values, setValues] = useState<SettingsValues>(() => settingsValuesOf(initial));
  const [errors, setErrors] = useState<SettingsErrors>({});
  const [busy, setBusy] = useState(false);
  const zones = useMemo(() => timeZoneOptions(settingsValuesOf(initial).timeZone), [initial]);
  const set = (key: keyof SettingsValues, value: number | string) => {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors((current) => ({ ...current, [key]: validateSettings({ ...values, [key]: value })[key] }));
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validateSettings(values);
    setErrors(found);
    if (Object.keys(found).length) return;
    const changes = settingsChanges(initial, values);
    if (!Object.keys(changes).length) return closeOrganizationSettings();
    setBusy(true);
    const done = await runCommand(() => client.commands.updateOrganization(changes));
    setBusy(false);
    if (done) closeOrganizationSettings();
  };
  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="sm">
        {pending && (
          <Text size="xs" c="dimmed">
            A change of these settings is waiting to be sent.
          </Text>
        )}
        <Select
          label="Time zone"
          description="Every time the console shows, and every board day, is on this clock."
          data={zones}
          searchable
          limit={200}
          value={values.timeZone}
          onChange={(value) => set('timeZone', value ?? '')}
          nothingFoundMessage="No such time zone"
          error={errors.timeZone}
        />
        {THRESHOLDS.map(({ key, label }) => (
          <NumberInput
            key={key}
            label={label}
            value={values[key]}
            onChange={(value) => set(key, value)}
            allowDecimal={false}
            allowNegative={false}
            error={errors[key]}
          />
        ))}
        <Group justify="flex-end">
          <Button variant="default" onClick={closeOrganizationSettings}>
            Cancel
          </Button>
          <Button type="submit" loading={busy}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
