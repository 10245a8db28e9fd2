import { Group, Kbd, Text, useMantineColorScheme, type ScrollAreaAutosizeProps } from '@mantine/core';
import { Spotlight, useSpotlight } from '@mantine/spotlight';
import {
  IconAlertTriangle,
  IconArrowRight,
  IconCalendar,
  IconCalendarEvent,
  IconChevronLeft,
  IconChevronRight,
  IconKeyboard,
  IconLayoutBoard,
  IconList,
  IconMoon,
  IconPlus,
  IconPrinter,
  IconSearch,
  IconSettings,
} from '@tabler/icons-react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { SHORTCUTS } from '../../preload/contract';
import { readJobDetails, readJobSearchIndex, readJobSummaries } from '../data/views';
import { StatusChip } from '../kit/StatusChip';
import { useConsole } from '../kit/SyncProvider';
import { useUi } from '../kit/ui';
import { ACTION_LABELS, allowedActions, type AppointmentAction, type JobAction } from '../kit/allowedActions';
import { requestDrawerAction } from '../kit/drawerIntent';
import { openNewJob } from '../kit/newJobIntent';
import { openOrganizationSettings } from '../kit/settingsIntent';
import { personName } from '../kit/labels';
import { formatMoment, longDate } from '../kit/format';
import { requestPrintDay } from '../kit/print';
import { parseDateQuery } from './dates';
import { JumpToDate } from './JumpToDate';
import { paletteStore } from './paletteStore';
import { searchJobs } from './searchJobs';
import { hotkeyOf, keyLabel } from './shortcuts';
import { ShortcutsHelp } from './ShortcutsHelp';
import { useGlobalCommands } from './useGlobalCommands';
import classes from './CommandPalette.module.css';

const JOB_RESULTS = 30;
/**
 * The results list is a ScrollArea (it passes these on at run time, though its type does not say so): its
 * viewport focusable, so a long list of results scrolls from the keyboard too.
 */
const SCROLLABLE_LIST: Pick<ScrollAreaAutosizeProps, 'viewportProps'> = { viewportProps: { tabIndex: 0 } };

/** Marks the first result as chosen (what Spotlight's own filter does), so Enter runs it. */
function chooseFirstResult() {
  const state = paletteStore.getState();
  const list = state.listId ? document.getElementById(state.listId) : null;
  if (!list) return;
  list.querySelector('[data-selected]')?.removeAttribute('data-selected');
  const first = list.querySelector('[data-action]');
  first?.setAttribute('data-selected', 'true');
  paletteStore.updateState((current) => ({ ...current, selected: first ? 0 : -1 }));
}

interface PaletteCommand {
  id: string;
  label: string;
  description?: string;
  keywords: string;
  icon: ReactNode;
  keys?: readonly string[];
  run: () => void;
}

function Keys({ keys }: { keys: readonly string[] }) {
  return (
    <Group gap={3} wrap="nowrap">
      {keys.map((key) => (
        <Kbd key={key} size="xs">
          {keyLabel(key)}
        </Kbd>
      ))}
    </Group>
  );
}

/**
 * Ctrl+K / ⌘K: find a job by title, customer or address, jump to a date, switch views, and run the
 * selected job's actions. The global shortcuts and the desktop menu's commands are `useGlobalCommands`'.
 */
