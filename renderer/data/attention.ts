import {
  attentionThresholds,
  isOnProviderBoard,
  officeTimeZone,
  type Actor,
  type AttentionThresholds,
  type Job,
} from '../../domain';
import { appointmentsWithStatus } from './appointmentIndex';
import type { DispatchDb } from './db';
import { readQueue } from './queue';
import { readPendingOverlay, summarize, type JobSummary } from './views';

/** What the attention rules run over, re-read only when the cache changes (the clock re-runs the rules alone). */
export interface AttentionSource {
  /** Every job that can need attention before `horizon`, with its status and appointments. */
  jobs: JobSummary[];
  thresholds: AttentionThresholds;
  timeZone: string;
}

const HOUR = 3_600_000;

/**
 * Up to when scheduled visits are read: the end of the hour after the current one. A visit starting later
 * cannot be late before the hour turns, when the caller reads again with the next horizon.
 */
export function attentionHorizon(now: number): number {
  return Math.floor(now / HOUR) * HOUR + 2 * HOUR;
}

/**
 * The jobs the attention rules need, read from index keys and a few rows, not from every job: the queue's
 * (offers, Unscheduled, Paused — `readQueue`) and those with a visit that can be late by `horizon`
 * (the status index, appointmentIndex.ts: scheduled visits starting before it, every visit On My Way or started),
 * each with all its appointments so its status is the one every view shows. Pending commands are replayed
 * on top, so a backup On My Way the dispatcher just clicked (or clicked offline) clears a late start at once.
 */
export async function readAttentionSource(db: DispatchDb, actor: Actor, horizon: number): Promise<AttentionSource> {
  const overlay = readPendingOverlay(db, actor);
  const [organization, queue, scheduled, enroute, started, pending, reasons] = await Promise.all([
    db.organizations.get(actor.organizationId ?? ''),
    readQueue(db, actor, overlay).then((queue) => queue.jobs),
    appointmentsWithStatus(db, 'scheduled', horizon),
    appointmentsWithStatus(db, 'enroute'),
    appointmentsWithStatus(db, 'started'),
    overlay,
    db.completeReasons.toArray(),
  ]);
  const inQueue = new Set(queue.map((summary) => summary.job.id));
  const visitJobIds = new Set<string>();
  for (const appointment of [...scheduled, ...enroute, ...started, ...pending.appointments.values()]) {
    if (!inQueue.has(appointment.jobId)) visitJobIds.add(appointment.jobId);
  }
  const ids = [...visitJobIds];
  const [jobs, appointments] = ids.length
    ? await Promise.all([db.jobs.bulkGet(ids), db.appointments.where('jobId').anyOf(ids).toArray()])
    : [[], []];
  const own = jobs.filter(
    (job): job is Job => !!job && job.organizationId === actor.organizationId && isOnProviderBoard(job),
  );
  return {
    jobs: [...queue, ...summarize(own, appointments, pending, reasons)],
    thresholds: attentionThresholds(organization),
    timeZone: officeTimeZone(organization),
  };
}
