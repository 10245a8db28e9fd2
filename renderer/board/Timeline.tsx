import { Text } from '@mantine/core';
import type { User } from '../../domain';
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  memo,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type CSSProperties,
} from 'react';
import { axisDay, clockHour, clockTime, isoDay } from '../kit/format';
import type { BoardController } from './controller';
import { hourMarks, hourStep, timeToX, xToTime, type TimeScale } from './geometry';
import { Lane } from './Lane';
import type { LaneWindow, VisitsUnderWay } from '../data/views';
import type { PendingLayer } from './laneData';
import type { LaneStore } from './laneStore';
import { UNASSIGNED } from './lanes';
import { HEADER_HEIGHT, LABEL_WIDTH, laneHeight } from './layout';
import type { LaneEntry } from './useBoardData';
import { useBoardDrop } from './useBoardDrop';
import { useOfficeZone } from '../kit/OfficeClockProvider';
import { useSkillMatch } from './useSkillMatch';
import { TechnicianPanel, type TechnicianChanges } from './TechnicianPanel';
import { runCommand } from '../drawer/runCommand';
import { useConsole } from '../kit/SyncProvider';
import { SyncedEmpty } from '../kit/SyncedEmpty';
import classes from './board.module.css';

interface Props {
  lanes: LaneEntry[];
  scale: TimeScale;
  layer: PendingLayer;
  underWay: VisitsUnderWay | undefined;
  store: LaneStore;
  unassigned: LaneWindow | undefined;
  controller: BoardController;
  ready: boolean;
  /** Reports the width available to the time axis, so zoom 1 can fit the range to it. */
  onViewportWidth: (width: number) => void;
  /** Called once, when the lanes on screen first show their appointments. */
  onPainted: () => void;
  /** Whether the board has painted (or gave up waiting): before it only the lanes on screen read. */
  painted: boolean;
}

function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** Where "now" sits on the axis, or null when it is outside the range's working hours. */
function nowX(scale: TimeScale, now: number): number | null {
  return scale.days.some((day) => now >= day.start && now <= day.end) ? timeToX(scale, now) : null;
}

function NowMark({ scale }: { scale: TimeScale }) {
  const now = useNow();
  const x = nowX(scale, now);
  if (x === null) return null;
  return (
    <div className={classes.nowMark} style={{ left: x }} aria-hidden="true">
      {clockTime(now)}
    </div>
  );
}

/** The "now" line and a light tint over the time already past. */
function NowOverlay({ scale, height }: { scale: TimeScale; height: number }) {
  const now = useNow();
  const x = nowX(scale, now);
  const past = now >= scale.to ? scale.width : now <= scale.from ? 0 : timeToX(scale, now);
  return (
    <>
      {past > 0 && (
        <div
          className={classes.past}
          style={{ left: LABEL_WIDTH, top: HEADER_HEIGHT, width: past, height, bottom: 'auto' }}
          aria-hidden="true"
        />
      )}
      {x !== null && (
        <div
          className={classes.nowLine}
          data-now-line
          style={{ left: LABEL_WIDTH + x, top: HEADER_HEIGHT, height }}
          aria-hidden="true"
        />
      )}
    </>
  );
}

function Header({ scale, technicianCount }: { scale: TimeScale; technicianCount: number }) {
  const step = hourStep(scale.pxPerHour);
  const today = isoDay();
  return (
    <div className={classes.header} style={{ height: HEADER_HEIGHT, width: LABEL_WIDTH + scale.width }}>
      <div className={classes.corner} style={{ width: LABEL_WIDTH, height: HEADER_HEIGHT }}>
        <Text size="xs" c="dimmed" fw={600} tt="uppercase">
          Technicians · {technicianCount}
        </Text>
      </div>
      <div className={classes.scale} style={{ width: scale.width, height: HEADER_HEIGHT }}>
        {scale.days.map((day) => (
          <div
            key={day.date}
            className={classes.dayLabel}
            style={{ left: day.x, width: day.width }}
            data-today={day.date === today ? 'true' : undefined}
          >
            {axisDay(day.date, day.width < 140)}
          </div>
        ))}
        {scale.days.flatMap((day) =>
          hourMarks(day, step).map((at) => (
            <div key={at} className={classes.hourLabel} style={{ left: day.x + (at - day.start) * scale.pxPerMs }}>
              {clockHour(at)}
            </div>
          )),
        )}
        <NowMark scale={scale} />
      </div>
    </div>
  );
}

