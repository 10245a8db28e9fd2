import type { Actor } from '../actor';
import { fullName } from '../actor';
import type { Appointment, Customer, Job, LastWrite, User } from '../entities';
import { CommandRefused } from '../errors';
import { deriveJobStatus, isLive, type JobDisplayStatus } from '../status';
import type { CommandContext, JobState } from './types';

/**
 * Who may touch a job: a dispatcher only its own organization's jobs, an enterprise only the jobs it
 * sent, the system anything. Others are told the job does not exist, so ids of other tenants leak nothing.
 */
export function requireVisibleJob(state: JobState, actor: Actor): Job {
  const job = state.job;
  if (!job || !canSee(actor, job)) throw new CommandRefused('NOT_FOUND', 'This job does not exist or is not yours.');
  return job;
}

export function canSee(
  actor: Actor,
  job: Pick<Job, 'organizationId' | 'sourceId'>,
  appointment?: Pick<Appointment, 'technicianId'>,
): boolean {
  switch (actor.role) {
    case 'system':
      return true;
    case 'dispatcher':
      return job.organizationId === actor.organizationId;
    case 'enterprise':
      return job.sourceId !== null && job.sourceId === actor.organizationId;
    case 'technician':
      return job.organizationId === actor.organizationId && (!appointment || appointment.technicianId === actor.userId);
  }
}

/**
 * Who may see (and so name) a customer: a provider's people their organization's customers, a job source
 * only the customers on jobs it sent (`onJobItSent`), so ids of other tenants' customers lead nowhere.
 */
export function canSeeCustomer(
  actor: Actor,
  customer: Pick<Customer, 'organizationId'>,
  onJobItSent: boolean,
): boolean {
  switch (actor.role) {
    case 'system':
      return true;
    case 'enterprise':
      return onJobItSent;
    case 'dispatcher':
    case 'technician':
      return customer.organizationId === actor.organizationId;
  }
}

const ROLE_NAMES = {
  dispatcher: 'Dispatchers',
  technician: 'Technicians',
  enterprise: 'Enterprise users',
  system: 'The system',
};

export function requireRole(actor: Actor, allowed: readonly Actor['role'][], what: string): void {
  if (actor.role === 'system' || allowed.includes(actor.role)) return;
  throw new CommandRefused('FORBIDDEN', `${ROLE_NAMES[actor.role]} cannot ${what}.`);
}

export function requireAppointment(state: JobState, actor: Actor, appointmentId: string): Appointment {
  const appointment = state.appointments.find((candidate) => candidate.id === appointmentId);
  if (!appointment || !state.job || !canSee(actor, state.job, appointment)) {
    if (appointment && actor.role === 'technician' && state.job?.organizationId === actor.organizationId) {
      throw new CommandRefused('FORBIDDEN', 'Technicians can only change their own appointments.');
    }
    throw new CommandRefused('NOT_FOUND', 'This appointment does not exist or is not yours.');
  }
  return appointment;
}

export function requireTechnician(state: JobState, job: Job, technicianId: string | null): User | null {
  if (technicianId === null) return null;
  const technician = state.technician(technicianId);
  if (!technician || technician.organizationId !== job.organizationId || !technician.roles.includes('technician')) {
    throw new CommandRefused('UNKNOWN_TECHNICIAN', 'That technician is not on this team.');
  }
  return technician;
}

export function displayStatus(state: JobState, job: Job, appointments = state.appointments): JobDisplayStatus {
  return deriveJobStatus(job, appointments, (id) => state.completeReasons.find((reason) => reason.id === id));
}

export function liveAppointments(appointments: readonly Appointment[]): Appointment[] {
  return appointments.filter(isLive);
}

/**
 * "10:02 AM" in the job's own time zone, so a message reads as the people on site saw it: the 12-hour
 * clock the console shows everywhere. A time zone the runtime does not know falls back to UTC.
 */
export function clockTime(instant: number, timeZone?: string): string {
  try {
    return new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit', hour12: true, timeZone }).format(
      instant,
    );
  } catch {
    return new Intl.DateTimeFormat('en-US', {
      hour: 'numeric',
      minute: '2-digit',
      hour12: true,
      timeZone: 'UTC',
    }).format(instant);
  }
}

export function technicianName(state: JobState, technicianId: string | null): string {
  const technician = technicianId ? state.technician(technicianId) : undefined;
  return technician ? fullName(technician) : 'the technician';
}

export function stamp<T extends { updatedBy?: string; updatedAt?: number }>(
  entity: T,
  actorName: string,
  at: number,
): T {
  return { ...entity, updatedBy: actorName, updatedAt: at };
}

/**
 * Whether an edit made on `expectedVersion` may still apply: it is the current version, or every write
 * since it was this client's own. A dispatcher's second offline edit of an appointment (or of any entity
 * a command versions: an organization's settings, a user, a customer) carries the version he saw before
 * his first (still pending) edit; once that first edit is applied, only his own chain of writes lies
 * between, so the second is no lost update. Another client's write in between, a REST or server write
 * (no client), or a version the entity has not reached refuses it.
 */
export function unchangedByOthersSince(
  entity: { version: number; lastWrite?: LastWrite },
  expectedVersion: number,
  clientId: string | null | undefined,
): boolean {
  if (expectedVersion === entity.version) return true;
  const chain = entity.lastWrite;
  return (
    !!clientId && chain?.clientId === clientId && chain.basedOn <= expectedVersion && expectedVersion <= entity.version
  );
}

/**
 * Refuses an edit of a directory entity made on a version someone else has since replaced
 * (`STALE_VERSION`, as for appointments); `what` names it in the sentence ("the organization's settings").
 * No `expectedVersion` means the caller (an integration, an older client) writes over whatever is there.
 */
export function requireUnchangedSince(
  entity: { version: number; lastWrite?: LastWrite; updatedBy?: string; updatedAt?: number },
  expectedVersion: number | undefined,
  ctx: CommandContext,
  what: string,
  timeZone?: string,
): void {
  if (expectedVersion === undefined || unchangedByOthersSince(entity, expectedVersion, ctx.clientId)) return;
  const when = entity.updatedAt ? ` at ${clockTime(entity.updatedAt, timeZone)}` : '';
  throw new CommandRefused(
    'STALE_VERSION',
    `${entity.updatedBy ?? 'Someone'} changed ${what}${when} after you last saw it; your change was not applied.`,
  );
}
