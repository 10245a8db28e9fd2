import { dropTargetForElements } from '@atlaskit/pragmatic-drag-and-drop/element/adapter';
import { Tooltip } from '@mantine/core';
import { __iconNode as alertTriangle } from '@tabler/icons-react/icons/IconAlertTriangle';
import { useLiveQuery } from 'dexie-react-hooks';
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import type { Appointment, User } from '../../domain';
import type { BoardController } from './controller';
import { isBoardDrag } from './dnd';
import { personName } from '../kit/labels';
import { MaskIcon } from '../kit/MaskIcon';
import { initials } from './format';
import { blockBox, EDGE_MARK_PX, lowerBound, type TimeScale } from './geometry';
import { AppointmentBlock } from './AppointmentBlock';
import { useOfficeZone } from '../kit/OfficeClockProvider';
import { LaneAvailability } from './LaneAvailability';
import { isFirstPaintDone, useAfterFirstPaint } from '../kit/firstPaint';
import { useSameValue } from '../kit/sameValue';
import { LaneHours } from './LaneTechnician';
import { openTechnicianPanel } from './technicianPanelStore';
import { readLaneWindow, type LaneWindow, type VisitsUnderWay } from '../data/views';
import { mergeLane, underWayOf, type PendingLayer } from './laneData';
import type { LaneStore } from './laneStore';
import { buildLane, UNASSIGNED, type LaneModel } from './lanes';
import { BLOCK_GAP, LABEL_WIDTH, LANE_PADDING, ROW_HEIGHT } from './layout';
import classes from './board.module.css';

/** What a lane tells a drop: whose lane it is. */
export interface LaneDropData {
  [key: string | symbol]: unknown;
  laneKey: string;
  technicianId: string | null;
}

interface Props {
  laneKey: string;
  technician: User | undefined;
  /** The window the board reads, whole days. */
  from: number;
  to: number;
  layer: PendingLayer;
  /** The board's visits under way (readVisitsUnderWay); undefined until read, and the lane draws nothing before. */
  underWay: VisitsUnderWay | undefined;
  store: LaneStore;
  /** Given for the unassigned lane, which the board reads itself; technicians' lanes read their own. */
  window?: LaneWindow;
  top: number;
  height: number;
  scale: TimeScale;
  /** The horizontal slice worth drawing, in the lane area's px. */
  xFrom: number;
  xTo: number;
  controller: BoardController;
  /** False while the board is being scrolled: a lane that already has data waits to subscribe until it settles. */
  settled: boolean;
}

function countLabel(count: number): string {
  if (count === 0) return 'No appointments';
  return count === 1 ? '1 appointment' : `${count} appointments`;
}

/**
 * One technician's row. Memoized: it renders again only when its own appointments, its place, the scale
 * or the visible slice change — never because another lane changed or a drag moved over it.
 */
