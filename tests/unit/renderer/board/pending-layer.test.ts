import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { mergeLane, underWayOf } from '../../../../renderer/board/laneData';
import { readPendingLayer, SETTLE_MS } from '../../../../renderer/board/pendingLayer';
import { DispatchCommands } from '../../../../renderer/data/commands';
import type { DispatchDb } from '../../../../renderer/data/db';
import { readLaneWindow, readVisitsUnderWay, type LaneWindow } from '../../../../renderer/data/views';
import { consoleDatabase, DANA, dropDatabase } from '../fixtures';

/**
 * The board's pending layer and each technician's lane are separate live queries. When the server
 * confirms a move, they answer one after the other; in between, a lane still holds its read from before
 * the confirmation. The block must stay where the dispatcher put it in that moment (a block that
 * disappears for one render comes back as a new element, and the keyboard focus on it is lost).
 */
let db: DispatchDb;
beforeEach(async () => {
  db = await consoleDatabase();
});
afterEach(() => dropDatabase(db));

const DAY_START = Date.UTC(2031, 2, 4);
const DAY_END = DAY_START + 24 * 3_600_000;
const NOW = Date.UTC(2031, 2, 4, 12);

/** The server's answer reaching the console: confirmed row written, the command leaves the outbox, in one transaction. */
async function confirmMoveToJake() {
  await db.transaction('rw', [db.appointments, db.outbox], async () => {
    const confirmed = (await db.appointments.get('apt-scheduled'))!;
    await db.appointments.put({ ...confirmed, technicianId: 'u-tech2', version: confirmed.version + 1 });
    await db.outbox.clear();
  });
}

/** The window's jobs' visits under way, as the board reads them for every lane. */
const underWay = async (window: LaneWindow) => underWayOf(await readVisitsUnderWay(db), window, undefined);

const ids = (entries: { appointment: { id: string }; pending: boolean }[]) =>
  entries.map((entry) => [entry.appointment.id, entry.pending]);

describe('readPendingLayer across a confirmation', () => {
  test('a lane that has not re-read yet keeps the confirmed block in its new lane, no longer marked pending', async () => {
    await new DispatchCommands(db, DANA).move('apt-scheduled', { technicianId: 'u-tech2' });
    const pendingLayer = await readPendingLayer(db, DANA, undefined, NOW);
    // The lanes as they were read while the move was pending.
    const jakeBefore = await readLaneWindow(db, 'u-tech2', DAY_START, DAY_END);
    const luisBefore = await readLaneWindow(db, 'u-tech1', DAY_START, DAY_END);
    expect(ids(mergeLane(jakeBefore, pendingLayer, 'u-tech2', DAY_START, DAY_END, await underWay(jakeBefore)))).toEqual(
      [['apt-scheduled', true]],
    );

    await confirmMoveToJake();
    const layer = await readPendingLayer(db, DANA, pendingLayer, NOW + 50);

    expect(ids(mergeLane(jakeBefore, layer, 'u-tech2', DAY_START, DAY_END, await underWay(jakeBefore)))).toEqual([
      ['apt-scheduled', false],
    ]);
    // Luis's stale read still holds the old confirmed row: it must not bring the block back there.
    expect(ids(mergeLane(luisBefore, layer, 'u-tech1', DAY_START, DAY_END, await underWay(luisBefore)))).toEqual([]);
    // Once the lanes have re-read, they agree.
    const jakeAfter = await readLaneWindow(db, 'u-tech2', DAY_START, DAY_END);
    expect(ids(mergeLane(jakeAfter, layer, 'u-tech2', DAY_START, DAY_END, await underWay(jakeAfter)))).toEqual([
      ['apt-scheduled', false],
    ]);
  });

  test('the carried rows follow later confirmed changes, and leave the layer after a few seconds', async () => {
    await new DispatchCommands(db, DANA).move('apt-scheduled', { technicianId: 'u-tech2' });
    const pendingLayer = await readPendingLayer(db, DANA, undefined, NOW);
    await confirmMoveToJake();
    const settling = await readPendingLayer(db, DANA, pendingLayer, NOW);
    expect(settling.overlay.appointments.get('apt-scheduled')).toMatchObject({ technicianId: 'u-tech2', version: 10 });
    expect(settling.overlay.pendingAppointmentIds.size).toBe(0);

    // Luis is sent back by another dispatcher while the job is still carried: the layer reads it live.
    await db.appointments.update('apt-scheduled', { technicianId: 'u-tech1', version: 11 });
    const still = await readPendingLayer(db, DANA, settling, NOW + SETTLE_MS - 1);
    expect(still.overlay.appointments.get('apt-scheduled')).toMatchObject({ technicianId: 'u-tech1', version: 11 });

    const later = await readPendingLayer(db, DANA, still, NOW + SETTLE_MS);
    expect(later.overlay.appointments.size).toBe(0);
    expect(later.settling.size).toBe(0);
  });
});