/**
 * One day's day line, hour lines (or every labelled hour, when hours are narrow) and half-hour lines, as one
 * CSS background. Each day draws its own: days are not all as long (a daylight-saving day has an hour more or less).
 */
function gridStyle(scale: TimeScale, day: TimeScale['days'][number], height: number): CSSProperties {
  const hourPeriod = hourStep(scale.pxPerHour) * scale.pxPerHour;
  const layers = [
    `linear-gradient(to right, var(--board-day-line) 0 2px, transparent 2px)`,
    `repeating-linear-gradient(to right, var(--board-hour-line) 0 1px, transparent 1px ${hourPeriod}px)`,
  ];
  if (scale.pxPerHour >= 64)
    layers.push(
      `repeating-linear-gradient(to right, var(--board-half-line) 0 1px, transparent 1px ${scale.pxPerHour / 2}px)`,
    );
  return {
    left: LABEL_WIDTH + day.x,
    top: HEADER_HEIGHT,
    width: day.width,
    height,
    backgroundImage: layers.join(', '),
  };
}

/**
 * The technicians' lanes against time. Lanes are virtualized (only those on screen exist), and each
 * lane draws only the blocks in the visible slice of time. Drags and drops are `useBoardDrop`'s.
 */
export const Timeline = memo(function Timeline({
  lanes,
  scale,
  layer,
  underWay,
  store,
  unassigned,
  controller,
  ready,
  onViewportWidth,
  onPainted,
  painted: boardPainted,
}: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLDivElement>(null);
  const ghostRef = useRef<HTMLDivElement>(null);
  const [slice, setSlice] = useState({ from: -1, to: Infinity });

  // Every lane's height, known before it is drawn: from its own read once visible, from hydration before (a
  // read that leaves the rows as they were does not render the timeline again).
  const storeVersion = useSyncExternalStore(store.subscribe, store.getVersion);
  // storeVersion is what changes when the store's rows do (the store object itself stays the same).
  const heights = useMemo(
    () => lanes.map((entry) => laneHeight(store.rowsOf(entry.key))),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [lanes, store, storeVersion],
  );
  const keys = useMemo(() => lanes.map((entry) => entry.key), [lanes]);
  const estimateSize = useCallback((index: number) => heights[index] ?? laneHeight(1), [heights]);
  const getItemKey = useCallback((index: number) => keys[index] ?? index, [keys]);
  const virtualizer = useVirtualizer({
    count: lanes.length,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    getItemKey,
    // Before the first paint only the lanes on screen read: the ones below wait for it.
    overscan: boardPainted ? 6 : 0,
    paddingStart: HEADER_HEIGHT,
    // A scroll renders in the next task, not synchronously inside the scroll event.
    useFlushSync: false,
  });
  const heightSignature = heights.join(',');
  useLayoutEffect(() => {
    virtualizer.measure();
  }, [heightSignature, virtualizer]);

  // The latest values for handlers registered once.
  const latest = useRef({ scale, lanes, virtualizer });
  latest.current = { scale, lanes, virtualizer };

  useEffect(() => {
    controller.revealLane = (technicianId) => {
      const index = latest.current.lanes.findIndex((entry) => entry.key === (technicianId ?? UNASSIGNED));
      if (index >= 0) latest.current.virtualizer.scrollToIndex(index, { align: 'auto' });
    };
  }, [controller]);

  // The viewport's width, from the ResizeObserver: reading it on every scroll event would force a layout.
  const viewportWidth = useRef(0);
  const updateSlice = useCallback(() => {
    const element = scrollRef.current;
    if (!element) return;
    // When the range fits the view there is nothing to the side to skip (and no layout to force).
    if (latest.current.scale.width <= viewportWidth.current + 1) {
      setSlice((current) => (current.from === -1 && current.to === Infinity ? current : { from: -1, to: Infinity }));
      return;
    }
    const page = Math.max(400, viewportWidth.current);
    const from = Math.floor(element.scrollLeft / page) * page - page;
    const to = from + 3 * page;
    setSlice((current) => (current.from === from && current.to === to ? current : { from, to }));
  }, []);

  // Zoom (or new working hours) keeps the time at the centre of the view; a new date or range brings
  // "now" into view when it is in the range, else the start of the first day.
  const shownScale = useRef<TimeScale | null>(null);
  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const viewport = viewportWidth.current || element.clientWidth - LABEL_WIDTH;
    const before = shownScale.current;
    shownScale.current = scale;
    if (before && before.from === scale.from && before.days.length === scale.days.length) {
      const center = xToTime(before, element.scrollLeft + viewport / 2);
      element.scrollLeft = Math.max(0, timeToX(scale, center) - viewport / 2);
    } else {
      const now = Date.now();
      element.scrollLeft = now >= scale.from && now < scale.to ? Math.max(0, timeToX(scale, now) - viewport / 3) : 0;
    }
    updateSlice();
  }, [scale, updateSlice]);

  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    viewportWidth.current = element.clientWidth - LABEL_WIDTH;
    const observer = new ResizeObserver(() => {
      viewportWidth.current = element.clientWidth - LABEL_WIDTH;
      onViewportWidth(viewportWidth.current);
      updateSlice();
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [onViewportWidth, updateSlice]);

  // 'board:painted' once every lane on screen has drawn its appointments (the benchmark waits for it).
  const painted = useRef(false);
  const virtualItems = virtualizer.getVirtualItems();
  // Not before the virtualizer has measured the viewport: with no lane placed yet, none has drawn. Selected
  // from the store's reads, so the timeline renders again when this turns true, not at every lane's read.
  const allDrawn = useSyncExternalStore(
    store.subscribeReads,
    () =>
      ready &&
      (lanes.length === 0 || virtualItems.length > 0) &&
      virtualItems.every(
        (item) => lanes[item.index].key === UNASSIGNED || store.has(lanes[item.index].key, scale.from, scale.to),
      ),
  );
  useEffect(() => {
    if (!allDrawn || painted.current) return;
    painted.current = true;
    requestAnimationFrame(() => {
      performance.mark('board:painted');
      onPainted();
    });
  }, [allDrawn, onPainted]);

  useBoardDrop({ scrollRef, canvasRef, ghostRef, scaleRef: latest, controller, lanes });
  const { client } = useConsole();
  const zone = useOfficeZone();
  const technicians = useMemo(() => lanes.flatMap((entry) => (entry.technician ? [entry.technician] : [])), [lanes]);
  useSkillMatch({ scrollRef, canvasRef, scaleRef: latest, technicians, zone, db: client.db });
  // Each change its own command, so a refused one names its own fault; both go through the outbox.
  const saveTechnician = useCallback(
    (technician: User, changes: TechnicianChanges) =>
      runCommand(async () => {
        if (changes.availability) await client.commands.setAvailability(technician.id, changes.availability);
        if (changes.skills) await client.commands.updateSkills(technician.id, changes.skills);
      }),
    [client],
  );

  const totalHeight = virtualizer.getTotalSize();
  const lanesHeight = Math.max(0, totalHeight - HEADER_HEIGHT);

  return (
    <div ref={scrollRef} className={classes.timeline} onScroll={updateSlice} data-board-timeline>
      <div
        ref={canvasRef}
        className={classes.canvas}
        style={{ width: LABEL_WIDTH + scale.width, height: Math.max(totalHeight, HEADER_HEIGHT) }}
      >
        <Header scale={scale} technicianCount={lanes.filter((entry) => entry.key !== UNASSIGNED).length} />
        {scale.days.map((day) => (
          <div key={day.date} className={classes.grid} style={gridStyle(scale, day, lanesHeight)} aria-hidden="true" />
        ))}
        <NowOverlay scale={scale} height={lanesHeight} />
        {virtualItems.map((item) => {
          const entry = lanes[item.index];
          return (
            <Lane
              key={entry.key}
              laneKey={entry.key}
              technician={entry.technician}
              from={scale.from}
              to={scale.to}
              layer={layer}
              underWay={underWay}
              store={store}
              window={entry.key === UNASSIGNED ? unassigned : undefined}
              top={item.start}
              height={item.size}
              scale={scale}
              xFrom={slice.from}
              xTo={slice.to}
              controller={controller}
              settled={!virtualizer.isScrolling}
            />
          );
        })}
        <div ref={ghostRef} className={classes.ghost} data-drag-ghost aria-hidden="true" />
        <TechnicianPanel technicians={technicians} zone={zone} onSave={saveTechnician} />
        {ready && lanes.length === 0 && (
          <div className={classes.empty} style={{ top: HEADER_HEIGHT, left: 0 }}>
            <SyncedEmpty loading="Loading technicians and jobs from the server…">
              No technicians in your organization yet.
            </SyncedEmpty>
          </div>
        )}
      </div>
    </div>
  );
});
