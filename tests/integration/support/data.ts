import type { Appointment, Job } from '../../../domain';
import type { Change } from '../../../domain/protocol';

export const ORG_PROVIDER = 'org-coolair';
export const ORG_OTHER_PROVIDER = 'org-northstar';
export const ORG_ENTERPRISE = 'org-acme-warranty';
export const TECHNICIANS = Array.from({ length: 8 }, (_, index) => `u-tech${index + 1}`);

/** A weekday morning well inside the schema's 2000–2100 range, away from demo appointments. */
export const BASE_TIME = Date.UTC(2031, 2, 3, 14, 0, 0);
export const HOUR = 60 * 60 * 1000;

/** The latest value of every entity, as a client applying the changes in order would hold it. */
export interface Snapshot {
  jobs: Map<string, Job>;
  appointments: Map<string, Appointment>;
  byKind: Map<string, Map<string, unknown>>;
}

export function snapshotOf(changes: readonly Change[]): Snapshot {
  const byKind = new Map<string, Map<string, unknown>>();
  for (const change of changes) {
    let entities = byKind.get(change.kind);
    if (!entities) byKind.set(change.kind, (entities = new Map()));
    entities.set(change.id, change.data);
  }
  return {
    jobs: (byKind.get('job') ?? new Map()) as Map<string, Job>,
    appointments: (byKind.get('appointment') ?? new Map()) as Map<string, Appointment>,
    byKind,
  };
}

const LIVE = new Set(['scheduled', 'enroute', 'started']);

export function liveAppointmentsOf(snapshot: Snapshot, jobId: string): Appointment[] {
  return [...snapshot.appointments.values()].filter(
    (appointment) => appointment.jobId === jobId && LIVE.has(appointment.status),
  );
}

/** Accepted jobs (open) with no live appointment: the board's Unscheduled column. */
export function unscheduledJobs(snapshot: Snapshot, organizationId = ORG_PROVIDER): Job[] {
  return [...snapshot.jobs.values()].filter(
    (job) =>
      job.organizationId === organizationId &&
      job.lifecycle === 'open' &&
      liveAppointmentsOf(snapshot, job.id).length === 0,
  );
}

export function offeredJobs(snapshot: Snapshot, organizationId = ORG_PROVIDER): Job[] {
  return [...snapshot.jobs.values()].filter(
    (job) => job.organizationId === organizationId && job.lifecycle === 'offered',
  );
}

let unique = 0;
/** Ids the schemas accept and no demo row uses. */
export function uniqueId(prefix: string): string {
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${(++unique).toString(36)}`;
}

/** Arguments of `job.create` for a provider's own job (sourceId null), with a new customer. */
export function newJobArgs(organizationId = ORG_PROVIDER, jobId = uniqueId('job')) {
  return {
    jobId,
    organizationId,
    title: `Test job ${jobId}`,
    address: { street1: '1 Test Street', city: 'Testville', state: 'TX', timezone: 'America/Chicago' },
    customer: {
      id: uniqueId('cus'),
      firstName: 'Casey',
      lastName: 'Tester',
      phoneNumbers: [{ number: 'tel:+1-555-0100', primary: true }],
    },
  };
}

export function newAppointmentArgs(
  jobId: string,
  index = 0,
  technicianId: string | null = TECHNICIANS[index % TECHNICIANS.length],
) {
  return { id: uniqueId('apt'), jobId, technicianId, start: BASE_TIME + (index % 500) * HOUR, durationMinutes: 60 };
}
