import { draggable } from '@atlaskit/pragmatic-drag-and-drop/element/adapter';
import { ActionIcon, Badge, Button, CloseButton, Group, Text, TextInput, Tooltip, UnstyledButton } from '@mantine/core';
import { IconCalendarPlus, IconChevronDown, IconChevronRight, IconClockHour4, IconSearch } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  memo,
  useEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type SyntheticEvent,
} from 'react';
import { customerName, STATUS_STYLES, type JobDisplayStatus } from '../../domain';
import { StatusChip } from '../kit/StatusChip';
import type { JobSummary } from '../data/views';
import type { BoardController } from './controller';
import type { JobDragData } from './dnd';
import { DeclineOffer } from '../kit/DeclineOffer';
import { windowLabel } from '../kit/format';
import type { PendingLayer } from './laneData';
import { useQueueData } from './useBoardData';
import classes from './board.module.css';
import { AttentionMark } from '../attention/AttentionMark';
import { SyncedEmpty } from '../kit/SyncedEmpty';

/** A job in the queue, with what its card names. */
export interface QueueJob {
  summary: JobSummary;
  customerName: string;
  address: string;
  sourceName: string | undefined;
}

const SECTIONS: { status: JobDisplayStatus; title: string; empty: string }[] = [
  { status: 'offered', title: 'Offered', empty: 'No offers waiting.' },
  { status: 'unscheduled', title: 'Unscheduled', empty: 'Every accepted job has an appointment.' },
  { status: 'paused', title: 'Paused', empty: 'No paused jobs.' },
];

type Row =
  | { type: 'section'; status: JobDisplayStatus; title: string; count: number; empty: string; collapsed: boolean }
  | { type: 'card'; job: QueueJob };

const stop = (event: SyntheticEvent) => event.stopPropagation();

interface CardProps {
  job: QueueJob;
  controller: BoardController;
  onSchedule: (job: QueueJob) => void;
}

const QueueCard = memo(function QueueCard({ job, controller, onSchedule }: CardProps) {
  const ref = useRef<HTMLDivElement>(null);
  const { job: entity, status, pending } = job.summary;
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    return draggable({
      element,
      getInitialData: (): JobDragData => ({ kind: 'job', jobId: entity.id, title: entity.title, status }),
    });
  }, [entity.id, entity.title, status]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      controller.openJob(entity.id);
    } else if (event.key === 's' || event.key === 'S') {
      event.preventDefault();
      onSchedule(job);
    }
  };

  const windows = entity.timeWindows.filter((window) => window.end > Date.now());
  return (
    <div
      ref={ref}
      className={classes.card}
      style={{ '--card-color': STATUS_STYLES[status].color } as CSSProperties}
      role="group"
      tabIndex={0}
      aria-label={`Job: ${entity.title}, ${job.customerName}, ${STATUS_STYLES[status].label}${pending ? ', not yet synced' : ''}. Enter opens it, S schedules it.`}
      data-job-id={entity.id}
      data-status={status}
      data-pending={pending ? 'true' : undefined}
      onClick={() => controller.openJob(entity.id)}
      onKeyDown={onKeyDown}
    >
      <Group justify="space-between" wrap="nowrap" gap={6} align="flex-start">
        <Text size="sm" fw={600} lineClamp={2} style={{ flex: 1, minWidth: 0 }}>
          {entity.title}
        </Text>
        <Group gap={4} wrap="nowrap" style={{ flex: 'none' }}>
          {pending && (
            <span
              title="Not yet synced"
              role="img"
              aria-label="Not yet synced"
              style={{ display: 'inline-flex', color: 'var(--mantine-color-dimmed)' }}
            >
              <IconClockHour4 size={14} />
            </span>
          )}
          <StatusChip status={status} size="xs" />
        </Group>
      </Group>
      <Text size="xs" truncate mt={2}>
        {job.customerName}
        {job.address && <Text span size="xs" c="dimmed">{` · ${job.address}`}</Text>}
      </Text>
      {(entity.serviceType || job.sourceName) && (
        <Group gap={6} mt={4} wrap="nowrap">
          {entity.serviceType && (
            <Badge size="xs" variant="light" color="gray" radius="sm" style={{ flex: 'none' }}>
              {entity.serviceType}
            </Badge>
          )}
          {job.sourceName && (
            <Text size="xs" c="dimmed" truncate>
              from {job.sourceName}
            </Text>
          )}
        </Group>
      )}
      <AttentionMark jobId={entity.id} variant="label" style={{ display: 'flex', marginTop: 4 }} />
      {windows.length > 0 && (
        <Text size="xs" c="dimmed" mt={4}>
          Prefers {windowLabel(windows[0])}
          {windows.length > 1 ? ` (+${windows.length - 1} more)` : ''}
        </Text>
      )}
      <Group gap={6} mt={8} justify="space-between" wrap="nowrap" onClick={stop} onKeyDown={stop}>
        <Group gap={6} wrap="nowrap">
          {status === 'offered' && (
            <>
              <Button
                size="compact-xs"
                color="green"
                variant="light"
                onClick={() => void controller.accept(entity.id, entity.title)}
                aria-label={`Accept ${entity.title}`}
              >
                Accept
              </Button>
              <DeclineOffer
                title={entity.title}
                size="compact-xs"
                onDecline={(reasonId, note) => (void controller.decline(entity.id, reasonId, entity.title, note), true)}
              />
            </>
          )}
        </Group>
        <Tooltip label={status === 'offered' ? 'Accept and schedule… (S)' : 'Schedule… (S)'} withArrow>
          <ActionIcon
            size="sm"
            variant="subtle"
            onClick={() => onSchedule(job)}
            aria-label={`Schedule ${entity.title}`}
          >
            <IconCalendarPlus size={16} />
          </ActionIcon>
        </Tooltip>
      </Group>
    </div>
  );
});

