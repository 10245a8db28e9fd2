import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useRef } from 'react';
import type { User } from '../../domain';
import { useConsole } from '../kit/SyncProvider';
import {
  readLaneWindow,
  readTechnicians,
  readVisitsUnderWay,
  type LaneWindow,
  type VisitsUnderWay,
} from '../data/views';
import type { FirstScreen } from './firstScreen';
import { EMPTY_LAYER, mergeLane, NONE_UNDER_WAY, underWayOf, type PendingLayer } from './laneData';
import { UNASSIGNED } from './lanes';
import { readPendingLayer } from './pendingLayer';
import { readQueueCards, type QueueRead } from './queueData';
import { useSameValue } from '../kit/sameValue';
import { useSteadyRead } from '../kit/steadyRead';

/** What the queue's cards are read from (readQueue, readQueueCards); the pending overlay comes in from the layer. */
const QUEUE_TABLES = ['jobs', 'appointments', 'completeReasons', 'customers', 'organizations'] as const;

export interface LaneEntry {
  key: string;
  technician: User | undefined;
}

export interface BoardData {
  lanes: LaneEntry[];
  technicians: User[];
  /** Pending commands, merged by every lane on top of its confirmed rows. */
  layer: PendingLayer;
  /**
   * Every visit On My Way or started, by job: what decides the status of a job with a live visit in a lane
   * besides that visit (LaneWindow.siblings). Undefined until read.
   */
  underWay: VisitsUnderWay | undefined;
  /** Appointments without a technician, read for the board (they have no lane of their own to ask). */
  unassigned: LaneWindow | undefined;
  ready: boolean;
}

/**
 * What the board reads for itself: the technicians (lane order), the pending commands and the unassigned
 * appointments. Each technician's lane reads its own appointments (see Lane), so a change re-runs only
 * the query of the lane it touches. All are live queries: changes pulled from the server (other
 * dispatchers, technicians in the field) and our own pending commands show up without a refresh.
 *
 * Given the `first` screen (firstScreen.ts, read at the database's current cursor), the board draws it and
 * its live queries start after the first paint: they would answer the same, and before the paint they only
 * compete with it for the main thread. Their first answers then take over.
 */
export function useBoardData(from: number, to: number, afterPaint: boolean, first?: FirstScreen): BoardData {
  const { client, actor } = useConsole();
  const { db } = client;
  const live = afterPaint || !first;
  // Kept as they were while the live answers equal them (useSameValue): when the live queries start after a
  // saved screen's paint, their answers change nothing, and the lanes, the queue and the printed day must not
  // render or read again for them (measured: that put the lanes off screen ~1.5 s later).
  const technicians = useSameValue(
    useLiveQuery(
      async () => (live ? readTechnicians(db, actor.organizationId ?? '', actor) : undefined),
      [db, actor, live],
    ) ?? first?.technicians,
  );
  // Each read builds on the last answer, so jobs the server has just confirmed stay put (see readPendingLayer).
  const lastLayer = useRef<PendingLayer | undefined>(undefined);
  const liveLayer = useLiveQuery(
    async () => (live ? readPendingLayer(db, actor, lastLayer.current) : undefined),
    [db, actor, live],
  );
  lastLayer.current = liveLayer;
  const layer = useSameValue(liveLayer ?? first?.layer);
  // One small read for the whole board instead of every lane's jobs' other appointments (readLaneWindow).
  const underWay = useSameValue(
    useLiveQuery(async () => (live ? readVisitsUnderWay(db) : undefined), [db, live]) ?? first?.underWay,
  );
  // Appointments without a technician come from their own index (schema v7, a few rows, not the whole
  // window by start). Still read after the lanes on screen have painted: measured, one more live query
  // before the paint cost more than the lane it brings (bench/README.md).
  const unassignedRead = useLiveQuery(
    async () => (afterPaint ? { from, to, window: await readLaneWindow(db, null, from, to) } : undefined),
    [db, from, to, afterPaint],
  );
  const unassigned =
    unassignedRead && unassignedRead.from === from && unassignedRead.to === to ? unassignedRead.window : undefined;
  const currentLayer = layer ?? EMPTY_LAYER;
  const hasUnassigned =
    !!unassigned &&
    mergeLane(unassigned, currentLayer, null, from, to, underWayOf(underWay ?? NONE_UNDER_WAY, unassigned, undefined))
      .length > 0;

  const lanes = useMemo(() => {
    const entries: LaneEntry[] = hasUnassigned ? [{ key: UNASSIGNED, technician: undefined }] : [];
    for (const technician of technicians ?? []) entries.push({ key: technician.id, technician });
    return entries;
  }, [technicians, hasUnassigned]);

  return {
    lanes,
    technicians: technicians ?? [],
    layer: currentLayer,
    underWay,
    unassigned,
    ready: !!technicians && !!layer && !!underWay,
  };
}

export interface QueueData extends QueueRead {
  loaded: boolean;
}

/**
 * Offers, unscheduled and paused jobs, with the customers and enterprises the cards name. It waits for
 * `enabled`: the board's lanes go first. Pending commands come from the board's layer (`readQueueCards`),
 * replayed once for the lanes and the queue.
 */
export function useQueueData(enabled: boolean, layer: PendingLayer): QueueData {
  const { client, actor } = useConsole();
  const { db } = client;
  const { overlay } = layer;
  // Not a live query: with the field's changes a second apart it restarted before answering (useSteadyRead).
  const data = useSteadyRead(db, QUEUE_TABLES, async () => (enabled ? readQueueCards(db, actor, overlay) : undefined), [
    db,
    actor,
    enabled,
    overlay,
  ]);
  return useMemo(
    () => (data ? { ...data, loaded: true } : { jobs: [], customers: new Map(), sources: new Map(), loaded: false }),
    [data],
  );
}
