import { Button, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconArrowBackUp, IconChevronDown, IconChevronUp, IconCloudUpload, IconSelector } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useRef, type CSSProperties, type FocusEvent, type KeyboardEvent } from 'react';
import { StatusChip } from '../kit/StatusChip';
import { formatDate, formatFull, formatMoment } from '../kit/format';
import { APPOINTMENT_STATUS } from '../kit/labels';
import type { JobRow, SortKey, SortOrder } from './jobRows';
import classes from './JobsView.module.css';
import { AttentionMark } from '../attention/AttentionMark';

export const ROW_HEIGHT = 42;
const HEADER_HEIGHT = 34;

interface Column {
  id: string;
  label: string;
  width: string;
  sort?: SortKey;
  /** Shown to screen readers only (the pending mark's column has no visible heading). */
  hiddenLabel?: boolean;
}

const STATUS: Column = { id: 'status', label: 'Status', width: '124px', sort: 'status' };
const JOB: Column = { id: 'job', label: 'Job', width: 'minmax(200px, 2fr)', sort: 'title' };
const CUSTOMER: Column = { id: 'customer', label: 'Customer', width: 'minmax(120px, 1fr)', sort: 'customer' };
const ADDRESS: Column = { id: 'address', label: 'Address', width: 'minmax(160px, 1.4fr)' };
const SERVICE: Column = { id: 'service', label: 'Service type', width: 'minmax(96px, 0.8fr)' };
const NEXT: Column = { id: 'next', label: 'Next appointment', width: 'minmax(160px, 1.1fr)', sort: 'next' };
const PROVIDER: Column = { id: 'provider', label: 'Provider', width: 'minmax(170px, 1.3fr)' };
const CREATED: Column = { id: 'created', label: 'Created', width: '96px', sort: 'created' };
const PENDING: Column = { id: 'pending', label: 'Sync', width: '36px', hiddenLabel: true };
const ACTIONS: Column = { id: 'actions', label: 'Actions', width: '116px', hiddenLabel: true };

const DISPATCHER_COLUMNS = [STATUS, JOB, CUSTOMER, ADDRESS, SERVICE, NEXT, CREATED, PENDING];
const ENTERPRISE_COLUMNS = [STATUS, JOB, CUSTOMER, ADDRESS, SERVICE, NEXT, PROVIDER, CREATED, PENDING, ACTIONS];

export interface JobsTableProps {
  rows: readonly JobRow[];
  enterprise: boolean;
  sort: SortOrder;
  onSort: (key: SortKey) => void;
  selectedJobId: string | null;
  onOpen: (jobId: string) => void;
  onWithdraw: (row: JobRow) => void;
  /** Changes when the user changes search, filter or sort: the list then starts again from the top. */
  viewKey: string;
}

/** The jobs, one 42px row each, virtualized: only the rows on screen (and a few beyond) are in the DOM. */
export function JobsTable({
  rows,
  enterprise,
  sort,
  onSort,
  selectedJobId,
  onOpen,
  onWithdraw,
  viewKey,
}: JobsTableProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const columns = enterprise ? ENTERPRISE_COLUMNS : DISPATCHER_COLUMNS;
  // Stable callbacks: the virtualizer re-measures all rows whenever getItemKey changes identity.
  const getItemKey = useCallback((index: number) => rows[index]!.id, [rows]);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: useCallback(() => scroller.current, []),
    estimateSize: useCallback(() => ROW_HEIGHT, []),
    getItemKey,
    overscan: 12,
    // The rows start below the sticky header, and a row scrolled into view must not hide under it.
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });

  // Live updates keep the scroll position; a new search, filter or sort starts from the top.
  useEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0;
  }, [viewKey]);

  // The row keyboard moves start from: the focused row, or one a fast key repeat asked for but that is not focused yet.
  const cursor = useRef<number | null>(null);
  const onFocus = useCallback((event: FocusEvent<HTMLDivElement>) => {
    const index = Number((event.target as HTMLElement).dataset.rowIndex);
    cursor.current = Number.isNaN(index) ? null : index;
  }, []);

  const focusRow = useCallback(
    (index: number) => {
      const target = Math.max(0, Math.min(rows.length - 1, index));
      cursor.current = target;
      virtualizer.scrollToIndex(target, { align: 'auto' });
      // The row may only exist after the virtualizer renders it.
      requestAnimationFrame(() =>
        scroller.current?.querySelector<HTMLElement>(`[data-row-index="${target}"]`)?.focus(),
      );
    },
    [rows.length, virtualizer],
  );

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLDivElement>) => {
      if (Number.isNaN(Number((event.target as HTMLElement).dataset.rowIndex)) || cursor.current === null) return;
      const index = cursor.current;
      const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 0) / ROW_HEIGHT) - 1);
      const moves: Record<string, number> = {
        ArrowDown: index + 1,
        ArrowUp: index - 1,
        PageDown: index + page,
        PageUp: index - page,
        Home: 0,
        End: rows.length - 1,
      };
      if (event.key in moves) {
        event.preventDefault();
        focusRow(moves[event.key]!);
      }
    },
    [focusRow, rows.length],
  );

  const template = { '--jobs-columns': columns.map((column) => column.width).join(' ') } as CSSProperties;
  return (
    <div ref={scroller} className={classes.scroller} style={template}>
      <div
        className={classes.table}
        role="grid"
        aria-label="Jobs"
        aria-rowcount={rows.length + 1}
        aria-readonly
        onKeyDown={onKeyDown}
        onFocus={onFocus}
      >
        <div className={classes.header} role="row" aria-rowindex={1} style={{ height: HEADER_HEIGHT }}>
          {columns.map((column) => (
            <HeaderCell key={column.id} column={column} sort={sort} onSort={onSort} />
          ))}
        </div>
        <div className={classes.body} role="rowgroup" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index]!;
            return (
              <JobRowView
                key={row.id}
                row={row}
                index={item.index}
                top={item.start - HEADER_HEIGHT}
                enterprise={enterprise}
                selected={row.id === selectedJobId}
                onOpen={onOpen}
                onWithdraw={onWithdraw}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}