function addressLine(summary: JobSummary): string {
  const { address } = summary.job;
  return [address.street1, address.city].filter(Boolean).join(', ');
}

interface Props {
  controller: BoardController;
  onSchedule: (job: QueueJob) => void;
  /** Reading the queue means reading every open job; it waits until the board has painted. */
  enabled: boolean;
  /** The board's pending commands, replayed once for the lanes and the queue. */
  layer: PendingLayer;
}

/** Offers to answer and jobs waiting for an appointment, beside the board; drag a card onto a lane. */
export const QueuePanel = memo(function QueuePanel({ controller, onSchedule, enabled, layer }: Props) {
  const { jobs, customers, sources, loaded } = useQueueData(enabled, layer);
  const [filter, setFilter] = useState('');
  const [collapsed, setCollapsed] = useState<ReadonlySet<JobDisplayStatus>>(new Set());
  const listRef = useRef<HTMLDivElement>(null);

  const queueJobs = useMemo(
    () =>
      jobs.map((summary): QueueJob => {
        const customer = customers.get(summary.job.customerId);
        return {
          summary,
          customerName: customerName(customer),
          address: addressLine(summary),
          sourceName: summary.job.sourceId ? sources.get(summary.job.sourceId)?.name : undefined,
        };
      }),
    [jobs, customers, sources],
  );

  const rows = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const matches = (job: QueueJob) =>
      !needle ||
      [job.summary.job.title, job.customerName, job.address, job.summary.job.serviceType, job.sourceName].some((text) =>
        text?.toLowerCase().includes(needle),
      );
    const result: Row[] = [];
    for (const section of SECTIONS) {
      const inSection = queueJobs.filter((job) => job.summary.status === section.status && matches(job));
      const isCollapsed = collapsed.has(section.status);
      result.push({ type: 'section', ...section, count: inSection.length, collapsed: isCollapsed });
      if (!isCollapsed) for (const job of inSection) result.push({ type: 'card', job });
    }
    return result;
  }, [queueJobs, filter, collapsed]);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => listRef.current,
    estimateSize: (index) => (rows[index].type === 'section' ? 36 : 118),
    getItemKey: (index) => {
      const row = rows[index];
      return row.type === 'section' ? `section-${row.status}` : row.job.summary.job.id;
    },
    overscan: 6,
  });

  const toggle = (status: JobDisplayStatus) =>
    setCollapsed((current) => {
      const next = new Set(current);
      if (next.has(status)) next.delete(status);
      else next.add(status);
      return next;
    });

  return (
    <aside className={classes.queue} aria-label="Job queue">
      <div className={classes.queueTop}>
        <TextInput
          size="xs"
          placeholder="Filter by job, customer, address"
          aria-label="Filter the queue"
          leftSection={<IconSearch size={14} />}
          value={filter}
          onChange={(event) => setFilter(event.currentTarget.value)}
          rightSection={
            filter ? <CloseButton size="xs" aria-label="Clear filter" onClick={() => setFilter('')} /> : null
          }
        />
        <Text size="xs" c="dimmed" mt={6}>
          Drag a job onto a technician, or focus it and press S.
        </Text>
      </div>
      <div ref={listRef} className={classes.queueList} data-queue-list>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index];
            return (
              <div
                key={item.key}
                data-index={item.index}
                ref={virtualizer.measureElement}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  transform: `translateY(${item.start}px)`,
                  paddingBottom: row.type === 'card' ? 8 : 0,
                }}
              >
                {row.type === 'section' ? (
                  <>
                    <UnstyledButton
                      className={classes.sectionHeader}
                      onClick={() => toggle(row.status)}
                      aria-expanded={!row.collapsed}
                      data-queue-section={row.status}
                    >
                      {row.collapsed ? <IconChevronRight size={14} /> : <IconChevronDown size={14} />}
                      <span
                        style={{
                          width: 10,
                          height: 10,
                          borderRadius: 3,
                          background: STATUS_STYLES[row.status].color,
                          flex: 'none',
                        }}
                      />
                      <Text size="sm" fw={600} style={{ flex: 1 }}>
                        {row.title}
                      </Text>
                      {/* Not 0 before the queue's first read answers (it starts once the lanes have painted):
                          a dispatcher would read "no offers" for a moment. */}
                      <Badge size="sm" variant="default" radius="sm" data-queue-count={loaded ? row.count : 'loading'}>
                        {loaded ? row.count : '…'}
                      </Badge>
                    </UnstyledButton>
                    {!row.collapsed && row.count === 0 && loaded && (
                      <Text size="xs" c="dimmed" px={12} pb={8}>
                        <SyncedEmpty loading="Loading jobs from the server…">
                          {filter ? 'Nothing matches the filter.' : row.empty}
                        </SyncedEmpty>
                      </Text>
                    )}
                  </>
                ) : (
                  <QueueCard job={row.job} controller={controller} onSchedule={onSchedule} />
                )}
              </div>
            );
          })}
        </div>
      </div>
    </aside>
  );
});
