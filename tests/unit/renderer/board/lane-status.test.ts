import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  DEFAULT_COMPLETE_REASONS,
  deriveJobStatus,
  reasonLookup,
  type Appointment,
  type AppointmentStatus,
  type Job,
} from '../../../../domain';
import { mergeLane, underWayOf } from '../../../../renderer/board/laneData';
import { readPendingLayer } from '../../../../renderer/board/pendingLayer';
import { DispatchCommands } from '../../../../renderer/data/commands';
import type { DispatchDb } from '../../../../renderer/data/db';
import { readLaneWindow, readVisitsUnderWay } from '../../../../renderer/data/views';
import { appointment, consoleDatabase, DANA, dropDatabase, JOB } from '../fixtures';

/**
 * A lane reads every appointment of its jobs only for those without a live visit in its window; for the others
 * the board's one read of the visits under way stands in (readLaneWindow, readVisitsUnderWay). The status a
 * block shows must still be the job's status over all of its appointments, whatever they are and wherever.
 */
let db: DispatchDb;
beforeEach(async () => {
  db = await consoleDatabase();
});
afterEach(() => dropDatabase(db));

const DAY = 24 * 3_600_000;
/** The lane's day (the fixture's started visit is on it, on Luis's lane). */
const DAY_START = Date.UTC(2031, 2, 3);
const TECHNICIANS = ['u-tech1', 'u-tech2'];
const STATUSES: AppointmentStatus[] = ['scheduled', 'enroute', 'started', 'complete', 'canceled'];
const REASONS = [undefined, 'cr-repaired', 'cr-waiting-for-parts'];

/** A small deterministic generator (the same cases on every run). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

async function laneStatuses(technicianId: string): Promise<Map<string, string>> {
  const window = await readLaneWindow(db, technicianId, DAY_START, DAY_START + DAY);
  const lane = mergeLane(
    window,
    await readPendingLayer(db, DANA, undefined),
    technicianId,
    DAY_START,
    DAY_START + DAY,
    underWayOf(await readVisitsUnderWay(db), window, undefined),
  );
  return new Map(lane.map((entry) => [entry.appointment.id, entry.jobStatus]));
}

/** Every job's status over all of its appointments, confirmed and pending: what the lane must show. */
async function expectedStatuses(technicianId: string): Promise<Map<string, string>> {
  const layer = await readPendingLayer(db, DANA, undefined);
  const lookup = reasonLookup(DEFAULT_COMPLETE_REASONS);
  const all = new Map((await db.appointments.toArray()).map((row) => [row.id, row]));
  for (const [id, row] of layer.overlay.appointments) all.set(id, row);
  const expected = new Map<string, string>();
  for (const row of all.values()) {
    const inLane =
      row.technicianId === technicianId &&
      row.status !== 'canceled' &&
      row.start < DAY_START + DAY &&
      row.start + row.durationMinutes * 60_000 > DAY_START;
    if (!inLane) continue;
    const job = layer.overlay.jobs.get(row.jobId) ?? (await db.jobs.get(row.jobId))!;
    const visits = [...all.values()].filter((other) => other.jobId === row.jobId).sort((a, b) => a.start - b.start);
    expected.set(row.id, deriveJobStatus(job, visits, lookup));
  }
  return expected;
}

describe('a job status on a lane', () => {
  test('is the job status over all of its appointments, for jobs with visits on other days and lanes', async () => {
    const next = random(14);
    const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
    const jobs: Job[] = [];
    const appointments: Appointment[] = [];
    for (let index = 0; index < 60; index++) {
      const job: Job = {
        ...JOB,
        id: `job-r${index}`,
        lifecycle: pick(['open', 'open', 'open', 'complete', 'canceled']),
      };
      jobs.push(job);
      const visits = 1 + Math.floor(next() * 3);
      for (let visit = 0; visit < visits; visit++) {
        const status = pick(STATUSES);
        appointments.push(
          appointment({
            id: `apt-r${index}-${visit}`,
            jobId: job.id,
            technicianId: pick(TECHNICIANS),
            // Today on either lane, or another day.
            start: DAY_START + Math.floor(next() * 3 - 1) * DAY + (8 + Math.floor(next() * 8)) * 3_600_000,
            status,
            ...(status === 'complete'
              ? { completedAt: DAY_START + next() * DAY, completeReasonId: pick(REASONS) }
              : {}),
          }),
        );
      }
    }
    await db.jobs.bulkPut(jobs);
    await db.appointments.bulkPut(appointments);

    for (const technicianId of TECHNICIANS) {
      const shown = await laneStatuses(technicianId);
      expect(shown.size).toBeGreaterThan(5);
      expect(shown).toEqual(await expectedStatuses(technicianId));
    }
  });

  test('follows a visit under way on another lane and day, and one pending', async () => {
    // The fixture's job: started on Luis's lane today, scheduled tomorrow. Jake gets a visit of it today.
    await db.appointments.put(
      appointment({ id: 'apt-jake', technicianId: 'u-tech2', start: DAY_START + 20 * 3_600_000 }),
    );
    expect(await laneStatuses('u-tech2')).toEqual(new Map([['apt-jake', 'in_progress']]));

    // Luis completes his visit: Jake's visit keeps the job Scheduled.
    await db.appointments.update('apt-started', { status: 'complete', completedAt: DAY_START + 11 * 3_600_000 });
    expect(await laneStatuses('u-tech2')).toEqual(new Map([['apt-jake', 'scheduled']]));
    expect(await laneStatuses('u-tech1')).toEqual(new Map([['apt-started', 'scheduled']]));

    // Tomorrow's visit goes On My Way (a pending command here): both lanes say In Progress at once.
    await new DispatchCommands(db, DANA).setStatus('apt-scheduled', 'enroute', { etaMinutes: 30 });
    expect(await laneStatuses('u-tech2')).toEqual(await expectedStatuses('u-tech2'));
    expect(await laneStatuses('u-tech2')).toEqual(new Map([['apt-jake', 'in_progress']]));
    expect(await laneStatuses('u-tech1')).toEqual(await expectedStatuses('u-tech1'));
  });
});
