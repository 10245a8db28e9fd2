import {
  deriveJobStatus,
  reasonLookup,
  type ActivityEvent,
  type Actor,
  type CommandEffect,
  type CommandState,
  type Customer,
  type CustomerNotification,
  type Job,
  type JobEffect,
  type Note,
} from '../../domain';
import type { Directory } from '../directory';
import type { Change, Tx } from '../store/types';
import { CommitLog } from './commitLog';
import type { Applied, PublishedChanges } from './types';
import { writeCustomerEffect, writeOrganizationEffect, writeUserEffect } from './writeDirectory';

/** Who made an applied command and when, stamped on every activity event it writes. */
export interface EffectStamp {
  actor: Actor;
  occurredAt: number;
  receivedAt: number;
  offline: boolean;
}

/**
 * Writes an applied command's effect: every written entity carries the commit's sequence number (in its
 * organization's log) as its version, and every write has a change-log row in each organization that
 * follows it. A job command's outcome seq is its provider's; a directory command's is the acting
 * organization's when the commit wrote there (the log the actor's console follows), else its entity's.
 */
export async function writeEffects(
  tx: Tx,
  published: PublishedChanges,
  directory: Directory,
  state: CommandState,
  effect: CommandEffect,
  stamp: EffectStamp,
): Promise<Applied> {
  const log = new CommitLog(tx);
  const applied: Applied = { status: 'applied', seq: 0, appointments: [] };
  if (effect.job) Object.assign(applied, await writeJobEffect(tx, log, state, effect as JobEffect, stamp));
  else if (effect.customer) applied.customer = await writeCustomerEffect(tx, log, effect.customer);
  if (effect.organization)
    applied.organization = await writeOrganizationEffect(tx, log, directory, effect.organization);
  if (effect.users?.length) {
    applied.users = [];
    for (const user of effect.users) applied.users.push(await writeUserEffect(tx, log, directory, user));
  }
  await log.flush(published);
  applied.seq = effect.job
    ? log.seqOf(effect.job.organizationId)!
    : (log.seqOf(stamp.actor.organizationId) ?? log.firstSeq ?? (await tx.headSeq(stamp.actor.organizationId ?? '')));
  return applied;
}

/**
 * A job command's writes: the job (when it changed, or when its display-status index did), its
 * appointments, activity and customer texts, in the job's organization's log and its source's (an
 * enterprise follows the jobs it sent; customer texts stay with the provider).
 */
async function writeJobEffect(
  tx: Tx,
  log: CommitLog,
  state: CommandState,
  effect: JobEffect,
  { actor, occurredAt, receivedAt, offline }: EffectStamp,
): Promise<{ job: Job; appointments: Applied['appointments']; customer?: Customer }> {
  const job = effect.job;
  const organizations = [job.organizationId, ...(job.sourceId ? [job.sourceId] : [])];
  // Both logs take a seq even when nothing changed for one of them, as they always have.
  for (const organizationId of organizations) await log.seq(organizationId);
  const version = log.seqOf(job.organizationId)!;
  const rows: Omit<Change, 'seq'>[] = [];

  let customer: Customer | undefined;
  if (effect.customer) {
    customer = { ...effect.customer, version };
    await tx.putCustomer(customer);
    rows.push({ kind: 'customer', id: customer.id, data: customer });
  }
  const appointments = effect.appointments.map((appointment) => ({ ...appointment, version }));
  const merged = [
    ...state.appointments.filter((existing) => !appointments.some((changed) => changed.id === existing.id)),
    ...appointments,
  ];
  const reasonOf = reasonLookup(state.completeReasons);
  const displayStatus = deriveJobStatus(job, merged, reasonOf);
  // Most appointment commands hand back the very job they were given: compare references before text.
  const jobChanged = !state.job || (job !== state.job && JSON.stringify(state.job) !== JSON.stringify(job));
  const writtenJob = jobChanged ? { ...job, version } : state.job!;
  // The row also carries the display-status index, which appointments alone can change.
  if (jobChanged || deriveJobStatus(state.job!, state.appointments, reasonOf) !== displayStatus)
    await tx.putJob(writtenJob, displayStatus);
  if (jobChanged) rows.push({ kind: 'job', id: job.id, data: writtenJob });
  for (const appointment of appointments) {
    await tx.putAppointment(appointment, job.sourceId);
    rows.push({ kind: 'appointment', id: appointment.id, data: appointment });
  }
  // Ids from the commit's seq sort in commit order and land at the end of the index, not at random.
  const idPrefix = `${job.organizationId}.${version}`;
  for (const [index, draft] of effect.activity.entries()) {
    const event: ActivityEvent = {
      ...draft,
      id: `act_${idPrefix}.${index}`,
      organizationId: job.organizationId,
      actorUserId: actor.userId,
      actorName: actor.name,
      actorRole: actor.role,
      source: actor.source,
      occurredAt,
      receivedAt,
      offline,
      version,
    };
    await tx.appendActivity(event);
    rows.push({ kind: 'activity', id: event.id, data: event });
  }
  // Notes travel like the job's other changes (to its source too) and carry the same stamp as activity.
  for (const draft of effect.notes ?? []) {
    const note: Note = {
      ...draft,
      organizationId: job.organizationId,
      authorUserId: actor.userId,
      authorName: actor.name,
      authorRole: actor.role,
      source: actor.source,
      writtenAt: occurredAt,
      receivedAt,
      offline,
      version,
    };
    await tx.appendNote(note);
    rows.push({ kind: 'note', id: note.id, data: note });
  }
  for (const row of rows) await log.add(organizations, row);
  for (const [index, draft] of effect.notifications.entries()) {
    const notification: CustomerNotification = {
      ...draft,
      id: `sms_${idPrefix}.${index}`,
      organizationId: job.organizationId,
      createdAt: receivedAt,
      version,
    };
    await tx.appendNotification(notification);
    await log.add([job.organizationId], { kind: 'notification', id: notification.id, data: notification });
  }
  return { job: writtenJob, appointments, customer };
}
