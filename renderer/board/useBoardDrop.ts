import { monitorForElements } from '@atlaskit/pragmatic-drag-and-drop/element/adapter';
import type { DragLocationHistory } from '@atlaskit/pragmatic-drag-and-drop/types';
import { useCallback, useEffect, useRef, type RefObject } from 'react';
import { STATUS_STYLES } from '../../domain';
import { clockRange } from '../kit/format';
import { personName } from '../kit/labels';
import type { BoardController } from './controller';
import { isBoardDrag, type BoardDragData } from './dnd';
import { DEFAULT_DURATION_MINUTES, MINUTE_MS, snapStart, timeToX, xToTime, type TimeScale } from './geometry';
import type { LaneDropData } from './Lane';
import { BLOCK_GAP, LABEL_WIDTH, LANE_PADDING, ROW_HEIGHT } from './layout';
import type { LaneEntry } from './useBoardData';

/** Where a drag would land: a lane and a snapped start. */
interface Landing {
  technicianId: string | null;
  laneElement: Element;
  start: number;
  durationMinutes: number;
}

interface BoardDrop {
  /** The timeline's scroller: the lane label is sticky over its left edge. */
  scrollRef: RefObject<HTMLDivElement | null>;
  /** What the ghost is positioned in. */
  canvasRef: RefObject<HTMLDivElement | null>;
  /** The one element a drag moves: where and how long the result will be, and for whom. */
  ghostRef: RefObject<HTMLDivElement | null>;
  /** The scale now, read by handlers registered once. */
  scaleRef: RefObject<{ scale: TimeScale }>;
  controller: BoardController;
  /** New lanes mean a drop's result may be on screen. */
  lanes: LaneEntry[];
}

/**
 * Dragging a queue card or a block over the timeline, and dropping it. A drag never sets React state: one
 * monitor moves a single ghost element, and the drop becomes a schedule or move command. The ghost holds
 * the spot until the lanes show the result, so a block never seems to jump back.
 */
export function useBoardDrop({ scrollRef, canvasRef, ghostRef, scaleRef, controller, lanes }: BoardDrop): void {
  /** A drop whose result is not on screen yet. */
  const landed = useRef<{ source: HTMLElement; applied: boolean; redrawn: boolean; timer: number } | null>(null);
  const settle = useCallback(
    (source: HTMLElement) => {
      if (landed.current?.timer) window.clearTimeout(landed.current.timer);
      landed.current = null;
      delete source.dataset.dragging;
      if (ghostRef.current) ghostRef.current.style.display = 'none';
    },
    [ghostRef],
  );

  useEffect(() => {
    const landingOf = (location: DragLocationHistory, data: BoardDragData): Landing | null => {
      const target = location.current.dropTargets.find((record) => typeof record.data.laneKey === 'string');
      const scroller = scrollRef.current;
      if (!target || !scroller) return null;
      const { scale: current } = scaleRef.current;
      const laneRect = target.element.getBoundingClientRect();
      // The lane label is sticky: time hidden under it cannot be aimed at.
      const pointerX = Math.max(location.current.input.clientX, scroller.getBoundingClientRect().left + LABEL_WIDTH);
      const grab = data.kind === 'appointment' ? data.grabOffsetPx : 0;
      const x = pointerX - grab - (laneRect.left + LABEL_WIDTH);
      return {
        technicianId: (target.data as unknown as LaneDropData).technicianId,
        laneElement: target.element,
        start: snapStart(current, xToTime(current, x)),
        durationMinutes: data.kind === 'appointment' ? data.durationMinutes : DEFAULT_DURATION_MINUTES,
      };
    };
    const showGhost = (landing: Landing | null, data: BoardDragData) => {
      const ghost = ghostRef.current;
      const canvas = canvasRef.current;
      if (!ghost || !canvas) return;
      if (!landing) {
        ghost.style.display = 'none';
        return;
      }
      const { scale: current } = scaleRef.current;
      const end = landing.start + landing.durationMinutes * MINUTE_MS;
      const left = timeToX(current, landing.start);
      const top = landing.laneElement.getBoundingClientRect().top - canvas.getBoundingClientRect().top + LANE_PADDING;
      ghost.style.display = 'block';
      ghost.style.transform = `translate(${LABEL_WIDTH + left}px, ${top}px)`;
      // Never past the timeline's end: anything sticking out of the canvas grows the scroller's overflow, and a
      // scrollbar that comes and goes while the pointer moves re-lays out the whole board on every frame.
      ghost.style.width = `${Math.min(Math.max(timeToX(current, end) - left, 24), current.width - left)}px`;
      ghost.style.height = `${ROW_HEIGHT - BLOCK_GAP}px`;
      // The color the block will have: a queued job becomes Scheduled; a moved block keeps its job's status.
      ghost.style.setProperty('--ghost-color', STATUS_STYLES[data.kind === 'job' ? 'scheduled' : data.jobStatus].color);
      const who = landing.technicianId ? personName(controller.technicians.get(landing.technicianId)) : 'Unassigned';
      const text = `${clockRange(landing.start, end)} · ${who}`;
      if (ghost.textContent !== text) ghost.textContent = text;
    };
    return monitorForElements({
      canMonitor: ({ source }) => isBoardDrag(source.data),
      onDragStart: ({ source }) => {
        if (landed.current) settle(landed.current.source);
        source.element.dataset.dragging = 'true';
      },
      onDrag: ({ location, source }) => {
        const data = source.data as BoardDragData;
        showGhost(landingOf(location, data), data);
      },
      onDropTargetChange: ({ location, source }) => {
        const data = source.data as BoardDragData;
        showGhost(landingOf(location, data), data);
      },
      onDrop: ({ location, source }) => {
        const data = source.data as BoardDragData;
        const landing = landingOf(location, data);
        if (!landing) return settle(source.element);
        // The ghost holds the spot until the lanes show the result, so the block never seems to jump back.
        const pending = { source: source.element, applied: false, redrawn: false, timer: 0 };
        landed.current = pending;
        const action =
          data.kind === 'job'
            ? controller.schedule(
                {
                  jobId: data.jobId,
                  title: data.title,
                  offered: data.status === 'offered',
                  technicianId: landing.technicianId,
                  start: landing.start,
                  durationMinutes: landing.durationMinutes,
                },
                'pointer',
              )
            : controller.move(
                data.jobId,
                data.appointmentId,
                () => ({ start: landing.start, technicianId: landing.technicianId }),
                'pointer',
              );
        void action.then((applied) => {
          if (landed.current !== pending) return;
          if (!applied || pending.redrawn) return settle(source.element);
          pending.applied = true;
          pending.timer = window.setTimeout(() => landed.current === pending && settle(source.element), 1500);
        });
      },
    });
  }, [controller, settle, scrollRef, canvasRef, ghostRef, scaleRef]);

  // New lanes after a drop: the result is on screen, the ghost can go.
  useEffect(() => {
    const pending = landed.current;
    if (!pending) return;
    if (pending.applied) settle(pending.source);
    else pending.redrawn = true;
  }, [lanes, settle]);
}