export const Lane = memo(function Lane({
  laneKey,
  technician,
  from,
  to,
  layer,
  underWay,
  store,
  window: given,
  top,
  height,
  scale,
  xFrom,
  xTo,
  controller,
  settled,
}: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const technicianId = technician?.id ?? null;
  const zone = useOfficeZone();

  // This lane's own live query: a change to another technician's day does not run it. While the board
  // scrolls, a lane draws what the store knows (hydrated in idle time) and subscribes once the board
  // rests; one the store does not know yet reads after a moment on screen, so a lane that merely flashes
  // past during a fast scroll reads nothing.
  const [subscribed, setSubscribed] = useState(settled);
  const known = store.has(laneKey, from, to);
  useEffect(() => {
    if (subscribed || (!settled && known)) return;
    const timer = setTimeout(() => setSubscribed(true), settled ? 0 : 120);
    return () => clearTimeout(timer);
  }, [settled, subscribed, known]);
  // A lane the board's saved screen drew (known before the first paint: firstScreen.ts, current at the opening)
  // subscribes after that paint: its read would answer the same, and before it only competes with the paint.
  const [fromScreen] = useState(() => known && !isFirstPaintDone());
  const waits = useAfterFirstPaint() ? false : fromScreen;
  const read = useLiveQuery(
    async () =>
      given || technicianId === null || !subscribed || waits
        ? null
        : { from, to, window: await readLaneWindow(store.db, technicianId, from, to) },
    [given, technicianId, from, to, store, subscribed, waits],
  );
  const fresh = read && read.from === from && read.to === to ? read.window : undefined;
  useEffect(() => {
    if (fresh) store.put(laneKey, from, to, fresh);
  }, [fresh, laneKey, from, to, store]);
  // Until it answers, the lane draws what the board last knew (hydrated in idle time, an earlier visit, the saved
  // screen). An answer equal to what it drew keeps it as it was: the blocks do not render again for nothing.
  const confirmed = useSameValue(given ?? fresh ?? store.window(laneKey, from, to));

  // Its own jobs' visits under way, the same array while they stay the same: another technician's visit starting
  // renders the lane again, but does not merge it again.
  const previousUnderWay = useRef<readonly Appointment[] | undefined>(undefined);
  const jobsUnderWay = useMemo(
    () => (underWay ? underWayOf(underWay, confirmed, previousUnderWay.current) : undefined),
    [underWay, confirmed],
  );
  previousUnderWay.current = jobsUnderWay;
  const drawn = confirmed && jobsUnderWay ? confirmed : undefined;

  const previous = useRef<LaneModel | undefined>(undefined);
  const lane = useMemo(() => {
    const built = buildLane(
      laneKey,
      drawn && jobsUnderWay ? mergeLane(drawn, layer, technicianId, from, to, jobsUnderWay) : [],
      previous.current,
    );
    previous.current = built;
    return built;
  }, [laneKey, drawn, jobsUnderWay, layer, technicianId, from, to]);
  useEffect(() => {
    if (drawn) store.setRows(laneKey, lane.rows);
  }, [store, laneKey, lane.rows, drawn]);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    return dropTargetForElements({
      element,
      getData: (): LaneDropData => ({ laneKey, technicianId }),
      canDrop: ({ source }) => isBoardDrag(source.data),
      onDragEnter: () => {
        element.dataset.dropActive = 'true';
      },
      onDragLeave: () => {
        delete element.dataset.dropActive;
      },
      onDrop: () => {
        delete element.dataset.dropActive;
      },
    });
  }, [laneKey, technicianId]);

  const boxes = useMemo(() => lane.blocks.map((block) => blockBox(scale, block.start, block.end)), [lane, scale]);
  const widest = useMemo(() => boxes.reduce((widest, box) => Math.max(widest, box.width), 0), [boxes]);

  // Blocks are sorted by start and x grows with time, so a binary search finds the first one in view.
  const visible: number[] = [];
  for (
    let index = lowerBound(boxes, xFrom - widest - EDGE_MARK_PX, (box) => box.left);
    index < boxes.length && boxes[index].left < xTo;
    index++
  ) {
    if (boxes[index].left + boxes[index].width > xFrom) visible.push(index);
  }

  const name = laneKey === UNASSIGNED ? 'Unassigned' : personName(technician);
  const withDay = scale.days.length > 1;

  return (
    <div
      ref={ref}
      className={classes.lane}
      style={{ transform: `translateY(${top}px)`, height, width: LABEL_WIDTH + scale.width }}
      role="group"
      aria-label={laneKey === UNASSIGNED ? 'Unassigned appointments' : `Technician ${name}`}
      data-tech-id={technicianId ?? undefined}
      data-lane={laneKey === UNASSIGNED ? 'unassigned' : undefined}
      data-loaded={drawn ? 'true' : undefined}
    >
      <div className={classes.laneLabel} style={{ width: LABEL_WIDTH }}>
        <div className={classes.avatar} data-unassigned={technician ? undefined : 'true'} aria-hidden="true">
          {technician ? initials(technician) : '?'}
        </div>
        <div className={classes.laneText}>
          {technician ? (
            <button
              type="button"
              className={`${classes.laneName} ${classes.laneNameButton}`}
              data-lane-name
              aria-label={`Technician panel: ${name}`}
              aria-haspopup="dialog"
              onClick={() => openTechnicianPanel(technician.id)}
            >
              {name}
            </button>
          ) : (
            <div className={classes.laneName} data-lane-name>
              {name}
            </div>
          )}
          <div className={classes.laneMeta}>
            {technician && <LaneHours technician={technician} day={scale.days[0].date} zone={zone} />}
            {countLabel(lane.blocks.length)}
          </div>
        </div>
        {lane.overlapping > 0 && (
          <Tooltip label={`${lane.overlapping} overlapping appointments`} withArrow position="right">
            <span
              role="img"
              tabIndex={0}
              aria-label={`${lane.overlapping} overlapping appointments`}
              data-overlap-warning={lane.overlapping}
              style={{ display: 'inline-flex', color: 'var(--mantine-color-orange-6)' }}
            >
              <MaskIcon icon={alertTriangle} size={18} />
            </span>
          </Tooltip>
        )}
      </div>
      <div className={classes.laneArea} style={{ width: scale.width, height: '100%' }} data-lane-area>
        {technician && <LaneAvailability technician={technician} scale={scale} zone={zone} />}
        {visible.map((index) => {
          const block = lane.blocks[index];
          return (
            <AppointmentBlock
              key={block.id}
              block={block}
              box={boxes[index]}
              top={LANE_PADDING + block.row * ROW_HEIGHT}
              height={ROW_HEIGHT - BLOCK_GAP}
              pxPerMs={scale.pxPerMs}
              withDay={withDay}
              controller={controller}
            />
          );
        })}
      </div>
    </div>
  );
});
