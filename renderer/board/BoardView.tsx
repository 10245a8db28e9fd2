import { VisuallyHidden } from '@mantine/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { isoDay } from '../kit/format';
import { markFirstPaint } from '../kit/firstPaint';
import { useOfficeZone } from '../kit/OfficeClockProvider';
import { useConsole } from '../kit/SyncProvider';
import { useUi } from '../kit/ui';
import { zoneDayBounds } from '../../domain';
import { BoardToolbar } from './BoardToolbar';
import { LaneFilterBar } from './LaneFilterBar';
import type { LaneSort } from './laneFilter';
import { useLaneArrangement } from './useLaneArrangement';
import { BoardController } from './controller';
import { boardWindow, buildScale, fitPxPerHour } from './geometry';
import { LABEL_WIDTH, QUEUE_WIDTH } from './layout';
import { readFirstScreen, useScreenSaver, type FirstScreen } from './firstScreen';
import { LaneStore } from './laneStore';
import { loadLaneRows, saveLaneRows } from './laneRowsHint';
import { PrintDay } from './PrintDay';
import { QueuePanel, type QueueJob } from './QueuePanel';
import { ScheduleAnywayDialog } from './ScheduleAnywayDialog';
import { ScheduleModal } from './ScheduleModal';
import { useBoardSettings, ZOOM_LEVELS } from './settings';
import { Timeline } from './Timeline';
import { useBoardData } from './useBoardData';
import { usePresenceDrag } from './usePresenceDrag';
import { useScheduleRequest } from './useScheduleRequest';
import classes from './board.module.css';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** How long the board waits for its saved screen before it draws without (a database busy with a long write). */
const FIRST_SCREEN_WAIT_MS = 300;

/**
 * The dispatcher's board: toolbar and legend, the queue of jobs waiting for an answer or an appointment,
 * and the technicians' lanes against time. It opens once the screen it saved last is read (one row, valid
 * only at the database's current cursor: firstScreen.ts), so the lanes on screen draw in its first render;
 * without one, at once, and the lanes read for themselves.
 */
export function BoardView() {
  const { client, actor } = useConsole();
  const { date, range } = useUi();
  const zone = useOfficeZone();
  // The benchmark measures from here to 'board:painted' (Timeline).
  useState(() => performance.mark('render-start'));
  const [first, setFirst] = useState<FirstScreen | null | undefined>(undefined);
  // Read in the first render, not after the commit: the database answers while React commits the shell.
  useState(() => {
    const days = boardWindow(date, range, zone);
    const giveUp = setTimeout(
      () => setFirst((current) => (current === undefined ? null : current)),
      FIRST_SCREEN_WAIT_MS,
    );
    void readFirstScreen(client.db, actor, days.from, days.to)
      .catch(() => null)
      .then((screen) => {
        clearTimeout(giveUp);
        setFirst((current) => (current === undefined ? screen : current));
      });
  });
  return first === undefined ? null : <Board first={first} />;
}