function HeaderCell({ column, sort, onSort }: { column: Column; sort: SortOrder; onSort: (key: SortKey) => void }) {
  const active = column.sort !== undefined && sort.key === column.sort;
  const ariaSort = active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined;
  const Icon = !active ? IconSelector : sort.direction === 'asc' ? IconChevronUp : IconChevronDown;
  return (
    <div className={classes.headerCell} role="columnheader" aria-sort={ariaSort}>
      {column.hiddenLabel ? (
        <VisuallyHidden>{column.label}</VisuallyHidden>
      ) : column.sort ? (
        <button
          type="button"
          className={classes.sortButton}
          data-active={active || undefined}
          onClick={() => onSort(column.sort!)}
          title={`Sort by ${column.label.toLowerCase()}`}
        >
          <span>{column.label}</span>
          <Icon size={14} className={classes.sortIcon} aria-hidden />
        </button>
      ) : (
        column.label
      )}
    </div>
  );
}

interface JobRowViewProps {
  row: JobRow;
  index: number;
  top: number;
  enterprise: boolean;
  selected: boolean;
  onOpen: (jobId: string) => void;
  onWithdraw: (row: JobRow) => void;
}

/** One job. Memoized: rows reuse their JobRow object until the job changes, so scrolling re-renders none. */
const JobRowView = memo(function JobRowView({
  row,
  index,
  top,
  enterprise,
  selected,
  onOpen,
  onWithdraw,
}: JobRowViewProps) {
  const open = () => onOpen(row.id);
  return (
    <div
      className={classes.row}
      role="row"
      tabIndex={0}
      aria-rowindex={index + 2}
      aria-selected={selected}
      aria-label={`${row.title}, ${row.customerName || 'no customer'}`}
      data-row-index={index}
      data-job-id={row.id}
      data-status={row.status}
      data-pending={row.pending || undefined}
      data-selected={selected || undefined}
      style={{ height: ROW_HEIGHT, transform: `translateY(${top}px)` }}
      onClick={open}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && event.target === event.currentTarget) {
          event.preventDefault();
          open();
        }
      }}
    >
      <div className={classes.cell} role="gridcell">
        <StatusChip status={row.status} />
      </div>
      <div className={classes.cell} role="gridcell">
        <span className={`${classes.line} ${classes.title}`} title={row.title}>
          {row.title}
        </span>
        <span className={`${classes.subline} ${classes.id}`}>
          {row.id} <AttentionMark jobId={row.id} variant="label" size={12} />
        </span>
      </div>
      <div className={classes.cell} role="gridcell">
        <span className={classes.line}>{row.customerName || <span className={classes.muted}>—</span>}</span>
      </div>
      <div className={classes.cell} role="gridcell">
        <span className={classes.line} title={`${row.street}, ${row.city}`}>
          {row.street}
        </span>
        <span className={classes.subline}>{row.city}</span>
      </div>
      <div className={classes.cell} role="gridcell">
        <span className={classes.line}>{row.serviceType || <span className={classes.muted}>—</span>}</span>
      </div>
      <div className={classes.cell} role="gridcell">
        <NextAppointmentCell row={row} />
      </div>
      {enterprise && (
        <div className={classes.cell} role="gridcell">
          <span className={classes.line} title={row.providerName}>
            {row.providerName}
          </span>
        </div>
      )}
      <div className={classes.cell} role="gridcell">
        <span className={classes.line} title={formatFull(row.createdAt)}>
          {formatDate(row.createdAt)}
        </span>
      </div>
      <div className={classes.cell} role="gridcell">
        {row.pending && (
          <Tooltip
            label="Not synced yet: saved on this computer and sent when the server answers"
            openDelay={300}
            withinPortal
          >
            <span className={classes.pending} role="img" aria-label="Not synced yet" data-pending-mark>
              <IconCloudUpload size={16} />
            </span>
          </Tooltip>
        )}
      </div>
      {enterprise && (
        <div className={classes.cell} role="gridcell">
          {row.status === 'offered' && (
            <Button
              size="compact-xs"
              variant="subtle"
              color="gray"
              leftSection={<IconArrowBackUp size={14} />}
              onClick={(event) => {
                event.stopPropagation();
                onWithdraw(row);
              }}
              onKeyDown={(event) => event.stopPropagation()}
              aria-label={`Withdraw offer: ${row.title}`}
            >
              Withdraw
            </Button>
          )}
        </div>
      )}
    </div>
  );
});

function NextAppointmentCell({ row }: { row: JobRow }) {
  const next = row.next;
  if (!next) return <span className={`${classes.line} ${classes.muted}`}>—</span>;
  const who = next.technicianName === null ? 'Unassigned' : next.technicianName;
  const underWay = next.status === 'scheduled' ? undefined : APPOINTMENT_STATUS[next.status].label;
  const detail = [who, underWay].filter(Boolean).join(' · ');
  return (
    <>
      <span className={classes.line} title={formatFull(next.start)}>
        {formatMoment(next.start)}
      </span>
      {detail && <span className={classes.subline}>{detail}</span>}
    </>
  );
}
