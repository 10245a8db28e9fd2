import { draggable } from '@atlaskit/pragmatic-drag-and-drop/element/adapter';
import type { IconNode } from '@tabler/icons-react';
import { __iconNode as calendarEvent } from '@tabler/icons-react/icons/IconCalendarEvent';
import { __iconNode as check } from '@tabler/icons-react/icons/IconCheck';
import { __iconNode as clockHour4 } from '@tabler/icons-react/icons/IconClockHour4';
import { __iconNode as note } from '@tabler/icons-react/icons/IconNote';
import { __iconNode as playerPause } from '@tabler/icons-react/icons/IconPlayerPause';
import { __iconNode as tool } from '@tabler/icons-react/icons/IconTool';
import { __iconNode as truck } from '@tabler/icons-react/icons/IconTruck';
import {
  memo,
  useEffect,
  useLayoutEffect,
  useRef,
  type CSSProperties,
  type KeyboardEvent,
  type PointerEvent as ReactPointerEvent,
} from 'react';
import { STATUS_STYLES, type AppointmentStatus } from '../../domain';
import type { BoardController } from './controller';
import type { AppointmentDragData } from './dnd';
import { clockRange, formatDuration } from '../kit/format';
import { BlockPresence, useBlockPresence } from '../kit/presence';
import { APPOINTMENT_STATUS } from '../kit/labels';
import { blockLabel, blockSubline } from './format';
import { MINUTE_MS, snapMinutes, type BlockBox } from './geometry';
import type { BlockModel } from './lanes';
import classes from './board.module.css';
import { AttentionMark, attentionWords } from '../attention/AttentionMark';
import { MaskIcon } from '../kit/MaskIcon';
import { useAttentionMarks } from '../attention/context';

/** A block this wide has room for its site's own time beside the office's (the label always says it). */
const SITE_TIME_MIN_WIDTH = 260;

/** Drawn as masks (kit/MaskIcon.tsx): every block on screen has one. */
const STATUS_ICONS: Record<AppointmentStatus, IconNode> = {
  scheduled: calendarEvent,
  enroute: truck,
  started: tool,
  complete: check,
  canceled: calendarEvent,
};

interface Props {
  block: BlockModel;
  box: BlockBox;
  top: number;
  height: number;
  pxPerMs: number;
  /** Multi-day ranges name the day in the label. */
  withDay: boolean;
  controller: BoardController;
}

/** Focus was on an element that has left the document (or on nothing): taking it back steals it from no one. */
function focusIsNowhere(): boolean {
  return document.activeElement === null || document.activeElement === document.body;
}