function Board({ first }: { first: FirstScreen | null }) {
  const { client, actor } = useConsole();
  const { date, range, setDate, setRange, openJob } = useUi();
  const [settings, updateSettings] = useBoardSettings();
  const zone = useOfficeZone();
  // The time axis's width until the timeline measures it: the window less the queue and the lane labels, which
  // is what it measures when scrollbars overlay (a wrong guess costs one more render of the board, no more).
  const [viewportWidth, setViewportWidth] = useState(() =>
    Math.max(600, window.innerWidth - QUEUE_WIDTH - LABEL_WIDTH - 1),
  );
  const [scheduling, setScheduling] = useState<QueueJob | null>(null);
  useScheduleRequest(setScheduling);

  const pxPerHour = fitPxPerHour(viewportWidth, range, settings) * ZOOM_LEVELS[settings.zoom];
  const scale = useMemo(
    () => buildScale(date, range, { startHour: settings.startHour, endHour: settings.endHour }, pxPerHour, zone),
    [date, range, settings.startHour, settings.endHour, pxPerHour, zone],
  );
  // What is not on screen waits for the first paint: the queue, the unassigned lane, the lanes below, and
  // outside the board the attention read (kit/firstPaint.ts).
  const [painted, setPainted] = useState(false);
  const onPainted = useCallback(() => {
    setPainted(true);
    markFirstPaint();
  }, []);
  useEffect(() => {
    const fallback = setTimeout(() => setPainted(true), 2000);
    return () => clearTimeout(fallback);
  }, []);
  const {
    lanes: allLanes,
    technicians,
    layer,
    underWay,
    unassigned,
    ready,
  } = useBoardData(scale.from, scale.to, painted, first ?? undefined);
  const [laneQuery, setLaneQuery] = useState('');
  const [laneSort, setLaneSort] = useState<LaneSort>('name');
  const firstDay = useMemo(() => zoneDayBounds(scale.days[0].date, zone), [scale.days, zone]);
  const lanes = useLaneArrangement(allLanes, laneQuery, laneSort, firstDay, zone, layer);
  // The same element while the filter stands still, so the memoized toolbar (its tooltips, date picker and
  // segmented control) does not render again each time the board does: as its data arrives, as lanes read.
  const laneFilter = useMemo(
    () => <LaneFilterBar query={laneQuery} sort={laneSort} onQuery={setLaneQuery} onSort={setLaneSort} />,
    [laneQuery, laneSort],
  );
  // Lanes are placed at the heights they had when this day was last drawn (laneRowsHint.ts), so the
  // first screen reads the lanes that end up on it; the heights are remembered at the paint and on leaving.
  const [opened] = useState(scale);
  const store = useMemo(() => {
    const created = new LaneStore(client.db);
    created.hintRows(loadLaneRows(opened.from, opened.to));
    if (first && first.from === opened.from && first.to === opened.to)
      for (const [key, read] of first.windows) created.put(key, opened.from, opened.to, read);
    return created;
  }, [client, opened, first]);
  const shown = useRef(scale);
  shown.current = scale;
  useEffect(() => {
    if (!painted) return;
    const save = () => saveLaneRows(shown.current.from, shown.current.to, store.knownRows());
    save();
    window.addEventListener('pagehide', save);
    return () => window.removeEventListener('pagehide', save);
  }, [painted, store]);

  // After the first paint, the lanes off screen are read in idle time: their heights and blocks are ready
  // before the dispatcher scrolls to them.
  const latestLayer = useRef(layer);
  latestLayer.current = layer;
  const [hydrated, setHydrated] = useState(false);
  const onHydrated = useCallback(() => setHydrated(true), []);
  useEffect(() => {
    if (!painted || !ready || technicians.length === 0) return;
    return store.hydrate(
      technicians.map((technician) => technician.id),
      scale.from,
      scale.to,
      () => latestLayer.current,
      onHydrated,
    );
  }, [store, painted, ready, technicians, scale.from, scale.to, onHydrated]);
  // The screen saved is the one a console opens on (today, one day: UiProvider), whatever day is shown now; the
  // lanes' remembered rows are of the day shown, so for another day each lane counts one row (a few lanes more).
  const opening = boardWindow(isoDay(), 1, zone);
  const showsOpening = scale.from === opening.from && scale.to === opening.to;
  useScreenSaver({
    db: client.db,
    organizationId: actor.organizationId ?? '',
    from: opening.from,
    to: opening.to,
    // Not before the lanes off screen are read: a save's reads and its write (a row of ~0.2 MB) would slow them.
    quiet: painted && hydrated,
    opened: first,
    rowsOf: (key) => (showsOpening ? store.rowsOf(key) : 1),
  });

  const controller = useMemo(() => new BoardController(client.db, actor, client.commands), [client, actor]);
  controller.openJob = openJob;
  usePresenceDrag();
  useEffect(() => {
    controller.technicianIds = technicians.map((technician) => technician.id);
    controller.technicians = new Map(technicians.map((technician) => [technician.id, technician]));
  }, [controller, technicians]);

  // Ctrl+Z / Cmd+Z undoes the last board change, unless the dispatcher is typing or a dialog is open.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.shiftKey || event.altKey || event.key.toLowerCase() !== 'z')
        return;
      if (isTyping(event.target) || document.querySelector('[role="dialog"][aria-modal="true"]')) return;
      event.preventDefault();
      void controller.undo();
    };
    window.addEventListener('keydown', onKeyDown);
    // The desktop menu's Edit → Undo (its accelerator is not captured, so the key path above stays the one).
    const stopMenu = window.dispatchDesktop?.onMenuCommand((command) => {
      if (command === 'undo') void controller.undo();
    });
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      stopMenu?.();
    };
  }, [controller]);

  const onViewportWidth = useCallback((width: number) => setViewportWidth(Math.max(200, Math.floor(width) - 1)), []);
  const onScheduled = useCallback(
    (start: number) => {
      if (start < scale.from || start >= scale.to) setDate(isoDay(start));
    },
    [scale.from, scale.to, setDate],
  );

  return (
    // data-first-screen: whether this opening drew the saved screen ('saved') or read its lanes ('read').
    <div className={classes.board} data-board data-first-screen={first ? 'saved' : 'read'}>
      {/* The view's one level-one heading; the header's segmented control already shows its name. */}
      <VisuallyHidden component="h1">Board</VisuallyHidden>
      <BoardToolbar
        date={date}
        range={range}
        settings={settings}
        onDate={setDate}
        onRange={setRange}
        onSettings={updateSettings}
      >
        {laneFilter}
      </BoardToolbar>
      <PrintDay
        date={date}
        from={scale.days[0].midnight}
        to={scale.days[0].nextMidnight}
        enabled={painted}
        overlay={ready ? layer.overlay : undefined}
      />
      <div className={classes.body}>
        <QueuePanel controller={controller} onSchedule={setScheduling} enabled={painted} layer={layer} />
        <Timeline
          lanes={lanes}
          scale={scale}
          layer={layer}
          underWay={underWay}
          store={store}
          unassigned={unassigned}
          controller={controller}
          ready={ready}
          onViewportWidth={onViewportWidth}
          onPainted={onPainted}
          painted={painted}
        />
      </div>
      <ScheduleModal
        job={scheduling}
        technicians={technicians}
        boardDate={date}
        hours={settings}
        controller={controller}
        onClose={() => setScheduling(null)}
        onScheduled={onScheduled}
      />
      <ScheduleAnywayDialog controller={controller} />
    </div>
  );
}
