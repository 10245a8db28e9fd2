import { monitorForElements } from '@atlaskit/pragmatic-drag-and-drop/element/adapter';
import type { DragLocationHistory } from '@atlaskit/pragmatic-drag-and-drop/types';
import { useEffect, useRef, type RefObject } from 'react';
import { missingSkills, workingSpans, type Job, type Span, type User } from '../../domain';
import type { DispatchDb } from '../data/db';
import { isBoardDrag, type BoardDragData } from './dnd';
import { DEFAULT_DURATION_MINUTES, HOUR_MS, MINUTE_MS, snapStart, xToTime, type TimeScale } from './geometry';
import { MIN_SLOT_MS } from './laneFilter';
import { LABEL_WIDTH } from './layout';

interface SkillMatchOptions {
  scrollRef: RefObject<HTMLDivElement | null>;
  canvasRef: RefObject<HTMLDivElement | null>;
  scaleRef: RefObject<{ scale: TimeScale }>;
  technicians: readonly User[];
  zone: string;
  db: DispatchDb;
}

/** What the lanes are compared with: the job's needs, and when (a visit's span, or any slot in a span). */
interface Wanted {
  job: Pick<Job, 'serviceType' | 'requiredTags'> | undefined;
  /** A visit's exact span, or undefined to ask for any free slot within `within`. */
  visit: Span | undefined;
  within: Span;
}

const QUEUE_CARD = '[aria-label="Job queue"] [data-job-id]';

/**
 * Marks the lanes of technicians who can take a job — they have its skills and are available then — with
 * `data-skill-match="true"`, the others `"false"` (dimmed), while the job is dragged (the time under the
 * pointer; any free slot on the board while the pointer is off the lanes) or focused in the queue (its
 * customer's window when it has one on the board, otherwise any free slot). The marks are set on the lane
 * elements directly, like the drag ghost: a drag never re-renders the board.
 */