export const AppointmentBlock = memo(function AppointmentBlock({
  block,
  box,
  top,
  height,
  pxPerMs,
  withDay,
  controller,
}: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const movable = block.status === 'scheduled';

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    return draggable({
      element,
      // Only scheduled appointments move; if one is started while it is being dragged, the drop is refused by the rules.
      canDrag: () => movable && !controller.resizing,
      getInitialData: ({ input }): AppointmentDragData => ({
        kind: 'appointment',
        appointmentId: block.id,
        jobId: block.jobId,
        jobStatus: block.jobStatus,
        technicianId: block.technicianId,
        start: block.start,
        durationMinutes: block.durationMinutes,
        grabOffsetPx: input.clientX - element.getBoundingClientRect().left,
      }),
    });
  }, [block, movable, controller]);

  // After a keyboard move the block may have re-mounted in another lane: focus follows it. So it does when
  // the block was redrawn as a new element for any other reason (a lane and the pending layer answering a
  // confirmation one after the other), provided focus has not gone anywhere else meanwhile.
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element || document.querySelector('[role="dialog"][aria-modal="true"]')) return;
    // While a dialog is open it keeps focus; it hands focus over when it has closed (focusPending).
    const requested = controller.focusRequest === block.id;
    if (requested || controller.focusLost === block.id) {
      controller.focusRequest = null;
      controller.focusLost = null;
      if (requested || focusIsNowhere()) element.focus();
    }
  });
  // Runs before the element leaves the document, while it still knows whether it holds focus.
  useLayoutEffect(() => {
    const element = ref.current;
    return () => {
      if (element && element === document.activeElement) controller.refocusAfterUnmount(block.id);
    };
  }, [block.id, controller]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (controller.handleBlockKey(block, event)) {
      event.preventDefault();
      event.stopPropagation();
    }
  };

  const onResizeStart = (event: ReactPointerEvent<HTMLDivElement>) => {
    const element = ref.current;
    if (event.button !== 0 || !element) return;
    event.preventDefault();
    event.stopPropagation();
    const handle = event.currentTarget;
    handle.setPointerCapture(event.pointerId);
    handle.dataset.active = 'true';
    controller.resizing = true;
    const pxPerMinute = pxPerMs * MINUTE_MS;
    const originX = event.clientX;
    let minutes = block.durationMinutes;
    // The preview is drawn on the element directly: no React state changes while the pointer moves.
    const onMove = (moveEvent: PointerEvent) => {
      minutes = snapMinutes(block.durationMinutes + (moveEvent.clientX - originX) / pxPerMinute);
      element.style.width = `${Math.max(box.width + (minutes - block.durationMinutes) * pxPerMinute, 12)}px`;
      element.dataset.resizeLabel = `${clockRange(block.start, block.start + minutes * MINUTE_MS)} · ${formatDuration(minutes)}`;
    };
    const onEnd = () => {
      handle.removeEventListener('pointermove', onMove);
      handle.removeEventListener('pointerup', onEnd);
      handle.removeEventListener('pointercancel', onEnd);
      delete handle.dataset.active;
      delete element.dataset.resizeLabel;
      controller.resizing = false;
      const restore = () => {
        element.style.width = `${box.width}px`;
      };
      if (minutes === block.durationMinutes) return restore();
      void controller
        .move(block.jobId, block.id, () => ({ durationMinutes: minutes }), 'pointer')
        .then((applied) => {
          if (!applied) restore();
        });
    };
    handle.addEventListener('pointermove', onMove);
    handle.addEventListener('pointerup', onEnd);
    handle.addEventListener('pointercancel', onEnd);
  };

  const palette = STATUS_STYLES[block.jobStatus];
  // A paused job's visit is done for now: its mark is the pause, as its colour (the seed's yellow) says.
  const paused = block.jobStatus === 'paused';
  const statusIcon = paused ? playerPause : STATUS_ICONS[block.status];
  const statusMark = (
    <span
      title={paused ? 'Job Paused' : `Appointment ${APPOINTMENT_STATUS[block.status].label}`}
      data-status-mark={paused ? 'paused' : block.status}
      style={{ display: 'inline-flex' }}
    >
      <MaskIcon icon={statusIcon} size={13} />
    </span>
  );
  const marks = useAttentionMarks(block.jobId, block.id);
  const who = useBlockPresence(block.jobId, block.id);
  const label = blockLabel(block, withDay, attentionWords(marks)) + (who ? `, ${who.sentence}` : '');
  const style = {
    left: box.left,
    width: box.width,
    top,
    height,
    '--block-color': palette.color,
    '--block-fill': palette.background,
    '--block-edge': `color-mix(in srgb, ${palette.color} 45%, transparent)`,
  } as CSSProperties;
  // Below this a name would be cut to a letter or two: a narrow block shows its color and status icon, and its
  // label on hover.
  const roomy = box.width >= 64 && !box.outside;
  const wide = box.width >= SITE_TIME_MIN_WIDTH;

  return (
    <div
      ref={ref}
      className={classes.block}
      style={style}
      role="button"
      tabIndex={0}
      aria-label={label}
      title={label}
      data-job-id={block.jobId}
      data-appointment-id={block.id}
      data-status={block.jobStatus}
      data-appointment-status={block.status}
      data-pending={block.pending ? 'true' : undefined}
      data-movable={movable ? 'true' : 'false'}
      data-outside={box.outside ? 'true' : undefined}
      data-overlaps={block.overlaps ? 'true' : undefined}
      onClick={() => controller.openJob(block.jobId)}
      onKeyDown={onKeyDown}
    >
      {roomy && (
        <>
          <div className={classes.blockLine}>
            <span className={classes.blockTitle}>{block.customerName || block.title}</span>
            {/* Icons only: the block's name (above) says each of them in words. */}
            <span className={classes.blockIcons} aria-hidden="true">
              <AttentionMark jobId={block.jobId} appointmentId={block.id} variant="icon" />
              {block.noteCount > 0 && (
                <span
                  title={`${block.noteCount} ${block.noteCount === 1 ? 'note' : 'notes'}`}
                  data-note-count={block.noteCount}
                  style={{ display: 'inline-flex', alignItems: 'center', gap: 1, fontSize: 10, opacity: 0.75 }}
                >
                  <MaskIcon icon={note} size={12} stroke={1.75} />
                  {block.noteCount}
                </span>
              )}
              {block.pending && (
                <span title="Not yet synced" data-pending-mark="true" style={{ display: 'inline-flex' }}>
                  <MaskIcon icon={clockHour4} size={13} />
                </span>
              )}
              {statusMark}
            </span>
          </div>
          {height >= 34 && <div className={classes.blockSub}>{blockSubline(block, wide)}</div>}
        </>
      )}
      {/* Too narrow for a name, never too narrow for its status beside the colour. */}
      {!roomy && !box.outside && box.width >= 18 && height >= 16 && (
        <span className={classes.blockIcons} aria-hidden="true">
          {statusMark}
        </span>
      )}
      <BlockPresence who={who} />
      {movable && !box.outside && (
        <div
          className={classes.resize}
          aria-hidden="true"
          onPointerDown={onResizeStart}
          onClick={(event) => event.stopPropagation()}
        />
      )}
    </div>
  );
});
