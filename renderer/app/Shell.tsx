import {
  ActionIcon,
  AppShell,
  Group,
  Menu,
  SegmentedControl,
  Text,
  Title,
  Tooltip,
  useComputedColorScheme,
  useMantineColorScheme,
} from '@mantine/core';
import { IconMoon, IconSun, IconUserCircle } from '@tabler/icons-react';
import { ColorSchemeChoice } from './ColorSchemeChoice';
import { ConflictsButton, ConflictsPanel } from './Conflicts';
import { OfflineBanner } from './OfflineBanner';
import { PresenceBar } from './PresenceBar';
import { useEffect } from 'react';
import { markFirstPaint } from '../kit/firstPaint';
import { useOfficeZone } from '../kit/OfficeClockProvider';
import { useConsole } from '../kit/SyncProvider';
import { LiveAnnouncer } from './LiveAnnouncer';
import { SyncIndicator } from './SyncIndicator';
import { useUi, type ConsoleView } from '../kit/ui';
import { ViewBoundary } from './ViewBoundary';
import { BoardView } from '../board/BoardView';
import { JobsView } from '../jobs/JobsView';
import { NewJobDialog } from '../jobs/NewJobDialog';
import { JobDrawer } from '../drawer/JobDrawer';
import { CommandPalette } from '../palette/CommandPalette';
import { AttentionBadge } from '../attention/AttentionBadge';
import { OrganizationSettingsButton, OrganizationSettingsDialog } from './OrganizationSettings';

export function Shell({ onSignOut }: { onSignOut: () => void }) {
  const { session } = useConsole();
  const { view, setView } = useUi();
  const { toggleColorScheme } = useMantineColorScheme();
  // The scheme on screen: when following the system, the system's.
  const colorScheme = useComputedColorScheme('light');
  // When the office's zone changes, the views are drawn anew: every time and every board day they show moves.
  const zone = useOfficeZone();
  const enterprise = session.role === 'enterprise';
  const currentView: ConsoleView = enterprise ? 'jobs' : view;
  // Only the board reports its first paint (its lanes read first); any other view lets the rest read at once.
  useEffect(() => {
    if (currentView !== 'board') markFirstPaint();
  }, [currentView]);
  return (
    <AppShell header={{ height: 52 }} padding={0}>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="lg" wrap="nowrap">
            <Title order={4} style={{ whiteSpace: 'nowrap' }}>
              Dispatch Console
            </Title>
            {!enterprise && (
              <SegmentedControl
                size="xs"
                value={currentView}
                onChange={(value) => setView(value as ConsoleView)}
                data={[
                  { label: 'Board', value: 'board' },
                  { label: 'Jobs', value: 'jobs' },
                ]}
                aria-label="View"
              />
            )}
          </Group>
          <Group gap="sm" wrap="nowrap">
            {!enterprise && <PresenceBar />}
            {!enterprise && <AttentionBadge />}
            <SyncIndicator />
            <ConflictsButton />
            {!enterprise && <OrganizationSettingsButton />}
            <Tooltip label="Toggle light/dark">
              <ActionIcon variant="subtle" color="gray" onClick={toggleColorScheme} aria-label="Toggle color scheme">
                {colorScheme === 'dark' ? <IconSun size={18} /> : <IconMoon size={18} />}
              </ActionIcon>
            </Tooltip>
            {/* In the header's landmark (not portalled to the page's end), and no focus placeholder among its items. */}
            <Menu position="bottom-end" withinPortal={false} withInitialFocusPlaceholder={false}>
              <Menu.Target>
                <ActionIcon variant="subtle" color="gray" aria-label="Account">
                  <IconUserCircle size={20} />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>
                  <Text size="sm" fw={600}>
                    {session.user.firstName} {session.user.lastName}
                  </Text>
                  <Text size="xs">{session.user.email}</Text>
                </Menu.Label>
                <Menu.Divider />
                <ColorSchemeChoice />
                <Menu.Divider />
                <Menu.Item onClick={onSignOut}>Sign out</Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main style={{ display: 'flex', flexDirection: 'column', height: '100vh' }}>
        <OfflineBanner />
        <div style={{ flex: 1, minHeight: 0 }}>
          <ViewBoundary key={`${currentView}:${zone}`} name={currentView === 'board' ? 'board' : 'jobs list'}>
            {currentView === 'board' ? <BoardView /> : <JobsView />}
          </ViewBoundary>
        </div>
        <JobDrawer key={zone} />
        <CommandPalette />
        {!enterprise && <NewJobDialog />}
        {/* Not keyed on the zone: saving a new zone must not reopen or remount it. */}
        {!enterprise && <OrganizationSettingsDialog />}
        <ConflictsPanel key={zone} />
        <LiveAnnouncer />
      </AppShell.Main>
    </AppShell>
  );
}