export function useSkillMatch({ scrollRef, canvasRef, scaleRef, technicians, zone, db }: SkillMatchOptions): void {
  const latest = useRef({ technicians, zone });
  latest.current = { technicians, zone };

  useEffect(() => {
    let wanted: Wanted | null = null;
    // Working time per technician over the board's days, computed once per drag or focus as lanes need it.
    let spans = new Map<string, Span[]>();
    let observer: MutationObserver | null = null;
    let token = 0;

    const canTake = (user: User, want: Wanted): boolean => {
      if (missingSkills(user, want.job ?? {}).length > 0) return false;
      let working = spans.get(user.id);
      if (!working) {
        const { scale } = scaleRef.current;
        working = workingSpans(user, scale.from - 24 * HOUR_MS, scale.to + 24 * HOUR_MS, latest.current.zone);
        spans.set(user.id, working);
      }
      const { visit } = want;
      if (visit) return working.some((span) => span.start <= visit.start && span.end >= visit.end);
      return working.some(
        (span) => Math.min(span.end, want.within.end) - Math.max(span.start, want.within.start) >= MIN_SLOT_MS,
      );
    };

    const paint = () => {
      const canvas = canvasRef.current;
      if (!canvas) return;
      const users = new Map(latest.current.technicians.map((user) => [user.id, user]));
      for (const lane of canvas.querySelectorAll<HTMLElement>('[data-tech-id]')) {
        const user = users.get(lane.dataset.techId ?? '');
        const match = wanted && user ? String(canTake(user, wanted)) : undefined;
        if (match === undefined) delete lane.dataset.skillMatch;
        else if (lane.dataset.skillMatch !== match) lane.dataset.skillMatch = match;
      }
    };

    let spansOf = '';
    const show = (next: Wanted | null) => {
      // The cache holds for one board range and zone; technicians' edits arrive between drags, not during one.
      const { scale } = scaleRef.current;
      const key = `${scale.from}:${scale.to}:${latest.current.zone}`;
      if (!next || key !== spansOf) spans = new Map();
      spansOf = next ? key : '';
      wanted = next;
      paint();
      // Lanes scrolled into view while the marks are up get them too.
      if (next && !observer && canvasRef.current) {
        observer = new MutationObserver(paint);
        observer.observe(canvasRef.current, { childList: true });
      } else if (!next && observer) {
        observer.disconnect();
        observer = null;
      }
    };

    const loadJob = async (jobId: string) => db.jobs.get(jobId).catch(() => undefined);

    let dragJob: Wanted['job'];
    let dragKey = '';
    // Where the pointer last was: the job loads asynchronously, and the pointer may rest by then.
    let lastMove = { clientX: 0, overLane: false };
    const onDragMove = (data: BoardDragData, clientX: number, overLane: boolean) => {
      const scroller = scrollRef.current;
      const canvas = canvasRef.current;
      if (!scroller || !canvas) return;
      const { scale } = scaleRef.current;
      let visit: Span | undefined;
      if (overLane) {
        const pointerX = Math.max(clientX, scroller.getBoundingClientRect().left + LABEL_WIDTH);
        const grab = data.kind === 'appointment' ? data.grabOffsetPx : 0;
        const start = snapStart(
          scale,
          xToTime(scale, pointerX - grab - (canvas.getBoundingClientRect().left + LABEL_WIDTH)),
        );
        const minutes = data.kind === 'appointment' ? data.durationMinutes : DEFAULT_DURATION_MINUTES;
        visit = { start, end: start + minutes * MINUTE_MS };
      }
      const key = visit ? `${visit.start}:${visit.end}` : 'any';
      if (key === dragKey && wanted) return;
      dragKey = key;
      show({ job: dragJob, visit, within: { start: scale.from, end: scale.to } });
    };

    const onPointer = (data: BoardDragData, location: DragLocationHistory) => {
      const overLane = location.current.dropTargets.some((target) => typeof target.data.laneKey === 'string');
      lastMove = { clientX: location.current.input.clientX, overLane };
      if (dragJob !== undefined) onDragMove(data, lastMove.clientX, overLane);
    };

    const stopMonitor = monitorForElements({
      canMonitor: ({ source }) => isBoardDrag(source.data),
      onDragStart: ({ source, location }) => {
        const data = source.data as BoardDragData;
        const mine = ++token;
        dragJob = undefined;
        dragKey = '';
        lastMove = { clientX: location.current.input.clientX, overLane: false };
        void loadJob(data.jobId).then((job) => {
          if (mine !== token) return;
          dragJob = job ?? {};
          onDragMove(data, lastMove.clientX, lastMove.overLane);
        });
      },
      onDrag: ({ source, location }) => onPointer(source.data as BoardDragData, location),
      onDropTargetChange: ({ source, location }) => onPointer(source.data as BoardDragData, location),
      onDrop: () => {
        token++;
        dragJob = undefined;
        show(null);
      },
    });

    const onFocusIn = (event: FocusEvent) => {
      const card = event.target instanceof Element ? event.target.closest<HTMLElement>(QUEUE_CARD) : null;
      if (!card || card !== event.target) return;
      const mine = ++token;
      void loadJob(card.dataset.jobId ?? '').then((job) => {
        if (mine !== token || document.activeElement !== card) return;
        // The customer's next window, else any time on the days the board shows.
        const now = Date.now();
        const window = job?.timeWindows.find((candidate) => candidate.end > now);
        const { scale } = scaleRef.current;
        show({ job: job ?? {}, visit: undefined, within: window ?? { start: scale.from, end: scale.to } });
      });
    };
    const onFocusOut = (event: FocusEvent) => {
      const card = event.target instanceof Element ? event.target.closest(QUEUE_CARD) : null;
      if (!card || dragJob !== undefined) return;
      token++;
      show(null);
    };
    document.addEventListener('focusin', onFocusIn);
    document.addEventListener('focusout', onFocusOut);
    return () => {
      stopMonitor();
      document.removeEventListener('focusin', onFocusIn);
      document.removeEventListener('focusout', onFocusOut);
      observer?.disconnect();
    };
  }, [scrollRef, canvasRef, scaleRef, db]);
}
