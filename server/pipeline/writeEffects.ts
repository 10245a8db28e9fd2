import {
  deriveJobStatus,
  type ActivityEvent,
  type Actor,
  type CommandEffect,
  type Customer,
  type CustomerNotification,
  type JobState,
  type Note,
} from '../../domain';
import type { Change, Tx } from '../store/types';
import { appendTo, type Applied, type PublishedChanges } from './types';

/** Who made an applied command and when, stamped on every activity event it writes. */
export interface EffectStamp {
  actor: Actor;
  occurredAt: number;
  receivedAt: number;
  offline: boolean;
}

/**
 * Writes an applied command's effect: every written entity carries the commit's sequence number as its
 * version, and every write has a change-log row in the job's organization (and its source's, so an
 * enterprise follows the jobs it sent; customer notifications stay with the provider).
 */
export async function writeEffects(
  tx: Tx,
  published: PublishedChanges,
  state: JobState,
  effect: CommandEffect,
  { actor, occurredAt, receivedAt, offline }: EffectStamp,
): Promise<Applied> {
  const job = effect.job;
  // Enterprises follow the jobs they sent, so those changes also enter the source's log.
  const organizations = [job.organizationId, ...(job.sourceId ? [job.sourceId] : [])];
  const seqs = new Map<string, number>();
  for (const organizationId of organizations) seqs.set(organizationId, await tx.nextSeq(organizationId));
  const version = seqs.get(job.organizationId)!;
  const rows: Omit<Change, 'seq'>[] = [];
  const providerOnly: Omit<Change, 'seq'>[] = [];

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
  const reasonOf = (id: string) => state.completeReasons.find((reason) => reason.id === id);
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
  for (const [index, draft] of effect.notifications.entries()) {
    const notification: CustomerNotification = {
      ...draft,
      id: `sms_${idPrefix}.${index}`,
      organizationId: job.organizationId,
      createdAt: receivedAt,
      version,
    };
    await tx.appendNotification(notification);
    providerOnly.push({ kind: 'notification', id: notification.id, data: notification });
  }
  for (const [organizationId, seq] of seqs) {
    const changes = [...rows, ...(organizationId === job.organizationId ? providerOnly : [])].map((row) => ({
      ...row,
      seq,
    }));
    await tx.appendChanges(organizationId, changes);
    appendTo(published, organizationId, changes);
  }
  return { status: 'applied', seq: version, job: writtenJob, appointments, customer };
}
