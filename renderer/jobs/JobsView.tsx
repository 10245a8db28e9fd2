import { Button, Center, CloseButton, EmptyState, Group, Loader, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconBriefcase, IconFilterOff, IconPlus, IconSearch } from '@tabler/icons-react';
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { JobDisplayStatus } from '../../domain';
import { useConsole } from '../kit/SyncProvider';
import { openNewJob } from '../kit/newJobIntent';
import { useUi } from '../kit/ui';
import { CommandRejected } from '../data/outbox';
import {
  countByStatus,
  DEFAULT_SORT,
  filterAndSort,
  FIRST_DIRECTION,
  searchRows,
  type JobRow,
  type SortKey,
  type SortOrder,
} from './jobRows';
import { ExportCsvButton } from './ExportCsvButton';
import { JobsTable } from './JobsTable';
import classes from './JobsView.module.css';
import { OfferJobModal } from './OfferJobModal';
import { StatusFilter } from './StatusFilter';
import { useJobRows } from './useJobRows';

/**
 * The jobs list ("Manage"): every job the user can see, counted and filtered by status, searchable and
 * sortable. Enterprise users see the jobs they sent, read-only, and may offer new ones or withdraw offers.
 */
export function JobsView() {
  const { session, client } = useConsole();
  const { openJob, selectedJobId } = useUi();
  const enterprise = session.role === 'enterprise';
  const { rows, organizations, serviceTypes } = useJobRows();

  const [query, setQuery] = useState('');
  const [debouncedQuery] = useDebouncedValue(query, 200);
  const [statuses, setStatuses] = useState<JobDisplayStatus[]>([]);
  const [sort, setSort] = useState<SortOrder>(DEFAULT_SORT);
  const [offering, setOffering] = useState(false);

  // The shell's openJob changes with every UI change; rows get one stable callback so they need not re-render.
  const openJobRef = useRef(openJob);
  useLayoutEffect(() => {
    openJobRef.current = openJob;
  });
  const onOpen = useCallback((jobId: string) => openJobRef.current(jobId), []);

  const searched = useMemo(() => searchRows(rows ?? [], debouncedQuery), [rows, debouncedQuery]);
  const counts = useMemo(() => countByStatus(searched), [searched]);
  const shown = useMemo(() => filterAndSort(searched, statuses, sort), [searched, statuses, sort]);

  const onSort = useCallback(
    (key: SortKey) =>
      setSort((current) =>
        current.key === key
          ? { key, direction: current.direction === 'asc' ? 'desc' : 'asc' }
          : { key, direction: FIRST_DIRECTION[key] },
      ),
    [],
  );

  const onWithdraw = useCallback(
    (row: JobRow) =>
      modals.openConfirmModal({
        title: 'Withdraw this offer?',
        centered: true,
        children: (
          <Text size="sm">
            {row.providerName || 'The provider'} will no longer be able to accept “{row.title}”. It stays in your list
            as Canceled.
          </Text>
        ),
        labels: { confirm: 'Withdraw offer', cancel: 'Keep offer' },
        confirmProps: { color: 'red' },
        onConfirm: () => {
          client.commands.withdraw(row.id).then(
            () => notifications.show({ title: 'Offer withdrawn', message: `“${row.title}” was withdrawn.` }),
            (error: unknown) =>
              notifications.show({
                color: 'red',
                title: 'The offer was not withdrawn',
                message:
                  error instanceof CommandRejected ? error.message : 'Something went wrong while saving. Try again.',
                autoClose: 10_000,
              }),
          );
        },
      }),
    [client],
  );

  const filtered = debouncedQuery.trim() !== '' || statuses.length > 0;
  const clearFilters = () => {
    setQuery('');
    setStatuses([]);
  };
  const total = rows?.length ?? 0;

  return (
    <div className={classes.view}>
      <div className={classes.toolbar}>
        <Group justify="space-between" align="center" gap="sm" wrap="nowrap">
          <Group gap="sm" wrap="nowrap" style={{ flex: 1, minWidth: 0 }}>
            {/* The view's one level-one heading: what a screen reader's heading list starts from. */}
            <Title order={1} fz="h4" lh={1} mr={4}>
              Jobs
            </Title>
            <TextInput
              aria-label="Search jobs"
              placeholder="Search by job, customer or address"
              leftSection={<IconSearch size={16} />}
              rightSection={
                query ? <CloseButton size="sm" aria-label="Clear search" onClick={() => setQuery('')} /> : null
              }
              value={query}
              onChange={(event) => setQuery(event.currentTarget.value)}
              onKeyDown={(event) => {
                if (event.key === 'Escape') setQuery('');
              }}
              w={360}
              size="sm"
            />
            <Text size="sm" c="dimmed" aria-live="polite" data-testid="jobs-count" style={{ whiteSpace: 'nowrap' }}>
              {rows ? `${shown.length.toLocaleString()} of ${total.toLocaleString()} jobs` : 'Loading jobs…'}
            </Text>
            {filtered && (
              <Button
                variant="subtle"
                size="compact-sm"
                color="gray"
                leftSection={<IconFilterOff size={14} />}
                onClick={clearFilters}
              >
                Clear filters
              </Button>
            )}
          </Group>
          <Group gap="sm" wrap="nowrap">
            {rows && <ExportCsvButton rows={shown} />}
            {enterprise ? (
              <Button leftSection={<IconPlus size={16} />} onClick={() => setOffering(true)}>
                Offer a job
              </Button>
            ) : (
              <Button leftSection={<IconPlus size={16} />} onClick={openNewJob}>
                New job
              </Button>
            )}
          </Group>
        </Group>
        <Group mt={10}>
          <StatusFilter counts={counts} value={statuses} onChange={setStatuses} />
        </Group>
      </div>

      {!rows ? (
        <Center style={{ flex: 1 }}>
          <Loader size="sm" aria-label="Loading jobs" />
        </Center>
      ) : total === 0 ? (
        <EmptyState
          className={classes.empty}
          icon={<IconBriefcase size={28} />}
          withIndicatorBackground
          title={enterprise ? 'You have not offered any jobs yet' : 'No jobs yet'}
          description={
            enterprise
              ? 'Offer a job to a provider in your network; you can follow its status here.'
              : 'Offers from enterprises and your own jobs appear here as they arrive.'
          }
        >
          {enterprise && (
            <EmptyState.Actions>
              <Button leftSection={<IconPlus size={16} />} onClick={() => setOffering(true)}>
                Offer a job
              </Button>
            </EmptyState.Actions>
          )}
        </EmptyState>
      ) : shown.length === 0 ? (
        <EmptyState
          className={classes.empty}
          icon={<IconSearch size={28} />}
          withIndicatorBackground
          title="No jobs match"
          description={
            !debouncedQuery.trim()
              ? 'No jobs have the chosen statuses.'
              : statuses.length
                ? `Nothing with the chosen statuses matches “${debouncedQuery.trim()}”.`
                : `Nothing matches “${debouncedQuery.trim()}”.`
          }
        >
          <EmptyState.Actions>
            <Button variant="default" leftSection={<IconFilterOff size={16} />} onClick={clearFilters}>
              Clear filters
            </Button>
          </EmptyState.Actions>
        </EmptyState>
      ) : (
        <JobsTable
          rows={shown}
          enterprise={enterprise}
          sort={sort}
          onSort={onSort}
          selectedJobId={selectedJobId}
          onOpen={onOpen}
          onWithdraw={onWithdraw}
          viewKey={`${debouncedQuery}|${statuses.join()}|${sort.key}|${sort.direction}`}
        />
      )}

      {enterprise && (
        <OfferJobModal
          opened={offering}
          onClose={() => setOffering(false)}
          organizations={organizations}
          serviceTypes={serviceTypes}
          onOffered={() => setStatuses([])}
        />
      )}
    </div>
  );
}
