import { ActionIcon, Tooltip } from '@mantine/core';
import { IconSettings } from '@tabler/icons-react';
import { openOrganizationSettings } from '../kit/settingsIntent';

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
