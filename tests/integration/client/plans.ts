import type { Appointment, AppointmentStatus } from '../../../domain';
import type { SyncClient } from '../../../renderer/sync/client';
import type { WireAppointment } from '../../../server/rest/wire';
import { FUTURE, MINUTE } from './harness';

/** What an appointment must look like on the server once every command of a plan is applied. */
export interface ExpectedAppointment {
  jobId: string;
  start: number;
  technicianId: string | null;
  durationMinutes: number;
  status: AppointmentStatus;
}

export interface PlanResult {
  expected: Map<string, ExpectedAppointment>;
  /** Commands queued (each must be applied exactly once). */
  commands: number;
  /** Appointments the plan created, by job. */
  created: Map<string, string>;
}

const TECHNICIANS = Array.from({ length: 8 }, (_, index) => `u-tech${index + 1}`);

/**
 * Queues `total` valid commands through the console's command API, as a dispatcher working offline would:
 * one new appointment on each of `scheduleJobs`, then moves (time, sometimes technician) and field
 * statuses (On My Way and its undo; a few starts, after which that appointment is left alone) spread over
 * the new and the `existing` scheduled appointments. Every step is valid against what the console shows,
 * so the server must apply every one.
 */
export async function queueOfflineWork(
  client: SyncClient,
  scheduleJobs: readonly string[],
  existing: readonly Appointment[],
  total: number,
): Promise<PlanResult> {
  const expected = new Map<string, ExpectedAppointment>();
  const created = new Map<string, string>();
  let commands = 0;
  for (const [index, jobId] of scheduleJobs.entries()) {
    if (commands >= total) break;
    const start = FUTURE + index * 24 * 60 * MINUTE;
    const technicianId = TECHNICIANS[index % TECHNICIANS.length];
    const id = await client.commands.schedule(jobId, { technicianId, start, durationMinutes: 90 });
    created.set(jobId, id);
    expected.set(id, { jobId, start, technicianId, durationMinutes: 90, status: 'scheduled' });
    commands++;
  }
  for (const appointment of existing) {
    expected.set(appointment.id, {
      jobId: appointment.jobId,
      start: appointment.start,
      technicianId: appointment.technicianId,
      durationMinutes: appointment.durationMinutes,
      status: appointment.status,
    });
  }
  const pool = [...expected.keys()];
  // A few appointments end "started" (and can no longer be moved); start them near the end of the plan.
  const toStart = new Set(pool.slice(0, Math.min(2, Math.floor(pool.length / 4))));
  let step = 0;
  while (commands < total) {
    const remaining = total - commands;
    const needed = [...toStart].reduce((sum, id) => sum + (expected.get(id)!.status === 'enroute' ? 1 : 2), 0);
    const finishing = toStart.size > 0 && remaining <= needed;
    const movable = pool.filter((id) => expected.get(id)!.status !== 'started');
    const id = finishing ? [...toStart][0] : movable[step % movable.length];
    const state = expected.get(id)!;
    step++;
    if (finishing) {
      // On My Way (if not already), then started; after that the appointment cannot be moved.
      if (state.status === 'scheduled') {
        await client.commands.setStatus(id, 'enroute', { etaMinutes: 20 });
        state.status = 'enroute';
      } else {
        await client.commands.setStatus(id, 'started');
        state.status = 'started';
        toStart.delete(id);
      }
    } else if (state.status === 'enroute') {
      await client.commands.setStatus(id, 'scheduled');
      state.status = 'scheduled';
    } else if (step % 9 === 4 && !toStart.has(id)) {
      await client.commands.setStatus(id, 'enroute', { etaMinutes: 15 });
      state.status = 'enroute';
    } else {
      const start = FUTURE + (step % 2_000) * 7 * MINUTE;
      const change: { start: number; technicianId?: string; durationMinutes?: number } = { start };
      if (step % 5 === 0) change.technicianId = TECHNICIANS[step % TECHNICIANS.length];
      if (step % 7 === 0) change.durationMinutes = 30 + (step % 4) * 15;
      await client.commands.move(id, change);
      state.start = start;
      if (change.technicianId) state.technicianId = change.technicianId;
      if (change.durationMinutes) state.durationMinutes = change.durationMinutes;
    }
    commands++;
  }
  return { expected, commands, created };
}

/** Each expected appointment, as its job's list on the server shows it: present once, with the final values. */
export function compareWithServer(
  expected: Map<string, ExpectedAppointment>,
  listed: Map<string, WireAppointment[]>,
): string[] {
  const problems: string[] = [];
  for (const [id, want] of expected) {
    const rows = (listed.get(want.jobId) ?? []).filter((row) => row.id === id);
    if (rows.length !== 1) {
      problems.push(`${id}: ${rows.length} rows on the server`);
      continue;
    }
    const row = rows[0];
    const have = {
      start: Date.parse(row.time),
      technicianId: row.user_id,
      durationMinutes: row.duration / 60,
      status: row.status,
    };
    const wanted = {
      start: want.start,
      technicianId: want.technicianId,
      durationMinutes: want.durationMinutes,
      status: want.status,
    };
    if (JSON.stringify(have) !== JSON.stringify(wanted))
      problems.push(`${id}: server ${JSON.stringify(have)}, expected ${JSON.stringify(wanted)}`);
  }
  return problems;
}
