import {
  LIVE_APPOINTMENT_STATUSES,
  MAX_DURATION_MINUTES,
  officeTimeZone,
  schedulingWarnings,
  type SchedulingWarning,
} from '../../domain';
import type { ServerContext } from '../context';

/** Where a REST write would put a visit; what it leaves out stays as the appointment has it. */
export interface Placement {
  jobId?: string;
  /** The appointment being moved (it does not clash with itself); absent for a new one. */
  appointmentId?: string;
  technicianId?: string | null;
  start?: number;
  durationMinutes?: number;
}

const MINUTE = 60_000;
/** More clashing visits than this in one technician's window is not a schedule a warning could help with. */
const CLASH_SCAN_LIMIT = 500;

/**
 * The scheduling warnings for a visit an integration or a technician's app places through REST: the same
 * checks the console makes before a drop (domain/scheduling/warnings.ts), on the server's own data. They
 * never refuse the write (dispatchers overrule them): the route answers them beside the resource and
 * passes their codes to the command as `acknowledgedWarnings`, which records them in the activity.
 * Anything the command itself will refuse (no such job, technician or appointment) gives no warnings here.
 */
export async function warningsForPlacement(context: ServerContext, placement: Placement): Promise<SchedulingWarning[]> {
  const current = placement.appointmentId ? await context.store.getAppointment(placement.appointmentId) : undefined;
  if (placement.appointmentId && !current) return [];
  const jobId = placement.jobId ?? current?.jobId;
  const technicianId = placement.technicianId === undefined ? current?.technicianId : placement.technicianId;
  const start = placement.start ?? current?.start;
  const durationMinutes = placement.durationMinutes ?? current?.durationMinutes;
  if (!jobId || !technicianId || start === undefined || durationMinutes === undefined) return [];
  const [job, technician] = [await context.store.getJob(jobId), context.directory.user(technicianId)];
  if (!job || !technician || technician.organizationId !== job.organizationId) return [];
  const booked = await context.store.listAppointments({
    technicianIdIn: [technicianId],
    statusIn: [...LIVE_APPOINTMENT_STATUSES],
    // A visit that began up to the longest allowed duration earlier may still reach into this one.
    timeGt: start - MAX_DURATION_MINUTES * MINUTE,
    timeLt: start + durationMinutes * MINUTE,
    limit: CLASH_SCAN_LIMIT,
    offset: 0,
  });
  const timeZone = officeTimeZone(context.directory.organization(job.organizationId));
  return schedulingWarnings(
    { technician, start, durationMinutes, appointmentId: placement.appointmentId, job },
    booked.items,
    timeZone,
  );
}

/** The codes a command records as overruled, or nothing (the argument stays out of commands without warnings). */
export function acknowledged(warnings: readonly SchedulingWarning[]) {
  return warnings.length ? { acknowledgedWarnings: warnings.map((warning) => warning.code) } : {};
}