export function CommandPalette() {
  const { client, actor, session } = useConsole();
  const ui = useUi();
  const { toggleColorScheme } = useMantineColorScheme();
  const { opened } = useSpotlight(paletteStore);
  const [query, setQuery] = useState('');
  const [helpOpen, setHelpOpen] = useState(false);
  const [jumpOpen, setJumpOpen] = useState(false);
  const enterprise = session.role === 'enterprise';

  const { goTo, goToToday, step } = useGlobalCommands({ openHelp: () => setHelpOpen(true) });

  const index = useLiveQuery(() => (opened ? readJobSearchIndex(client.db) : undefined), [client, opened]);
  const trimmed = query.trim();
  const matches = useMemo(() => (index && trimmed ? searchJobs(index, trimmed, JOB_RESULTS) : []), [index, trimmed]);
  const matchIds = matches.map((match) => match.jobId).join('\n');
  const summaries = useLiveQuery(
    () => (matchIds ? readJobSummaries(client.db, actor, matchIds.split('\n')) : []),
    [client, actor, matchIds],
  );
  const statusOf = useMemo(
    () => new Map((summaries ?? []).map((summary) => [summary.job.id, summary.status])),
    [summaries],
  );

  const selected = useLiveQuery(
    () => (opened && ui.selectedJobId ? readJobDetails(client.db, actor, ui.selectedJobId) : undefined),
    [client, actor, opened, ui.selectedJobId],
  );

  const jobCommands: PaletteCommand[] = useMemo(() => {
    if (!selected?.job) return [];
    const job = selected.job;
    const allowed = allowedActions(selected, actor);
    const open = (action: AppointmentAction | JobAction, appointmentId?: string) => () => {
      ui.openJob(job.id);
      requestDrawerAction({ jobId: job.id, action, appointmentId });
    };
    const commands: PaletteCommand[] = [];
    for (const appointment of selected.appointments) {
      const technician = appointment.technicianId
        ? personName(selected.people.get(appointment.technicianId))
        : 'Unassigned';
      const when = formatMoment(appointment.start);
      for (const action of allowed.appointments.get(appointment.id) ?? []) {
        commands.push({
          id: `job-${action}-${appointment.id}`,
          label: ACTION_LABELS[action],
          description: `${technician} · ${when}`,
          keywords: `${ACTION_LABELS[action]} ${technician} appointment`,
          icon: <IconCalendarEvent size={18} />,
          run: open(action, appointment.id),
        });
      }
    }
    for (const action of allowed.job) {
      commands.push({
        id: `job-${action}`,
        label: ACTION_LABELS[action],
        keywords: `${ACTION_LABELS[action]} job`,
        icon: <IconArrowRight size={18} />,
        run: open(action),
      });
    }
    return commands;
  }, [selected, actor, ui]);

  const generalCommands: PaletteCommand[] = [
    ...(enterprise
      ? []
      : [
          {
            id: 'new-job',
            label: 'New job',
            description: 'Take a call: find or enter the customer, then the job',
            keywords: 'new job create call customer add',
            icon: <IconPlus size={18} />,
            run: openNewJob,
          },
          {
            id: 'organization-settings',
            label: 'Organization settings',
            description: "The office's time zone and the attention thresholds",
            keywords: 'settings organization time zone timezone office attention thresholds preferences',
            icon: <IconSettings size={18} />,
            run: openOrganizationSettings,
          },
          {
            id: 'today',
            label: 'Go to today',
            keywords: 'today now date board',
            icon: <IconCalendar size={18} />,
            keys: SHORTCUTS.today.keys[0],
            run: goToToday,
          },
          {
            id: 'jump',
            label: 'Jump to date…',
            description: 'Or type a date here: tomorrow, fri, 2026-03-12',
            keywords: 'date day go jump calendar',
            icon: <IconCalendarEvent size={18} />,
            run: () => setJumpOpen(true),
          },
          {
            id: 'previous',
            label: 'Previous day',
            keywords: 'back earlier yesterday',
            icon: <IconChevronLeft size={18} />,
            keys: SHORTCUTS.previous.keys[0],
            run: () => step(-1),
          },
          {
            id: 'next',
            label: 'Next day',
            keywords: 'forward later tomorrow',
            icon: <IconChevronRight size={18} />,
            keys: SHORTCUTS.next.keys[0],
            run: () => step(1),
          },
          {
            id: 'print',
            label: 'Print day',
            description: 'A page per technician with the visits of the day on the board',
            keywords: 'print paper pdf route sheet technicians day',
            icon: <IconPrinter size={18} />,
            run: () => {
              ui.setView('board');
              requestPrintDay();
            },
          },
          {
            id: 'board',
            label: 'Show board',
            keywords: 'board schedule lanes technicians calendar',
            icon: <IconLayoutBoard size={18} />,
            keys: SHORTCUTS.board.keys[0],
            run: () => ui.setView('board'),
          },
        ]),
    {
      id: 'jobs',
      label: 'Show jobs list',
      keywords: 'jobs list manage all',
      icon: <IconList size={18} />,
      keys: SHORTCUTS.jobs.keys[0],
      run: () => ui.setView('jobs'),
    },
    {
      id: 'conflicts',
      label: 'Show conflicts',
      keywords: 'conflicts rejected refused errors',
      icon: <IconAlertTriangle size={18} />,
      run: () => ui.setConflictsOpen(true),
    },
    {
      id: 'shortcuts',
      label: 'Keyboard shortcuts',
      keywords: 'help keys hotkeys',
      icon: <IconKeyboard size={18} />,
      keys: SHORTCUTS.help.keys[0],
      run: () => setHelpOpen(true),
    },
    {
      id: 'theme',
      label: 'Toggle light/dark theme',
      keywords: 'theme dark light color scheme',
      icon: <IconMoon size={18} />,
      run: toggleColorScheme,
    },
  ];

  const lowered = trimmed.toLowerCase();
  const matchesCommand = (command: PaletteCommand) =>
    !lowered || `${command.label} ${command.keywords}`.toLowerCase().includes(lowered);
  const date = enterprise ? null : parseDateQuery(trimmed);
  const shownJobCommands = jobCommands.filter(matchesCommand);
  const shownGeneral = generalCommands.filter(matchesCommand);
  const resultKey = `${date}|${matchIds}|${shownJobCommands.length}|${shownGeneral.length}`;

  // Enter runs the top result, as in every command palette.
  useEffect(() => {
    if (!opened) return;
    const frame = requestAnimationFrame(chooseFirstResult);
    return () => cancelAnimationFrame(frame);
  }, [opened, resultKey]);

  const empty = !date && matches.length === 0 && shownJobCommands.length === 0 && shownGeneral.length === 0;
  return (
    <>
      <Spotlight.Root
        store={paletteStore}
        query={query}
        onQueryChange={setQuery}
        shortcut={SHORTCUTS.find.keys.map(hotkeyOf)}
        tagsToIgnore={[]}
        scrollable
        maxHeight={520}
        size={640}
        classNames={{ action: classes.action }}
        // A dialog without a visible title still needs a name.
        attributes={{ content: { 'aria-label': 'Command palette' } }}
      >
        <Spotlight.Search
          placeholder={
            enterprise
              ? 'Find a job by title, customer or address'
              : 'Find a job by title, customer or address, or type a date'
          }
          leftSection={<IconSearch size={18} stroke={1.5} />}
          aria-label="Search jobs and actions"
        />
        <Spotlight.ActionsList {...SCROLLABLE_LIST}>
          {date && (
            <Spotlight.ActionsGroup label="Date">
              <Spotlight.Action
                label={`Go to ${longDate(date)}`}
                description="Show that day on the board"
                leftSection={<IconCalendar size={18} />}
                onClick={() => goTo(date)}
              />
            </Spotlight.ActionsGroup>
          )}
          {matches.length > 0 && (
            <Spotlight.ActionsGroup label={matches.length === JOB_RESULTS ? `Jobs (first ${JOB_RESULTS})` : 'Jobs'}>
              {matches.map((match) => {
                const status = statusOf.get(match.jobId);
                return (
                  <Spotlight.Action
                    key={match.jobId}
                    label={match.title}
                    description={[match.customerName, match.address].filter(Boolean).join(' · ')}
                    highlightQuery
                    dimmedSections={false}
                    rightSection={status ? <StatusChip status={status} size="xs" /> : undefined}
                    onClick={() => ui.openJob(match.jobId)}
                    data-palette-job-id={match.jobId}
                  />
                );
              })}
            </Spotlight.ActionsGroup>
          )}
          {shownJobCommands.length > 0 && selected?.job && (
            <Spotlight.ActionsGroup label={`Selected job · ${selected.job.title}`}>
              {shownJobCommands.map((command) => (
                <Spotlight.Action
                  key={command.id}
                  label={command.label}
                  description={command.description}
                  leftSection={command.icon}
                  onClick={command.run}
                />
              ))}
            </Spotlight.ActionsGroup>
          )}
          {shownGeneral.length > 0 && (
            <Spotlight.ActionsGroup label="Actions">
              {shownGeneral.map((command) => (
                <Spotlight.Action
                  key={command.id}
                  label={command.label}
                  description={command.description}
                  leftSection={command.icon}
                  rightSection={command.keys ? <Keys keys={command.keys} /> : undefined}
                  onClick={command.run}
                />
              ))}
            </Spotlight.ActionsGroup>
          )}
          {empty && <Spotlight.Empty>{index ? 'No job or action matches.' : 'Loading jobs…'}</Spotlight.Empty>}
        </Spotlight.ActionsList>
        <Spotlight.Footer>
          <Text size="xs" c="dimmed">
            ↑ ↓ to choose · Enter to open · Esc to close · {keyLabel('mod')}+K anywhere
          </Text>
        </Spotlight.Footer>
      </Spotlight.Root>
      <ShortcutsHelp opened={helpOpen} onClose={() => setHelpOpen(false)} />
      <JumpToDate
        opened={jumpOpen}
        current={ui.date}
        onClose={() => setJumpOpen(false)}
        onJump={(day) => {
          goTo(day);
          setJumpOpen(false);
        }}
      />
    </>
  );
}
